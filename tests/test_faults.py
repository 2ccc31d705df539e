"""Faults injected for real: concurrent writers, held locks, full and read-only disks,
failed migrations. Each runs the installed `mentor` as a separate process."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from mentorcli.store.connection import migrate

from conftest import MENTOR, mentor_process


def mentor(db: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return mentor_process(*args, db=db, **env)


def test_concurrent_writers_all_succeed(tmp_path: Path) -> None:
    db = tmp_path / "fresh" / "mentor.db"
    environ = {**os.environ, "MENTOR_DB": str(db), "TZ": "UTC"}
    writers = [
        subprocess.Popen(
            [MENTOR, "person", "add", f"p{n}", "--tz", "UTC"],
            env=environ,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(12)
    ]
    results = [(w.wait(timeout=60), w.stderr.read() if w.stderr else "") for w in writers]
    assert all(code == 0 for code, _ in results), results
    listed = mentor(db, "person", "list", "--json")
    assert listed.stdout.count('"handle"') == 12


def test_lock_held_past_the_timeout_exits_4(tmp_path: Path) -> None:
    db = tmp_path / "mentor.db"
    assert mentor(db, "person", "add", "ana", "--tz", "UTC").returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        blocked = mentor(db, "person", "add", "ben", "--tz", "UTC", MENTOR_BUSY_TIMEOUT="0.3")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert blocked.returncode == 4, blocked.stderr
    assert blocked.stderr.count("\n") == 1 and "busy" in blocked.stderr
    assert '"ben"' not in mentor(db, "person", "list", "--json").stdout


def test_full_disk_write_exits_5_and_keeps_earlier_data(small_disk: Path) -> None:
    db = small_disk / "mentor.db"
    assert mentor(db, "person", "add", "ana", "--tz", "UTC", "--note", "kept").returncode == 0
    filler = small_disk / "filler"
    free = shutil.disk_usage(small_disk).free
    filler.write_bytes(b"\0" * max(0, free - 64 * 1024))
    big = mentor(db, "person", "add", "ben", "--tz", "UTC", "--note", "x" * 100_000)
    assert big.returncode == 5, (big.returncode, big.stderr)
    assert big.stderr.count("\n") == 1 and "Traceback" not in big.stderr
    filler.unlink()
    listed = mentor(db, "person", "list", "--json")
    assert listed.returncode == 0 and '"kept"' in listed.stdout and '"ben"' not in listed.stdout
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert mentor(db, "person", "add", "cy", "--tz", "UTC").returncode == 0


def test_read_only_disk_reads_work_writes_exit_5(small_disk: Path) -> None:
    db = small_disk / "mentor.db"
    assert mentor(db, "person", "add", "ana", "--tz", "UTC").returncode == 0
    remount = subprocess.run(["mount", "-o", "remount,ro", str(small_disk)])
    if remount.returncode != 0:
        pytest.skip("this machine does not allow remounting read-only")
    before = db.read_bytes()
    listed = mentor(db, "person", "list", "--json")
    assert listed.returncode == 0 and '"ana"' in listed.stdout, listed.stderr
    write = mentor(db, "person", "add", "ben", "--tz", "UTC")
    assert write.returncode == 5, (write.returncode, write.stderr)
    assert write.stderr.count("\n") == 1 and "read-only" in write.stderr
    assert db.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="file permissions do not bind root")
def test_read_only_file_reads_work_writes_exit_5(tmp_path: Path) -> None:
    db = tmp_path / "mentor.db"
    assert mentor(db, "person", "add", "ana", "--tz", "UTC").returncode == 0
    db.chmod(0o400)
    assert mentor(db, "person", "list").returncode == 0
    assert mentor(db, "person", "add", "ben", "--tz", "UTC").returncode == 5


def _schema(db: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
    finally:
        conn.close()
    return {(kind, name) for kind, name in rows}


def _first_schema(db: Path) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, db, backup=False, stop_before="0002_full_text_index")
    stamp = "2026-01-01T00:00:00+00:00"
    conn.execute(
        "INSERT INTO person (uid, handle, timezone, hours, created_at, updated_at) "
        "VALUES ('u1', 'ana', 'UTC', 'mon-fri 09:00-17:00', ?, ?)",
        (stamp, stamp),
    )
    conn.close()


def test_failed_migration_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "old" / "mentor.db"
    _first_schema(db)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE search_index (body TEXT)")  # in the way of the next migration
    conn.commit()
    conn.close()
    before = db.read_bytes()
    outcome = mentor(db, "person", "list")
    assert outcome.returncode == 3, outcome.stderr
    assert "nothing changed" in outcome.stderr and ".bak" in outcome.stderr
    assert db.read_bytes() == before
    backup = Path(outcome.stderr.split("a copy made before it is at ")[1].split(";")[0].strip())
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT handle FROM person").fetchall() == [("ana",)]
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()


def test_migrated_schema_equals_a_fresh_one(tmp_path: Path) -> None:
    old = tmp_path / "old" / "mentor.db"
    _first_schema(old)
    assert mentor(old, "person", "list").returncode == 0
    fresh = tmp_path / "fresh" / "mentor.db"
    assert mentor(fresh, "person", "list").returncode == 0
    assert _schema(old) == _schema(fresh)
    assert ("trigger", "session_search_insert") in _schema(old)
    assert ("index", "session_pair_started") in _schema(old)


def test_file_size_limit_write_exits_5_and_keeps_earlier_data(tmp_path: Path) -> None:
    """The same fault without a mount: RLIMIT_FSIZE makes the WAL file unable to grow."""
    import resource

    db = tmp_path / "mentor.db"
    assert mentor(db, "person", "add", "ana", "--tz", "UTC", "--note", "kept").returncode == 0
    limit = 64 * 1024

    def cap_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    environ = {**os.environ, "MENTOR_DB": str(db), "TZ": "UTC"}
    big = subprocess.run(
        [MENTOR, "person", "add", "ben", "--tz", "UTC", "--note", "x" * 120_000],
        capture_output=True,
        text=True,
        env=environ,
        preexec_fn=cap_file_size,
    )
    assert big.returncode == 5, (big.returncode, big.stderr)
    assert big.stderr.count("\n") == 1
    listed = mentor(db, "person", "list", "--json")
    assert '"kept"' in listed.stdout and '"ben"' not in listed.stdout
    assert mentor(db, "person", "add", "cy", "--tz", "UTC").returncode == 0


def test_a_dozen_concurrent_logs_on_one_pair_all_land(tmp_path: Path) -> None:
    db = tmp_path / "mentor.db"
    for step in (
        ("person", "add", "rui", "--tz", "Europe/Lisbon"),
        ("person", "add", "ana", "--tz", "America/New_York"),
        ("pair", "add", "rui", "ana"),
    ):
        assert mentor(db, *step).returncode == 0
    environ = {**os.environ, "MENTOR_DB": str(db), "TZ": "UTC"}
    loggers = [
        subprocess.Popen(
            [
                MENTOR,
                "log",
                "rui/ana",
                "--when",
                f"2026-11-{n + 1:02d} 10:00",
                "--notes",
                f"session {n}",
                "--action",
                f"mentee: task {n}",
            ],
            env=environ,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(12)
    ]
    outcomes = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in loggers]
    assert all(code == 0 for code, _ in outcomes), outcomes
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM session").fetchone()[0] == 12
    assert (
        conn.execute("SELECT count(*) FROM action WHERE session_id IS NOT NULL").fetchone()[0] == 12
    )
    conn.close()
