"""The root `mentor` app: global options, the command groups, and the entry point."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from .. import __version__
from . import pair, person, schedule
from .boundary import MentorGroup, run_guarded
from .runtime import runtime

app = typer.Typer(
    name="mentor",
    cls=MentorGroup,
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


app.add_typer(person.app, name="person")
app.add_typer(pair.app, name="pair")
app.command("schedule")(schedule.schedule)


def main(argv: Sequence[str] | None = None) -> int:
    """The `mentor` console script."""
    command = typer.main.get_command(app)
    return run_guarded(command, argv, prog_name="mentor")
