"""People: who takes part, where they live in time, and when they work."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..model.people import Person
from .core import Db, Table, handle_key

LISTS = ("skills", "channels")  # columns holding a JSON list of text


def stored(values: dict[str, Any]) -> dict[str, Any]:
    """Column values as stored: the lists as JSON text."""
    return {
        name: json.dumps(list(value), ensure_ascii=False) if name in LISTS else value
        for name, value in values.items()
    }


def first_free_handle(db: Db, handle: str, uid: str) -> str:
    """`handle` when no other person has it here, else the first free `HANDLE-2`, `HANDLE-3`,
    …: identities are uids, and a handle is only what this database calls someone."""
    candidate, number = handle, 1
    while db.one(
        "SELECT 1 FROM person WHERE handle_key(handle) = ? AND uid != ?",
        (handle_key(candidate), uid),
    ):
        number += 1
        candidate = f"{handle}-{number}"
    return candidate


class People(Table[Person]):
    name = "person"

    def _record(self, row: sqlite3.Row) -> Person:
        values = dict(row)
        for column in LISTS:
            values[column] = tuple(json.loads(values[column]))
        return Person(**values)

    def add(self, values: dict[str, Any]) -> Person:
        return super().add(stored(values))

    def update(self, record_id: int, values: dict[str, Any]) -> Person:
        return super().update(record_id, stored(values))

    def by_handle(self, handle: str) -> Person | None:
        row = self._db.one(
            "SELECT * FROM person WHERE handle_key(handle) = ?", (handle_key(handle),)
        )
        return self._record(row) if row else None

    def all(self) -> list[Person]:
        return self._records("SELECT * FROM person ORDER BY handle")

    def handles(self, prefix: str = "") -> list[str]:
        rows = self._db.all(
            "SELECT handle FROM person WHERE handle LIKE ? ESCAPE '\\' ORDER BY handle",
            (prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
        )
        return [r["handle"] for r in rows]
