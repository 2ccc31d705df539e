"""What the agenda's and export's reads of one pair return: plain records, built only by
the commands that read them.

Each command's records live in a module of their own, so that a run defines only the
dataclasses it builds: status's in store/activity.py, remind's in store/reminders.py, `db
check`'s in store/health.py, a search's hits in store/search.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: a status run builds none of these records
    from ..model.agreement import Expectation, Goal
    from ..model.followups import Action, Topic
    from ..model.pairs import Pair
    from ..model.people import Person
    from ..model.sessions import Session


@dataclass(frozen=True)
class PairRecords:
    """What one pair has on record: everything for the progress summary and the export, or
    only what is still open for the agenda (read with `history=False`)."""

    pair: Pair
    mentor: Person
    mentee: Person
    expectations: tuple[Expectation, ...]  # the active ones
    goals: tuple[Goal, ...]  # all of them, open first (only the open ones without history)
    sessions: tuple[Session, ...]  # oldest first, from `since` on (none without history)
    actions: tuple[Action, ...]  # all of them, open first (only the open ones without history)
    topics: tuple[Topic, ...]  # queued (not covered yet)
    last_session: Session | None  # the latest of all, whatever `since` says
