"""A damaged data page, for real: whatever reads it stops with exit 3 and the db check advice
instead of writing past it or failing inside; `db check` names the damage."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import Run


def damage_the_sessions_page(db: Path) -> None:
    """The session table's root page says it holds 65,535 cells: nonsense SQLite notices
    when it reads the page."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'session'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(db, "r+b") as raw:
        raw.seek((root - 1) * size + 3)
        raw.write(b"\xff\xff")


def test_what_reads_a_damaged_page_stops_with_exit_3(people: Run, db_path: Path) -> None:
    assert people("log", "rui/ana", "--notes", "before the damage").code == 0
    damage_the_sessions_page(db_path)
    for args in (
        ("log", "rui/ana", "--notes", "after the damage"),
        ("sessions", "rui/ana"),
        ("status",),
    ):
        outcome = people(*args)
        assert outcome.code == 3, (args, outcome)
        assert "damaged" in outcome.err and "mentor db check" in outcome.err
        assert outcome.err.count("\n") == 1
    check = people("db", "check")
    assert check.code == 3 and "damaged" in check.err and "restore a backup" in check.err
