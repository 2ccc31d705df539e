"""The records mentorcli keeps, as frozen dataclasses; no I/O here."""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import ASYNC_CHANNELS


@dataclass(frozen=True)
class Person:
    """Someone who mentors, is mentored, or both: who they are, where and when they work."""

    id: int
    uid: str
    handle: str
    name: str
    email: str
    timezone: str
    hours: str
    sleep: str  # when they sleep on their own clock, as HH:MM-HH:MM every day
    skills: tuple[str, ...]
    channels: tuple[str, ...]
    note: str
    created_at: str
    updated_at: str
    holidays: str = ""  # a country code with its subdivision (BR, IN-KA, US-CA), or none
    busy: str = ""  # an .ics file or a folder of them, or none


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


@dataclass(frozen=True)
class Expectation:
    """Something mentor and mentee agreed to expect of each other, with its review date."""

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
    """What the mentee is working towards, and how far along it is."""

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


@dataclass(frozen=True)
class Action:
    """A follow-up someone in the pair took on, and whether it got done."""

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
    """Something to talk about at a coming session, until a session covers it."""

    id: int
    uid: str
    pair_id: int
    text: str
    covered_session_id: int | None
    created_at: str
    updated_at: str


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
