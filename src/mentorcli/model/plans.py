"""A session booked ahead."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlannedSession:
    """A session booked ahead: when, how long, how, what for; and its invitation's SEQUENCE."""

    id: int
    uid: str  # also the invitation's UID
    pair_id: int
    starts_at: str  # UTC ISO instant
    zone: str  # the zone it was planned in
    minutes: int
    channel: str
    agenda_note: str
    status: str  # planned, done or cancelled
    sequence: int  # the invitation's SEQUENCE: 0, then one more on every move and the cancel
    session_id: int | None  # the session that held it, once done
    created_at: str
    updated_at: str
