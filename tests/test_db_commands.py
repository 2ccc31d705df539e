"""`mentor db path / backup / check`: where the data is, an online copy, an integrity check."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from mentorcli.store.connection import SCHEMA_VERSION

from conftest import Run, file_mode


def test_path_prints_the_resolved_path_without_creating_it(run: Run, db_path: Path) -> None:
    outcome = run("db", "path")
    assert outcome.code == 0 and outcome.out.strip() == str(db_path)
    assert not db_path.exists()
    other = db_path.parent / "other.db"
    assert run("--db", str(other), "db", "path").out.strip() == str(other)


def _sessions(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM session").fetchone()[0])
    finally:
        conn.close()


def test_backup_beside_the_database_owner_only(people: Run, db_path: Path) -> None:
    run = people
    assert run("log", "rui/ana", "--when", "2026-11-02 15:00", "--notes", "first").code == 0
    old = os.umask(0o022)
    try:
        outcome = run("db", "backup")
    finally:
        os.umask(old)
    assert outcome.code == 0, outcome.err
    copies = sorted(db_path.parent.glob("mentor.db.backup-*"))
    assert len(copies) == 1 and copies[0].name[len("mentor.db.backup-") :].endswith("Z")
    assert str(copies[0]) in outcome.out
    assert file_mode(copies[0]) == 0o600
    assert _sessions(copies[0]) == 1
    # The copy is a mentor database in its own right.
    listed = run("--db", str(copies[0]), "sessions", "rui/ana", "--json")
    assert listed.code == 0 and json.loads(listed.out)[0]["notes"] == "first"
    assert not list(db_path.parent.glob(".*.tmp"))


def test_backup_to_a_file_refuses_to_overwrite(people: Run, tmp_path: Path) -> None:
    run = people
    target = tmp_path / "copy.db"
    assert run("db", "backup", str(target)).code == 0
    assert run("log", "rui/ana", "--when", "2026-11-02 15:00", "--notes", "x").code == 0
    again = run("db", "backup", str(target))
    assert again.code == 5 and "--force" in again.err
    assert _sessions(target) == 0
    assert run("db", "backup", str(target), "--force").code == 0
    assert _sessions(target) == 1 and file_mode(target) == 0o600
    link = tmp_path / "link.db"
    link.symlink_to(target)
    assert run("db", "backup", str(link), "--force").code == 5
    assert run("db", "backup", "-").code == 2


@pytest.mark.parametrize("args", [["db", "check"], ["db", "backup"]])
def test_without_a_database_says_so(run: Run, db_path: Path, args: list[str]) -> None:
    outcome = run(*args)
    assert outcome.code == 5 and "no database" in outcome.err
    assert not db_path.exists()


def test_check_reports_a_sound_database(people: Run) -> None:
    run = people
    outcome = run("db", "check")
    assert outcome.code == 0
    version = f"version {SCHEMA_VERSION} (this mentor knows {SCHEMA_VERSION})"
    for word in ("integrity", "ok", version, "0x4D4E5452", "3 person", "2 pair"):
        assert word in outcome.out, word
    report = json.loads(run("db", "check", "--json").out)
    assert report["ok"] is True and report["integrity"] == ["ok"]
    assert report["foreign_keys"] == []
    assert report["counts"]["person"] == 3 and report["counts"]["pair"] == 2
    assert report["schema_version"] == report["known_version"]


def test_check_finds_a_broken_reference(people: Run, db_path: Path) -> None:
    run = people
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(
        "INSERT INTO goal (uid, pair_id, title, created_at, updated_at) "
        "VALUES ('0b6f8c8e-0000-4000-8000-000000000001', 999, 'orphan', 'x', 'x')"
    )
    conn.commit()
    conn.close()
    outcome = run("db", "check")
    assert outcome.code == 3
    assert "goal row" in outcome.out and "damaged" in outcome.err
    assert json.loads(run("db", "check", "--json").out)["ok"] is False


def test_check_finds_damaged_pages(people: Run, db_path: Path) -> None:
    run = people
    for day in range(1, 30):
        notes = f"session {day} " + "words " * 400
        assert (
            run("log", "rui/ana", "--when", f"2026-10-{day:02d} 15:00", "--notes", notes).code == 0
        )
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'session'").fetchone()[0]
    conn.close()
    with open(db_path, "r+b") as handle:
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff" * 64)
    outcome = run("db", "check")
    assert outcome.code == 3, (outcome.out, outcome.err)
    assert outcome.err.startswith("mentor: ") and outcome.err.count("\n") == 1
    assert "malformed" in outcome.out and "restore a backup" in outcome.err


@pytest.mark.parametrize("args", [["db", "check"], ["db", "backup"]])
def test_a_file_that_is_not_ours_is_refused(run: Run, db_path: Path, args: list[str]) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"not a database at all" * 10)
    outcome = run(*args)
    assert outcome.code == 3
    assert db_path.read_bytes() == b"not a database at all" * 10
