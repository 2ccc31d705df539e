"""Signals sent for real: SIGTERM and SIGHUP while the editor is open or a file is being
written leave no temporary file behind, a killed run's leftovers are swept by the next one,
a signal at the committed moment says the change stands, and output that fails after a
commit says the change was saved."""

from __future__ import annotations

import json
import os
import shlex
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentorcli import interrupts
from mentorcli.files import replacing

from conftest import MENTOR, Run, mentor_process


def mentor(db: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return mentor_process(*args, db=db, **env)


@pytest.fixture
def pair_db(tmp_path: Path) -> Path:
    db = tmp_path / "mentor.db"
    for step in (
        ("person", "add", "rui", "--tz", "Europe/Lisbon"),
        ("person", "add", "ana", "--tz", "America/New_York"),
        ("pair", "add", "rui", "ana"),
    ):
        assert mentor(db, *step).returncode == 0
    return db


def dead_pid() -> int:
    """The id of a process that has ended."""
    done = subprocess.Popen(["true"])
    done.wait()
    return done.pid


def sessions(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        count: int = conn.execute("SELECT count(*) FROM session").fetchone()[0]
        return count
    finally:
        conn.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_while_the_editor_is_open_removes_the_notes_file(
    pair_db: Path, tmp_path: Path, sig: int
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    opened = tmp_path / "opened"
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, time\n"
        "open(sys.argv[-1], 'a').write('private notes')\n"
        f"open({str(opened)!r}, 'w').write(sys.argv[-1])\n"
        "time.sleep(60)\n"
    )
    env = {
        **os.environ,
        "MENTOR_DB": str(pair_db),
        "TMPDIR": str(temp),
        "EDITOR": f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}",
        "TZ": "UTC",
    }
    running = subprocess.Popen(
        [MENTOR, "log", "rui/ana", "--edit"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not opened.exists():
        assert running.poll() is None and time.monotonic() < deadline, running.stderr
        time.sleep(0.01)
    assert Path(opened.read_text()).exists()
    running.send_signal(sig)
    _, err = running.communicate(timeout=30)
    assert running.returncode == 128 + sig, err
    assert "nothing was written" in err and "Traceback" not in err
    assert list(temp.iterdir()) == []
    assert sessions(pair_db) == 0


def test_notes_files_of_killed_runs_are_swept(pair_db: Path, tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    stale = temp / f"mentor-notes.mentor-{dead_pid()}-abc123.md"
    stale.write_text("private notes of a killed run")
    live = temp / f"mentor-notes.mentor-{os.getpid()}-abc123.md"  # a running process's
    live.write_text("being edited")
    script = tmp_path / "editor.py"
    script.write_text("import sys\nopen(sys.argv[-1], 'a').write('notes')\n")
    editor = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    done = mentor(pair_db, "log", "rui/ana", "--edit", TMPDIR=str(temp), EDITOR=editor)
    assert done.returncode == 0, done.stderr
    assert not stale.exists() and live.exists()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_while_a_file_is_written_removes_the_temporary_file(
    tmp_path: Path, sig: int
) -> None:
    target = tmp_path / "export.json"
    with (
        pytest.raises(KeyboardInterrupt),
        interrupts.caught(),
        replacing(target, force=False) as temporary,
    ):
        temporary.write_text("half of it")
        os.kill(os.getpid(), sig)
        time.sleep(5)  # the handler interrupts this
    assert list(tmp_path.iterdir()) == []


def test_temporary_files_of_killed_runs_are_swept_beside_the_next_target(
    pair_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale = out / f".summary.md.mentor-{dead_pid()}-x1y2.tmp"
    stale.write_text("half an export")
    foreign = out / ".summary.md.other-1-x.tmp"  # not of mentor's naming: left alone
    foreign.write_text("someone else's")
    done = mentor(pair_db, "export", "rui/ana", "-o", str(out / "summary.md"))
    assert done.returncode == 0, done.stderr
    assert not stale.exists() and foreign.exists()
    assert (out / "summary.md").exists()


def test_a_killed_migration_copy_never_looks_like_a_backup(tmp_path: Path) -> None:
    """A copy in progress has a temporary name; a later run sweeps it."""
    from mentorcli.store.connection import backup_path_for

    db = tmp_path / "mentor.db"
    assert mentor(db, "person", "list").returncode == 0
    from datetime import UTC, datetime

    name = backup_path_for(db, 1, datetime.now(UTC)).name
    partial = tmp_path / f".{name}.mentor-{dead_pid()}-abcd.tmp"
    partial.write_bytes(b"SQLite format 3\x00" + b"\0" * 100)
    assert not any(p.name.endswith(".bak") for p in tmp_path.iterdir())
    assert mentor(db, "export", "--all", "-o", str(tmp_path / "all.json")).returncode == 0
    assert not partial.exists()


def test_ctrl_c_at_the_committed_moment_says_the_change_stands(
    people: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C delivered (for real, to this process) the instant COMMIT has returned."""
    real = interrupts.committed

    def then_ctrl_c() -> None:
        real()
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(interrupts, "committed", then_ctrl_c)
    outcome = people("log", "rui/ana", "--when", "2026-11-02 10:00", "--notes", "kept")
    assert outcome.code == 130, outcome
    assert "session #1" in outcome.out
    assert "saved" in outcome.err and "nothing was written" not in outcome.err
    monkeypatch.setattr(interrupts, "committed", real)
    listed = json.loads(people("sessions", "rui/ana", "--json").out)
    assert [s["notes"] for s in listed] == ["kept"]


def _commit_frames(wal: Path) -> int:
    """How many commit frames the WAL holds (a frame's header says the database's size in
    pages after a commit, 0 otherwise)."""
    try:
        data = wal.read_bytes()
    except FileNotFoundError:
        return 0
    if len(data) < 32:
        return 0
    page = int.from_bytes(data[8:12], "big")
    commits, offset = 0, 32
    while offset + 24 <= len(data):
        commits += int.from_bytes(data[offset + 4 : offset + 8], "big") != 0
        offset += 24 + page
    return commits


@pytest.mark.slow
def test_ctrl_c_found_at_the_commit_by_watching_the_wal_never_misreports(pair_db: Path) -> None:
    """Runs `mentor log` again and again, sending Ctrl-C the moment its commit reaches the WAL:
    whatever the timing, a run that says nothing was written wrote nothing, and a session
    that landed is never reported as not written."""
    wal = pair_db.with_name(pair_db.name + "-wal")
    env = {**os.environ, "MENTOR_DB": str(pair_db), "TZ": "UTC"}
    for attempt in range(15):
        before, frames = sessions(pair_db), _commit_frames(wal)
        running = subprocess.Popen(
            [
                MENTOR,
                "log",
                "rui/ana",
                "--when",
                f"2026-10-{attempt + 1:02d} 10:00",
                "--notes",
                "x",
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        while running.poll() is None and _commit_frames(wal) <= frames:
            pass
        running.send_signal(signal.SIGINT)
        out, err = running.communicate(timeout=30)
        landed = sessions(pair_db) - before
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
        if landed:
            assert "nothing was written" not in err, (attempt, out, err)
            assert running.returncode in (0, 130), err
        else:
            assert running.returncode == 130, err


def test_output_failing_after_the_commit_says_the_change_was_saved(pair_db: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [MENTOR, "log", "rui/ana", "--when", "2026-11-02 10:00", "--notes", "kept"],
            env={**os.environ, "MENTOR_DB": str(pair_db), "TZ": "UTC"},
            stdin=subprocess.DEVNULL,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 5, done.stderr
    assert "saved" in done.stderr and "output" in done.stderr and "nothing was" not in done.stderr
    assert sessions(pair_db) == 1
