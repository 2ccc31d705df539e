"""Files mentor writes (exports, calendars, backups) under faults and hostile paths: a full
disk keeps the previous file, links and missing folders are refused, handles cannot build a
path, and every file is owner-only whatever the umask. Faults run `mentor` as a process."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import Run, file_mode, mentor_process

BIG_NOTES = "a session worth remembering. " * 2_500  # 72 kB: every export carries it

# Each writer, given its target FILE: what `mentor` writes there.
WRITERS: dict[str, Callable[[Path], list[str]]] = {
    "backup json": lambda f: ["export", "--all", "-o", str(f)],
    "summary markdown": lambda f: ["export", "rui/ana", "-o", str(f)],
    "summary json": lambda f: ["export", "rui/ana", "--format", "json", "-o", str(f)],
    "calendar": lambda f: ["calendar", "rui/ana", "-o", str(f)],
    "db backup": lambda f: ["db", "backup", str(f)],
}


mentor = mentor_process


@pytest.fixture
def recorded(people: Run) -> Run:
    run = people
    outcome = run("log", "rui/ana", "--when", "2026-11-02 15:00", "--notes", BIG_NOTES)
    assert outcome.code == 0, outcome.err
    return run


def one_line_failure(outcome: subprocess.CompletedProcess[str], code: int) -> None:
    assert outcome.returncode == code, (outcome.returncode, outcome.stderr)
    assert outcome.stderr.count("\n") == 1 and outcome.stderr.startswith("mentor: ")
    assert "Traceback" not in outcome.stderr and outcome.stdout == ""


def first_versions(run: Run, folder: Path) -> dict[Path, bytes]:
    """Each writer's file written once into `folder`: the versions that must survive."""
    written = {}
    for name, args in WRITERS.items():
        target = folder / name.replace(" ", "-")
        outcome = run(*args(target))
        assert outcome.code == 0, (name, outcome.err)
        written[target] = target.read_bytes()
    return written


def test_a_full_disk_keeps_every_previous_file(recorded: Run, small_disk: Path) -> None:
    before = first_versions(recorded, small_disk)
    # Something new in the database: an export now would not match the old file by chance.
    assert recorded("log", "rui/ana", "--when", "2026-11-09 15:00", "--notes", "more").code == 0
    filler = small_disk / "filler"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass  # the disk is full
    for name, args in WRITERS.items():
        target = small_disk / name.replace(" ", "-")
        outcome = mentor(*args(target), "--force")
        one_line_failure(outcome, 5)
        assert str(target) in outcome.stderr, outcome.stderr  # the file that could not be written
        assert "space" in outcome.stderr or "full" in outcome.stderr, outcome.stderr
        assert target.read_bytes() == before[target], name
    # No temporary file (nor a backup's journal) left behind.
    assert sorted(os.listdir(small_disk)) == sorted([p.name for p in before] + ["filler"])
    # With room again, each is replaced by a new file (renamed over it: a new inode).
    filler.unlink()
    for name, args in WRITERS.items():
        target = small_disk / name.replace(" ", "-")
        inode = target.stat().st_ino
        assert mentor(*args(target), "--force").returncode == 0, name
        assert target.stat().st_ino != inode, name


def test_a_file_size_limit_keeps_the_previous_export(recorded: Run, tmp_path: Path) -> None:
    """The same fault without a mount: RLIMIT_FSIZE stops the file growing past 64 kB."""
    folder = tmp_path / "out"
    folder.mkdir()
    big = {name: args for name, args in WRITERS.items() if name != "calendar"}  # a few kB only
    before = {}
    for name, args in big.items():
        target = folder / name.replace(" ", "-")
        assert recorded(*args(target)).code == 0, name
        before[target] = target.read_bytes()
        assert len(before[target]) > 64 * 1024, name
    assert recorded("log", "rui/ana", "--when", "2026-11-09 15:00", "--notes", "more").code == 0
    for name, args in big.items():
        target = folder / name.replace(" ", "-")
        outcome = mentor(*args(target), "--force", limit=64 * 1024)
        one_line_failure(outcome, 5)
        assert str(target) in outcome.stderr, outcome.stderr
        assert target.read_bytes() == before[target], name
    assert sorted(os.listdir(folder)) == sorted(p.name for p in before)


