"""`mentor schedule --at` drawn as text: where one instant falls for each participant."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..labels import WEEKDAYS, day_label, duration_label
from ..zones import zone
from .text import visible

if TYPE_CHECKING:
    from rich.text import Text

    from ..moment import Standing
    from ..reports.moment import MomentView


def moment_view(view: MomentView) -> list[Text]:
    """A heading, then one line per participant in their own time."""
    from rich.text import Text

    heading = Text(
        f"At {day_label(view.at.date())} {view.at.year} {view.at:%H:%M} ({view.tz})",
        style="bold",
    )
    return [heading, *(Text(f"- {_said(s)}") for s in view.standings)]


_STATES = {
    "day off": "a day off",
    "away": "away",
    "holiday": "a public holiday",
    "busy": "busy in their calendar",
}


def _said(s: Standing) -> str:
    local = zone(s.zone)
    text = f"{visible(s.name)}: {WEEKDAYS[s.local.weekday()]} {s.local:%H:%M} in {s.zone}, "
    if s.state == "inside":
        text += "inside their hours"
    else:
        text += _STATES.get(s.state, "outside their hours")
        if s.note:
            text += f" ({visible(s.note)})"
        around = []
        if s.last_end is not None and s.minutes_since_end is not None:
            ended = s.last_end.astimezone(local)
            around.append(
                f"{duration_label(s.minutes_since_end)} after they stopped at {_at(ended, s)}"
            )
        if s.next_start is not None and s.minutes_until_start is not None:
            starts = s.next_start.astimezone(local)
            around.append(
                f"{duration_label(s.minutes_until_start)} before they start at {_at(starts, s)}"
            )
        if around:
            text += ": " + ", ".join(around)
    if s.skipped is not None:
        text += (
            f"; their clock has just jumped from {s.skipped[0]:%H:%M} to {s.skipped[1]:%H:%M}, "
            "so that time does not exist for them"
        )
    return text


def _at(moment: datetime, s: Standing) -> str:
    if moment.date() == s.local.date():
        return f"{moment:%H:%M}"
    return f"{WEEKDAYS[moment.weekday()]} {moment:%H:%M}"
