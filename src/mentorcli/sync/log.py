"""A device's change log in the shared folder: JSON lines, each with its checksum, append-only.

Each device writes only its own file, so a file-sync tool never has to merge two writers; what
was read of another device's file is remembered as an offset and a digest of the bytes up to
it, so a file that shrank or was rewritten is noticed instead of silently re-read.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DatabaseUnusable, FileProblem

FORMAT = "mentorcli-sync"
VERSION = 1
SUFFIX = ".mentor-log"


def log_name(device: str) -> str:
    return f"{device}{SUFFIX}"


def _sum(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def line(entry: dict[str, Any]) -> bytes:
    """One entry as a line: its canonical JSON and the checksum of that JSON."""
    body = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (json.dumps({"sum": _sum(body), "entry": body}, ensure_ascii=False) + "\n").encode()


def header(device: str, pair: str) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "device": device, "pair": pair}


def append(path: Path, entries: list[dict[str, Any]], first: dict[str, Any] | None) -> None:
    """Append entries (after `first`, the header, for a new file) and fsync file and folder."""
    data = b"".join(line(e) for e in ([first] if first else []) + entries)
    if not data:
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except OSError as error:
        raise FileProblem(f"cannot write {path} ({error.strerror}); nothing was sent") from None


@dataclass(frozen=True)
class Read:
    """What was read of a log: its header, the whole entries, and where reading stopped."""

    header: dict[str, Any] | None
    entries: list[dict[str, Any]]
    offset: int
    digest: str
    torn: bool  # a last line without its end: a copy under way, read next time


def _refuse(path: Path, problem: str) -> DatabaseUnusable:
    return DatabaseUnusable(f"{path}: {problem}; nothing from it was applied")


def read(path: Path, offset: int, digest: str) -> Read:
    """The entries after `offset`, once the bytes before it are checked to be those read then.
    The file is read as a stream, a line at a time: a long history is never in memory twice."""
    summed = hashlib.sha256()
    first: dict[str, Any] | None = None
    entries: list[dict[str, Any]] = []
    torn = False
    try:
        with path.open("rb") as log:
            left = offset
            while left and (chunk := log.read(min(left, 1 << 20))):
                summed.update(chunk)
                left -= len(chunk)
            if left or summed.hexdigest() != digest:
                raise _refuse(path, "the log shrank or was rewritten since it was last read")
            end = offset
            for number, raw in enumerate(log, start=1):
                if not raw.endswith(b"\n"):
                    torn = True
                    break
                summed.update(raw)
                end += len(raw)
                entry = _entry(path, raw[:-1], number)
                if offset == 0 and number == 1:
                    first = _checked_header(path, entry)
                else:
                    entries.append(entry)
    except OSError as error:
        raise FileProblem(f"cannot read {path} ({error.strerror}); nothing was applied") from None
    return Read(first, entries, end, summed.hexdigest(), torn)


def header_of(path: Path) -> dict[str, Any] | None:
    """A log's header alone (its first line), without reading the changes after it; None for
    a log whose first line is still being copied."""
    try:
        with path.open("rb") as log:
            raw = log.readline()
    except OSError as error:
        raise FileProblem(f"cannot read {path} ({error.strerror}); nothing was applied") from None
    if not raw.endswith(b"\n"):
        return None
    return _checked_header(path, _entry(path, raw[:-1], 1))


def _entry(path: Path, raw: bytes, number: int) -> dict[str, Any]:
    try:
        wrapped = json.loads(raw.decode("utf-8"))
        body = wrapped["entry"]
        if not isinstance(body, str) or wrapped["sum"] != _sum(body):
            raise ValueError
        entry = json.loads(body)
        if not isinstance(entry, dict):
            raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise _refuse(path, f"line {number} after the last read fails its checksum") from None
    return entry


def _checked_header(path: Path, entry: dict[str, Any]) -> dict[str, Any]:
    if entry.get("format") != FORMAT:
        raise _refuse(path, "this is not a mentor change log")
    version = entry.get("version")
    if type(version) is not int or version > VERSION:
        raise _refuse(
            path, f"it is log version {version}, from a newer mentor; upgrade mentor to read it"
        )
    return entry


def start_digest() -> str:
    return hashlib.sha256(b"").hexdigest()
