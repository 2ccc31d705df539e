"""Follow-ups: actions (commitments with an owner and a due date) and topics queued for later."""

from __future__ import annotations

from typing import Any

from ..model import Action, Topic
from .core import Table


class Actions(Table[Action]):
    name = "action"
    model = Action

    def listing(
        self, pair_id: int | None = None, *, every: bool = False, due_before: str | None = None
    ) -> list[Action]:
        """Open actions (every: all of them); due_before keeps open ones due before that day."""
        where: list[str] = []
        params: list[Any] = []
        if pair_id is not None:
            where.append("pair_id = ?")
            params.append(pair_id)
        if due_before is not None:
            where.append("status = 'open' AND due_on < ?")
            params.append(due_before)
        elif not every:
            where.append("status = 'open'")
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

    def of_pair(self, pair_id: int, *, every: bool = False) -> list[Topic]:
        where = "" if every else " AND covered_session_id IS NULL"
        return self._records(
            f"SELECT * FROM topic WHERE pair_id = ?{where} "
            "ORDER BY covered_session_id IS NOT NULL, id",
            (pair_id,),
        )

    def covered_by(self, session_id: int) -> list[Topic]:
        return self._records(
            "SELECT * FROM topic WHERE covered_session_id = ? ORDER BY id", (session_id,)
        )
