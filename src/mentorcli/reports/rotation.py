"""`mentor schedule --rotate` as plain data: a fair rotation of weekly slots and its tally."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..errors import BadInput
from ..hours import format_hours
from ..overlap import Participant
from ..rotation import Rotation, fair_rotation
from ..stretch import NIGHT_WEIGHT
from ..zones import zone
from .schedule import check_minutes, check_range

MAX_WEEKS = 12


@dataclass(frozen=True)
class RotationView:
    """A rotation of `weeks` weeks from `first`, for the text view and for --json alike."""

    first: date
    weeks: int
    tz: str
    min_minutes: int
    participants: tuple[Participant, ...]
    rotation: Rotation

    def json(self) -> dict[str, Any]:
        shown = zone(self.tz)
        return {
            "from": self.first.isoformat(),
            "weeks": self.weeks,
            "tz": self.tz,
            "min_minutes": self.min_minutes,
            "night_weight": NIGHT_WEIGHT,
            "proven": self.rotation.proven,
            "participants": [
                {"name": p.name, "timezone": p.zone, "hours": format_hours(p.hours)}
                for p in self.participants
            ],
            "rotation": [
                {
                    "week": turn.week.isoformat(),
                    "start": turn.slot.start.astimezone(shown).isoformat(),
                    "end": turn.slot.end.astimezone(shown).isoformat(),
                    "minutes": (turn.slot.end - turn.slot.start) // timedelta(minutes=1),
                    "cost": turn.slot.total,
                    "people": {
                        p.name: {
                            "start": turn.slot.start.astimezone(zone(p.zone)).isoformat(),
                            "end": turn.slot.end.astimezone(zone(p.zone)).isoformat(),
                            "side": asked.side,
                            "pushed_minutes": asked.pushed,
                            "night_minutes": asked.night,
                            "cost": asked.cost,
                        }
                        for p in self.participants
                        for asked in [turn.slot.people[p.name]]
                    },
                }
                for turn in self.rotation.turns
            ],
            "tally": {
                name: {
                    "cost": tally.cost,
                    "pushed_minutes": tally.pushed,
                    "night_minutes": tally.night,
                    "weeks_outside": tally.weeks_outside,
                }
                for name, tally in self.rotation.tally.items()
            },
        }


def build_rotation(
    participants: Sequence[Participant],
    first: date,
    weeks: int,
    tz: str,
    min_minutes: int,
    days: int | None = None,
    recurring: bool = False,
    at: str | None = None,
) -> RotationView:
    """The fair rotation of `weeks` weeks from `first` 00:00 in `tz` (see rotation.py)."""
    given = {"--days": days is not None, "--recurring": recurring, "--at": at is not None}
    clashing = [option for option, present in given.items() if present]
    if clashing:
        raise BadInput(
            f"--rotate covers its own weeks and cannot be combined with {clashing[0]}: "
            "leave one of them out"
        )
    if not 2 <= weeks <= MAX_WEEKS:
        raise BadInput(
            f'bad --rotate "{weeks}": expected a whole number of weeks from 2 to {MAX_WEEKS}'
        )
    check_range(first, 7 * weeks)
    minutes = check_minutes(min_minutes)
    return RotationView(
        first,
        weeks,
        tz,
        minutes,
        tuple(participants),
        fair_rotation(participants, first, weeks, tz, minutes),
    )
