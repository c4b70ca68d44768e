"""The ``catalogue`` command: check record folders, publish them as open standards, serve them.

Each command parses its options, calls the library, and prints; one module per group of commands:
``records`` (check, schema, load, dump), ``publish`` (build, validate, score), ``serve``, ``export``, ``users``
(the ``user`` and ``researcher`` groups) and ``imports`` (the ``import`` group). ``common`` holds what they share, ``help`` how
``--help`` shows their parameters. The libraries a command needs are imported when it runs: ``catalogue --help``
imports none of them (``tests/test_packaging.py``)."""

from __future__ import annotations

import typer

from catalogue.cli import publish, records, serve
from catalogue.cli.export import export_app
from catalogue.cli.help import Command, Group
from catalogue.cli.imports import import_app
from catalogue.cli.users import researchers_app, users_app

app = typer.Typer(
    cls=Group,
    help="Metadata catalogue for official statistics: check the record files, publish them as open standards.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for command in (records.check, records.schema, publish.build, records.load, records.dump, serve.serve,
                publish.validate, publish.score, records.upgrade):
    app.command(command.__name__, cls=Command)(command)
app.add_typer(export_app, name="export")
app.add_typer(users_app, name="user")
app.add_typer(researchers_app, name="researcher")
app.add_typer(import_app, name="import")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
