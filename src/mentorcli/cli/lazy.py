"""The root group: each command's module is imported, and the command built, when a run uses it."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import typer
from typer.core import TyperGroup
from typer.main import get_command

from .boundary import MentorGroup
from .vendored_click import Command, Context, HelpFormatter, make_default_short_help

# Where a command lives: its module, the attribute there (a Typer app for a group of
# commands, a function for a single command) and its help's first line.
Entry = tuple[str, str, str]


class LazyGroup(MentorGroup):
    """Click's documented "lazily loading subcommands" group, over a fixed table of commands.

    A run uses one command, yet importing every command module and having Typer build each
    command from its signature cost every run about 15 ms (docs/performance.md). Subclasses
    set `table`, command name to Entry, in the order `--help` lists them; every command in
    it is listed, none hidden. tests/test_lazy_commands.py checks that each entry's help
    says what the built command says.
    """

    table: ClassVar[Mapping[str, Entry]] = {}

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self._built: dict[str, Command] = {}
        # Code that reads click's `commands` attribute rather than calling get_command, such
        # as Typer's "Did you mean ...?" for a mistyped command, sees every command.
        self.commands = CommandsView(self)  # type: ignore[assignment]

    def list_commands(self, ctx: Context | None) -> list[str]:
        return list(self.table)

    def get_command(self, ctx: Context | None, cmd_name: str) -> Command | None:
        if cmd_name not in self.table:
            return None
        if cmd_name not in self._built:
            module, attribute, _ = self.table[cmd_name]
            found = getattr(importlib.import_module(module), attribute)
            self._built[cmd_name] = self._build(cmd_name, found)
        return self._built[cmd_name]

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """Click's listing, shortened as click shortens it, from the table alone."""
        limit = formatter.width - 6 - max(len(name) for name in self.table)
        rows = [
            (name, make_default_short_help(line, limit)) for name, (*_, line) in self.table.items()
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def _build(self, name: str, found: object) -> Command:
        """The click command, made by Typer's public `get_command` from a one-entry app."""
        # The one-entry app carries the root's settings to the command: plain help
        # (no Rich panels) is the root's `rich_markup_mode`, not each module app's default.
        holder = typer.Typer(add_completion=False, rich_markup_mode=self.rich_markup_mode)
        if isinstance(found, typer.Typer):
            holder.add_typer(found, name=name)
            group = get_command(holder)
            assert isinstance(group, TyperGroup)
            return group.commands[name]
        assert callable(found), f"{name}: neither a Typer app nor a function"
        holder.command(name)(found)  # an app of one command becomes that command
        return get_command(holder)


class CommandsView(Mapping[str, Command]):
    """A lazy group's commands by name; each is built when it is read."""

    def __init__(self, group: LazyGroup) -> None:
        self._group = group

    def __getitem__(self, name: str) -> Command:
        command = self._group.get_command(None, name)
        if command is None:
            raise KeyError(name)
        return command

    def __contains__(self, name: object) -> bool:
        return name in self._group.table  # Mapping's own check would build the command

    def __iter__(self) -> Iterator[str]:
        return iter(self._group.table)

    def __len__(self) -> int:
        return len(self._group.table)
