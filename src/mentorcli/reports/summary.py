"""The progress summary of one pair (`mentor export PAIR`): plain data, no printing. Its
sessions and actions are read as they are written, never all at once: a pair's years on
record take as little memory as its first week."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from ..cadence import parse_cadence
from ..model.agreement import Expectation, Goal
from ..model.followups import Action
from ..model.pairs import Pair
from ..model.people import Person
from ..vocabulary import ASYNC_CHANNELS
from ..when import from_utc_iso as instant
from ..zones import zone
from .clock import LocalTime
from .trend import WINDOW, trend

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from ..store.history import History, LoggedSession

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
    """The figures are counted before it is made; the timeline and the actions are read from
    the database as they are iterated, once, while the summary's reading lasts."""

    generated_at: str
    since: str | None  # ISO date
    pair: Pair
    mentor: PersonBrief
    mentee: PersonBrief
    expectations: tuple[Expectation, ...]
    goals: tuple[Goal, ...]
    timeline: Iterable[TimelineEntry]  # oldest first
    actions_done: Iterable[Action]
    actions_open: Iterable[Action]
    figures: Figures
    for_whom: str = "mentor"  # "mentee": ratings, private to the one who gave them, left out

    def settled(self) -> Summary:
        """The summary with its sessions and actions read into tuples (a JSON document)."""
        return replace(
            self,
            timeline=tuple(self.timeline),
            actions_done=tuple(self.actions_done),
            actions_open=tuple(self.actions_open),
        )


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 2) if count else None


def figures(history: History, cadence: str, since: date | None, rated: bool = True) -> Figures:
    """The figures of the history, counted by the database but for the intervals between
    sessions, read one start at a time; without `rated` the ratings count for nothing."""
    totals = history.totals()
    period = parse_cadence(cadence, stored=True).approx_days() * 86400
    intervals = kept = 0
    previous: datetime | None = None
    for started_at in history.starts():
        moment = instant(started_at)
        if previous is not None:
            intervals += 1
            kept += (moment - previous).total_seconds() <= KEPT_FACTOR * period
        previous = moment
    done = history.done_totals(since.isoformat() if since else "")
    rapport = _mean(totals.rapport_total, totals.rapport_count) if rated else None
    engagement = _mean(totals.engagement_total, totals.engagement_count) if rated else None
    # A trend compares the last ratings given: never more than two windows of them.
    recent = 2 * WINDOW
    return Figures(
        sessions=totals.sessions,
        hours=round(totals.minutes / 60, 1),
        asynchronous=totals.asynchronous,
        async_share=_share(totals.asynchronous, totals.sessions),
        intervals=intervals,
        intervals_kept=kept,
        cadence_kept=_share(kept, intervals),
        actions_with_due_date_done=done.with_due_date,
        actions_done_on_time=done.on_time,
        on_time_share=_share(done.on_time, done.with_due_date),
        rapport_mean=rapport,
        engagement_mean=engagement,
        rapport_trend=trend(history.last_ratings("rapport", recent)) if rated else "",
        engagement_trend=trend(history.last_ratings("engagement", recent)) if rated else "",
    )


@dataclass(frozen=True)
class PairHead:
    """What the summary shows of a pair before its history: who, and what they agreed."""

    pair: Pair
    mentor: Person
    mentee: Person
    expectations: tuple[Expectation, ...]  # the active ones
    goals: tuple[Goal, ...]  # all of them, open first


def build_summary(
    head: PairHead, history: History, now: datetime, since: date | None, for_whom: str = "mentor"
) -> Summary:
    """The summary of the history read from `since` (the Store limits the sessions). Private
    notes are never in it; made for the mentee, it holds no ratings either. The figures are
    counted here; the sessions and actions are read as the summary's are iterated."""
    rated = for_whom != "mentee"
    counted = figures(history, head.pair.cadence, since, rated)
    clocks = (head.mentor, zone(head.mentor.timezone)), (head.mentee, zone(head.mentee.timezone))
    done = (
        a
        for a in history.actions("done")
        if since is None or (a.done_on or "") >= since.isoformat()
    )
    return Summary(
        generated_at=now.astimezone(UTC).isoformat(timespec="seconds"),
        since=since.isoformat() if since else None,
        pair=head.pair,
        mentor=PersonBrief.of(head.mentor),
        mentee=PersonBrief.of(head.mentee),
        expectations=head.expectations,
        goals=head.goals,
        timeline=_timeline(history.sessions(), clocks, rated),
        actions_done=done,
        actions_open=history.actions("open"),
        figures=counted,
        for_whom=for_whom,
    )


def _timeline(
    sessions: Iterable[LoggedSession],
    clocks: tuple[tuple[Person, ZoneInfo], tuple[Person, ZoneInfo]],
    rated: bool,
) -> Iterator[TimelineEntry]:
    (mentor, mentor_zone), (mentee, mentee_zone) = clocks
    for s in sessions:
        moment = instant(s.started_at)
        local = (
            LocalTime(mentor.handle, mentor.timezone, moment.astimezone(mentor_zone).isoformat()),
            LocalTime(mentee.handle, mentee.timezone, moment.astimezone(mentee_zone).isoformat()),
        )
        asynchronous = s.channel in ASYNC_CHANNELS
        rapport, engagement = (s.rapport, s.engagement) if rated else (None, None)
        yield TimelineEntry(
            id=s.id,
            started_at=s.started_at,
            local=local,
            minutes=s.minutes,
            channel=s.channel,
            asynchronous=asynchronous,
            rapport=rapport,
            engagement=engagement,
            tech_issue=s.tech_issue,
            notes=s.notes,
        )
