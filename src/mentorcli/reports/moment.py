"""`mentor schedule --at` as plain data: one instant explained for each participant."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..moment import Standing, explain_instant
from ..overlap import Participant
from ..zones import zone


@dataclass(frozen=True)
class MomentView:
    """Where one instant falls for everyone, for the table and for --json alike."""

    at: datetime
    tz: str
    standings: tuple[Standing, ...]

    def json(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "tz": self.tz,
            "participants": [_standing_json(s) for s in self.standings],
        }


def build_moment(participants: Sequence[Participant], at: datetime, tz: str) -> MomentView:
    """The instant `at` (read in the display zone `tz`) for each participant."""
    return MomentView(at.astimezone(zone(tz)), tz, tuple(explain_instant(participants, at)))


def _standing_json(s: Standing) -> dict[str, Any]:
    local = zone(s.zone)
    return {
        "name": s.name,
        "timezone": s.zone,
        "local": s.local.isoformat(),
        "state": s.state,
        "note": s.note,
        "last_end": s.last_end.astimezone(local).isoformat() if s.last_end else None,
        "next_start": s.next_start.astimezone(local).isoformat() if s.next_start else None,
        "minutes_since_end": s.minutes_since_end,
        "minutes_until_start": s.minutes_until_start,
        "clock_skipped": None
        if s.skipped is None
        else {"from": s.skipped[0].isoformat(), "to": s.skipped[1].isoformat()},
    }
