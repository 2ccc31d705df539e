"""The records mentorcli keeps, as frozen dataclasses; no I/O here."""

from __future__ import annotations

from dataclasses import dataclass

PAIR_STATUSES = ("proposed", "active", "paused", "completed", "ended")
CHANNELS = ("video", "call", "chat", "email", "doc", "in-person")
ASYNC_CHANNELS = frozenset({"chat", "email", "doc"})
EXPECTATION_TOPICS = (
    "cadence",
    "channel",
    "response-time",
    "roles",
    "confidentiality",
    "logistics",
    "other",
)
GOAL_STATUSES = ("open", "achieved", "dropped")
ACTION_STATUSES = ("open", "done", "dropped")
OWNERS = ("mentor", "mentee")


@dataclass(frozen=True)
class Person:
    id: int
    uid: str
    handle: str
    name: str
    email: str
    timezone: str
    hours: str
    skills: tuple[str, ...]
    channels: tuple[str, ...]
    note: str
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Pair:
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

    @property
    def ref(self) -> str:
        return f"{self.mentor}/{self.mentee}"


@dataclass(frozen=True)
class Expectation:
    id: int
    uid: str
    pair_id: int
    topic: str
    text: str
    agreed_on: str
    review_on: str | None
    state: str
    superseded_by: int | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Goal:
    id: int
    uid: str
    pair_id: int
    title: str
    detail: str
    status: str
    progress: int
    due_on: str | None
    achieved_on: str | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Session:
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

    @property
    def asynchronous(self) -> bool:
        return self.channel in ASYNC_CHANNELS


@dataclass(frozen=True)
class Action:
    id: int
    uid: str
    pair_id: int
    owner: str
    text: str
    due_on: str | None
    status: str
    session_id: int | None
    done_on: str | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Topic:
    id: int
    uid: str
    pair_id: int
    text: str
    covered_session_id: int | None
    created_at: str
    updated_at: str
