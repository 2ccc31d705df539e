"""The Store's core: one connection, the clock, the one way to write, and a table's basics."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import islice
from typing import Any, Generic, TypeVar

from .. import interrupts
from ..errors import FileProblem
from .connection import ReadOnlyConnection, begin_immediate

Params = tuple[Any, ...] | dict[str, Any]
Record = TypeVar("Record")
T = TypeVar("T")


def handle_key(handle: str) -> str:
    """What two handles share when they are the same handle: case folded in every script
    (SQLite's NOCASE folds only A-Z), in one Unicode normal form. Every connection has it as
    an SQL function, so it lives here, where opening the database imports no records."""
    import unicodedata

    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", handle).casefold())


# A pair's two people joined to it, and its MENTOR/MENTEE as `Pair.ref` writes it: what reads
# across pairs show of each pair without building its records.
PAIR_PEOPLE = (
    " JOIN person AS mentor ON mentor.id = pair.mentor_id"
    " JOIN person AS mentee ON mentee.id = pair.mentee_id "
)
PAIR_REF = "mentor.handle || '/' || mentee.handle"
# A pair with its two people's handles: what the pair reads, the reports and a search's
# hits start from. Here, not in pairs.py, so a search builds no pair or person records.
PAIR_SELECT = (
    f"SELECT pair.*, mentor.handle AS mentor, mentee.handle AS mentee FROM pair{PAIR_PEOPLE}"
)


# The pairs that are not over: what a listing across pairs shows.
RUNNING_PAIRS = "pair_id IN (SELECT id FROM pair WHERE status NOT IN ('ended', 'completed'))"


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """The items in lists of `size` (the last may be shorter): what one statement binds, or
    what one step of a long job holds at once."""
    found = iter(items)
    while batch := list(islice(found, size)):
        yield batch


def whose(pair_id: int | None) -> tuple[str, tuple[Any, ...]]:
    """The condition for records of one pair, or (None) of every pair that is not over."""
    return ("pair_id = ?", (pair_id,)) if pair_id is not None else (RUNNING_PAIRS, ())


def system_clock() -> datetime:
    return datetime.now(UTC)


class Db:
    """The open database as the tables use it; nothing outside store/ sees it."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        clock: Callable[[], datetime],
        uids: Callable[[], str] | None = None,
    ) -> None:
        conn.row_factory = sqlite3.Row
        self.conn = conn
        self.clock = clock
        self._uids = uids

    def now_text(self) -> str:
        return self.clock().astimezone(UTC).isoformat(timespec="microseconds")

    def new_uid(self) -> str:
        return self._uids() if self._uids else str(uuid.uuid4())

    @contextmanager
    def write(self) -> Iterator[None]:
        """One immediate transaction: everything inside lands together or not at all."""
        if self.conn.in_transaction:
            yield
            return
        if isinstance(self.conn, ReadOnlyConnection):
            raise FileProblem(f"{self.conn.reason}; nothing was written")
        begin_immediate(self.conn)
        try:
            command = self._command()
            yield
            self._command_done(command)
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        interrupts.committing()  # a signal from here on waits: the change is about to stand
        self.conn.execute("COMMIT")
        interrupts.committed()

    # How many commands `mentor undo` can go back.
    UNDO_DEPTH = 100

    def _command(self) -> int:
        """This write as one command of the undo log (its changes are logged by triggers)."""
        cursor = self.conn.execute("INSERT INTO undo_command (at) VALUES (?)", (self.now_text(),))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _command_done(self, command: int) -> None:
        """A command that changed no record is forgotten; the log keeps the last UNDO_DEPTH."""
        if self.one("SELECT 1 FROM undo_change WHERE command = ? LIMIT 1", (command,)) is None:
            self.conn.execute("DELETE FROM undo_command WHERE id = ?", (command,))
            return
        oldest = command - self.UNDO_DEPTH
        self.conn.execute("DELETE FROM undo_change WHERE command <= ?", (oldest,))
        self.conn.execute("DELETE FROM undo_command WHERE id <= ?", (oldest,))

    def one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return list(self.conn.execute(sql, params).fetchall())

    def insert(self, table: str, values: dict[str, Any]) -> int:
        """Insert a record with a fresh uid and timestamps; return its id."""
        stamp = self.now_text()
        record = {"uid": self.new_uid(), "created_at": stamp, "updated_at": stamp, **values}
        columns = ", ".join(record)
        marks = ", ".join(f":{name}" for name in record)
        cursor = self.conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", record)
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def update(self, table: str, record_id: int, values: dict[str, Any]) -> None:
        """Change some columns of one record and stamp updated_at."""
        record = {**values, "updated_at": self.now_text()}
        assignments = ", ".join(f"{name} = :{name}" for name in record)
        self.conn.execute(
            f"UPDATE {table} SET {assignments} WHERE id = :id", {**record, "id": record_id}
        )


class Table(Generic[Record]):
    """One table of records: add, read by id, change and delete; its own reads beside."""

    name = ""
    model: type[Record]

    def __init__(self, db: Db) -> None:
        self._db = db

    def _record(self, row: sqlite3.Row) -> Record:
        return self.model(**dict(row))

    def _records(self, sql: str, params: Params = ()) -> list[Record]:
        return [self._record(row) for row in self._db.all(sql, params)]

    def get(self, record_id: int) -> Record | None:
        row = self._db.one(f"SELECT * FROM {self.name} WHERE id = ?", (record_id,))
        return None if row is None else self._record(row)

    def _fetched(self, record_id: int) -> Record:
        found = self.get(record_id)
        assert found is not None, f"{self.name} #{record_id} was just written"
        return found

    def add(self, values: dict[str, Any]) -> Record:
        return self._fetched(self._db.insert(self.name, values))

    def update(self, record_id: int, values: dict[str, Any]) -> Record:
        if values:
            self._db.update(self.name, record_id, values)
        return self._fetched(record_id)

    # The column that says what a record is, for completing its id.
    label = "id"

    def recent_ids(self, prefix: str = "", limit: int = 30) -> list[tuple[int, str]]:
        """The newest ids starting with `prefix`, each with the start of its text."""
        rows = self._db.all(
            f"SELECT id, substr({self.label}, 1, 60) FROM {self.name} "
            "WHERE CAST(id AS TEXT) LIKE ? ORDER BY id DESC LIMIT ?",
            (prefix.replace("%", "").replace("_", "") + "%", limit),
        )
        return [(int(r[0]), " ".join(str(r[1]).split())) for r in rows]

    def delete(self, record_id: int) -> None:
        self._db.conn.execute(f"DELETE FROM {self.name} WHERE id = ?", (record_id,))
