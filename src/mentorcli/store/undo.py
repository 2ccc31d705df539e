"""The SQL of `mentor undo`: this device's last command and each record as it was before it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .core import Db
from .schema import RECORD_TABLES


@dataclass(frozen=True)
class Reverted:
    """One record a command changed, and what putting it back means."""

    kind: str
    uid: str
    id: int | None  # the record's id, as users know it
    what: str  # removed (the command added it), restored (it deleted it), put back (changed it)
    before: dict[str, Any] | None  # the record before the command; None: it did not exist


class UndoLog:
    def __init__(self, db: Db) -> None:
        self._db = db

    def last_command(self) -> tuple[int, str] | None:
        """The latest command that changed a record, not undone and not itself an undo (the
        command now open, the undo's own, has changed nothing yet)."""
        row = self._db.one(
            "SELECT id, at FROM undo_command WHERE state = 'done' AND EXISTS "
            "(SELECT 1 FROM undo_change WHERE command = undo_command.id) "
            "ORDER BY id DESC LIMIT 1"
        )
        return None if row is None else (int(row["id"]), str(row["at"]))

    def reverted(self, command: int) -> list[Reverted]:
        """Each record the command touched, with the state before its first change."""
        first: dict[str, Reverted] = {}
        for row in self._db.all(
            "SELECT kind, uid, op, before FROM undo_change WHERE command = ? ORDER BY id",
            (command,),
        ):
            if row["uid"] in first:
                continue
            before = None if row["before"] is None else json.loads(row["before"])
            what = {"insert": "removed", "delete": "restored", "update": "put back"}[row["op"]]
            record_id = before["id"] if before else self._id(row["kind"], row["uid"])
            first[row["uid"]] = Reverted(row["kind"], row["uid"], record_id, what, before)
        return sorted(first.values(), key=lambda r: (RECORD_TABLES.index(r.kind), r.id or 0))

    def _id(self, kind: str, uid: str) -> int | None:
        row = self._db.one(f"SELECT id FROM {kind} WHERE uid = ?", (uid,))
        return None if row is None else int(row["id"])

    def put_back(self, command: int, records: list[Reverted]) -> None:
        """Every record as it was before the command: added ones removed (children first), the
        rest restored parents first. This write is a command of its own, marked an undo."""
        for record in reversed(records):
            if record.before is None:
                self._db.conn.execute(f"DELETE FROM {record.kind} WHERE uid = ?", (record.uid,))
        for record in records:
            if record.before is not None:
                self._restore(record.kind, record.before)
        self._db.conn.execute("UPDATE undo_command SET state = 'undone' WHERE id = ?", (command,))
        self._db.conn.execute(
            "UPDATE undo_command SET state = 'undo' WHERE id = (SELECT max(id) FROM undo_command)"
        )

    def _restore(self, kind: str, before: dict[str, Any]) -> None:
        columns = {row[1] for row in self._db.all(f"PRAGMA table_info({kind})")}
        values = {k: v for k, v in before.items() if k in columns}
        exists = self._db.one(f"SELECT 1 FROM {kind} WHERE uid = ?", (values["uid"],))
        if exists is None:
            names, marks = ", ".join(values), ", ".join(f":{n}" for n in values)
            self._db.conn.execute(f"INSERT INTO {kind} ({names}) VALUES ({marks})", values)
        else:
            sets = ", ".join(f"{n} = :{n}" for n in values if n != "uid")
            self._db.conn.execute(f"UPDATE {kind} SET {sets} WHERE uid = :uid", values)
