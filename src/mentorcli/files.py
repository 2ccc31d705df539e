"""Files mentor writes (exports, backups, calendars): owner-only, never clobbered, atomic."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import FileProblem

STDOUT = "-"


def to_stdout(target: str | None) -> bool:
    """No `-o`, or `-o -`, means standard output."""
    return target is None or target == STDOUT


def check_target(path: Path, force: bool) -> None:
    """Refuse a target that is a symlink, a folder, or (without force) an existing file."""
    if path.is_symlink():
        raise FileProblem(f"{path} is a symbolic link; name the real file instead")
    if path.is_dir():
        raise FileProblem(f"{path} is a folder; name a file inside it")
    if path.exists() and not force:
        raise FileProblem(f"{path} exists; add --force to replace it")
    if not path.parent.is_dir():
        raise FileProblem(f"cannot write {path}: the folder {path.parent} does not exist")


@contextlib.contextmanager
def replacing(path: Path, force: bool) -> Iterator[Path]:
    """A new owner-only temporary file beside `path`, renamed over it when the block succeeds.

    A failure (a full disk, Ctrl-C) removes the temporary file and leaves `path` as it was.
    """
    check_target(path, force)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        os.fchmod(fd, 0o600)
        os.close(fd)
        yield temporary
        # Checked again: the target may have appeared while the file was being written.
        check_target(path, force)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_private(target: str | None, data: str | bytes, force: bool) -> Path | None:
    """Write `data` to the file `target` (owner-only, atomically), or to stdout for None or -.

    Returns the path written, or None for stdout.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if to_stdout(target):
        # Bytes as they are: an iCalendar's CRLF line ends stay CRLF.
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(payload.decode("utf-8"))
        else:
            buffer.write(payload)
            buffer.flush()
        return None
    path = Path(str(target)).expanduser()
    try:
        with replacing(path, force) as temporary, open(temporary, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        if error.filename is not None:
            raise
        # A failed write (a full disk) names no file; the message should name the target.
        raise OSError(error.errno, error.strerror, str(path)) from None
    return path
