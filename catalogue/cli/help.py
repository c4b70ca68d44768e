"""What ``--help`` shows of each parameter: its metavar (``DIR``, ``URL``, ``text|json``; nothing for a flag),
never Typer's type in brackets (``<str>``, ``<bool>``, ``<dir>``).

Every command is made with ``cls=Command`` and every group with ``cls=Group``: ``--help`` is then a flag like the
others, and an argument is named by its metavar alone, as the usage line says it (``SOURCE``, ``[SOURCE]``,
``INPUTS...``), its help telling what it is."""

from __future__ import annotations

from typing import Any

from typer import _click
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption


class Argument(TyperArgument):
    """An argument shown by its metavar, with no type beside it; in the usage line in brackets when it may be left
    out, and followed by ``...`` when it may be repeated."""

    def display_type_rich(self, ctx: _click.Context) -> str | None:
        return None

    def get_usage_pieces(self, ctx: _click.Context) -> list[str]:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return [name + ("..." if self.nargs != 1 else "")]


def _shown_by_metavar(params: list[_click.Parameter]) -> None:
    for param in params:
        if type(param) is TyperArgument:  # Typer makes its own: given the display of this module
            param.__class__ = Argument


def _flag(option: TyperOption | None) -> TyperOption | None:
    if option is not None:
        option.metavar = ""
    return option


class Command(TyperCommand):
    """A command whose arguments and ``--help`` are shown as this module says."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _shown_by_metavar(self.params)

    def get_help_option(self, ctx: _click.Context) -> TyperOption | None:
        return _flag(super().get_help_option(ctx))


class Group(TyperGroup):
    """A group of commands whose ``--help`` is shown as a flag."""

    def get_help_option(self, ctx: _click.Context) -> TyperOption | None:
        return _flag(super().get_help_option(ctx))
