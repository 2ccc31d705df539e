"""A device's change log in the shared folder: JSON lines, each with its checksum, append-only.

Each device writes only its own file, so a file-sync tool never has to merge two writers; what
was read of another device's file is remembered as an offset and a digest of the bytes up to
it, so a file that shrank or was rewritten is noticed instead of silently re-read.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

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


def append(path: Path, lines: Iterable[bytes]) -> None:
    """Append lines (the header first, for a new file) a block at a time, and fsync file and
    folder; nothing at all creates no file."""
    blocks = _blocks(lines)
    try:
        first = next(blocks, b"")
        if not first:
            return
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            for block in itertools.chain([first], blocks):
                view = memoryview(block)
                while view:
                    view = view[os.write(fd, view) :]
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


def _blocks(lines: Iterable[bytes], size: int = 1 << 20) -> Iterator[bytes]:
    block = bytearray()
    for text in lines:
        block += text
        if len(block) >= size:
            yield bytes(block)
            block.clear()
    if block:
        yield bytes(block)


class Outbox:
    """The lines a sync sends, held aside (in a temporary file once they outgrow memory) until
    the transaction that made them is ready to commit: a long history is never in memory."""

    def __init__(self, held: IO[bytes]) -> None:
        self._held = held
        self.count = 0

    @classmethod
    @contextmanager
    def held(cls) -> Iterator[Outbox]:
        with tempfile.SpooledTemporaryFile(max_size=1 << 22) as held:
            yield cls(held)

    def add(self, entries: Iterable[dict[str, Any]]) -> None:
        for entry in entries:
            self._hold(line(entry))
            self.count += 1

    def _hold(self, data: bytes) -> None:
        try:
            self._held.write(data)
        except OSError as error:
            raise FileProblem(
                f"cannot hold the changes to send ({error.strerror}); nothing was sent"
            ) from None

    def send(self, path: Path, first: dict[str, Any] | None) -> None:
        """Append what was added to the log at `path`, after `first` (its header, for a new
        file)."""
        self._held.seek(0)
        held = iter(lambda: self._held.read(1 << 20), b"")
        append(path, itertools.chain([line(first)] if first else [], held))


class Reading:
    """A log read as a stream, a line at a time, after `offset` once the bytes before it are
    checked to be those read then: a long history is never in memory. The header of a log
    read from its start is known before its first entry comes; where reading stopped, once
    the last one has."""

    def __init__(self, path: Path, offset: int, digest: str) -> None:
        self.path = path
        self.offset = offset
        self.digest = digest
        self.header: dict[str, Any] | None = None
        self.torn = False  # a last line without its end: a copy under way, read next time

    def __iter__(self) -> Iterator[dict[str, Any]]:
        path, start = self.path, self.offset
        summed = hashlib.sha256()
        try:
            with path.open("rb") as log:
                left = start
                while left and (chunk := log.read(min(left, 1 << 20))):
                    summed.update(chunk)
                    left -= len(chunk)
                if left or summed.hexdigest() != self.digest:
                    raise _refuse(path, "the log shrank or was rewritten since it was last read")
                end = start
                for number, raw in enumerate(log, start=1):
                    if not raw.endswith(b"\n"):
                        self.torn = True
                        break
                    summed.update(raw)
                    end += len(raw)
                    entry = _entry(path, raw[:-1], number)
                    if start == 0 and number == 1:
                        self.header = _checked_header(path, entry)
                    else:
                        yield entry
        except OSError as error:
            raise FileProblem(
                f"cannot read {path} ({error.strerror}); nothing was applied"
            ) from None
        self.offset, self.digest = end, summed.hexdigest()


def _refuse(path: Path, problem: str) -> DatabaseUnusable:
    return DatabaseUnusable(f"{path}: {problem}; nothing from it was applied")


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
