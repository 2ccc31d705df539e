"""What the status screen reads of every active pair: plain records, built only by the reads
behind status and remind.

Apart from store/records.py so that a status run, which reads these for hundreds of pairs,
does not build the records of the summary, the export, the search and the database check too.
They are rows, read and passed on, never changed or compared: named tuples, which a run
defines in a tenth of the time of a frozen dataclass (whose methods Python compiles as the
module loads) and builds in half.
"""

from __future__ import annotations

from typing import NamedTuple


class Touch(NamedTuple):
    """A recent session as the status screen needs it: when, and the two ratings (the notes,
    most of a session's bytes, are not read)."""

    id: int
    started_at: str  # UTC ISO
    rapport: int | None
    engagement: int | None


class PairActivity(NamedTuple):
    """One active pair as the status screen and remind need it: what its due date and lapse
    are reckoned from (not the whole pair record), and its counts read beside it."""

    id: int
    ref: str  # MENTOR/MENTEE
    mentor_id: int
    mentee_id: int
    cadence: str
    start_date: str
    mentor_zone: str
    recent: tuple[Touch, ...]  # newest first, at most RECENT
    open_actions: int
    overdue_actions: int
    goals: int  # not dropped
    goal_progress: float | None  # mean progress of those


class PausedPair(NamedTuple):
    """A paused pair as the status screen lists it."""

    id: int
    ref: str  # MENTOR/MENTEE
    paused_on: str | None  # None when paused before the day was recorded


class LateAction(NamedTuple):
    """An open action of an active pair, due before today, as the status screen lists it."""

    pair_id: int
    pair: str  # MENTOR/MENTEE
    id: int
    owner: str  # mentor or mentee
    text: str
    due_on: str


class ReviewDue(NamedTuple):
    """An active expectation of an active pair whose review date has come, as the status
    screen lists it."""

    pair_id: int
    pair: str  # MENTOR/MENTEE
    id: int
    topic: str
    text: str
    review_on: str