@pytest.mark.parametrize("name", list(WRITERS))
def test_an_existing_file_needs_force(recorded: Run, tmp_path: Path, name: str) -> None:
    target = tmp_path / "taken"
    target.write_bytes(b"somebody else's file")
    outcome = recorded(*WRITERS[name](target))
    assert outcome.code == 5 and outcome.err.count("\n") == 1 and "--force" in outcome.err
    assert target.read_bytes() == b"somebody else's file"


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_symlink_is_refused_even_with_force(recorded: Run, tmp_path: Path, name: str) -> None:
    real = tmp_path / "real"
    real.write_bytes(b"where the link points")
    link = tmp_path / "link"
    link.symlink_to(real)
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    for target in (link, dangling):
        outcome = recorded(*WRITERS[name](target), "--force")
        assert outcome.code == 5 and outcome.err.count("\n") == 1, outcome.err
        assert "symbolic link" in outcome.err
        assert target.is_symlink()
    assert real.read_bytes() == b"where the link points"
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_folder_that_does_not_exist_exits_5(recorded: Run, tmp_path: Path, name: str) -> None:
    outcome = recorded(*WRITERS[name](tmp_path / "no" / "such" / "file"))
    assert outcome.code == 5 and outcome.err.count("\n") == 1, outcome.err
    assert "does not exist" in outcome.err
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("handle", ["../../x", "../x", "..", "a/b", "/etc/passwd", ".hidden"])
def test_a_handle_that_could_make_a_path_is_refused(
    people: Run, tmp_path: Path, db_path: Path, handle: str
) -> None:
    """Handles are the only names mentor could build a file name from; none holds a path."""
    added = people("person", "add", handle, "--tz", "UTC")
    assert added.code == 2 and added.err.count("\n") == 1, (handle, added)
    renamed = people("person", "edit", "ana", "--handle", handle)
    assert renamed.code == 2 and renamed.err.count("\n") == 1, (handle, renamed)
    # Nor can one arrive in a backup.
    backup = json.loads(people("export", "--all").out)
    backup["people"][0]["handle"] = handle
    backup["people"][0]["updated_at"] = "2099-01-01T00:00:00.000000+00:00"
    file = tmp_path / "hostile.json"
    file.write_text(json.dumps(backup))
    imported = people("import", str(file))
    assert imported.code == 2 and "is not a handle" in imported.err, imported.err
    conn = sqlite3.connect(db_path)
    try:
        handles = {row[0] for row in conn.execute("SELECT handle FROM person")}
    finally:
        conn.close()
    assert handles == {"rui", "ana", "ben"}


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_every_written_file_is_owner_only_under_umask_022(
    recorded: Run, tmp_path: Path, umask_022: None, db_path: Path
) -> None:
    written = first_versions(recorded, tmp_path)
    for target in written:
        assert file_mode(target) == 0o600, target.name
    # --force replaces a loose file with an owner-only one.
    for name, args in WRITERS.items():
        target = tmp_path / name.replace(" ", "-")
        target.chmod(0o644)
        assert recorded(*args(target), "--force").code == 0, name
        assert file_mode(target) == 0o600, name
    assert recorded("db", "backup").code == 0
    (beside,) = db_path.parent.glob("mentor.db.backup-*")
    assert file_mode(beside) == 0o600
    # A database copy opens as a database in its own right.
    copy = sqlite3.connect(tmp_path / "db-backup")
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        copy.close()


def test_an_export_never_writes_over_the_database(tmp_path: Path) -> None:
    from conftest import mentor_process

    db = tmp_path / "mentor.db"
    for step in (
        ("person", "add", "rui", "--tz", "UTC"),
        ("person", "add", "ana", "--tz", "UTC"),
        ("pair", "add", "rui", "ana"),
        ("db", "backup", str(tmp_path / "copy.db")),
    ):
        assert mentor_process(*step, db=db).returncode == 0
    sidecars = [db.with_name(db.name + end) for end in ("-wal", "-shm")]
    for target in (db, *sidecars, tmp_path / "copy.db"):
        before = target.read_bytes() if target.exists() else None
        for command in (("export", "rui/ana"), ("calendar", "rui/ana"), ("export", "--all")):
            done = mentor_process(*command, "-o", str(target), "--force", db=db)
            assert done.returncode == 5, (target, command, done.stderr)
            assert "never written over" in done.stderr
            assert (target.read_bytes() if target.exists() else None) in (before, None)
    backup = mentor_process("db", "backup", str(db), "--force", db=db)
    assert backup.returncode == 5 and "database itself" in backup.stderr
    assert mentor_process("person", "list", db=db).returncode == 0
