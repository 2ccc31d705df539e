"""The progress summary of one pair (`mentor export PAIR`): plain data, no printing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import pairwise
from typing import TYPE_CHECKING

from ..cadence import parse_cadence
from ..model.agreement import Expectation, Goal
from ..model.followups import Action
from ..model.pairs import Pair
from ..model.people import Person
from ..when import from_utc_iso as instant
from .agenda import LocalTime, both_clocks
from .status import trend

if TYPE_CHECKING:
    from ..store.reports import PairRecords

# An interval between touchpoints keeps the cadence when it is at most this many periods long.
KEPT_FACTOR = 1.25


@dataclass(frozen=True)
class PersonBrief:
    handle: str
    name: str
    timezone: str
    hours: str

    @classmethod
    def of(cls, person: Person) -> PersonBrief:
        return cls(person.handle, person.name, person.timezone, person.hours)


@dataclass(frozen=True)
class TimelineEntry:
    id: int
    started_at: str  # UTC ISO
    local: tuple[LocalTime, LocalTime]  # mentor's clock, mentee's clock
    minutes: int | None
    channel: str
    asynchronous: bool
    rapport: int | None
    engagement: int | None
    tech_issue: str
    notes: str


@dataclass(frozen=True)
class Figures:
    sessions: int
    hours: float
    asynchronous: int
    async_share: float | None  # 0..1
    intervals: int  # gaps between consecutive touchpoints
    intervals_kept: int  # of those, within KEPT_FACTOR x the cadence
    cadence_kept: float | None  # 0..1
    actions_with_due_date_done: int
    actions_done_on_time: int
    on_time_share: float | None  # 0..1
    rapport_mean: float | None
    engagement_mean: float | None
    rapport_trend: str
    engagement_trend: str


@dataclass(frozen=True)
class Summary:
    generated_at: str
    since: str | None  # ISO date
    pair: Pair
    mentor: PersonBrief
    mentee: PersonBrief
    expectations: tuple[Expectation, ...]
    goals: tuple[Goal, ...]
    timeline: tuple[TimelineEntry, ...]
    actions_done: tuple[Action, ...]
    actions_open: tuple[Action, ...]
    figures: Figures
    for_whom: str = "mentor"  # "mentee": ratings, private to the one who gave them, left out


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def figures(records: PairRecords, since: date | None) -> Figures:
    sessions = records.sessions
    moments = [instant(s.started_at) for s in sessions]
    period = parse_cadence(records.pair.cadence).approx_days() * 86400
    gaps = [(b - a).total_seconds() for a, b in pairwise(moments)]
    kept = sum(1 for gap in gaps if gap <= KEPT_FACTOR * period)
    done = [
        a
        for a in records.actions
        if a.status == "done" and a.due_on and (since is None or (a.done_on or "") >= str(since))
    ]
    on_time = sum(1 for a in done if a.done_on and a.due_on and a.done_on <= a.due_on)
    asynchronous = sum(1 for s in sessions if s.asynchronous)
    rapport = [s.rapport for s in sessions if s.rapport is not None]
    engagement = [s.engagement for s in sessions if s.engagement is not None]
    return Figures(
        sessions=len(sessions),
        hours=round(sum(s.minutes or 0 for s in sessions) / 60, 1),
        asynchronous=asynchronous,
        async_share=_share(asynchronous, len(sessions)),
        intervals=len(gaps),
        intervals_kept=kept,
        cadence_kept=_share(kept, len(gaps)),
        actions_with_due_date_done=len(done),
        actions_done_on_time=on_time,
        on_time_share=_share(on_time, len(done)),
        rapport_mean=_mean(rapport),
        engagement_mean=_mean(engagement),
        rapport_trend=trend([s.rapport for s in sessions]),
        engagement_trend=trend([s.engagement for s in sessions]),
    )


def build_summary(
    records: PairRecords, now: datetime, since: date | None, for_whom: str = "mentor"
) -> Summary:
    """The summary of records read from `since` (the Store already limited the sessions).
    Private notes are never in it; made for the mentee, it holds no ratings either."""
    if for_whom == "mentee":
        from dataclasses import replace

        unrated = tuple(replace(s, rapport=None, engagement=None) for s in records.sessions)
        records = replace(records, sessions=unrated)
    timeline = tuple(
        TimelineEntry(
            id=s.id,
            started_at=s.started_at,
            local=both_clocks(instant(s.started_at), records),
            minutes=s.minutes,
            channel=s.channel,
            asynchronous=s.asynchronous,
            rapport=s.rapport,
            engagement=s.engagement,
            tech_issue=s.tech_issue,
            notes=s.notes,
        )
        for s in records.sessions
    )
    done = tuple(
        a
        for a in records.actions
        if a.status == "done" and (since is None or (a.done_on or "") >= since.isoformat())
    )
    return Summary(
        generated_at=now.astimezone(UTC).isoformat(timespec="seconds"),
        since=since.isoformat() if since else None,
        pair=records.pair,
        mentor=PersonBrief.of(records.mentor),
        mentee=PersonBrief.of(records.mentee),
        expectations=records.expectations,
        goals=records.goals,
        timeline=timeline,
        actions_done=done,
        actions_open=tuple(a for a in records.actions if a.status == "open"),
        figures=figures(records, since),
        for_whom=for_whom,
    )
