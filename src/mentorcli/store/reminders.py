"""What remind's reads return beyond the pairs' activity: late actions and reviews due, each
with its pair; named tuples, as the activity's rows are (store/activity.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..model.agreement import Expectation
    from ..model.followups import Action


class OverdueAction(NamedTuple):
    pair_id: int
    pair: str
    action: Action


class DueReview(NamedTuple):
    pair_id: int
    pair: str
    expectation: Expectation
