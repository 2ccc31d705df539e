"""Planned sessions: sessions booked ahead, and what became of them."""

from __future__ import annotations

from ..model.plans import PlannedSession
from .core import RUNNING_PAIRS, Table, whose


class Plans(Table[PlannedSession]):
    name = "planned_session"
    model = PlannedSession
    label = "starts_at"

    def listing(
        self, pair_id: int | None, *, statuses: tuple[str, ...] = ("planned",)
    ) -> list[PlannedSession]:
        """One pair's planned sessions, or (None) those of every pair that is not over, with
        one of `statuses` (all when empty), soonest first."""
        pairs, params = whose(pair_id)
        where = [pairs]
        if statuses:
            where.append(f"status IN ({', '.join('?' for _ in statuses)})")
        return self._records(
            f"SELECT * FROM planned_session WHERE {' AND '.join(where)} ORDER BY starts_at, id",
            (*params, *statuses),
        )

    def next_of(self, pair_id: int, since: str) -> PlannedSession | None:
        """The pair's first planned session starting at or after `since` (UTC ISO)."""
        found = self._records(
            "SELECT * FROM planned_session WHERE pair_id = ? AND status = 'planned' "
            "AND starts_at >= ? ORDER BY starts_at, id LIMIT 1",
            (pair_id, since),
        )
        return found[0] if found else None

    def between(self, pair_id: int, since: str, until: str) -> list[PlannedSession]:
        """The pair's planned sessions starting in [since, until), soonest first."""
        return self._records(
            "SELECT * FROM planned_session WHERE pair_id = ? AND status = 'planned' "
            "AND starts_at >= ? AND starts_at < ? ORDER BY starts_at, id",
            (pair_id, since, until),
        )

    def starting(self, since: str, until: str) -> list[PlannedSession]:
        """Planned sessions of running pairs starting in [since, until), soonest first."""
        return self._records(
            f"SELECT * FROM planned_session WHERE status = 'planned' AND {RUNNING_PAIRS} "
            "AND starts_at >= ? AND starts_at < ? ORDER BY starts_at, id",
            (since, until),
        )

    def of_session(self, session_id: int) -> PlannedSession | None:
        found = self._records(
            "SELECT * FROM planned_session WHERE session_id = ? ORDER BY id LIMIT 1",
            (session_id,),
        )
        return found[0] if found else None
