"""What the agenda's, remind's, export's and `db check`'s reads return: plain records, built
only by the commands that read them.

They live apart from store/reports.py, whose status reads build their own (store/activity.py),
so that `mentor status` does not build these dataclasses too; a search's hits are built in
store/search.py, the only module that reads them.
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


@dataclass(frozen=True)
class OverdueAction:
    pair_id: int
    pair: str
    action: Action


@dataclass(frozen=True)
class DueReview:
    pair_id: int
    pair: str
    expectation: Expectation


@dataclass(frozen=True)
class Health:
    """What `mentor db check` found."""

    path: str
    integrity: tuple[str, ...]  # ("ok",) when sound
    foreign_keys: tuple[str, ...]  # one line per broken reference
    schema_version: int
    known_version: int
    application_id: int
    counts: dict[str, int]
    out_of_range: tuple[str, ...] = ()  # stored values no command can work with

    @property
    def ok(self) -> bool:
        return self.integrity == ("ok",) and not self.foreign_keys and not self.out_of_range

    def json(self) -> object:
        from dataclasses import asdict

        return {**asdict(self), "ok": self.ok}
