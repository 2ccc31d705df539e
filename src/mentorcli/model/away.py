"""Time away: a stretch a person is off, or one day on which they work other hours."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TimeOff:
    """A stretch a person is away (whole days in their zone, or two instants), or, with
    `hours`, one day on which they work other hours (`starts` is that day)."""

    id: int
    uid: str
    person_id: int
    starts: str  # an ISO date (whole days, inclusive) or a UTC instant
    ends: str
    hours: str | None
    note: str
    created_at: str
    updated_at: str

    @property
    def whole_days(self) -> bool:
        return "T" not in self.starts
