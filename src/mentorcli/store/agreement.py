"""The agreement and the aims: expectations (with their history) and goals."""

from __future__ import annotations

from typing import Any

from ..errors import BadInput
from ..model import Expectation, Goal
from .pairs import PairStore


class AgreementStore(PairStore):
    def record(self, table: str, record_id: int, listing: str) -> dict[str, Any]:
        """One row of table as a dict, or a one-line error saying where to find the ids."""
        row = self.one(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
        if row is None:
            raise BadInput(f"no {table} #{record_id}; see '{listing}'")
        return dict(row)

    # Expectations: editing one supersedes it, so what was agreed before stays on record.

    def add_expectation(
        self, pair_ref: str, topic: str, text: str, review_on: str | None, today: str
    ) -> Expectation:
        with self.write():
            pair = self.resolve_pair(pair_ref)
            values: dict[str, Any] = {
                "pair_id": pair.id,
                "topic": topic,
                "text": text,
                "agreed_on": today,
                "review_on": review_on,
            }
            return self.expectation(self.insert("expectation", values))

    def expectation(self, expectation_id: int) -> Expectation:
        return Expectation(**self.record("expectation", expectation_id, "mentor expect list PAIR"))

    def expectations(self, pair_id: int, *, history: bool = False) -> list[Expectation]:
        states = ("active", "superseded", "dropped") if history else ("active",)
        marks = ", ".join("?" for _ in states)
        rows = self.all(
            f"SELECT * FROM expectation WHERE pair_id = ? AND state IN ({marks}) "
            "ORDER BY CASE topic WHEN 'other' THEN 1 ELSE 0 END, topic, id",
            (pair_id, *states),
        )
        return [Expectation(**dict(r)) for r in rows]

    def _active_expectation(self, expectation_id: int, verb: str) -> Expectation:
        current = self.expectation(expectation_id)
        if current.state != "active":
            raise BadInput(
                f"expectation #{expectation_id} is {current.state}; only an active one can be "
                f"{verb} (see 'mentor expect list --history')"
            )
        return current

    def edit_expectation(
        self,
        expectation_id: int,
        text: str | None,
        topic: str | None,
        review_on: str | None,
        today: str,
    ) -> Expectation:
        """Supersede an active expectation with a new version; the old one stays as history."""
        with self.write():
            old = self._active_expectation(expectation_id, "edited")
            values: dict[str, Any] = {
                "pair_id": old.pair_id,
                "topic": topic or old.topic,
                "text": old.text if text is None else text,
                "agreed_on": today,
                "review_on": old.review_on if review_on is None else review_on,
            }
            new_id = self.insert("expectation", values)
            self.update("expectation", old.id, {"state": "superseded", "superseded_by": new_id})
            return self.expectation(new_id)

    def drop_expectation(self, expectation_id: int) -> Expectation:
        with self.write():
            old = self._active_expectation(expectation_id, "dropped")
            self.update("expectation", old.id, {"state": "dropped"})
            return self.expectation(old.id)

    # Goals.

    def add_goal(self, pair_ref: str, title: str, detail: str, due_on: str | None) -> Goal:
        with self.write():
            pair = self.resolve_pair(pair_ref)
            values: dict[str, Any] = {
                "pair_id": pair.id,
                "title": title,
                "detail": detail,
                "due_on": due_on,
            }
            return self.goal(self.insert("goal", values))

    def goal(self, goal_id: int) -> Goal:
        return Goal(**self.record("goal", goal_id, "mentor goal list PAIR"))

    def goals(self, pair_id: int, *, every: bool = False) -> list[Goal]:
        where = "" if every else " AND status = 'open'"
        rows = self.all(
            f"SELECT * FROM goal WHERE pair_id = ?{where} "
            "ORDER BY status = 'open' DESC, due_on IS NULL, due_on, id",
            (pair_id,),
        )
        return [Goal(**dict(r)) for r in rows]

    def open_goal(self, goal_id: int, pair_id: int | None = None) -> Goal:
        """A goal that can still change; with pair_id, it must belong to that pair."""
        goal = self.goal(goal_id)
        if pair_id is not None and goal.pair_id != pair_id:
            raise BadInput(
                f"goal #{goal_id} belongs to pair {self.pair(goal.pair_id).ref}, "
                f"not {self.pair(pair_id).ref}"
            )
        if goal.status != "open":
            raise BadInput(f"goal #{goal_id} is {goal.status}; only an open goal can change")
        return goal

    def set_goal_progress(self, goal_id: int, percent: int, pair_id: int | None = None) -> Goal:
        with self.write():
            goal = self.open_goal(goal_id, pair_id)
            self.update("goal", goal.id, {"progress": percent})
            return self.goal(goal.id)

    def finish_goal(self, goal_id: int, status: str, today: str) -> Goal:
        """Mark an open goal achieved (progress 100, achieved today) or dropped."""
        with self.write():
            goal = self.open_goal(goal_id)
            values: dict[str, Any] = {"status": status}
            if status == "achieved":
                values.update(progress=100, achieved_on=today)
            self.update("goal", goal.id, values)
            return self.goal(goal.id)
