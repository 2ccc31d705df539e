"""What the status screen reads of every active pair: plain records, built only by the reads
behind status and remind.

Apart from store/records.py so that a status run, which reads these for hundreds of pairs,
does not build the records of the summary, the export, the search and the database check too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from ..model.pairs import Pair


@dataclass(frozen=True)
class Touch:
    """A recent session as the status screen needs it: when, and the two ratings (the notes,
    most of a session's bytes, are not read)."""

    id: int
    started_at: str  # UTC ISO
    rapport: int | None
    engagement: int | None


@dataclass(frozen=True)
class PairActivity:
    """One active pair as the status screen needs it, its counts read beside its record."""

    pair: Pair
    mentor_zone: str
    recent: tuple[Touch, ...]  # newest first, at most RECENT
    open_actions: int
    overdue_actions: int
    goals: int  # not dropped
    goal_progress: float | None  # mean progress of those


@dataclass(frozen=True)
class LateAction:
    """An open action of an active pair, due before today, as the status screen lists it."""

    pair_id: int
    pair: str  # MENTOR/MENTEE
    id: int
    owner: str  # mentor or mentee
    text: str
    due_on: str


@dataclass(frozen=True)
class ReviewDue:
    """An active expectation of an active pair whose review date has come, as the status
    screen lists it."""

    pair_id: int
    pair: str  # MENTOR/MENTEE
    id: int
    topic: str
    text: str
    review_on: str
