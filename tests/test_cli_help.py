"""`catalogue ... --help` as users expect: each parameter shown by a metavar (``DIR``, ``URL``, ``text|json``;
nothing for a flag, ``--help`` included), never Typer's type in brackets (``<str>``, ``<bool>``, ``<list[str]>``,
``<dir>``, ``{text|json}``), and a usage line in the usual form (``SOURCE``, ``[SOURCE]``, ``INPUTS...``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from catalogue.cli import app

BRACKETS = re.compile(r"[<>{}]")
TYPE_NAMES = re.compile(r"\b(str|bool|int|float|path|dir|file|datetime|uuid|choice)\b|list\[|tuple\[")
"""Typer's names of types, as its help shows them (a choice such as ``text|json`` is not one)."""
BRACKETED = re.compile(r"<[^<>\s]*>|\{[^{}\s]*\}")


def _subcommands(command: Any, context: Any) -> list[tuple[str, Any]]:
    names = command.list_commands(context) if hasattr(command, "list_commands") else []
    return [(name, command.get_command(context, name)) for name in names]


def _walk(command: Any, context: Any) -> Iterator[tuple[Any, Any]]:
    yield command, context
    for name, sub in _subcommands(command, context):
        yield from _walk(sub, sub.context_class(sub, info_name=name, parent=context))


def commands() -> list[tuple[list[str], Any, Any]]:
    root = typer.main.get_command(app)
    return [(context.command_path.split()[1:], command, context)
            for command, context in _walk(root, root.context_class(root, info_name="catalogue"))]


COMMANDS = commands()
IDS = [" ".join(["catalogue", *path]) for path, _, _ in COMMANDS]


def test_the_walk_finds_every_command_and_group():
    assert {"catalogue", "catalogue check", "catalogue build", "catalogue serve", "catalogue export dcat",
            "catalogue user role", "catalogue import spreadsheet"} <= set(IDS)
    assert len(IDS) == 37  # 5 groups (with the root), 32 commands


@pytest.mark.parametrize("path, command, context", COMMANDS, ids=IDS)
def test_every_parameter_shows_a_metavar_and_no_type(path, command, context):
    params = command.get_params(context)
    assert any("--help" in param.opts for param in params)
    for param in params:
        name = "/".join(param.opts)
        assert param.metavar is not None, f"{name}: no metavar of its own"
        if getattr(param, "is_flag", False):
            assert param.metavar == "", f"{name}: a flag shows no metavar"
        shown = param.display_type_rich(context) or ""
        record = param.get_help_record(context)
        for text in (shown, record[0] if record else ""):
            assert not BRACKETS.search(text), f"{name} shows {text!r}"
            assert not TYPE_NAMES.search(text), f"{name} shows a type name: {text!r}"
    usage = " ".join(command.collect_usage_pieces(context))
    assert not BRACKETS.search(usage), f"usage: {usage}"


@pytest.mark.parametrize("path, command, context", COMMANDS, ids=IDS)
def test_every_help_page_shows_no_type_in_brackets(path, command, context):
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    prose = " ".join([command.help or "", *(getattr(param, "help", None) or "" for param in command.params),
                      *(sub.help or "" for _, sub in _subcommands(command, context))])  # may say DIR/<dataset-id>
    stray = [token for token in BRACKETED.findall(result.output) if token not in prose]
    assert not stray, f"{' '.join(path)} --help shows {stray}:\n{result.output}"
