"""The root `mentor` app: global options, the command groups, and the entry point."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated

import typer

from .. import __version__
from .lazy import Entry, LazyGroup
from .runtime import runtime

# Every command and group: where it lives, and its help, whose first sentence `mentor --help`
# lists, in this order (tests/test_lazy_commands.py holds the help to the code's).
COMMANDS: Mapping[str, Entry] = {
    "log": (
        "mentorcli.cli.log",
        "log",
        "Record a session or async touchpoint, its notes and follow-ups, in one go.",
    ),
    "plan": (
        "mentorcli.cli.plan",
        "app",
        "Planned sessions: 'mentor plan PAIR --when DATETIME' books one; list, move, cancel.",
    ),
    "invite": (
        "mentorcli.cli.invite",
        "invite",
        "A planned session's invitation (.ics): a request, an update once moved, or a cancel.",
    ),
    "sessions": (
        "mentorcli.cli.sessions",
        "sessions",
        "List sessions and touchpoints, newest first: one pair's, or every pair's.",
    ),
    "search": (
        "mentorcli.cli.search",
        "search",
        "Search session notes, actions, goals and topics, best matches first.",
    ),
    "schedule": (
        "mentorcli.cli.schedule",
        "schedule",
        "Find when everyone is within working hours, day by day, across DST changes.",
    ),
    "agenda": (
        "mentorcli.cli.reports",
        "agenda",
        "The next session: when (both local times), follow-ups, goals, topics, reviews, recap.",
    ),
    "status": (
        "mentorcli.cli.reports",
        "status",
        "Every active pair at a glance, then what needs attention, most urgent first.",
    ),
    "away": (
        "mentorcli.cli.away",
        "app",
        "Time off: mentor away HANDLE FROM..TO [--note], away list, away remove ID.",
    ),
    "hours": (
        "mentorcli.cli.away",
        "hours",
        "Work other hours on one day: a shorter Friday, a Saturday session.",
    ),
    "recap": (
        "mentorcli.cli.recap",
        "recap",
        "A session's follow-up as an email (.eml) to the mentee: notes, actions, next session.",
    ),
    "remind": (
        "mentorcli.cli.remind",
        "remind",
        "What needs doing soon: sessions starting, actions and reviews due, pairs about to lapse.",
    ),
    "share": (
        "mentorcli.cli.share",
        "share",
        "Share a pair's record through a folder both of you see; private notes never go there.",
    ),
    "sync": (
        "mentorcli.cli.share",
        "sync",
        "Send what changed here to the shared folder and apply what the other side sent.",
    ),
    "join": (
        "mentorcli.cli.share",
        "join",
        "Start from a shared folder: the pair, both people and every shared record; sets me.",
    ),
    "undo": (
        "mentorcli.cli.undo",
        "undo",
        "Revert the last command of this device, showing what it reverts; asks on a terminal.",
    ),
    "export": (
        "mentorcli.cli.data",
        "export",
        "A pair's progress summary, a full backup (--all), or a coordinator's figures (--program).",
    ),
    "import": (
        "mentorcli.cli.data",
        "import_",
        "Merge a backup by uid: new records are added, newer ones replace older; all or nothing.",
    ),
    "calendar": (
        "mentorcli.cli.data",
        "calendar",
        "Upcoming sessions as iCalendar (.ics): an RRULE in the mentor's time zone.",
    ),
    "person": (
        "mentorcli.cli.person",
        "app",
        "People: their time zone, working hours, skills and preferences.",
    ),
    "pair": (
        "mentorcli.cli.pair",
        "app",
        "Pairs (mentorships): start, list, show, edit, pause, resume, end.",
    ),
    "expect": (
        "mentorcli.cli.expect",
        "app",
        "Expectations: what mentor and mentee agreed to expect of each other.",
    ),
    "goal": (
        "mentorcli.cli.goal",
        "app",
        "Goals: add them, track progress 0-100, mark them done or dropped.",
    ),
    "session": (
        "mentorcli.cli.sessions",
        "app",
        "One session: show it in full, edit it, or delete it.",
    ),
    "action": (
        "mentorcli.cli.action",
        "app",
        "Actions: commitments by mentor or mentee, with due dates.",
    ),
    "topic": ("mentorcli.cli.topic", "app", "Topics: queue items to talk about next time."),
    "config": (
        "mentorcli.cli.config",
        "app",
        "Settings: me, default_pair, tz, week_start, editor.",
    ),
    "db": (
        "mentorcli.cli.data",
        "db_app",
        "The database file: where it is, an online backup, an integrity check.",
    ),
}


class Root(LazyGroup):
    """mentor's commands: each module is imported only by a run that uses one of its commands."""

    table = COMMANDS


app = typer.Typer(
    name="mentor",
    cls=Root,
    help="Track remote mentoring: people and time zones, sessions, goals and follow-ups.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from ..render.output import say

        say(f"mentor {__version__}")
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


def main(argv: Sequence[str] | None = None) -> int:
    """The `mentor` console script."""
    import signal

    group = typer.main.get_command(app)
    code: int = group.main(argv, prog_name="mentor", standalone_mode=False)
    # The run is over and has said how it ended: a Ctrl-C now would only print a traceback
    # from the interpreter's shutdown.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return code
