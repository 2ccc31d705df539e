"""The agreement and the aims: expectations (with their history) and goals."""

from __future__ import annotations

from ..model import Expectation, Goal
from .core import Table


class Expectations(Table[Expectation]):
    name = "expectation"
    model = Expectation

    def of_pair(self, pair_id: int, *, history: bool = False) -> list[Expectation]:
        states = ("active", "superseded", "dropped") if history else ("active",)
        marks = ", ".join("?" for _ in states)
        return self._records(
            f"SELECT * FROM expectation WHERE pair_id = ? AND state IN ({marks}) "
            "ORDER BY CASE topic WHEN 'other' THEN 1 ELSE 0 END, topic, id",
            (pair_id, *states),
        )


class Goals(Table[Goal]):
    name = "goal"
    model = Goal

    def of_pair(self, pair_id: int, *, every: bool = False) -> list[Goal]:
        where = "" if every else " AND status = 'open'"
        return self._records(
            f"SELECT * FROM goal WHERE pair_id = ?{where} "
            "ORDER BY status = 'open' DESC, due_on IS NULL, due_on, id",
            (pair_id,),
        )
