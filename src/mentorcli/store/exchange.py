"""Export and import of every record, keyed by uid: the SQL side of backup and merge."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..errors import BadInput
from .core import Db
from .people import first_free_handle
from .sessions import COLUMNS as SESSION_COLUMNS


@dataclass(frozen=True)
class Section:
    """One list in the exchange document and the table it comes from.

    `refs` maps a document field to (column, section it points into): references travel as
    uids, because ids are local to one database.
    """

    name: str
    table: str
    columns: tuple[str, ...]  # plain columns, besides uid and the timestamps
    refs: dict[str, tuple[str, str]] = field(default_factory=dict)
    lists: tuple[str, ...] = ()  # columns holding a JSON list of text

    @property
    def fields(self) -> tuple[str, ...]:
        return ("uid", *self.refs, *self.columns, "created_at", "updated_at")


# In the order an import must write them: everything a record points at comes first.
SECTIONS = (
    Section(
        "people",
        "person",
        (
            "handle",
            "name",
            "email",
            "timezone",
            "hours",
            "skills",
            "channels",
            "note",
            "holidays",
            "busy",
            "sleep",
        ),
        lists=("skills", "channels"),
    ),
    Section(
        "time_off",
        "time_off",
        ("starts", "ends", "hours", "note"),
        {"person": ("person_id", "people")},
    ),
    Section(
        "pairs",
        "pair",
        (
            "status",
            "focus",
            "cadence",
            "channel",
            "start_date",
            "end_date",
            "end_reason",
            "paused_on",
        ),
        {"mentor": ("mentor_id", "people"), "mentee": ("mentee_id", "people")},
    ),
    Section(
        "expectations",
        "expectation",
        ("topic", "text", "agreed_on", "review_on", "state"),
        {"pair": ("pair_id", "pairs"), "superseded_by": ("superseded_by", "expectations")},
    ),
    Section(
        "goals",
        "goal",
        ("title", "detail", "status", "progress", "due_on", "achieved_on"),
        {"pair": ("pair_id", "pairs")},
    ),
    Section(
        "sessions",
        "session",
        SESSION_COLUMNS,
        {"pair": ("pair_id", "pairs")},
    ),
    Section(
        "actions",
        "action",
        ("owner", "text", "due_on", "status", "done_on"),
        {"pair": ("pair_id", "pairs"), "session": ("session_id", "sessions")},
    ),
    Section(
        "topics",
        "topic",
        ("text",),
        {"pair": ("pair_id", "pairs"), "covered_session": ("covered_session_id", "sessions")},
    ),
    Section(
        "planned_sessions",
        "planned_session",
        ("starts_at", "zone", "minutes", "channel", "agenda_note", "status", "sequence"),
        {"pair": ("pair_id", "pairs"), "session": ("session_id", "sessions")},
    ),
)
BY_NAME = {section.name: section for section in SECTIONS}


TABLE_SECTIONS = {section.table: section.name for section in SECTIONS}


@dataclass
class Merged:
    """What an import did, per section: added, updated (newer there), unchanged, deleted (gone
    there after the last change here); and the people who got a local handle."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)  # handle in the file -> handle here

    def count(self, kind: dict[str, int], section: str) -> None:
        kind[section] = kind.get(section, 0) + 1


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Exchange:
    """Every record out as a document, and a document merged in."""

    def __init__(self, db: Db) -> None:
        self._db = db

    def export_records(self) -> dict[str, list[dict[str, Any]]]:
        """Every record of every table, references as uids, in a stable order."""
        import json

        uids: dict[str, dict[int, str]] = {}
        document: dict[str, list[dict[str, Any]]] = {}
        for section in SECTIONS:
            rows = self._db.all(f"SELECT * FROM {section.table} ORDER BY id")
            uids[section.name] = {r["id"]: r["uid"] for r in rows}
            records = []
            for row in rows:
                record: dict[str, Any] = {"uid": row["uid"]}
                for name, (column, target) in section.refs.items():
                    local = row[column]
                    record[name] = None if local is None else uids[target][local]
                for column in section.columns:
                    value = row[column]
                    record[column] = json.loads(value) if column in section.lists else value
                record["created_at"] = row["created_at"]
                record["updated_at"] = row["updated_at"]
                records.append(record)
            document[section.name] = records
        document["deleted"] = [
            {"uid": r["uid"], "kind": r["kind"], "deleted_at": r["deleted_at"]}
            for r in self._db.all("SELECT * FROM tombstone ORDER BY deleted_at, uid")
        ]
        return document

    def merge_records(
        self,
        document: dict[str, list[dict[str, Any]]],
        advance: Callable[[], None] = lambda: None,
    ) -> Merged:
        """Merge checked records by uid in one transaction: an unknown uid is added, a known one
        is replaced only when the incoming updated_at is newer. Any failure writes nothing."""
        merged = Merged()
        with self._db.write():
            for section in SECTIONS:
                for record in document[section.name]:
                    self._merge_one(section, record, merged)
                    advance()
            # Second pass: an expectation may point at one later in the file.
            for record in document["expectations"]:
                self._link_superseded(record)
            for tombstone in document.get("deleted", []):
                self._bury(tombstone, merged)
            self._refuse_crossed_links()
        return merged

    def _bury(self, tombstone: dict[str, Any], merged: Merged) -> None:
        """A record deleted there: deleted here too unless it changed here since."""
        kind, uid, when = tombstone["kind"], tombstone["uid"], tombstone["deleted_at"]
        row = self._db.one(f"SELECT id, updated_at FROM {kind} WHERE uid = ?", (uid,))
        if row is not None and _instant(row["updated_at"]) < _instant(when):
            self._db.conn.execute(f"DELETE FROM {kind} WHERE id = ?", (row["id"],))
            merged.count(merged.deleted, TABLE_SECTIONS[kind])
        if row is None or _instant(row["updated_at"]) < _instant(when):
            self._db.conn.execute(
                "INSERT INTO tombstone (uid, kind, deleted_at) VALUES (?, ?, ?) "
                "ON CONFLICT (uid) DO UPDATE SET deleted_at = excluded.deleted_at "
                "WHERE excluded.deleted_at > tombstone.deleted_at",
                (uid, kind, when),
            )

    def _buried(self, uid: str, updated_at: str) -> bool:
        """Deleted here after the file's last change to it: the file does not bring it back."""
        row = self._db.one("SELECT deleted_at FROM tombstone WHERE uid = ?", (uid,))
        return row is not None and _instant(row["deleted_at"]) >= _instant(updated_at)

    # Links the merged records may not make: each names the first record that makes it.
    CROSSED = (
        (
            "action uid {} belongs to one pair but points at a session of another",
            "SELECT a.uid FROM action AS a JOIN session AS s ON s.id = a.session_id "
            "WHERE s.pair_id != a.pair_id LIMIT 1",
        ),
        (
            "topic uid {} belongs to one pair but was covered in a session of another",
            "SELECT t.uid FROM topic AS t JOIN session AS s ON s.id = t.covered_session_id "
            "WHERE s.pair_id != t.pair_id LIMIT 1",
        ),
        (
            "expectation uid {} is superseded by an expectation of another pair",
            "SELECT e.uid FROM expectation AS e JOIN expectation AS n ON n.id = e.superseded_by "
            "WHERE n.pair_id != e.pair_id LIMIT 1",
        ),
        (
            "expectation uid {} is superseded by itself, through a loop of versions",
            "WITH RECURSIVE chain(start, here, steps) AS ("
            " SELECT id, superseded_by, 1 FROM expectation WHERE superseded_by IS NOT NULL"
            " UNION ALL SELECT chain.start, e.superseded_by, chain.steps + 1 FROM chain"
            " JOIN expectation AS e ON e.id = chain.here"
            " WHERE e.superseded_by IS NOT NULL AND chain.steps < 100000)"
            " SELECT e.uid FROM chain JOIN expectation AS e ON e.id = chain.start"
            " WHERE chain.here = chain.start LIMIT 1",
        ),
    )

    def _refuse_crossed_links(self) -> None:
        """Links that make no sense, whether the file or the database brought them: the
        merge is refused whole, inside its transaction."""
        for message, sql in self.CROSSED:
            row = self._db.one(sql)
            if row is not None:
                raise BadInput(message.format(row[0]) + "; nothing was imported")

    def _local_id(self, section: str, uid: str | None, where: str) -> int | None:
        if uid is None:
            return None
        row = self._db.one(f"SELECT id FROM {BY_NAME[section].table} WHERE uid = ?", (uid,))
        if row is None:
            raise BadInput(
                f"{where} points at {section} uid {uid}, which is neither in the file nor here; "
                "nothing was imported"
            )
        return int(row["id"])

    def _merge_one(self, section: Section, record: dict[str, Any], merged: Merged) -> None:
        import json

        where = f"{section.name} uid {record['uid']}"
        values: dict[str, Any] = {}
        for name, (column, target) in section.refs.items():
            if section.name == "expectations" and name == "superseded_by":
                continue  # linked in the second pass
            values[column] = self._local_id(target, record[name], where)
        for column in section.columns:
            value = record[column]
            values[column] = (
                json.dumps(value, ensure_ascii=False) if column in section.lists else value
            )
        existing = self._db.one(
            f"SELECT id, updated_at FROM {section.table} WHERE uid = ?", (record["uid"],)
        )
        newer = existing is None or _instant(record["updated_at"]) > _instant(
            existing["updated_at"]
        )
        if existing is None and self._buried(record["uid"], record["updated_at"]):
            merged.count(merged.unchanged, section.name)
            return
        if section.name == "people" and newer:
            values["handle"] = self._free_handle(record, merged)
        if existing is None:
            stamps = {"created_at": record["created_at"], "updated_at": record["updated_at"]}
            row = {"uid": record["uid"], **values, **stamps}
            names = ", ".join(row)
            marks = ", ".join(f":{name}" for name in row)
            self._db.conn.execute(f"INSERT INTO {section.table} ({names}) VALUES ({marks})", row)
            merged.count(merged.added, section.name)
        elif newer:
            row = {**values, "updated_at": record["updated_at"]}
            assignments = ", ".join(f"{name} = :{name}" for name in row)
            self._db.conn.execute(
                f"UPDATE {section.table} SET {assignments} WHERE id = :id",
                {**row, "id": existing["id"]},
            )
            merged.count(merged.updated, section.name)
        else:
            merged.count(merged.unchanged, section.name)

    def _free_handle(self, record: dict[str, Any], merged: Merged) -> str:
        """The file's handle for this person, or a local one when someone else has it here."""
        local = first_free_handle(self._db, record["handle"], record["uid"])
        if local != record["handle"]:
            merged.renamed[record["handle"]] = local
        return local

    def _link_superseded(self, record: dict[str, Any]) -> None:
        row = self._db.one(
            "SELECT id, superseded_by, updated_at FROM expectation WHERE uid = ?", (record["uid"],)
        )
        if row is None or row["updated_at"] != record["updated_at"]:
            return  # the local record is newer and keeps its own link
        where = f"expectations uid {record['uid']}"
        target = self._local_id("expectations", record["superseded_by"], where)
        if row["superseded_by"] != target:
            self._db.conn.execute(
                "UPDATE expectation SET superseded_by = ? WHERE id = ?", (target, row["id"])
            )
