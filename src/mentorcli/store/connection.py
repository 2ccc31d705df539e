"""Opening the database: where it lives, refusing files that are not ours, pragmas, migration."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from .. import interrupts
from ..errors import BadInput, DatabaseBusy, DatabaseUnusable, FileProblem, MentorError
from . import schema

APPLICATION_ID = 0x4D4E5452  # "MNTR"
SCHEMA_VERSION = len(schema.MIGRATIONS)  # a database's user_version: the migrations it has had
BUSY_TIMEOUT_MS = 10_000
LONGEST_WAIT_S = 3600
# While waiting for another writer, SQLite sleeps inside one C call that Ctrl-C cannot cut
# short; waiting in slices this long lets an interrupt act between them.
WAIT_SLICE_MS = 100
SQLITE_BUSY = 5


def busy_timeout_ms(environ: Mapping[str, str] | None = None) -> int:
    """How long to wait for another mentor's write: MENTOR_BUSY_TIMEOUT seconds, else 10 s."""
    env = os.environ if environ is None else environ
    text = env.get("MENTOR_BUSY_TIMEOUT", "").strip()
    if not text:
        return BUSY_TIMEOUT_MS
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= LONGEST_WAIT_S:  # also false for nan
        raise BadInput(
            f"MENTOR_BUSY_TIMEOUT={text[:40]!r} is not a wait in seconds: give a number "
            f"from 0 to {LONGEST_WAIT_S}, or unset it for the default of {BUSY_TIMEOUT_MS // 1000}"
        )
    return round(seconds * 1000)


