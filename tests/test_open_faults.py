"""Opening the database under faults, injected for real: a FIFO or a device for a path, a
umask of 000, foreign and empty-looking SQLite files, read-only and shared files read by a
second user, a full disk, and a busy timeout out of range or cut short by Ctrl-C."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorcli.store.connection import APPLICATION_ID, SCHEMA_VERSION

from conftest import MENTOR, file_mode, mentor_process

PEER = "mentor-peer"


def mentor(db: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return mentor_process(*args, db=db, **env)


def sidecars(db: Path) -> list[Path]:
    return [
        p for p in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")) if p.exists()
    ]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_a_device_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        target = tmp_path / "pipe.db"
        os.mkfifo(target)
    else:
        target = Path("/dev/null")
    outcome = subprocess.run(
        [MENTOR, "--db", str(target), "person", "list"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=30,
    )
    assert outcome.returncode == 5, outcome.stderr
    assert str(target) in outcome.stderr and "not a file" in outcome.stderr


def test_every_folder_mentor_creates_is_0700_under_umask_000(tmp_path: Path) -> None:
    home = tmp_path / "home"
    deep = tmp_path / "a" / "b" / "c" / "mentor.db"

    def open_umask() -> None:
        os.umask(0)

    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": "", "MENTOR_DB": "", "TZ": "UTC"}
    for args in (["person", "list"], ["--db", str(deep), "person", "list"]):
        done = subprocess.run(
            [MENTOR, *args], env=env, capture_output=True, text=True, preexec_fn=open_umask
        )
        assert done.returncode == 0, done.stderr
    for folder in (home, home / ".local", home / ".local" / "share", home / ".local/share/mentor"):
        assert file_mode(folder) == 0o700, folder
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert file_mode(folder) == 0o700, folder
    assert file_mode(deep) == 0o600


def _foreign(path: Path, *, app_id: int, version: int, wal: bool, tables: bool) -> bytes:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    if tables:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('theirs')")
    conn.execute(f"PRAGMA application_id = {app_id}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    ("app_id", "version", "tables"),
    [
        (0, 1, False),
        (0, SCHEMA_VERSION, False),
        (0, SCHEMA_VERSION + 5, False),
        (APPLICATION_ID, SCHEMA_VERSION, False),
        (APPLICATION_ID, 1, True),
        (0, 0, True),
    ],
)
@pytest.mark.parametrize("wal", [False, True], ids=["rollback", "wal"])
def test_a_foreign_sqlite_file_is_refused_and_left_exactly_as_it_was(
    tmp_path: Path, app_id: int, version: int, tables: bool, wal: bool
) -> None:
    db = tmp_path / "theirs.db"
    before = _foreign(db, app_id=app_id, version=version, wal=wal, tables=tables)
    for command in (("person", "list"), ("db", "check"), ("person", "add", "x", "--tz", "UTC")):
        outcome = mentor(db, *command)
        assert outcome.returncode == 3, (command, outcome.returncode, outcome.stderr)
        assert outcome.stderr.count("\n") == 1 and "untouched" in outcome.stderr
    assert db.read_bytes() == before
    assert sidecars(db) == []


def test_hostile_files_leave_nothing_beside_them(tmp_path: Path) -> None:
    header = bytearray(_foreign(tmp_path / "seed.db", app_id=0, version=0, wal=True, tables=True))
    damaged = bytearray(header)
    damaged[100:4096] = b"\xff" * (4096 - 100)  # the schema page scribbled over
    newer = bytearray(header)
    newer[60:64] = (SCHEMA_VERSION + 1).to_bytes(4, "big")
    newer[68:72] = APPLICATION_ID.to_bytes(4, "big")
    # Headers that say "a mentor database of this version", over someone else's tables or a
    # scribbled schema: what the header says is checked against the database itself.
    forged = bytearray(newer)
    forged[60:64] = SCHEMA_VERSION.to_bytes(4, "big")
    forged_damaged = bytearray(damaged)
    forged_damaged[60:72] = forged[60:72]
    hostile = (damaged, newer, header, header[:512], forged, forged_damaged)
    for n, content in enumerate(bytes(each) for each in hostile):
        db = tmp_path / f"hostile{n}.db"
        db.write_bytes(content)
        outcome = mentor(db, "person", "list")
        assert outcome.returncode == 3, (n, outcome.stderr)
        assert db.read_bytes() == content
        assert sidecars(db) == [], n


# A second user, for files shared between people.


@pytest.fixture
def peer() -> tuple[int, int]:
    """The uid and gid of a second, unprivileged user (created once; skipped where not allowed)."""
    if os.geteuid() != 0 or shutil.which("useradd") is None:
        pytest.skip("a second user needs root and useradd")
    try:
        entry = pwd.getpwnam(PEER)
    except KeyError:
        made = subprocess.run(
            ["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", PEER],
            capture_output=True,
        )
        if made.returncode != 0:
            pytest.skip("this machine does not allow adding a user")
        entry = pwd.getpwnam(PEER)
    who = (entry.pw_uid, entry.pw_gid)
    try:
        tried = as_user(who, Path(os.devnull), "--version", home=Path("/"))
    except PermissionError:
        pytest.skip(f"{PEER} cannot run this Python (it lives in a folder only root may enter)")
    if tried.returncode != 0:
        pytest.skip(f"{PEER} cannot run mentor here: {tried.stderr.strip()[:200]}")
    return who


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder everyone may write, like /tmp (sticky), outside pytest's owner-only folders."""
    folder = Path(tempfile.mkdtemp(prefix="mentor-shared-"))
    folder.chmod(0o1777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def as_user(
    who: tuple[int, int], db: Path, *args: str, home: Path
) -> subprocess.CompletedProcess[str]:
    uid, gid = who

    def become() -> None:
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)

    env = {**os.environ, "HOME": str(home), "MENTOR_DB": str(db), "TZ": "UTC", "NO_COLOR": "1"}
    return subprocess.run(
        [MENTOR, *args],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        preexec_fn=become,
    )


