"""The database file: where it lives, who can read it, what is refused, how it migrates."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from mentorcli.store import Store
from mentorcli.store import schema as schema_module
from mentorcli.store.connection import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    default_db_path,
    migrate,
    resolve_db_path,
)

from conftest import Run, file_mode


@pytest.fixture
def umask_022() -> object:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_created_owner_only_whatever_the_umask(run: Run, db_path: Path, umask_022: object) -> None:
    assert run("person", "add", "ana", "--tz", "UTC").code == 0
    assert file_mode(db_path) == 0o600
    assert file_mode(db_path.parent) == 0o700
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            assert file_mode(side) == 0o600


def test_wal_and_sidecars_owner_only_while_open(db_path: Path, umask_022: object) -> None:
    store = Store.open(db_path)
    try:
        store.conn.execute("SELECT count(*) FROM person").fetchone()
        for suffix in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + suffix)
            assert side.exists() and file_mode(side) == 0o600
    finally:
        store.close()


def test_connection_settings(db_path: Path) -> None:
    store = Store.open(db_path)
    try:
        pragma = lambda name: store.conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") > 0
        assert pragma("application_id") == APPLICATION_ID
        assert pragma("user_version") == SCHEMA_VERSION
    finally:
        store.close()


def test_schema_version_counts_the_migrations() -> None:
    assert len(schema_module.migrations()._migrations) == SCHEMA_VERSION


def test_location_precedence(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "MENTOR_DB": str(tmp_path / "env.db")}
    assert resolve_db_path(str(tmp_path / "opt.db"), env) == tmp_path / "opt.db"
    assert resolve_db_path(None, env) == tmp_path / "env.db"
    assert resolve_db_path(None, {"HOME": str(tmp_path)}) == default_db_path(
        {"HOME": str(tmp_path)}
    )
    linux = default_db_path({"HOME": "/home/u"})
    assert linux.parts[-2:] == ("mentor", "mentor.db")


def test_db_option_beats_environment(run: Run, tmp_path: Path, db_path: Path) -> None:
    other = tmp_path / "other.db"
    assert run("--db", str(other), "person", "add", "ana", "--tz", "UTC").code == 0
    assert other.exists() and not db_path.exists()


def test_zero_byte_file_counts_as_new(run: Run, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")
    assert run("person", "add", "ana", "--tz", "UTC").code == 0
    assert run("person", "show", "ana").code == 0


def _refused_untouched(run: Run, db_path: Path, content: bytes, words: str) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(content)
    outcome = run("person", "list")
    assert outcome.code == 3, outcome
    assert words in outcome.err and outcome.err.count("\n") == 1
    assert db_path.read_bytes() == content
    written = run("person", "add", "ana", "--tz", "UTC")
    assert written.code == 3 and db_path.read_bytes() == content


def test_text_file_refused(run: Run, db_path: Path) -> None:
    _refused_untouched(run, db_path, b"dear diary\n" * 20, "not an SQLite file")


def _sqlite_file(path: Path, app_id: int = 0, version: int = 0) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('not ours')")
    conn.execute(f"PRAGMA application_id = {app_id}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    return path.read_bytes()


def test_other_programs_sqlite_refused(run: Run, db_path: Path, tmp_path: Path) -> None:
    _refused_untouched(run, db_path, _sqlite_file(tmp_path / "a.db"), "another program")
    db_path.unlink()
    foreign = _sqlite_file(tmp_path / "b.db", app_id=0x12345678)
    _refused_untouched(run, db_path, foreign, "another program")


def test_newer_version_refused(run: Run, db_path: Path, tmp_path: Path) -> None:
    newer = _sqlite_file(tmp_path / "n.db", APPLICATION_ID, SCHEMA_VERSION + 1)
    _refused_untouched(run, db_path, newer, "newer")


def test_a_later_migration_still_in_the_wal_is_refused(run: Run, db_path: Path) -> None:
    """The file's header says this version, its -wal a newer one: the -wal is what counts."""
    assert run("person", "add", "ana", "--tz", "UTC").code == 0
    holder = sqlite3.connect(db_path, isolation_level=None)  # open, so nothing is folded in
    try:
        holder.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        assert int.from_bytes(db_path.read_bytes()[60:64], "big") == SCHEMA_VERSION
        outcome = run("person", "list")
    finally:
        holder.close()
    assert outcome.code == 3 and "newer mentor" in outcome.err, outcome


