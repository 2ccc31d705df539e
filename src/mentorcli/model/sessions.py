"""A session a pair held."""

from __future__ import annotations

from dataclasses import dataclass

from ..vocabulary import ASYNC_CHANNELS


@dataclass(frozen=True)
class Session:
    """A session or asynchronous touchpoint of a pair: when, how, how it went, the notes."""

    id: int
    uid: str
    pair_id: int
    started_at: str
    zone: str
    minutes: int | None
    channel: str
    notes: str
    rapport: int | None
    engagement: int | None
    tech_issue: str
    created_at: str
    updated_at: str
    private_notes: str  # this database's own: never synced or sent to anyone

    @property
    def asynchronous(self) -> bool:
        return self.channel in ASYNC_CHANNELS
