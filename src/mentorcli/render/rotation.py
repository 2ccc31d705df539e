"""`mentor schedule --rotate` drawn as text: one line per week, then each person's tally."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..labels import WEEKDAYS, day_label, duration_label
from ..stretch import NIGHT_WEIGHT, PersonStretch
from ..zones import zone
from .text import visible

if TYPE_CHECKING:
    from datetime import datetime

    from rich.text import Text

    from ..reports.rotation import RotationView


def rotation_view(view: RotationView) -> list[Text]:
    """A heading, one line per week with what it asks of each person, then the tally."""
    from rich.text import Text

    names = ", ".join(visible(p.name) for p in view.participants)
    last = view.first + timedelta(days=7 * view.weeks - 1)
    parts = [
        Text(f"A fair rotation for {names}", style="bold"),
        Text(
            f"{view.weeks} weeks from {day_label(view.first)} {view.first.year} to "
            f"{day_label(last)} {last.year}, one {duration_label(view.min_minutes)} slot a "
            f"week, times in {view.tz}"
        ),
    ]
    shown = zone(view.tz)
    for number, turn in enumerate(view.rotation.turns, 1):
        start = turn.slot.start.astimezone(shown)
        line = Text(
            f"\nWeek {number}: {_clock(start, turn.slot.end.astimezone(shown), None)}: ",
            style="bold",
        )
        said = []
        for p in view.participants:
            local = _clock(
                turn.slot.start.astimezone(zone(p.zone)),
                turn.slot.end.astimezone(zone(p.zone)),
                start.date(),
            )
            said.append(f"{visible(p.name)} {local} {_asked(turn.slot.people[p.name])}")
        line.append("; ".join(said), style="")
        parts.append(line)
    parts.append(
        Text(
            f"\nTally: minutes pushed outside their own hours, each night minute counting "
            f"{NIGHT_WEIGHT} more",
            style="bold",
        )
    )
    for name, tally in view.rotation.tally.items():
        text = f"- {visible(name)}: {duration_label(tally.cost)}"
        if tally.night:
            pushed, night = duration_label(tally.pushed), duration_label(tally.night)
            text += f" ({pushed} pushed, {night} at night)"
        text += f", outside their hours in {tally.weeks_outside} of {view.weeks} weeks"
        parts.append(Text(text))
    if not view.rotation.proven:
        parts.append(
            Text("\nThe fairest rotation found, not proven fairest: too many to compare exactly.")
        )
    return parts


def _asked(asked: PersonStretch) -> str:
    """What a week's slot asks of one person: `(3 h early, 30 min at night)`."""
    if asked.side == "inside":
        return "(within their hours)"
    pushed = duration_label(asked.pushed)
    what = {
        "early": f"{pushed} early",
        "late": f"{pushed} late",
        "day off": "on a day off",
    }.get(asked.side, f"{pushed} from their hours")
    if asked.night:
        what += f", {duration_label(asked.night)} at night"
    return f"({what})"


def _clock(start: datetime, end: datetime, reference: date | None) -> str:
    """`Tue 21:00-21:30`: the weekday shown without a reference or where the day differs."""
    first = f"{start:%H:%M}"
    if reference is None:
        first = f"{day_label(start.date())} {first}"
    elif start.date() != reference:
        first = f"{WEEKDAYS[start.weekday()]} {first}"
    if end.date() == start.date() or f"{end:%H:%M}" == "00:00":
        return f"{first}-{end:%H:%M}".replace("-00:00", "-24:00")
    return f"{first}-{WEEKDAYS[end.weekday()]} {end:%H:%M}"
