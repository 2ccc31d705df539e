"""Commands are built only when a run uses them, and `--help` lists them all the same."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from typer.core import TyperGroup

from mentorcli.cli.app import Root, app
from mentorcli.cli.vendored_click import make_default_short_help
from seed_helpers import history

from conftest import Run, complete


def root() -> TyperGroup:
    group = typer.main.get_command(app)
    assert isinstance(group, Root)
    return group


def loaded_after(*argv: str) -> set[str]:
    """The modules a fresh interpreter has imported once `mentor ARGV` has run."""
    script = (
        "import sys\n"
        "from mentorcli.cli.app import main\n"
        f"main({list(argv)!r})\n"
        "print(' '.join(sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.rsplit("\n", 2)[-2].split())


COMMAND_MODULES = {module for module, _, _ in Root.table.values()}


def test_help_imports_no_command_module() -> None:
    assert not COMMAND_MODULES & loaded_after("--help")
    assert COMMAND_MODULES & loaded_after("status", "--help") == {"mentorcli.cli.reports"}


def test_building_the_root_builds_no_command() -> None:
    group = root()
    ctx = typer.Context(group)
    assert group.list_commands(ctx) == list(Root.table)
    assert list(group.commands) == list(Root.table)
    assert "status" in group.commands and "nope" not in group.commands
    assert not group._built  # the checks above built nothing
    assert group.get_command(ctx, "status") is group.get_command(ctx, "status")
    assert group.get_command(ctx, "nope") is None
    assert list(group._built) == ["status"]


def test_the_table_says_what_the_built_commands_say() -> None:
    group = root()
    for name, (_, _, help_line) in Root.table.items():
        command = group.commands[name]
        assert command.name == name
        assert command.get_short_help_str(60) == make_default_short_help(help_line, 60), name
        assert not command.hidden and not command.deprecated, name


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_help_lists_what_click_lists_from_the_built_commands(width: int) -> None:
    group = root()
    ctx = typer.Context(group, terminal_width=width)
    from_table, from_commands = ctx.make_formatter(), ctx.make_formatter()
    group.format_commands(ctx, from_table)
    TyperGroup.format_commands(group, ctx, from_commands)  # click's own: builds every command
    assert from_table.getvalue() == from_commands.getvalue()


def test_root_help_lists_every_command_once(run: Run) -> None:
    outcome = run("--help")
    assert outcome.code == 0
    rows = outcome.out.split("Commands:", 1)[1].splitlines()
    listed = [row.split()[0] for row in rows if row.startswith("  ") and not row[2].isspace()]
    assert listed == list(Root.table)


def test_an_unknown_command_gets_a_suggestion(run: Run) -> None:
    outcome = run("stat")
    assert outcome.code == 2
    assert "No such command 'stat'. Did you mean 'status'?" in outcome.err
    assert outcome.err.count("status") == 1


def test_shell_completion_offers_command_names() -> None:
    assert complete("mentor ") == list(Root.table)
    assert complete("mentor se") == ["sessions", "search", "session"]
    assert complete("mentor person l") == ["list"]


def test_only_markdown_output_loads_the_markdown_parser(people: Run) -> None:
    history(people)  # sessions with notes
    assert "markdown_it" not in loaded_after("status")
    assert "markdown_it" not in loaded_after("agenda", "rui/ana")
    assert "markdown_it" in loaded_after("agenda", "rui/ana", "--markdown")
    # Notes of plain prose, headings and items are written without it.
    assert "markdown_it" not in loaded_after("export", "rui/ana")
    assert people("log", "rui/ana", "--notes", "a *formatted* note").code == 0
    assert "markdown_it" in loaded_after("export", "rui/ana")
