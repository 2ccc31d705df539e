"""Commands are built only when a run uses them, and `--help` lists them all the same."""

from __future__ import annotations

import typer

from mentorcli.cli.app import app, commands
from mentorcli.cli.lazy import LazyCommands

from conftest import Run


def root() -> LazyCommands:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    assert isinstance(group.commands, LazyCommands)
    return group.commands


def test_building_the_root_builds_no_command() -> None:
    lazy = root()
    assert list(lazy) == [
        *(c.name for c in commands.registered_commands),
        *(g.name for g in commands.registered_groups),
    ]
    assert not any(lazy.is_built(name) for name in lazy)
    assert "status" in lazy and "nope" not in lazy
    assert lazy.get("status") is lazy.get("status")
    assert lazy.get("nope") is None
    assert [name for name in lazy if lazy.is_built(name)] == ["status"]


def test_outlines_say_what_the_built_commands_say() -> None:
    outlines = {name: root().outline(name) for name in root()}
    for name, command in root().items():
        outline = outlines[name]
        assert outline.get_short_help_str(60) == command.get_short_help_str(60), name
        assert outline.hidden == command.hidden


def test_root_help_lists_every_command_once(run: Run) -> None:
    outcome = run("--help")
    assert outcome.code == 0
    listed = outcome.out.split("Commands:", 1)[1].split()
    for name in root():
        assert name in listed, name
    assert run("stat").err.count("status") == 1
