"""One pair's history as a progress summary reads it: a row at a time, never all at once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from ..model import Action
from .core import Db


class SessionMark(NamedTuple):
    """What the summary's figures need of a session: no notes."""

    started_at: str  # UTC ISO
    minutes: int | None
    channel: str
    rapport: int | None
    engagement: int | None


class LoggedSession(NamedTuple):
    """A session as the summary lists it: its shared notes, never its private ones."""

    id: int
    started_at: str  # UTC ISO
    minutes: int | None
    channel: str
    rapport: int | None
    engagement: int | None
    tech_issue: str
    notes: str


class DoneDates(NamedTuple):
    """What the on-time figure needs of an action done."""

    due_on: str | None
    done_on: str | None


_SESSIONS = "FROM session WHERE pair_id = ? AND started_at >= ? ORDER BY started_at, id"
# By due date, none last: the order every listing of actions has within a status.
_BY_DUE = "ORDER BY due_on IS NULL, due_on, id"


class History:
    """The sessions (from `since`, a UTC ISO instant) and actions of one pair, each read
    as it is iterated; `reading` holds one snapshot across every read inside it."""

    def __init__(self, db: Db, pair_id: int, since: str | None = None) -> None:
        self._db = db
        self.pair_id = pair_id
        self.since = since or ""

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction: figures read first and the list read after them count the
        same sessions, whatever another `mentor` writes meanwhile."""
        conn = self._db.conn
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    def marks(self) -> Iterator[SessionMark]:
        """The sessions oldest first, without their notes."""
        sql = f"SELECT started_at, minutes, channel, rapport, engagement {_SESSIONS}"
        return map(SessionMark._make, self._tuples(sql, self.pair_id, self.since))

    def sessions(self) -> Iterator[LoggedSession]:
        """The sessions oldest first, with their shared notes."""
        columns = "id, started_at, minutes, channel, rapport, engagement, tech_issue, notes"
        sql = f"SELECT {columns} {_SESSIONS}"
        return map(LoggedSession._make, self._tuples(sql, self.pair_id, self.since))

    def done_dates(self) -> Iterator[DoneDates]:
        """The due and done dates of the actions done, whenever they were."""
        sql = "SELECT due_on, done_on FROM action WHERE pair_id = ? AND status = 'done'"
        return map(DoneDates._make, self._tuples(sql, self.pair_id))

    def actions(self, status: str) -> Iterator[Action]:
        """The actions in one status, by due date (none last), whenever they were done."""
        cursor = self._db.conn.execute(
            f"SELECT * FROM action WHERE pair_id = ? AND status = ? {_BY_DUE}",
            (self.pair_id, status),
        )
        return (Action(**dict(row)) for row in cursor)

    def _tuples(self, sql: str, *params: object) -> Iterator[tuple[Any, ...]]:
        """The rows as plain tuples (each made a record at once), stepped through one at a
        time: no more than a row is held, whatever the pair's years on record."""
        cursor = self._db.conn.cursor()
        cursor.row_factory = None
        rows: Iterator[tuple[Any, ...]] = cursor.execute(sql, params)
        return rows
