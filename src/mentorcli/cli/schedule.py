"""`mentor schedule`: when can these people meet? Shared working hours across time zones."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..render.output import emit
from .common import JsonFlag, complete_handle, pair_named
from .runtime import runtime

if TYPE_CHECKING:
    from datetime import date

Who = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[WHO]...",
        help="People (handles, 'me') or pairs (MENTOR/MENTEE or an id); a pair means both "
        "people. One handle alone means that person's one active pair; none, your default pair.",
        autocompletion=complete_handle,
    ),
]
Zones = Annotated[
    list[str] | None,
    typer.Option(
        "--zone",
        metavar="SPEC",
        help='Someone not stored, as "[LABEL=]ZONE [HOURS]", e.g. "ops=Asia/Tokyo sun-thu '
        '22:00-06:00"; hours default to 09:00-17:00. Repeatable.',
    ),
]
From = Annotated[
    str | None,
    typer.Option(
        "--from", metavar="DATE", help="First day, e.g. 2026-03-02 or mon (default today)."
    ),
]
Days = Annotated[
    int | None,
    typer.Option(metavar="N", help="How many days to look at, 1 to 366 (default 7)."),
]
Minimum = Annotated[
    int, typer.Option("--min", metavar="MINUTES", help="Shortest window worth showing.")
]
Display = Annotated[
    str | None,
    typer.Option("--tz", metavar="ZONE", help="Show times in this zone (default the machine's)."),
]
At = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="DATETIME",
        help='Explain one moment for each participant instead, e.g. "2026-03-10 15:00" '
        "in the display zone.",
    ),
]
Busy = Annotated[
    list[str] | None,
    typer.Option(
        "--busy",
        metavar="NAME=PATH",
        help="A busy calendar for this run: an .ics file or a folder of them, for a handle "
        "or --zone label, e.g. ana=~/cal/work.ics. Repeatable.",
    ),
]
Buffer = Annotated[
    int,
    typer.Option(
        "--buffer", metavar="MINUTES", help="Keep this gap before and after every busy time."
    ),
]
Recurring = Annotated[
    bool,
    typer.Option("--recurring", help="Also find weekly slots that hold in every week."),
]

Rotate = Annotated[
    int | None,
    typer.Option(
        "--rotate",
        metavar="WEEKS",
        help="Propose one slot a week for WEEKS weeks (2 to 12) from --from, taking turns "
        "at who is inconvenienced, with each person's tally.",
    ),
]


def schedule(
    who: Who = None,
    zone: Zones = None,
    from_: From = None,
    days: Days = None,
    min_minutes: Minimum = 30,
    tz: Display = None,
    recurring: Recurring = False,
    at: At = None,
    busy: Busy = None,
    buffer: Buffer = 0,
    rotate: Rotate = None,
    json: JsonFlag = False,
) -> None:
    """Find when everyone is within working hours, day by day, across DST changes."""
    from ..reports.schedule import ScheduleRequest, find_times
    from ..when import parse_datetime
    from ..zones import resolve_zone

    shown = resolve_zone(tz) if tz else runtime.config().get("tz") or runtime.local_zone()
    first = _first_day(from_, shown)
    usual = not zone and (runtime.config().get("default_pair") or runtime.config().me)
    asked: list[str | None] = [*(who or ())] or ([None] if usual else [])
    moment = parse_datetime(at, runtime.now(), shown) if at is not None else None
    ask = (first, days, shown, min_minutes, recurring, moment, tuple(busy or ()), buffer, not json)
    request = ScheduleRequest(*ask, rotate=rotate)
    emit(find_times([pair_named(w) for w in asked], zone or [], runtime.store, request), json=json)


def _first_day(text: str | None, shown: str) -> date:
    """--from read on the display zone's calendar; today there when not given."""
    from ..when import parse_date
    from ..zones import zone

    today = runtime.now().astimezone(zone(shown)).date()
    return parse_date(text, today) if text is not None else today
