"""Files mentor writes (exports, backups, calendars): owner-only, never clobbered, atomic."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import FileProblem

STDOUT = "-"


def to_stdout(target: str | None) -> bool:
    """No `-o`, or `-o -`, means standard output."""
    return target is None or target == STDOUT


def check_target(path: Path, force: bool, database: Path | None = None) -> None:
    """Refuse a target that is a symlink, a folder, the database (or its -wal, -shm or a
    backup of it), or (without force) an existing file."""
    if path.is_symlink():
        raise FileProblem(f"{path} is a symbolic link; name the real file instead")
    if path.is_dir():
        raise FileProblem(f"{path} is a folder; name a file inside it")
    if database is not None and _is_database(path, database):
        raise FileProblem(
            f"{path} is the mentor database or part of it; it is never written over, "
            "even with --force: name another file"
        )
    if path.exists() and not force:
        raise FileProblem(f"{path} exists; add --force to replace it")
    if not path.parent.is_dir():
        raise FileProblem(f"cannot write {path}: the folder {path.parent} does not exist")


def _is_database(path: Path, database: Path) -> bool:
    """Whether `path` is the database, its -wal or -shm, or any SQLite file (a backup)."""
    for part in (database, *(database.with_name(database.name + end) for end in SIDECARS)):
        try:
            if os.path.samefile(path, part):
                return True
        except OSError:
            if path.absolute() == part.absolute():
                return True
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


SIDECARS = ("-wal", "-shm", "-journal")
# Temporary files mentor makes carry its process id, so that a later run can tell one left by
# a process that was killed (SIGKILL, a power cut) from one still being written.
TEMPORARY = ".{name}.mentor-{pid}-"


def private_temporary(folder: Path, name: str) -> Path:
    """A new, empty, owner-only file in `folder` that no other file is mistaken for."""
    import tempfile  # every run opens the store, which imports this module; few write files

    sweep_stale(folder)
    prefix = TEMPORARY.format(name=name, pid=os.getpid())
    fd, made = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    return Path(made)


def sweep_stale(folder: Path, pattern: str = ".*.mentor-*-*.tmp") -> None:
    """Remove this user's temporary files of mentor's naming whose process is gone."""
    try:
        found = list(folder.glob(pattern))
    except OSError:
        return
    for leftover in found:
        pid = leftover.name.rsplit(".mentor-", 1)[-1].split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            if leftover.lstat().st_uid == os.geteuid():
                leftover.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


@contextlib.contextmanager
def replacing(path: Path, force: bool, database: Path | None = None) -> Iterator[Path]:
    """A new owner-only temporary file beside `path`, renamed over it when the block succeeds.

    A failure (a full disk, Ctrl-C, SIGTERM, SIGHUP) removes the temporary file and leaves
    `path` as it was; one left by a killed process is swept by the next write to the folder.
    """
    check_target(path, force, database)
    temporary = private_temporary(path.parent, path.name)
    try:
        yield temporary
        # Checked again: the target may have appeared while the file was being written.
        check_target(path, force, database)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_private(
    target: str | None,
    data: str | bytes | Iterable[str],
    force: bool,
    database: Path | None = None,
) -> Path | None:
    """Write `data` to the file `target` (owner-only, atomically), or to stdout for None or -.
    Text given in pieces is written piece by piece, as it is made.

    Returns the path written, or None for stdout.
    """
    pieces = [data] if isinstance(data, (str, bytes)) else data
    payloads = (piece.encode("utf-8") if isinstance(piece, str) else piece for piece in pieces)
    if to_stdout(target):
        # Bytes as they are: an iCalendar's CRLF line ends stay CRLF.
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        for payload in payloads:
            if buffer is None:
                sys.stdout.write(payload.decode("utf-8"))
            else:
                buffer.write(payload)
        if buffer is not None:
            buffer.flush()
        return None
    path = Path(str(target)).expanduser()
    try:
        with replacing(path, force, database) as temporary, open(temporary, "wb") as handle:
            for payload in payloads:
                handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        if error.filename is not None:
            raise
        # A failed write (a full disk) names no file; the message should name the target.
        raise OSError(error.errno, error.strerror, str(path)) from None
    return path
