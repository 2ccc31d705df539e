"""Interrupting a long `mentor import` for real: Ctrl-C (SIGINT) rolls the whole import back
and exits 130; SIGKILL leaves the committed data intact and the next run recovers the WAL.

Each test runs the installed `mentor` as a separate process on a real database file, and
signals it while it is inside the import's write transaction: the -wal file only grows once
the merge has started writing (checking the backup writes nothing)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from conftest import MENTOR, mentor_process

SESSIONS = 20_000  # enough that the merge writes well past the page cache into the WAL
INSIDE = 1 << 20  # a WAL this big means the merge transaction is under way


def mentor(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return mentor_process(*args, db=db)


def dump(db: Path) -> list[str]:
    """Every row of every table (the full-text index's too), as SQL text."""
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def scalar(db: Path, sql: str) -> object:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def sessions(db: Path) -> object:
    return scalar(db, "SELECT count(*) FROM session")


def integrity(db: Path) -> object:
    return scalar(db, "PRAGMA integrity_check")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small database (two people, a pair, a session, a goal) and a large backup that adds
    thousands of valid sessions to it. Made once for the module."""
    folder = tmp_path_factory.mktemp("seeded")
    db = folder / "mentor.db"
    for step in (
        ("person", "add", "rui", "--tz", "Europe/Lisbon"),
        ("person", "add", "ana", "--tz", "America/New_York"),
        ("pair", "add", "rui", "ana"),
        ("log", "rui/ana", "--when", "2026-11-02 10:00", "--notes", "the committed one"),
        ("goal", "add", "rui/ana", "Lead a design review"),
    ):
        outcome = mentor(db, *step)
        assert outcome.returncode == 0, (step, outcome.stderr)
    exported = mentor(db, "export", "--all")
    assert exported.returncode == 0, exported.stderr
    document = json.loads(exported.stdout)
    template = document["sessions"][0]
    for n in range(SESSIONS):
        document["sessions"].append(
            {
                **template,
                "uid": str(uuid.uuid4()),
                "started_at": f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}T{n % 24:02d}:00:00+00:00",
                "notes": f"imported session {n}: " + "notes worth keeping " * 12,
            }
        )
    big = folder / "big.json"
    big.write_text(json.dumps(document))
    return db, big


@pytest.fixture
def db(seeded: tuple[Path, Path], tmp_path: Path) -> Path:
    """This test's own copy of the seeded database (closed cleanly: no -wal beside it)."""
    copy = tmp_path / "mentor.db"
    shutil.copyfile(seeded[0], copy)
    return copy


def _ctrl_c_as_on_a_terminal() -> None:
    # A shell may start background jobs with SIGINT ignored; a terminal's Ctrl-C is not.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_import(db: Path, backup: Path) -> subprocess.Popen[str]:
    environ = {**os.environ, "MENTOR_DB": str(db), "TZ": "UTC", "NO_COLOR": "1"}
    return subprocess.Popen(
        [MENTOR, "import", str(backup)],
        env=environ,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_as_on_a_terminal,
    )


def signal_inside_the_transaction(process: subprocess.Popen[str], db: Path, sig: int) -> None:
    wal = db.with_name(db.name + "-wal")
    deadline = time.monotonic() + 60
    while not (wal.exists() and wal.stat().st_size > INSIDE):
        assert process.poll() is None, "the import finished before it could be interrupted"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.002)
    process.send_signal(sig)


def test_ctrl_c_during_import_rolls_it_all_back_and_exits_130(
    seeded: tuple[Path, Path], db: Path
) -> None:
    big = seeded[1]
    before = dump(db)
    process = start_import(db, big)
    signal_inside_the_transaction(process, db, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, (process.returncode, err)
    assert err.count("\n") == 1 and "interrupted" in err, err
    assert "Traceback" not in err and out == ""
    assert integrity(db) == "ok"
    assert dump(db) == before  # not one of the imported sessions, nothing else changed
    again = mentor(db, "import", str(big))
    assert again.returncode == 0, again.stderr
    assert f"sessions {SESSIONS}" in again.stdout
    assert sessions(db) == SESSIONS + 1
    assert integrity(db) == "ok"


def test_sigkill_during_import_keeps_committed_data_and_the_next_run_recovers(
    seeded: tuple[Path, Path], db: Path
) -> None:
    big = seeded[1]
    before = dump(db)
    process = start_import(db, big)
    signal_inside_the_transaction(process, db, signal.SIGKILL)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    wal = db.with_name(db.name + "-wal")
    assert wal.exists()  # left behind by the killed process, with its uncommitted pages
    # The next mentor opens the database as it is: SQLite recovers from the WAL itself.
    listed = mentor(db, "sessions", "rui/ana", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [s["notes"] for s in json.loads(listed.stdout)] == ["the committed one"]
    checked = mentor(db, "db", "check", "--json")
    assert checked.returncode == 0 and json.loads(checked.stdout)["ok"] is True, checked.stdout
    assert integrity(db) == "ok"
    assert dump(db) == before
    again = mentor(db, "import", str(big))
    assert again.returncode == 0, again.stderr
    assert sessions(db) == SESSIONS + 1
    assert integrity(db) == "ok"
