"""Sessions and asynchronous touchpoints of a pair."""

from __future__ import annotations

from ..model import Session
from .core import Table


class Sessions(Table[Session]):
    name = "session"
    model = Session

    def of_pair(
        self, pair_id: int, *, since: str | None = None, limit: int | None = None
    ) -> list[Session]:
        """The pair's sessions, newest first; since is a UTC ISO instant."""
        return self._records(
            "SELECT * FROM session WHERE pair_id = ? AND started_at >= ? "
            "ORDER BY started_at DESC, id DESC LIMIT ?",
            (pair_id, since or "", -1 if limit is None else limit),
        )

    def same(self, pair_id: int, started_at: str, notes: str) -> int | None:
        """The id of a session of the pair with this start and these notes, if any."""
        row = self._db.one(
            "SELECT id FROM session WHERE pair_id = ? AND started_at = ? AND notes = ? "
            "ORDER BY id LIMIT 1",
            (pair_id, started_at, notes),
        )
        return None if row is None else int(row["id"])
