"""The root group's commands, each turned into a click command only when a run uses it."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any

import typer
from typer import _click
from typer.core import TyperCommand
from typer.main import (
    get_command_from_info,
    get_command_name,
    get_group_from_info,
    solve_typer_info_defaults,
)
from typer.models import TyperInfo

from .boundary import MentorGroup

Build = Callable[[], _click.Command]


class Entry:
    """How to build a command, and its outline: what `--help` lists, without building it.
    (A plain class: a dataclass costs every run a little to define.)"""

    __slots__ = ("build", "outline")

    def __init__(self, build: Build, outline: Callable[[], _click.Command]) -> None:
        self.build = build
        self.outline = outline


class LazyCommands(MutableMapping[str, _click.Command]):
    """Commands by name, in the order they were registered; each is built on first access.

    Typer makes a click command by inspecting its function's signature and evaluating every
    annotation. Done for all of mentor's commands on every run, that was about a quarter of
    every command's start-up (docs/performance.md measures it); a run needs one command, and
    only completion of command names and the tests walk them all.
    """

    def __init__(self, built: Mapping[str, _click.Command], entries: dict[str, Entry]) -> None:
        self._built = dict(built)
        self._builders = {name: e for name, e in entries.items() if name not in built}
        self._order = [*self._built, *self._builders]

    def __getitem__(self, name: str) -> _click.Command:
        if name not in self._built:
            self._built[name] = self._builders.pop(name).build()
        return self._built[name]

    def is_built(self, name: str) -> bool:
        return name in self._built

    def outline(self, name: str) -> _click.Command:
        """The command if it is built, else a stand-in with its help text and flags only."""
        if name in self._builders:
            return self._builders[name].outline()
        return self[name]

    def __contains__(self, name: object) -> bool:
        return name in self._built or name in self._builders

    def __setitem__(self, name: str, command: _click.Command) -> None:
        if name not in self:
            self._order.append(name)
        self._builders.pop(name, None)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._builders.pop(name, None)
        self._built.pop(name, None)
        self._order.remove(name)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)


def entries(registry: typer.Typer, rich_markup_mode: Any) -> dict[str, Entry]:
    """Each command and group registered on `registry`, by name."""
    found: dict[str, Entry] = {}
    short = registry.pretty_exceptions_short
    for command in registry.registered_commands:
        assert command.callback is not None
        name = command.name or get_command_name(command.callback.__name__)
        found[name] = Entry(
            build=lambda command=command: get_command_from_info(  # type: ignore[misc]
                command, pretty_exceptions_short=short, rich_markup_mode=rich_markup_mode
            ),
            outline=lambda command=command, name=name: TyperCommand(  # type: ignore[misc]
                name,
                help=command.help or inspect.getdoc(command.callback),
                short_help=command.short_help,
                hidden=command.hidden,
                deprecated=command.deprecated,
            ),
        )
    for group in registry.registered_groups:
        assert isinstance(group.name, str), "every command group is registered with a name"
        found[group.name] = Entry(
            build=lambda group=group: get_group_from_info(  # type: ignore[misc]
                group,
                pretty_exceptions_short=short,
                rich_markup_mode=rich_markup_mode,
                suggest_commands=registry.suggest_commands,
            ),
            outline=lambda group=group: _group_outline(group),  # type: ignore[misc]
        )
    return found


def _group_outline(group: TyperInfo) -> _click.Command:
    solved = solve_typer_info_defaults(group)
    return TyperCommand(
        solved.name,
        help=solved.help,
        short_help=solved.short_help,
        hidden=bool(solved.hidden),
        deprecated=bool(solved.deprecated),
    )


def lazy_group(registry: typer.Typer) -> type[MentorGroup]:
    """The root group class: its own commands, then those of `registry`, built when used."""

    class LazyGroup(MentorGroup):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.commands = LazyCommands(self.commands, entries(registry, self.rich_markup_mode))

        def list_commands(self, ctx: _click.Context) -> list[str]:
            return list(self.commands)

        def format_commands(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
            """Click's listing, from outlines, so `mentor --help` builds no command."""
            assert isinstance(self.commands, LazyCommands)
            outlines = [(name, self.commands.outline(name)) for name in self.list_commands(ctx)]
            shown = [(name, command) for name, command in outlines if not command.hidden]
            if shown:
                limit = formatter.width - 6 - max(len(name) for name, _ in shown)
                with formatter.section("Commands"):
                    formatter.write_dl([(n, c.get_short_help_str(limit)) for n, c in shown])

    return LazyGroup
