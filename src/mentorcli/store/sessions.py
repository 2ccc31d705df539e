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
