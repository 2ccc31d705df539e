"""Sessions and asynchronous touchpoints of a pair."""

from __future__ import annotations

from ..model.sessions import Session
from .core import Table, whose

# The columns that say what happened in a session: what `session edit` may change and what
# an export carries besides its references and stamps.
COLUMNS = (
    "started_at",
    "zone",
    "minutes",
    "channel",
    "notes",
    "rapport",
    "engagement",
    "tech_issue",
    "private_notes",  # the logger's own: never in a sync, a program export or a recap
)


class Sessions(Table[Session]):
    name = "session"
    model = Session
    label = "started_at || ' ' || notes"

    def of_pair(
        self,
        pair_id: int | None,
        *,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[Session]:
        """One pair's sessions, or (None) those of every pair that is not over, newest
        first, from `since` and before `until` (UTC ISO instants)."""
        pairs, params = whose(pair_id)
        before = "" if until is None else " AND started_at < ?"
        return self._records(
            f"SELECT * FROM session WHERE {pairs} AND started_at >= ?{before} "
            "ORDER BY started_at DESC, id DESC LIMIT ?",
            (*params, since or "", *([until] if until else []), -1 if limit is None else limit),
        )

    def time_spent(self, since: str, until: str) -> list[tuple[int, int, int]]:
        """(pair id, sessions, minutes) for every pair with a session in [since, until)."""
        rows = self._db.all(
            "SELECT pair_id, count(*), total(minutes) FROM session "
            "WHERE started_at >= ? AND started_at < ? GROUP BY pair_id ORDER BY pair_id",
            (since, until),
        )
        return [(int(r[0]), int(r[1]), int(r[2])) for r in rows]

    def same(self, pair_id: int, started_at: str, notes: str) -> int | None:
        """The id of a session of the pair with this start and these notes, if any."""
        row = self._db.one(
            "SELECT id FROM session WHERE pair_id = ? AND started_at = ? AND notes = ? "
            "ORDER BY id LIMIT 1",
            (pair_id, started_at, notes),
        )
        return None if row is None else int(row["id"])
