"""The root `mentor` app: global options, the command groups, and the entry point."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from .. import __version__
from . import (
    action,
    data,
    expect,
    goal,
    log,
    pair,
    person,
    reports,
    schedule,
    search,
    sessions,
    topic,
)
from .boundary import run_guarded
from .lazy import lazy_group
from .runtime import runtime

# The commands and groups, registered here and built into click commands only when a run
# uses them (see lazy.py): a run of one command no longer pays for building all of them.
commands = typer.Typer()

app = typer.Typer(
    name="mentor",
    cls=lazy_group(commands),
    help="Track remote mentoring: people and time zones, sessions, goals and follow-ups.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mentor {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    db: Annotated[
        str | None,
        typer.Option(
            "--db", envvar="MENTOR_DB", help="The database file (default: your user data folder)."
        ),
    ] = None,
    debug: Annotated[bool, typer.Option(help="Show a traceback for internal errors.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Track remote mentoring: people and time zones, sessions, goals and follow-ups."""
    runtime.reset(db, debug)


commands.add_typer(person.app, name="person")
commands.add_typer(pair.app, name="pair")
commands.add_typer(expect.app, name="expect")
commands.add_typer(goal.app, name="goal")
commands.command("log")(log.log)
commands.command("sessions")(sessions.sessions)
commands.add_typer(sessions.app, name="session")
commands.add_typer(action.app, name="action")
commands.add_typer(topic.app, name="topic")
commands.command("search")(search.search)
commands.command("schedule")(schedule.schedule)
commands.command("agenda")(reports.agenda)
commands.command("status")(reports.status)
commands.command("export")(data.export)
commands.command("import")(data.import_)
commands.command("calendar")(data.calendar)
commands.add_typer(data.db_app, name="db")


def main(argv: Sequence[str] | None = None) -> int:
    """The `mentor` console script."""
    command = typer.main.get_command(app)
    return run_guarded(command, argv, prog_name="mentor")