def test_another_user_reading_a_shared_database_leaves_nothing_that_blocks_its_owner(
    shared: Path, peer: tuple[int, int]
) -> None:
    db = shared / "mentor.db"
    assert mentor(db, "person", "add", "ana", "--tz", "UTC").returncode == 0
    db.chmod(0o644)
    before = db.read_bytes()
    listed = as_user(peer, db, "person", "list", "--json", home=shared)
    assert listed.returncode == 0 and '"ana"' in listed.stdout, listed.stderr
    assert sidecars(db) == [] and db.read_bytes() == before
    write = as_user(peer, db, "person", "add", "ben", "--tz", "UTC", home=shared)
    assert write.returncode == 5, write.stderr
    assert str(db) in write.stderr and "another user" in write.stderr
    assert write.stderr.count("\n") == 1
    assert mentor(db, "person", "add", "cy", "--tz", "UTC").returncode == 0


def test_a_read_only_look_at_a_0400_database_leaves_it_writable_after_chmod(
    shared: Path, peer: tuple[int, int]
) -> None:
    own = shared / "own"
    own.mkdir()
    os.chown(own, *peer)
    db = own / "mentor.db"
    assert as_user(peer, db, "person", "add", "ana", "--tz", "UTC", home=own).returncode == 0
    db.chmod(0o400)
    assert as_user(peer, db, "person", "list", home=own).returncode == 0
    refused = as_user(peer, db, "person", "add", "ben", "--tz", "UTC", home=own)
    assert refused.returncode == 5 and "chmod u+w" in refused.stderr, refused.stderr
    assert all(file_mode(side) & 0o200 for side in sidecars(db))
    db.chmod(0o600)
    again = as_user(peer, db, "person", "add", "ben", "--tz", "UTC", home=own)
    assert again.returncode == 0, again.stderr


