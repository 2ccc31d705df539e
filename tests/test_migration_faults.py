"""The copy made before a migration, under faults injected for real: a disk too full for it,
a retry in the same second, and the checks that give a copy a backup's name."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from mentorcli.store.connection import backup_path_for, backup_to, migrate

from conftest import mentor_process


def mentor(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return mentor_process(*args, db=db)


def _first_schema(db: Path, notes: int = 0) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, db, backup=False, stop_before="0002_full_text_index")
    stamp = "2026-01-01T00:00:00+00:00"
    conn.execute(
        "INSERT INTO person (uid, handle, timezone, hours, note, created_at, updated_at) "
        "VALUES ('u1', 'ana', 'UTC', 'mon-fri 09:00-17:00', ?, ?, ?)",
        ("x" * notes, stamp, stamp),
    )
    conn.close()


def test_no_room_for_the_copy_is_exit_5_saying_how_much_and_a_retry_works(
    small_disk: Path,
) -> None:
    db = small_disk / "mentor.db"
    _first_schema(db, notes=100_000)
    before = db.read_bytes()
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * max(0, shutil.disk_usage(small_disk).free - 100_000))
    failed = mentor(db, "person", "list")
    assert failed.returncode == 5, failed.stderr
    assert "needs" in failed.stderr and "bytes" in failed.stderr, failed.stderr
    assert failed.stderr.count("\n") == 1
    assert db.read_bytes() == before
    assert not [p for p in small_disk.iterdir() if ".bak" in p.name or p.name.endswith(".tmp")]
    filler.unlink()
    again = mentor(db, "person", "list", "--json")
    assert again.returncode == 0 and '"ana"' in again.stdout, again.stderr
    copies = [p for p in small_disk.iterdir() if p.name.endswith(".bak")]
    assert len(copies) == 1
    copy = sqlite3.connect(copies[0])
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()


def test_two_copies_in_the_same_second_get_two_names(tmp_path: Path) -> None:
    db = tmp_path / "mentor.db"
    _first_schema(db)
    target = backup_path_for(db, 1, datetime(2026, 1, 1, tzinfo=UTC))
    first, second = backup_to(db, target), backup_to(db, target)
    assert first == target and second != first and second.name.endswith("-2.bak")
    assert first.exists() and second.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
