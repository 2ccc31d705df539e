"""Why not this time? Where one instant falls in each participant's hours (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from mentorcli.overlap import (
    DAY,
    MINUTE,
    WEEK,
    Absence,
    Participant,
    available_micros,
    from_micros,
    offset_segments,
    to_micros,
)


@dataclass(frozen=True)
class Standing:
    """One participant at the instant, on their own clock.

    `state` is "inside" their hours, "outside" them, on a "day off" (a weekday their
    hours do not name, outside any span running past midnight), or the reason they are
    not available though their weekly hours say so: "away", "holiday" or "busy", with
    `note` saying more (the time off's note, the holiday's name). `last_end` and
    `next_start` are the nearest ends of their hours around the instant, within a week,
    in UTC. `skipped` is the wall-clock stretch their clock has just jumped over, when
    the instant falls in what would have been that stretch on the old clock.
    """

    name: str
    zone: str
    local: datetime
    state: str
    last_end: datetime | None
    next_start: datetime | None
    skipped: tuple[datetime, datetime] | None
    note: str = ""

    @property
    def minutes_since_end(self) -> int | None:
        """Whole minutes since their hours last ended (outside them only)."""
        if self.state == "inside" or self.last_end is None:
            return None
        return _minutes(to_micros(self.local) - to_micros(self.last_end))

    @property
    def minutes_until_start(self) -> int | None:
        """Whole minutes until their hours next start (outside them only)."""
        if self.state == "inside" or self.next_start is None:
            return None
        return _minutes(to_micros(self.next_start) - to_micros(self.local))


def explain_instant(participants: Sequence[Participant], instant: datetime) -> list[Standing]:
    """Where `instant` falls for each participant, in their order."""
    from mentorcli.zones import zone

    moment = to_micros(instant)
    result = []
    for p in participants:
        available = available_micros(p, moment - WEEK, moment + WEEK + 1)
        inside = any(a <= moment < b for a, b in available)
        last_end = max((b for _, b in available if b <= moment), default=None)
        next_start = min((a for a, _ in available if a > moment), default=None)
        local = from_micros(moment).astimezone(zone(p.zone))
        state, note = "inside", ""
        if not inside:
            named = any(local.weekday() in span.days for span in p.hours.spans)
            state = "outside" if named else "day off"
            why = _absence(p, moment)
            if why is not None:
                state, note = why.kind, why.note
        result.append(
            Standing(
                p.name,
                p.zone,
                local,
                state,
                None if inside or last_end is None else from_micros(last_end),
                None if inside or next_start is None else from_micros(next_start),
                _skipped(p.zone, moment),
                note,
            )
        )
    return result


# When reasons overlap, the one a person chose comes first.
_REASONS = ("away", "holiday", "busy")


def _absence(p: Participant, moment: int) -> Absence | None:
    """Why `p` is not available at `moment`, when time off, a holiday or a busy time is why."""
    found = [a for a in p.absences if a.start <= moment < a.end]
    return min(found, key=lambda a: _REASONS.index(a.kind), default=None)


def _skipped(zone: str, moment: int) -> tuple[datetime, datetime] | None:
    """The wall times skipped by the latest forward jump, if `moment` is within its length."""
    segments = offset_segments(zone, moment // DAY - 2, moment // DAY + 2)
    for (_, _, before), (change, _, after) in pairwise(segments):
        if after > before and change <= moment < change + (after - before):
            return _wall(change + before), _wall(change + after)
    return None


def _wall(micros: int) -> datetime:
    return from_micros(micros).replace(tzinfo=None)


def _minutes(micros: int) -> int:
    return -(-micros // MINUTE)
