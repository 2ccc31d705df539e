"""What remind's reads return beyond the pairs' activity: late actions and reviews due."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model.agreement import Expectation
    from ..model.followups import Action


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
