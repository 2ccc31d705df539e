"""Opening the database: where it lives, refusing files that are not ours, pragmas, migration."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from ..errors import DatabaseBusy, DatabaseUnusable, FileProblem, MentorError
from . import schema

APPLICATION_ID = 0x4D4E5452  # "MNTR"
SCHEMA_VERSION = len(schema.MIGRATIONS)  # a database's user_version: the migrations it has had
BUSY_TIMEOUT_MS = 10_000


def busy_timeout_ms(environ: Mapping[str, str] | None = None) -> int:
    """How long to wait for another mentor's write: MENTOR_BUSY_TIMEOUT seconds, else 10 s."""
    env = os.environ if environ is None else environ
    try:
        seconds = float(env.get("MENTOR_BUSY_TIMEOUT", ""))
    except ValueError:
        return BUSY_TIMEOUT_MS
    return max(0, int(seconds * 1000))


SQLITE_MAGIC = b"SQLite format 3\x00"


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """The platform's user data folder, as the XDG and OS conventions put it."""
    env = os.environ if environ is None else environ
    home = Path(env.get("HOME") or Path.home())
    if sys.platform == "win32":
        base = Path(env.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        xdg = env.get("XDG_DATA_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else home / ".local" / "share"
    return base / "mentor" / "mentor.db"


def resolve_db_path(option: str | None, environ: Mapping[str, str] | None = None) -> Path:
    """`--db`, else MENTOR_DB, else the platform default."""
    env = os.environ if environ is None else environ
    chosen = option or env.get("MENTOR_DB")
    return Path(chosen).expanduser() if chosen else default_db_path(env)


def _create_owner_only(path: Path) -> None:
    """Create the folder (0700) and an empty file (0600) whatever the umask."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another mentor created it a moment ago
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def _read_header(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(100)


def _refuse(path: Path, why: str) -> DatabaseUnusable:
    return DatabaseUnusable(f"{path} {why}; it was left untouched")


def _writable(path: Path) -> bool:
    return os.access(path.parent, os.W_OK) and os.access(path, os.W_OK)


def _read_only_uri(path: Path) -> str:
    """A URI that reads without writing anything, even in a read-only folder.

    Where the folder cannot take the -shm file and no -wal is left over, nobody
    can change the file, so SQLite may treat it as immutable.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if not os.access(path.parent, os.W_OK) and not wal.exists():
        uri += "&immutable=1"
    return uri


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
    # A read-only look, so that a file we refuse is never checkpointed or changed.
    try:
        probe = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            app_id = probe.execute("PRAGMA application_id").fetchone()[0]
            version = probe.execute("PRAGMA user_version").fetchone()[0]
            tables = probe.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        error = translate(exc, path)
        if isinstance(error, DatabaseUnusable):
            raise _refuse(path, f"is damaged ({exc})") from exc
        raise error from exc
    if app_id == 0 and tables == 0:
        return True, 0
    if app_id != APPLICATION_ID:
        raise _refuse(path, "belongs to another program (not a mentor database)")
    if version > SCHEMA_VERSION:
        raise _refuse(
            path,
            f"was written by a newer mentor (schema {version}, this one knows {SCHEMA_VERSION});"
            " upgrade mentor to use it",
        )
    return False, version


def _configure(conn: sqlite3.Connection) -> None:
    from .people import handle_key

    # Handles compare case-insensitively in every script: NOCASE folds only A-Z.
    conn.create_function("handle_key", 1, handle_key, deterministic=True)
    conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")


def open_connection(path: Path, clock: Callable[[], datetime] | None = None) -> sqlite3.Connection:
    """Open (creating or migrating as needed) the mentor database at `path`."""
    try:
        if not path.exists() and not path.is_symlink():
            _create_owner_only(path)
        elif path.is_dir():
            raise FileProblem(f"{path} is a folder; give the path of a database file")
        new, version = _inspect(path)
        if _writable(path):
            target, uri = str(path), False
        else:
            if version < SCHEMA_VERSION:
                raise FileProblem(f"{path} is read-only and needs an upgrade; make it writable")
            target, uri = _read_only_uri(path), True
        conn = sqlite3.connect(
            target, timeout=busy_timeout_ms() / 1000, isolation_level=None, uri=uri
        )
    except OSError as exc:
        raise FileProblem(f"cannot open {path}: {exc.strerror or exc}") from exc
    try:
        _configure(conn)
        if new:
            conn.execute("PRAGMA journal_mode = WAL")
        if version < SCHEMA_VERSION:
            migrate(conn, path, backup=not new, clock=clock)
    except BaseException:
        conn.close()
        raise
    return conn


def backup_path_for(path: Path, version: int, now: datetime) -> Path:
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return path.with_name(f"{path.name}.schema{version}-{stamp}.bak")


def backup_to(source: Path, target: Path) -> None:
    """Copy the database with SQLite's online backup API into a new owner-only file.

    It reads through a connection of its own: in WAL mode that reader sees the
    last committed state even while the caller holds the write lock.
    """
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(fd, 0o600)
    os.close(fd)
    reader = sqlite3.connect(str(source), timeout=busy_timeout_ms() / 1000)
    dest = sqlite3.connect(str(target))
    try:
        reader.backup(dest)
    finally:
        dest.close()
        reader.close()


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
    conn.execute("BEGIN IMMEDIATE")
    copy: Path | None = None
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION and stop_before is None:
            conn.execute("COMMIT")
            return None
        if backup:
            copy = backup_path_for(path, version, now)
            backup_to(path, copy)
        db = Database(conn, execute_plugins=False, recursive_triggers=False)
        schema.apply(db, stop_before=stop_before)
        applied = len(schema.migrations().applied(db))
        conn.execute(f"PRAGMA user_version = {applied}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, MentorError | KeyboardInterrupt):
            raise
        where = f"; a copy made before it is at {copy}" if copy else ""
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            raise DatabaseBusy(f"{path} stayed busy during the upgrade{where}") from exc
        raise DatabaseUnusable(f"upgrading {path} failed ({exc}); nothing changed{where}") from exc
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
    if "malformed" in lowered or "not a database" in lowered:
        return DatabaseUnusable(f"{where} is damaged ({text}); run 'mentor db check'")
    if isinstance(exc, sqlite3.IntegrityError):
        return MentorError(f"the database refused a change ({text})")
    return MentorError(f"database error: {text}")
