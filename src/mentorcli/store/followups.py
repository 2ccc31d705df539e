"""Follow-ups: actions (commitments with an owner and a due date) and topics queued for later."""

from __future__ import annotations

from typing import Any

from ..model.followups import Action, Topic
from .core import RUNNING_PAIRS, Table, whose


class Actions(Table[Action]):
    name = "action"
    model = Action
    label = "text"

    def listing(
        self,
        pair_id: int | None = None,
        *,
        statuses: tuple[str, ...] = ("open",),
        due_before: str | None = None,
        role: str | None = None,
        person_id: int | None = None,
    ) -> list[Action]:
        """Actions with one of `statuses` (all when empty), of one pair or of all; with
        `due_before`, only those due before that day in pairs that are not over; with
        `role`, only the mentor's or the mentee's; with `person_id`, only that person's."""
        where: list[str] = []
        params: list[Any] = []
        if role is not None:
            where.append("owner = ?")
            params.append(role)
        if person_id is not None:
            where.append(
                "pair_id IN (SELECT id FROM pair WHERE (owner = 'mentor' AND mentor_id = ?) "
                "OR (owner = 'mentee' AND mentee_id = ?))"
            )
            params += [person_id, person_id]
        if pair_id is not None:
            where.append("pair_id = ?")
            params.append(pair_id)
        if statuses:
            where.append(f"status IN ({', '.join('?' for _ in statuses)})")
            params += statuses
        if due_before is not None:
            where.append(f"due_on < ? AND {RUNNING_PAIRS}")
            params.append(due_before)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return self._records(
            f"SELECT * FROM action{clause} "
            "ORDER BY status = 'open' DESC, due_on IS NULL, due_on, id",
            tuple(params),
        )

    def of_session(self, session_id: int) -> list[Action]:
        return self._records("SELECT * FROM action WHERE session_id = ? ORDER BY id", (session_id,))


class Topics(Table[Topic]):
    name = "topic"
    model = Topic
    label = "text"

    def of_pair(self, pair_id: int | None, *, every: bool = False) -> list[Topic]:
        """One pair's topics, or (None) those of every pair that is not over."""
        where = "" if every else " AND covered_session_id IS NULL"
        pairs, params = whose(pair_id)
        return self._records(
            f"SELECT * FROM topic WHERE {pairs}{where} "
            "ORDER BY covered_session_id IS NOT NULL, pair_id, id",
            params,
        )

    def covered_by(self, session_id: int) -> list[Topic]:
        return self._records(
            "SELECT * FROM topic WHERE covered_session_id = ? ORDER BY id", (session_id,)
        )