def test_a_read_only_shm_left_by_an_older_mentor_is_made_writable_again(
    shared: Path, peer: tuple[int, int]
) -> None:
    own = shared / "own"
    own.mkdir()
    os.chown(own, *peer)
    db = own / "mentor.db"
    assert as_user(peer, db, "person", "add", "ana", "--tz", "UTC", home=own).returncode == 0
    shm = db.with_name(db.name + "-shm")
    shm.write_bytes(b"\0" * 32768)
    os.chown(shm, *peer)
    shm.chmod(0o400)
    again = as_user(peer, db, "person", "add", "ben", "--tz", "UTC", home=own)
    assert again.returncode == 0, again.stderr


def test_a_read_only_open_creates_nothing_and_says_what_to_do(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same path as a second user's read, in this process: mentor may not write the file."""
    from mentorcli.errors import FileProblem
    from mentorcli.store import Store, connection

    assert mentor(db_path, "person", "add", "ana", "--tz", "UTC").returncode == 0
    before = db_path.read_bytes()
    monkeypatch.setattr(connection, "_writable", lambda path: False)
    store = Store.open(db_path)
    try:
        assert [p.handle for p in store.people.all()] == ["ana"]
        with pytest.raises(FileProblem, match="nothing was written"), store.write():
            pass
    finally:
        store.close()
    assert sidecars(db_path) == [] and db_path.read_bytes() == before


def test_reads_and_rescues_work_on_a_full_disk(small_disk: Path, tmp_path: Path) -> None:
    db = small_disk / "mentor.db"
    assert mentor(db, "person", "add", "ana", "--tz", "UTC", "--note", "kept").returncode == 0
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(b"\0" * max(0, free - 2048))
    elsewhere = tmp_path / "rescue"
    elsewhere.mkdir()
    for command in (
        ("person", "list", "--json"),
        ("db", "check"),
        ("export", "--all", "-o", str(elsewhere / "all.json")),
        ("db", "backup", str(elsewhere / "copy.db")),
    ):
        outcome = mentor(db, *command)
        assert outcome.returncode == 0, (command, outcome.stderr)
    assert '"kept"' in (elsewhere / "all.json").read_text()
    copy = sqlite3.connect(elsewhere / "copy.db")
    assert copy.execute("SELECT handle FROM person").fetchall() == [("ana",)]
    copy.close()
    write = mentor(db, "person", "add", "ben", "--tz", "UTC")
    assert write.returncode == 5 and "full" in write.stderr, write.stderr
    assert write.stderr.count("\n") == 1
    (small_disk / "filler").unlink()
    assert mentor(db, "person", "add", "ben", "--tz", "UTC").returncode == 0


@pytest.mark.parametrize("value", ["inf", "nan", "1e309", "-1", "2147484", "ten", "-inf"])
def test_a_busy_timeout_out_of_range_is_bad_input(tmp_path: Path, value: str) -> None:
    outcome = mentor(tmp_path / "mentor.db", "person", "list", MENTOR_BUSY_TIMEOUT=value)
    assert outcome.returncode == 2, outcome.stderr
    assert "MENTOR_BUSY_TIMEOUT" in outcome.stderr and outcome.stderr.count("\n") == 1


def _ctrl_c_as_on_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_cuts_a_wait_for_the_lock_short(tmp_path: Path) -> None:
    db = tmp_path / "mentor.db"
    assert mentor(db, "person", "add", "ana", "--tz", "UTC").returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        env = {**os.environ, "MENTOR_DB": str(db), "MENTOR_BUSY_TIMEOUT": "60", "TZ": "UTC"}
        waiting = subprocess.Popen(
            [MENTOR, "person", "add", "ben", "--tz", "UTC"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_ctrl_c_as_on_a_terminal,
        )
        time.sleep(1.5)  # well into the wait
        assert waiting.poll() is None
        waiting.send_signal(signal.SIGINT)
        # The lock is still held and the wait would last 60 s: ended within 30 s with 130,
        # the wait was cut short by the interrupt, not ended by the lock or the timeout.
        _, err = waiting.communicate(timeout=30)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert waiting.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
