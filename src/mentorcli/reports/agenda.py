"""The agenda for a pair's next session: when, follow-ups, goals, topics, reviews; plain data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from ..when import from_utc_iso as instant
from ..zones import zone as _zone
from .clock import LocalTime
from .due import lapsed, next_due

if TYPE_CHECKING:
    from ..model.agreement import Goal
    from ..model.followups import Topic
    from ..model.plans import PlannedSession
    from ..overlap import Interval
    from ..store.reports import PairRecords


@dataclass(frozen=True)
class FollowUp:
    """An open action, with whose it is and how late."""

    id: int
    owner: str  # mentor or mentee
    who: str  # their handle
    text: str
    due_on: str | None
    overdue_days: int  # 0 unless overdue
    session_id: int | None


@dataclass(frozen=True)
class Review:
    """An expectation to talk about: its review date has come, or the cadence is slipping."""

    id: int
    topic: str
    text: str
    review_on: str | None
    reason: str


@dataclass(frozen=True)
class Recap:
    """The last session in two lines: when and how, then what the notes began with."""

    session_id: int
    started_at: str
    local: tuple[LocalTime, LocalTime]
    channel: str
    minutes: int | None
    rapport: int | None
    engagement: int | None
    notes: str  # the first non-blank line of the notes


@dataclass(frozen=True)
class Booked:
    """The planned session the agenda is for."""

    id: int
    minutes: int
    channel: str
    agenda_note: str


@dataclass(frozen=True)
class Agenda:
    pair_id: int
    pair: str
    mentor: str
    mentee: str
    focus: str
    cadence: str
    channel: str
    due: str  # UTC ISO
    due_local: tuple[LocalTime, LocalTime]
    overdue_days: int
    first_session: bool
    followups: tuple[FollowUp, ...]
    goals: tuple[Goal, ...]
    topics: tuple[Topic, ...]
    reviews: tuple[Review, ...]
    recap: Recap | None
    planned: Booked | None = None  # when set, `due` is its start


def both_clocks(moment: datetime, records: PairRecords) -> tuple[LocalTime, LocalTime]:
    """The instant on the mentor's clock and on the mentee's."""
    mentor, mentee = records.mentor, records.mentee
    return (
        LocalTime(
            mentor.handle, mentor.timezone, moment.astimezone(_zone(mentor.timezone)).isoformat()
        ),
        LocalTime(
            mentee.handle, mentee.timezone, moment.astimezone(_zone(mentee.timezone)).isoformat()
        ),
    )


def _days_late(due_on: str | None, today: date) -> int:
    return max(0, (today - date.fromisoformat(due_on)).days) if due_on else 0


def build_agenda(
    records: PairRecords,
    now: datetime,
    today: date,
    planned: PlannedSession | None = None,
    off: Sequence[Interval] = (),
) -> Agenda:
    """The next session's agenda from the pair's records; `today` is the user's local date,
    `off` when the mentor or mentee is away or on a holiday. The next session is the planned
    one when there is one, else the one the cadence is due."""
    pair, last = records.pair, records.last_session
    if planned is None:
        due = next_due(pair, records.mentor.timezone, last, off)
    else:
        due = instant(planned.starts_at).astimezone(_zone(records.mentor.timezone))
    late = now - due
    handles = {"mentor": records.mentor.handle, "mentee": records.mentee.handle}
    followups = sorted(
        (
            FollowUp(
                a.id,
                a.owner,
                handles[a.owner],
                a.text,
                a.due_on,
                _days_late(a.due_on, today),
                a.session_id,
            )
            for a in records.actions
            if a.status == "open"
        ),
        key=lambda f: (-f.overdue_days, f.due_on is None, f.due_on or "", f.id),
    )
    return Agenda(
        pair_id=pair.id,
        pair=pair.ref,
        mentor=pair.mentor,
        mentee=pair.mentee,
        focus=pair.focus,
        cadence=pair.cadence,
        channel=pair.channel,
        due=due.astimezone(UTC).isoformat(),
        due_local=both_clocks(due, records),
        overdue_days=late.days if late.total_seconds() > 0 else 0,
        first_session=last is None,
        followups=tuple(followups),
        goals=tuple(g for g in records.goals if g.status == "open"),
        topics=records.topics,
        reviews=_reviews(records, now, today, off),
        recap=_recap(records),
        planned=None
        if planned is None
        else Booked(planned.id, planned.minutes, planned.channel, planned.agenda_note),
    )


def _reviews(
    records: PairRecords, now: datetime, today: date, off: Sequence[Interval]
) -> tuple[Review, ...]:
    slipping = lapsed(records.pair, records.last_session, now, off)
    found = []
    for e in records.expectations:
        if e.review_on and e.review_on <= today.isoformat():
            found.append(Review(e.id, e.topic, e.text, e.review_on, f"review due {e.review_on}"))
        elif slipping and e.topic == "cadence":
            found.append(Review(e.id, e.topic, e.text, e.review_on, "the cadence is slipping"))
    return tuple(found)


def _recap(records: PairRecords) -> Recap | None:
    last = records.last_session
    if last is None:
        return None
    first_line = next((line.strip() for line in last.notes.splitlines() if line.strip()), "")
    return Recap(
        session_id=last.id,
        started_at=last.started_at,
        local=both_clocks(instant(last.started_at), records),
        channel=last.channel,
        minutes=last.minutes,
        rapport=last.rapport,
        engagement=last.engagement,
        notes=first_line,
    )