def begin_immediate(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, waiting up to the busy timeout for another writer, Ctrl-C acting at
    once: the wait goes in slices, and Python runs its signal handlers between them."""
    wait = busy_timeout_ms()
    if wait <= WAIT_SLICE_MS:
        conn.execute("BEGIN IMMEDIATE")
        return
    import time

    deadline = time.monotonic() + wait / 1000
    conn.execute(f"PRAGMA busy_timeout = {WAIT_SLICE_MS}")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                busy = exc.sqlite_errorcode & 0xFF == SQLITE_BUSY
                if not busy or time.monotonic() >= deadline:
                    raise
    finally:
        conn.execute(f"PRAGMA busy_timeout = {wait}")


SQLITE_MAGIC = b"SQLite format 3\x00"


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """The platform's user data folder, as the XDG and OS conventions put it."""
    from ..places import user_folder

    return user_folder("data", environ) / "mentor.db"


def resolve_db_path(option: str | None, environ: Mapping[str, str] | None = None) -> Path:
    """`--db`, else MENTOR_DB, else the platform default."""
    env = os.environ if environ is None else environ
    chosen = option or env.get("MENTOR_DB")
    return Path(chosen).expanduser() if chosen else default_db_path(env)


def _create_owner_only(path: Path) -> None:
    """Create the folder (0700) and an empty file (0600) whatever the umask."""
    missing = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
    for folder in reversed(missing):  # every folder mentor creates is 0700, not just the last
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # another mentor made it a moment ago
        os.chmod(folder, 0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another mentor created it a moment ago
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def _kind(path: Path) -> str:
    """What a path that is not a regular file is (reading a FIFO or a device would hang)."""
    import stat

    mode = path.stat().st_mode
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file"


def _read_header(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(100)


def _refuse(path: Path, why: str) -> DatabaseUnusable:
    return DatabaseUnusable(f"{path} {why}; it was left untouched")


def _writable(path: Path) -> bool:
    return os.access(path.parent, os.W_OK) and os.access(path, os.W_OK)


MENTOR_TABLES = frozenset({"person", "pair", "expectation", "goal", "session", "action", "topic"})


def sidecars(path: Path) -> tuple[Path, Path]:
    """The -wal and -shm files SQLite keeps beside a database in WAL mode."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


class ReadOnlyConnection(sqlite3.Connection):
    """A connection that only reads, and says why a write is impossible before one starts."""

    reason = "is read-only"


def _read_only(path: Path, reason: str) -> ReadOnlyConnection:
    """Open `path` for reading without leaving a file behind, even in a read-only folder.

    With no -wal to read (no writer is at work, nothing is left uncheckpointed), SQLite may
    treat the file as immutable and creates nothing. A -wal with changes in it has to be read
    through a -shm: SQLite creates one if needed, which for another user's database would be
    theirs and block its owner, so that case is refused. (Nothing is ever deleted here: a -wal
    or -shm that appeared meanwhile may be another mentor's, in use.)
    """
    wal, shm = sidecars(path)
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not wal.exists() or wal.stat().st_size == 0:
        uri += "&immutable=1"
    elif not shm.exists() and path.stat().st_uid != os.geteuid():
        raise FileProblem(
            f"{path} has changes its owner's mentor has not yet folded in ({wal.name}); "
            "reading it would leave a file that blocks them: ask them to run any mentor "
            "command on it first"
        )
    conn = sqlite3.connect(
        uri,
        uri=True,
        timeout=busy_timeout_ms() / 1000,
        isolation_level=None,
        factory=ReadOnlyConnection,
    )
    assert isinstance(conn, ReadOnlyConnection)
    conn.reason = reason
    return conn


def _why_read_only(path: Path) -> str:
    """Why this user cannot write the database, and what would let them."""
    try:
        info = path.stat()
    except OSError:
        return "cannot be written"
    if os.statvfs(path).f_flag & os.ST_RDONLY:
        return "is on a read-only file system; remount it read-write to change the database"
    if info.st_uid != os.geteuid():
        return (
            "belongs to another user, so mentor only reads it; to change it, copy it "
            f"(mentor --db {path} db backup COPY) and use the copy"
        )
    if not os.access(path.parent, os.W_OK):
        return f"is in a read-only folder ({path.parent}); make the folder writable"
    return f"is read-only (mode {info.st_mode & 0o777:04o}); make it writable: chmod u+w {path}"


def _inspect(path: Path) -> tuple[bool, int]:
    """Whether the file is new (empty) and its schema version; refuse what is not ours."""
    header = _read_header(path)
    if not header:
        return True, 0
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise _refuse(path, "is not a mentor database (not an SQLite file)")
    header_app_id = int.from_bytes(header[68:72], "big")
    if header_app_id not in (0, APPLICATION_ID):
        raise _refuse(path, "belongs to another program (not a mentor database)")
    # A read-only look that leaves no file behind, so that a file we refuse is never
    # checkpointed, changed or given a -wal or -shm.
    try:
        probe = _read_only(path, "is being inspected")
        try:
            app_id = probe.execute("PRAGMA application_id").fetchone()[0]
            version = probe.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in probe.execute("SELECT name FROM sqlite_master")}
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        error = translate(exc, path)
        if isinstance(error, DatabaseUnusable):
            raise _refuse(path, f"is damaged ({exc})") from exc
        raise error from exc
    if app_id == 0 and not tables and version == 0:
        return True, 0
    if app_id != APPLICATION_ID:
        raise _refuse(path, "belongs to another program (not a mentor database)")
    if version > SCHEMA_VERSION:
        raise _refuse(
            path,
            f"was written by a newer mentor (schema {version}, this one knows {SCHEMA_VERSION});"
            " upgrade mentor to use it",
        )
    lacking = ", ".join(sorted(MENTOR_TABLES - tables))
    if lacking:
        raise _refuse(path, f"is not a mentor database, or a damaged one (no table {lacking})")
    return False, version


def _configure(conn: sqlite3.Connection) -> None:
    from .core import handle_key

    # Handles compare case-insensitively in every script: NOCASE folds only A-Z.
    conn.create_function("handle_key", 1, handle_key, deterministic=True)
    # The busy timeout also set by connect(): restored after each sliced wait for a writer.
    conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    # Damage to a page is noticed when the page is read, not only by `db check`.
    conn.execute("PRAGMA cell_size_check = ON")


def open_connection(path: Path, clock: Callable[[], datetime] | None = None) -> sqlite3.Connection:
    """Open (creating or migrating as needed) the mentor database at `path`.

    A database this user cannot write, or one on a disk too full for SQLite's -shm file, is
    opened to read only: every read and rescue (`db backup`, `export` elsewhere) still works."""
    try:
        if not path.exists() and not path.is_symlink():
            _create_owner_only(path)
        elif path.is_dir():
            raise FileProblem(f"{path} is a folder; give the path of a database file")
        elif path.exists() and not path.is_file():
            raise FileProblem(f"{path} is {_kind(path)}, not a file; name a database file")
        if _current_by_header(path) and _writable(path):
            confirmed = _confirmed_open(path)
            if confirmed is not None:
                return confirmed
        new, version = _inspect(path)
        if not _writable(path):
            why = f"{path} {_why_read_only(path)}"
            if version < SCHEMA_VERSION:
                raise FileProblem(f"{why}; it needs an upgrade to schema {SCHEMA_VERSION} first")
            return _configured(_read_only(path, why))
        _repair_sidecars(path)
        conn = sqlite3.connect(str(path), timeout=busy_timeout_ms() / 1000, isolation_level=None)
    except OSError as exc:
        raise FileProblem(f"cannot open {path}: {exc.strerror or exc}") from exc
    try:
        _configured(conn)
        conn.execute("PRAGMA schema_version")  # the first read: SQLite maps the -shm here
    except sqlite3.OperationalError as exc:
        conn.close()
        if new or not _no_room(exc, path):
            raise
        free = _free_bytes(path)
        why = (
            f"{path} cannot be changed: its disk is full ({free:,} bytes free); "
            "free some space there (reading, 'db backup' and 'export' elsewhere still work)"
        )
        if version < SCHEMA_VERSION:
            raise FileProblem(f"{why}; it needs an upgrade first") from None
        return _configured(_read_only(path, why))
    try:
        if new:
            conn.execute("PRAGMA journal_mode = WAL")
        if version < SCHEMA_VERSION:
            migrate(conn, path, backup=not new, clock=clock)
    except BaseException:
        conn.close()
        raise
    return conn


def _current_by_header(path: Path) -> bool:
    """Whether the file's header says it is a mentor database of this schema version: then it
    is opened without the read-only look first (a second connection parsing the schema again,
    about 1 ms of every run), and the database itself confirms it (`_confirmed_open`)."""
    header = _read_header(path)
    return (
        len(header) == 100
        and header.startswith(SQLITE_MAGIC)
        and int.from_bytes(header[68:72], "big") == APPLICATION_ID
        and int.from_bytes(header[60:64], "big") == SCHEMA_VERSION
    )


def _confirmed_open(path: Path) -> sqlite3.Connection | None:
    """The database opened and configured, if it says, through its -wal, what its header said
    and has mentor's tables; else None, and the read-only look decides (the -wal may hold a
    later migration, or the file may be damaged)."""
    conn = sqlite3.connect(str(path), timeout=busy_timeout_ms() / 1000, isolation_level=None)
    try:
        _configure(conn)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        conn.close()
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF == SQLITE_BUSY:
            raise  # another mentor holds the file: waiting again would only double the wait
        return None
    if app_id != APPLICATION_ID or version != SCHEMA_VERSION or not tables >= MENTOR_TABLES:
        conn.close()
        return None
    return conn


def _configured(conn: sqlite3.Connection) -> sqlite3.Connection:
    try:
        _configure(conn)
    except BaseException:
        conn.close()
        raise
    return conn


SQLITE_FULL, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_NOTADB = 13, 10, 11, 26
# Less room than this (SQLite's -shm alone takes 32 KiB) makes a failed open a full disk's.
TIGHT_BYTES = 256 * 1024


def _free_bytes(path: Path) -> int:
    import shutil

    try:
        return shutil.disk_usage(path.parent).free
    except OSError:
        return 0


def _no_room(exc: sqlite3.Error, path: Path) -> bool:
    code = exc.sqlite_errorcode & 0xFF
    return code in (SQLITE_FULL, SQLITE_IOERR) and _free_bytes(path) < TIGHT_BYTES


def _repair_sidecars(path: Path) -> None:
    """Make this user's own -wal/-shm writable again: a read-only look by an older mentor at a
    read-only database left a -shm as read-only as the file, which blocked every later write."""
    for sidecar in sidecars(path):
        with contextlib.suppress(OSError):
            info = sidecar.stat()
            if info.st_uid == os.geteuid() and not os.access(sidecar, os.W_OK):
                os.chmod(sidecar, 0o600)


def backup_path_for(path: Path, version: int, now: datetime) -> Path:
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return path.with_name(f"{path.name}.schema{version}-{stamp}.bak")


def backup_to(source: Path, target: Path) -> Path:
    """Copy the database with SQLite's online backup API into a new owner-only file named
    like `target` (with -2, -3… if that name is taken), and return its name.

    The copy is written under a temporary name, synced to disk and checked
    (`PRAGMA integrity_check`) before it takes a backup's name: a full disk, a kill or a
    power cut never leaves a partial copy that looks like a backup. It reads through a
    connection of its own: in WAL mode that reader sees the last committed state even while
    the caller holds the write lock.
    """
    from ..files import private_temporary

    reader = sqlite3.connect(str(source), timeout=busy_timeout_ms() / 1000)
    try:
        _room_for_a_copy(reader, source, target)
        temporary = private_temporary(target.parent, target.name)
        try:
            dest = sqlite3.connect(str(temporary))
            try:
                reader.backup(dest)
            finally:
                dest.close()
            _sync(temporary)
            _check_copy(temporary)
            return _link_unique(temporary, target)
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF != SQLITE_FULL:
                raise
            raise FileProblem(
                f"no space left to copy {source} before upgrading it ({_free_bytes(target):,} "
                "bytes free); free some space and run mentor again; nothing changed"
            ) from None
        finally:
            temporary.unlink(missing_ok=True)
    finally:
        reader.close()


# Room kept free beyond the copy itself: the copy's own journal and the upgrade's WAL.
COPY_MARGIN = 256 * 1024


def _room_for_a_copy(reader: sqlite3.Connection, source: Path, target: Path) -> None:
    pages = reader.execute("PRAGMA page_count").fetchone()[0]
    size = reader.execute("PRAGMA page_size").fetchone()[0]
    needed, free = pages * size + COPY_MARGIN, _free_bytes(target)
    if free < needed:
        raise FileProblem(
            f"no space to copy {source} before upgrading it: the copy needs {needed:,} bytes "
            f"free in {target.parent}, which has {free:,}; free some space and run mentor "
            "again; nothing changed"
        )


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_copy(copy: Path) -> None:
    probe = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        verdict = probe.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        probe.close()
    if verdict != "ok":
        raise DatabaseUnusable(f"the copy made before upgrading is not sound ({verdict})")


def _link_unique(temporary: Path, target: Path) -> Path:
    """Give the finished copy `target`'s name, or the first free name after it; never clobber."""
    stem, suffix = target.name.removesuffix(".bak"), ".bak" if target.name.endswith(".bak") else ""
    for n in range(1, 1000):
        final = target if n == 1 else target.with_name(f"{stem}-{n}{suffix}")
        try:
            os.link(temporary, final)
        except FileExistsError:
            continue
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
        return final
    raise FileProblem(f"too many copies named like {target} already; move some away")


def migrate(
    conn: sqlite3.Connection,
    path: Path,
    *,
    backup: bool,
    clock: Callable[[], datetime] | None = None,
    stop_before: str | None = None,
) -> Path | None:
    """Bring the schema up to date in one immediate transaction, after a backup copy."""
    from sqlite_utils import Database

    now = (clock or (lambda: datetime.now(UTC)))()
    # A migration may rebuild a table, which SQLite allows only with foreign keys off (they
    # cannot change inside a transaction); every reference is checked again before commit.
    conn.execute("PRAGMA foreign_keys = OFF")
    begin_immediate(conn)
    copy: Path | None = None
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION and stop_before is None:
            conn.execute("COMMIT")
            return None
        if backup:
            copy = backup_to(path, backup_path_for(path, version, now))
        db = Database(conn, execute_plugins=False, recursive_triggers=False)
        schema.apply(db, stop_before=stop_before)
        applied = len(schema.migrations().applied(db))
        conn.execute(f"PRAGMA user_version = {applied}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise sqlite3.IntegrityError(f"{len(broken)} broken reference(s), e.g. {broken[0]}")
        interrupts.committing()
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, MentorError | KeyboardInterrupt):
            raise
        where = f"; a copy made before it is at {copy}" if copy else ""
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            raise DatabaseBusy(f"{path} stayed busy during the upgrade{where}") from exc
        if isinstance(exc, sqlite3.Error) and isinstance(translate(exc, path), FileProblem):
            raise FileProblem(
                f"upgrading {path} failed ({exc}); nothing changed{where}; free some space or "
                "make it writable, and run mentor again"
            ) from exc
        raise DatabaseUnusable(f"upgrading {path} failed ({exc}); nothing changed{where}") from exc
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return copy


def translate(exc: sqlite3.Error, path: Path | None = None) -> MentorError:
    """Turn an sqlite3 error into the one-line failure the user sees."""
    text = str(exc)
    where = f"{path}" if path else "the database"
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return DatabaseBusy(
            f"{where} stayed busy past {busy_timeout_ms() / 1000:g} s (another mentor is "
            "writing; MENTOR_BUSY_TIMEOUT sets the wait); nothing was written"
        )
    if "readonly" in lowered or "read-only" in lowered:
        return FileProblem(f"{where} is read-only; nothing was written")
    if "disk is full" in lowered or "disk i/o" in lowered:
        return FileProblem(f"cannot write {where} ({text}); nothing was written")
    if "unable to open" in lowered:
        return FileProblem(f"cannot open {where} ({text})")
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if (
        code in (SQLITE_CORRUPT, SQLITE_NOTADB)
        or "malformed" in lowered
        or "not a database" in lowered
    ):
        return DatabaseUnusable(f"{where} is damaged ({text}); run 'mentor db check'")
    if isinstance(exc, sqlite3.IntegrityError):
        return MentorError(f"the database refused a change ({text})")
    return MentorError(f"database error: {text}")
