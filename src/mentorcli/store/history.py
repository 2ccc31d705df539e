"""One pair's history as a progress summary reads it: a row at a time, never all at once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from itertools import chain
from typing import Any, NamedTuple

from ..model.followups import Action
from ..vocabulary import ASYNC_CHANNELS
from .core import Db


class SessionTotals(NamedTuple):
    """What the summary's figures count of the sessions, counted by SQLite."""

    sessions: int
    minutes: int
    asynchronous: int
    rapport_total: int
    rapport_count: int
    engagement_total: int
    engagement_count: int


class DoneTotals(NamedTuple):
    """The actions done (from `since`, a date) that had a due date, and those done by it."""

    with_due_date: int
    on_time: int


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


# An action's columns in the order of its fields, so that a row is its arguments.
_ACTION_COLUMNS = ", ".join(field.name for field in fields(Action))
_SESSIONS = "FROM session WHERE pair_id = ? AND started_at >= ? ORDER BY started_at, id"


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

    def totals(self) -> SessionTotals:
        """The sessions counted, their minutes, the asynchronous ones, and the ratings."""
        channels = ", ".join(f"'{channel}'" for channel in sorted(ASYNC_CHANNELS))
        row = self._db.one(
            f"SELECT count(*), coalesce(sum(minutes), 0), count(CASE WHEN channel IN ({channels}) "
            "THEN 1 END), coalesce(sum(rapport), 0), count(rapport), "
            "coalesce(sum(engagement), 0), count(engagement) "
            "FROM session WHERE pair_id = ? AND started_at >= ?",
            (self.pair_id, self.since),
        )
        assert row is not None, "an aggregate has a row"
        return SessionTotals._make(row)

    def starts(self) -> Iterator[str]:
        """When each session started, oldest first."""
        sql = f"SELECT started_at {_SESSIONS}"
        return (row[0] for row in self._tuples(sql, self.pair_id, self.since))

    def last_ratings(self, column: str, count: int) -> list[int]:
        """The last `count` ratings given in `column` (rapport or engagement), oldest first."""
        assert column in ("rapport", "engagement")
        rows = self._db.all(
            f"SELECT {column} FROM session WHERE pair_id = ? AND started_at >= ? "
            f"AND {column} IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT ?",
            (self.pair_id, self.since, count),
        )
        return [row[0] for row in reversed(rows)]

    def sessions(self) -> Iterator[LoggedSession]:
        """The sessions oldest first, with their shared notes."""
        columns = "id, started_at, minutes, channel, rapport, engagement, tech_issue, notes"
        sql = f"SELECT {columns} {_SESSIONS}"
        return map(LoggedSession._make, self._tuples(sql, self.pair_id, self.since))

    def done_totals(self, since: str) -> DoneTotals:
        """The actions done from `since` (an ISO date, "" for all) that had a due date, and
        of those the ones done by it: whenever their sessions were."""
        row = self._db.one(
            "SELECT count(*), count(CASE WHEN done_on <> '' AND done_on <= due_on THEN 1 END) "
            "FROM action WHERE pair_id = ? AND status = 'done' AND due_on <> '' "
            "AND coalesce(done_on, '') >= ?",
            (self.pair_id, since),
        )
        assert row is not None, "an aggregate has a row"
        return DoneTotals._make(row)

    def actions(self, status: str) -> Iterator[Action]:
        """The actions in one status, by due date (none last), whenever they were done."""
        # Those with a due date and those without, each in the index's order: two reads that
        # step through rows, where one ordered so would sort every row before the first.
        mine = f"SELECT {_ACTION_COLUMNS} FROM action WHERE pair_id = ? AND status = ?"
        due = self._tuples(
            f"{mine} AND due_on IS NOT NULL ORDER BY due_on, id", self.pair_id, status
        )
        undated = self._tuples(f"{mine} AND due_on IS NULL ORDER BY id", self.pair_id, status)
        return (Action(*row) for row in chain(due, undated))

    def _tuples(self, sql: str, *params: object) -> Iterator[tuple[Any, ...]]:
        """The rows as plain tuples (each made a record at once), stepped through one at a
        time: no more than a row is held, whatever the pair's years on record."""
        cursor = self._db.conn.cursor()
        cursor.row_factory = None
        rows: Iterator[tuple[Any, ...]] = cursor.execute(sql, params)
        return rows
