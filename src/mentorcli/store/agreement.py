"""The agreement and the aims: expectations (with their history) and goals."""

from __future__ import annotations

from ..model.agreement import Expectation, Goal
from .core import Table, whose


class Expectations(Table[Expectation]):
    name = "expectation"
    model = Expectation
    label = "text"

    def of_pair(self, pair_id: int | None, *, history: bool = False) -> list[Expectation]:
        """One pair's expectations, or (None) those of every pair that is not over."""
        states = ("active", "superseded", "dropped") if history else ("active",)
        marks = ", ".join("?" for _ in states)
        pairs, params = whose(pair_id)
        return self._records(
            f"SELECT * FROM expectation WHERE {pairs} AND state IN ({marks}) "
            "ORDER BY pair_id, CASE topic WHEN 'other' THEN 1 ELSE 0 END, topic, id",
            (*params, *states),
        )


class Goals(Table[Goal]):
    name = "goal"
    model = Goal
    label = "title"

    def of_pair(self, pair_id: int | None, *, every: bool = False) -> list[Goal]:
        """One pair's goals, or (None) those of every pair that is not over."""
        where = "" if every else " AND status = 'open'"
        pairs, params = whose(pair_id)
        return self._records(
            f"SELECT * FROM goal WHERE {pairs}{where} "
            "ORDER BY status = 'open' DESC, due_on IS NULL, due_on, pair_id, id",
            params,
        )
