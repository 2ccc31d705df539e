"""A mentorship between two people."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pair:
    """A mentorship: who mentors whom, how often and how, and how it stands."""

    id: int
    uid: str
    mentor: str
    mentee: str
    mentor_id: int
    mentee_id: int
    status: str
    focus: str
    cadence: str
    channel: str
    start_date: str
    end_date: str | None
    created_at: str
    updated_at: str
    end_reason: str  # why it ended, when it did
    paused_on: str | None  # the day it was paused, while it is

    @property
    def ref(self) -> str:
        return f"{self.mentor}/{self.mentee}"
