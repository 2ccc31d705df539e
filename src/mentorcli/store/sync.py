"""The SQL of sharing: a pair's shared records as uids and fields, the state of what every
device changed, and writing resolved records back into the tables."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .core import Db
from .exchange import BY_NAME, SECTIONS, Section
from .people import first_free_handle

# What never leaves this database: private notes, the ratings, a person's free-text note.
# What never leaves in a sync: a person's note and busy calendar (a path on this machine),
# a session's ratings and private notes.
PRIVATE = {
    "people": {"note", "busy"},
    "sessions": {"rapport", "engagement", "private_notes"},
}
KINDS = {section.table: section for section in SECTIONS}
# A record as sharing keeps it: uid, kind, {field: [value, at, device]}, its deletion's clock.
Kept = tuple[str, str, dict[str, list[Any]], tuple[str, str] | None]
# The references a record cannot exist without; the others may wait for their record.
REQUIRED_REFS = frozenset({"pair", "mentor", "mentee", "person"})


SHARED_COLUMNS = {
    section.name: tuple(c for c in section.columns if c not in PRIVATE.get(section.name, set()))
    for section in SECTIONS
}


def shared_columns(section: Section) -> tuple[str, ...]:
    return SHARED_COLUMNS[section.name]


@dataclass(frozen=True)
class Written:
    """A record written: the local handle a person got because theirs was taken here ("" for
    none), and whether a reference it holds waits for its record (for `write_links`)."""

    renamed: str = ""
    waiting: bool = False


@dataclass(frozen=True)
class Share:
    """A pair bound to a folder, and this device's id in it."""

    pair_uid: str
    folder: str
    device: str


