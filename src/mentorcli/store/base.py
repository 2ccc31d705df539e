"""The Store's core: one connection, the clock, and the one way to write."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..errors import BadInput


def system_clock() -> datetime:
    return datetime.now(UTC)


class StoreBase:
    """What every part of the Store shares."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, clock: Callable[[], datetime] = system_clock
    ) -> None:
        self.conn = conn
        self.conn.row_factory = sqlite3.Row
        self.path = path
        self.clock = clock

    def close(self) -> None:
        self.conn.close()

    def now(self) -> datetime:
        return self.clock().astimezone(UTC)

    def now_text(self) -> str:
        return self.now().isoformat(timespec="microseconds")

    def today(self) -> date:
        return self.now().date()

    @staticmethod
    def new_uid() -> str:
        return str(uuid.uuid4())

    @contextmanager
    def write(self) -> Iterator[None]:
        """One immediate transaction: everything inside lands together or not at all."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
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

    def require(self, table: str, record_id: int, noun: str) -> sqlite3.Row:
        row = self.one(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
        if row is None:
            raise BadInput(f"no {noun} #{record_id}; list them with 'mentor {noun} list'")
        return row