def test_damaged_database_refused(run: Run, db_path: Path) -> None:
    assert run("person", "add", "ana", "--tz", "UTC").code == 0
    content = bytearray(db_path.read_bytes())
    content[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page
    db_path.write_bytes(bytes(content))
    outcome = run("person", "list")
    assert outcome.code == 3 and "damaged" in outcome.err
    assert db_path.read_bytes() == bytes(content)


def _database_at(path: Path, stop_before: str | None) -> None:
    """A database created by an earlier build: migrations applied up to stop_before."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, path, backup=False, stop_before=stop_before)
    conn.close()


def _normalised(sql: str | None) -> str | None:
    return None if sql is None else " ".join(sql.split())


def _schema_of(path: Path) -> dict[str, dict[str, object]]:
    """A database's schema, part by part: every table, index, trigger and view with its SQL,
    every table's columns and foreign keys, every index's columns."""
    conn = sqlite3.connect(path)
    parts = ("columns", "foreign keys", "index columns", "table", "index", "trigger", "view")
    schema: dict[str, dict[str, object]] = {part: {} for part in parts}
    try:
        for kind, name, table, sql in conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"
        ):
            schema[kind][name] = (table, _normalised(sql))
        for table in schema["table"]:
            # table_xinfo rows: cid, name, type, notnull, dflt_value, pk, hidden
            schema["columns"][table] = [
                row[1:] for row in conn.execute(f"PRAGMA table_xinfo('{table}')")
            ]
            keys = conn.execute(f"PRAGMA foreign_key_list('{table}')").fetchall()
            schema["foreign keys"][table] = sorted(keys)
            # index_list rows: seq, name, unique, origin, partial (automatic indexes included)
            for index in conn.execute(f"PRAGMA index_list('{table}')").fetchall():
                info = conn.execute(f"PRAGMA index_xinfo('{index[1]}')").fetchall()
                schema["index columns"][index[1]] = (table, index[2:], info)
    finally:
        conn.close()
    return schema


@pytest.mark.parametrize("stop_before", [name for name, _ in schema_module.MIGRATIONS[1:]])
def test_every_earlier_schema_migrates_to_current(
    db_path: Path, tmp_path: Path, stop_before: str
) -> None:
    _database_at(db_path, stop_before)
    old = sqlite3.connect(db_path)
    old_version = old.execute("PRAGMA user_version").fetchone()[0]
    assert old_version < SCHEMA_VERSION
    stamp = "2026-01-01T00:00:00+00:00"
    old.execute(
        "INSERT INTO person (uid, handle, timezone, hours, created_at, updated_at) "
        "VALUES ('u1', 'ana', 'UTC', 'mon-fri 09:00-17:00', ?, ?)",
        (stamp, stamp),
    )
    old.execute(
        "INSERT INTO person (uid, handle, timezone, hours, created_at, updated_at) "
        "VALUES ('u2', 'rui', 'UTC', 'mon-fri 09:00-17:00', ?, ?)",
        (stamp, stamp),
    )
    old.execute(
        "INSERT INTO pair (uid, mentor_id, mentee_id, start_date, created_at, updated_at) "
        "VALUES ('p1', 2, 1, '2026-01-01', ?, ?)",
        (stamp, stamp),
    )
    old.execute(
        "INSERT INTO session (uid, pair_id, started_at, zone, channel, notes, created_at,"
        " updated_at) VALUES ('s1', 1, ?, 'UTC', 'video', 'talked about kubernetes', ?, ?)",
        (stamp, stamp, stamp),
    )
    old.commit()
    old.close()

    store = Store.open(db_path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [p.handle for p in store.people.all()] == ["ana", "rui"]
        hits = store.conn.execute(
            "SELECT kind, ref FROM search_index WHERE search_index MATCH 'kubernetes'"
        ).fetchall()
        assert [tuple(h) for h in hits] == [("session", 1)]
    finally:
        store.close()
    fresh = tmp_path / "fresh" / "mentor.db"
    Store.open(fresh).close()
    migrated, blank = _schema_of(db_path), _schema_of(fresh)
    assert blank["index"] and blank["trigger"] and blank["index columns"]
    for part in blank:
        assert migrated[part] == blank[part], part
    backups = sorted(db_path.parent.glob("mentor.db.schema*.bak"))
    assert len(backups) == 1 and file_mode(backups[0]) == 0o600
    copy = sqlite3.connect(backups[0])
    assert copy.execute("PRAGMA user_version").fetchone()[0] == old_version
    assert copy.execute("SELECT handle FROM person ORDER BY id").fetchall() == [("ana",), ("rui",)]
    copy.close()


def test_blank_database_migrates_without_backup(db_path: Path) -> None:
    Store.open(db_path).close()
    assert not list(db_path.parent.glob("*.bak"))
    tables = {row[0] for row in sqlite3.connect(db_path).execute("SELECT name FROM sqlite_master")}
    assert {"person", "pair", "expectation", "goal", "session", "action", "topic"} <= tables
    assert "search_index" in tables


def test_opening_twice_migrates_once(db_path: Path) -> None:
    Store.open(db_path).close()
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    applied = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert applied == SCHEMA_VERSION


def test_full_text_index_follows_edits(db_path: Path) -> None:
    store = Store.open(db_path)
    try:
        conn = store.conn
        stamp = "2026-01-01T00:00:00+00:00"
        with store.write():
            for uid, handle in (("a", "ana"), ("b", "rui")):
                conn.execute(
                    "INSERT INTO person (uid, handle, timezone, hours, created_at, updated_at)"
                    " VALUES (?, ?, 'UTC', 'mon-fri 09:00-17:00', ?, ?)",
                    (uid, handle, stamp, stamp),
                )
            conn.execute(
                "INSERT INTO pair (uid, mentor_id, mentee_id, start_date, created_at, updated_at)"
                " VALUES ('p', 2, 1, '2026-01-01', ?, ?)",
                (stamp, stamp),
            )
            conn.execute(
                "INSERT INTO goal (uid, pair_id, title, detail, created_at, updated_at)"
                " VALUES ('g', 1, 'ship the parser', 'with tests', ?, ?)",
                (stamp, stamp),
            )

        def hits(word: str) -> int:
            row = conn.execute(
                "SELECT count(*) FROM search_index WHERE search_index MATCH ?", (word,)
            ).fetchone()
            return int(row[0])

        assert hits("parser") == 1
        with store.write():
            conn.execute("UPDATE goal SET title = 'ship the compiler' WHERE id = 1")
        assert hits("parser") == 0 and hits("compiler") == 1
        with store.write():
            conn.execute("DELETE FROM goal")
        assert hits("compiler") == 0
    finally:
        store.close()


def test_a_failed_write_leaves_nothing(db_path: Path) -> None:
    store = Store.open(db_path)
    try:
        with pytest.raises(RuntimeError), store.write():
            store.conn.execute(
                "INSERT INTO person (uid, handle, timezone, hours, created_at, updated_at)"
                " VALUES ('x', 'ana', 'UTC', 'h', 'now', 'now')"
            )
            raise RuntimeError("stop")
        assert store.people.all() == []
    finally:
        store.close()