class SyncTables:
    """Shares, the resolved state of every shared field, what was read of each device's log."""

    def __init__(self, db: Db) -> None:
        self._db = db

    def shares(self) -> list[Share]:
        rows = self._db.all("SELECT pair_uid, folder, device FROM share ORDER BY rowid")
        return [Share(r["pair_uid"], r["folder"], r["device"]) for r in rows]

    def bind(self, pair_uid: str, folder: str, device: str) -> None:
        self._db.conn.execute(
            "INSERT INTO share (pair_uid, folder, device, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (pair_uid) DO UPDATE SET folder = excluded.folder",
            (pair_uid, folder, device, self._db.now_text()),
        )

    def pair_id(self, pair_uid: str) -> int | None:
        row = self._db.one("SELECT id FROM pair WHERE uid = ?", (pair_uid,))
        return None if row is None else int(row["id"])

    def snapshot(self, pair_id: int, size: int) -> Iterator[dict[str, tuple[str, dict[str, Any]]]]:
        """The pair, its two people and every record of it, `size` records at a time in the
        order an import writes them: shared fields, references as uids (of the records of the
        pair, None for any other)."""
        pair = self._db.one("SELECT * FROM pair WHERE id = ?", (pair_id,))
        assert pair is not None
        aliases = {r["uid"]: r["handle"] for r in self._db.all("SELECT * FROM sync_alias")}
        people = (pair["mentor_id"], pair["mentee_id"])
        scopes: dict[str, tuple[str, tuple[Any, ...]]] = {}  # section -> (where, its values)
        for section in SECTIONS:
            if section.table == "person":
                scopes[section.name] = ("{t}.id IN (?, ?)", people)
            elif section.table == "pair":
                scopes[section.name] = ("{t}.id = ?", (pair_id,))
            elif section.table == "time_off":  # the pair's two people's time away
                scopes[section.name] = ("{t}.person_id IN (?, ?)", people)
            else:
                scopes[section.name] = ("{t}.pair_id = ?", (pair_id,))
        for section in SECTIONS:
            where, params = scopes[section.name]
            refs = list(section.refs.items())
            joins, looked_up = "", list[Any]()
            for number, (_, (column, target)) in enumerate(refs):
                on, bound = scopes[target]
                joins += (
                    f" LEFT JOIN {BY_NAME[target].table} AS r{number} "
                    f"ON r{number}.id = t.{column} AND {on.format(t=f'r{number}')}"
                )
                looked_up += bound
            uids = "".join(f", r{number}.uid AS ref{number}" for number in range(len(refs)))
            ids = self._db.conn.execute(
                f"SELECT id FROM {section.table} AS t WHERE {where.format(t='t')} ORDER BY id",
                params,
            )
            while chunk := [row[0] for row in ids.fetchmany(size)]:
                rows = self._db.conn.execute(
                    f"SELECT t.*{uids} FROM {section.table} AS t{joins} "
                    f"WHERE t.id IN ({', '.join('?' * len(chunk))}) ORDER BY t.id",
                    (*looked_up, *chunk),
                )
                out: dict[str, tuple[str, dict[str, Any]]] = {}
                for row in rows:
                    values: dict[str, Any] = {}
                    for number, (name, _) in enumerate(refs):
                        values[name] = row[f"ref{number}"]
                    for column in shared_columns(section):
                        value = row[column]
                        values[column] = json.loads(value) if column in section.lists else value
                    if section.table == "person" and row["uid"] in aliases:
                        values["handle"] = aliases[row["uid"]]
                    out[row["uid"]] = (section.table, values)
                yield out

    def kept(self, pair_uid: str, uids: Sequence[str], deletions: bool = False) -> Iterator[Kept]:
        """What was kept of these records (of those with a deletion, for `deletions`): its
        kind, every field as (value, at, device), and its deletion's (at, device) if it has
        one."""
        where = " AND deleted_at IS NOT NULL" if deletions else ""
        yield from self._kept(
            f"pair_uid = ? AND uid IN ({', '.join('?' * len(uids))}){where}", (pair_uid, *uids)
        )

    def tombstoned(self, pair_uid: str) -> Iterator[Kept]:
        """What was kept of the records deleted in this database (their tombstones), in the
        order of their uids."""
        yield from self._kept(
            "pair_uid = ? AND uid IN (SELECT uid FROM tombstone) ORDER BY uid", (pair_uid,)
        )

    def _kept(self, where: str, params: tuple[Any, ...]) -> Iterator[Kept]:
        rows = self._db.conn.execute(
            f"SELECT uid, kind, fields, deleted_at, deleted_device FROM sync_record WHERE {where}",
            params,
        )
        for uid, kind, fields, deleted_at, deleted_device in rows:
            deleted = None if deleted_at is None else (deleted_at, deleted_device)
            yield uid, kind, json.loads(fields), deleted

    def save_records(self, pair_uid: str, records: Iterable[Kept]) -> None:
        """These records' state in place of what was kept of them, row by row as they come."""
        self._db.conn.executemany(
            "INSERT OR REPLACE INTO sync_record "
            "(pair_uid, uid, kind, fields, deleted_at, deleted_device) VALUES (?, ?, ?, ?, ?, ?)",
            (
                (pair_uid, uid, kind, json.dumps(fields), *(deleted or (None, None)))
                for uid, kind, fields, deleted in records
            ),
        )

    def note_edits(
        self, pair_uid: str, uids: Sequence[str]
    ) -> list[tuple[str, str, str, str | None, str | None, str]]:
        """Every edit of these records' notes seen in sync."""
        rows = self._db.all(
            "SELECT uid, at, device, prev_at, prev_device, text FROM sync_note "
            f"WHERE pair_uid = ? AND uid IN ({', '.join('?' * len(uids))})",
            (pair_uid, *uids),
        )
        return [tuple(r) for r in rows]

    def add_note_edits(
        self, pair_uid: str, edits: list[tuple[str, str, str, str | None, str | None, str]]
    ) -> None:
        self._db.conn.executemany(
            "INSERT OR IGNORE INTO sync_note (pair_uid, uid, at, device, prev_at, prev_device, "
            "text) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(pair_uid, *edit) for edit in edits],
        )

    def read_marks(self, pair_uid: str) -> dict[str, tuple[int, str]]:
        rows = self._db.all(
            "SELECT device, offset, digest FROM sync_read WHERE pair_uid = ?", (pair_uid,)
        )
        return {r["device"]: (int(r["offset"]), r["digest"]) for r in rows}

    def mark_read(self, pair_uid: str, device: str, offset: int, digest: str) -> None:
        self._db.conn.execute(
            "INSERT INTO sync_read (pair_uid, device, offset, digest) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (pair_uid, device) DO UPDATE SET offset = excluded.offset, "
            "digest = excluded.digest",
            (pair_uid, device, offset, digest),
        )

    def local_id(self, kind: str, uid: str) -> int | None:
        row = self._db.one(f"SELECT id FROM {kind} WHERE uid = ?", (uid,))
        return None if row is None else int(row["id"])

    def note_history(
        self, uid: str
    ) -> tuple[
        list[tuple[str, str, str | None, str | None, str]], tuple[Any, tuple[str, str]] | None
    ]:
        """Every edit of a session's notes seen in sync, and the one that stands."""
        edits = self._db.all(
            "SELECT DISTINCT at, device, prev_at, prev_device, text FROM sync_note WHERE uid = ?",
            (uid,),
        )
        kept = self._db.one("SELECT fields FROM sync_record WHERE uid = ?", (uid,))
        notes = None if kept is None else json.loads(kept["fields"]).get("notes")
        if notes is None:
            return [], None
        found = (notes[0], (notes[1], notes[2]))
        return [tuple(r) for r in edits], found

    def remove(self, kind: str, uid: str) -> bool:
        cursor = self._db.conn.execute(f"DELETE FROM {kind} WHERE uid = ?", (uid,))
        return cursor.rowcount > 0

    def write_record(
        self, kind: str, uid: str, values: dict[str, Any], stamp: str
    ) -> Written | None:
        """The record as resolved, inserted or updated by uid, with every reference whose
        record is here already; `write_links` sets the optional ones that point at a record
        written later. None if it cannot be written yet."""
        section = KINDS[kind]
        row: dict[str, Any] = {}
        waiting = False
        for name, (column, target) in section.refs.items():
            local = self._local_ref(target, values.get(name))
            required = name in REQUIRED_REFS
            if required and local is None:
                return None
            if required or local is not None or values.get(name) is None:
                row[column] = local
            else:
                waiting = True
        columns = shared_columns(section)
        if any(c not in values for c in columns):
            return None  # not every field has come in yet
        for column in columns:
            value = values[column]
            row[column] = (
                json.dumps(value, ensure_ascii=False) if column in section.lists else value
            )
        renamed = ""
        if kind == "person":
            row["handle"], newly = self._local_handle(uid, values["handle"])
            renamed = row["handle"] if newly else ""
        existing = self._db.one(f"SELECT id FROM {kind} WHERE uid = ?", (uid,))
        if existing is None:
            row |= {"uid": uid, "created_at": stamp, "updated_at": stamp}
            names, marks = ", ".join(row), ", ".join(f":{n}" for n in row)
            self._db.conn.execute(f"INSERT INTO {kind} ({names}) VALUES ({marks})", row)
        else:
            row["updated_at"] = stamp
            sets = ", ".join(f"{n} = :{n}" for n in row)
            self._db.conn.execute(
                f"UPDATE {kind} SET {sets} WHERE uid = :uid_", row | {"uid_": uid}
            )
        return Written(renamed, waiting)

    def write_links(self, kind: str, uid: str, values: dict[str, Any]) -> None:
        """The optional references of a written record, now that every record is in: only
        the ones that differ are written, so a record already right is not touched."""
        for name, (column, target) in KINDS[kind].refs.items():
            if name in REQUIRED_REFS or values.get(name) is None:
                continue
            local = self._local_ref(target, values[name])
            self._db.conn.execute(
                f"UPDATE {kind} SET {column} = :local WHERE uid = :uid AND {column} IS NOT :local",
                {"local": local, "uid": uid},
            )

    def _local_ref(self, target: str, uid_there: Any) -> int | None:
        """The local id of the record a reference names by uid, if it is here."""
        if uid_there is None:
            return None
        found = self._db.one(f"SELECT id FROM {BY_NAME[target].table} WHERE uid = ?", (uid_there,))
        return None if found is None else int(found["id"])

    def _local_handle(self, uid: str, handle: str) -> tuple[str, bool]:
        """The handle this person gets here, and whether it is newly a local one because
        someone else here has theirs; the handle the other side uses is kept as an alias."""
        local = first_free_handle(self._db, handle, uid)
        if local == handle:
            self._db.conn.execute("DELETE FROM sync_alias WHERE uid = ?", (uid,))
            return handle, False
        known = self._db.one("SELECT handle FROM sync_alias WHERE uid = ?", (uid,))
        mine = self._db.one("SELECT handle FROM person WHERE uid = ?", (uid,))
        if known is not None and known["handle"] == handle and mine is not None:
            return str(mine["handle"]), False
        self._db.conn.execute(
            "INSERT INTO sync_alias (uid, handle) VALUES (?, ?) "
            "ON CONFLICT (uid) DO UPDATE SET handle = excluded.handle",
            (uid, handle),
        )
        return local, True
