"""Argument types and helpers shared by several command groups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

import typer

from ..errors import BadInput
from ..services.checks import SQLITE_MAX_INT
from .runtime import runtime


def complete_handle(incomplete: str) -> list[str]:
    """Handles for shell completion; nothing (and no new file) when there is no database."""
    if not runtime.db_path.exists():
        return []
    try:
        return runtime.store().people.handles(incomplete)
    except Exception:
        return []
    finally:
        runtime.close()


def complete_pair(incomplete: str) -> list[str]:
    if not runtime.db_path.exists():
        return []
    try:
        from ..services.lookup import current_refs

        return [ref for ref in current_refs(runtime.store()) if ref.startswith(incomplete)]
    except Exception:
        return []
    finally:
        runtime.close()


def complete_zone(incomplete: str) -> list[str]:
    """IANA zone names for completion, matched without regard to case."""
    from zoneinfo import available_timezones

    typed = incomplete.lower()
    return sorted(z for z in available_timezones() if z.lower().startswith(typed))


def _words(*words: str) -> Callable[[str], list[str]]:
    return lambda incomplete: [w for w in words if w.startswith(incomplete)]


def complete_channel(incomplete: str) -> list[str]:
    from ..vocabulary import CHANNELS

    return [c for c in CHANNELS if c.startswith(incomplete)]


complete_cadence = _words("weekly", "every 2 weeks", "monthly", "every 2 months")


def complete_pair_status(incomplete: str) -> list[str]:
    from ..vocabulary import PAIR_STATUSES

    return [s for s in PAIR_STATUSES if s.startswith(incomplete)]


def complete_action_status(incomplete: str) -> list[str]:
    from ..vocabulary import ACTION_STATUSES

    return [s for s in ACTION_STATUSES if s.startswith(incomplete)]


def _complete_ids(table: str) -> Any:
    """Ids of the records of one kind for completion, the newest first, with their text."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        if not runtime.db_path.exists():
            return []
        try:
            found = getattr(runtime.store(), table).recent_ids(incomplete)
        except Exception:
            return []
        finally:
            runtime.close()
        return [(str(record_id), label) for record_id, label in found]

    return complete


PairRef = Annotated[
    str,
    typer.Argument(
        metavar="PAIR",
        help="MENTOR/MENTEE handles, the pair's id, or one handle in exactly one active pair.",
        autocompletion=complete_pair,
    ),
]
SomePair = Annotated[
    str | None,
    typer.Argument(
        metavar="[PAIR]",
        help="Only this pair (default: every pair).",
        autocompletion=complete_pair,
    ),
]
MaybePair = Annotated[
    str | None,
    typer.Argument(
        metavar="[PAIR]",
        help="MENTOR/MENTEE, the pair's id, or one handle (default: the default_pair setting, "
        "else your one pair).",
        autocompletion=complete_pair,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


def me(text: str) -> str:
    """A handle as typed, with `me` standing for the `me` setting."""
    if text.strip().lower() != "me":
        return text
    mine = runtime.config().me
    if not mine:
        raise BadInput("'me' stands for your handle once it is set: mentor config set me HANDLE")
    return mine


def pair_named(text: str | None) -> str:
    """A pair reference as the services read it: `me` replaced by my handle, and with none
    given, the default_pair setting, else my handle (which names my one pair)."""
    if text is not None:
        return "/".join(me(part) for part in text.split("/")) if "/" in text else me(text)
    config = runtime.config()
    if config.get("default_pair"):
        return config.get("default_pair")
    if config.me:
        return config.me
    raise BadInput(
        "name a PAIR (MENTOR/MENTEE, an id, or a handle), or set one for every command: "
        "mentor config set default_pair PAIR (or: mentor config set me HANDLE)"
    )


# The table of each kind of record, for completing its ids.
TABLES = {
    "goal": "goals",
    "action": "actions",
    "topic": "topics",
    "session": "sessions",
    "expectation": "expectations",
    "planned session": "plans",
    "time off": "time_off",
}


def record_id(noun: str) -> Any:
    """The ID argument of a record of one kind; an id past SQLite's integers is bad input."""
    return typer.Argument(
        metavar="ID",
        max=SQLITE_MAX_INT,
        help=f"The {noun}'s id.",
        autocompletion=_complete_ids(TABLES[noun]),
    )


def whole(**options: Any) -> Any:
    """A whole-number option SQLite can hold."""
    return typer.Option(max=SQLITE_MAX_INT, **options)


On = Annotated[
    str | None, typer.Option(help="The day it happened, e.g. yesterday (default today).")
]


def on_day(text: str | None) -> str:
    """The day something happened: today, or a past day the user names (never a future one,
    so a record typed in after the fact gets its true date and nothing is dated ahead)."""
    today = local_today().isoformat()
    day = parse_day(text, past=True) or today
    if day > today:
        raise BadInput(f"{text!r} is in the future; give the day it happened")
    return day


Due = Annotated[str | None, typer.Option(help="A new due date, e.g. fri or 2026-12-01.")]
NoDue = Annotated[bool, typer.Option("--no-due", help="Take the due date away.")]


def due_change(due: str | None, no_due: bool) -> str | None:
    """--due or --no-due as a change: an ISO date, "" to clear it, None to keep it."""
    if due is not None and no_due:
        raise BadInput("give --due DATE or --no-due, not both")
    return "" if no_due else parse_day(due)


def split_list(text: str | None) -> tuple[str, ...] | None:
    """`a, b,c` as a tuple of trimmed, non-empty items (None stays None)."""
    if text is None:
        return None
    return tuple(item.strip() for item in text.split(",") if item.strip())


def local_today() -> date:
    from ..zones import zone

    return runtime.now().astimezone(zone(runtime.local_zone())).date()


def parse_day(text: str | None, *, past: bool = False) -> str | None:
    """A date the user typed, as ISO text (None stays None)."""
    if text is None:
        return None
    from ..when import parse_date

    week_start = runtime.config().week_start if "eow" in text.lower() else 0
    return parse_date(text, local_today(), past=past, week_start=week_start).isoformat()


def confirm(question: str, assume_yes: bool, *, required: bool = False) -> None:
    """Ask on a terminal before destroying data; refuse (exit 2) if the answer is no. With
    `required`, a run with no terminal to ask on needs --yes."""
    if assume_yes:
        return
    if not runtime.interactive():
        if required:
            raise BadInput("no terminal to confirm on; add --yes to go ahead")
        return
    from ..render.text import visible

    if not typer.confirm(visible(question), default=False, err=True):
        raise BadInput("nothing was changed (answered no)")
