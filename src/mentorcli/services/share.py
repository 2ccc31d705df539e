"""Sharing a pair through a folder both people's machines see, and syncing it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import BadInput, FileProblem

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..store import Store
    from ..store.sync import Share
    from ..sync.merge import History, State


@dataclass
class Synced:
    """What one sync of a pair did."""

    pair: str  # MENTOR/MENTEE as named here
    folder: str
    sent: int = 0
    received: int = 0
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # their handle -> the one here
    waiting: list[str] = field(default_factory=list)  # logs caught mid-copy
    git: bool = False  # the folder is a git working tree: pulled, committed, pushed

    def message(self) -> str:
        said = f"Synced {self.pair} through {self.folder}: sent {_changes(self.sent)}, "
        said += f"applied {_changes(self.received)}."
        if self.git:
            said += " Pulled, committed and pushed with git."
        for theirs, here in self.renamed.items():
            said += f" Their {theirs!r} is {here!r} here (the handle was taken)."
        for conflict in self.conflicts:
            said += f" Session #{conflict['session']}: notes edited on both sides; both kept."
        for name in self.waiting:
            said += f" {name} ends mid-line (still copying?): the rest is read next time."
        return said


def _changes(count: int) -> str:
    return f"{count} change" if count == 1 else f"{count} changes"


@dataclass
class SyncRound:
    """Every shared pair synced."""

    synced: list[Synced]

    def message(self) -> str:
        return "\n".join(s.message() for s in self.synced) or "No pair is shared yet."


def _folder(text: str) -> Path:
    folder = Path(text).expanduser()
    if not folder.is_dir():
        raise BadInput(f"{text} is not a folder; make it (or let your sync tool) and try again")
    return folder.resolve()


def share(store: Store, pair_ref: str, folder_text: str, now: datetime) -> Synced:
    """Bind a pair to a folder and send everything shared of it there."""
    from .lookup import resolve_pair

    found = resolve_pair(store, pair_ref)
    folder = _folder(folder_text)
    tables = store.sync()
    with store.write():
        known = {s.pair_uid: s for s in tables.shares()}
        device = known[found.uid].device if found.uid in known else uuid.uuid4().hex[:12]
        tables.bind(found.uid, str(folder), device)
    return sync(store, found.uid, now)


def sync_all(store: Store, pair_ref: str | None, now: datetime) -> SyncRound:
    from .lookup import resolve_pair

    shares = store.sync().shares()
    if pair_ref is not None:
        found = resolve_pair(store, pair_ref)
        shares = [s for s in shares if s.pair_uid == found.uid]
        if not shares:
            raise BadInput(f"{found.ref} is not shared; run 'mentor share {found.ref} DIR' first")
    return SyncRound([sync(store, s.pair_uid, now) for s in shares])


def join(store: Store, folder_text: str, now: datetime) -> tuple[Synced, str]:
    """Start from the logs in a folder: the pair, both people, every shared record; returns
    the sync and the mentee's handle here (for `me`)."""
    from ..sync import git
    from ..sync.log import SUFFIX, header_of

    folder = _folder(folder_text)
    if git.is_work_tree(folder):
        git.pull(folder)
    pairs = set()
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        first = header_of(path)
        if first is not None:
            pairs.add(str(first["pair"]))
    if len(pairs) != 1:
        found = "no mentor change log" if not pairs else "logs of several pairs"
        raise BadInput(f"{folder_text} holds {found}; join the folder one pair shares")
    pair_uid = pairs.pop()
    tables = store.sync()
    with store.write():
        if pair_uid not in {s.pair_uid for s in tables.shares()}:
            tables.bind(pair_uid, str(folder), uuid.uuid4().hex[:12])
    synced = sync(store, pair_uid, now)
    pair_id = tables.pair_id(pair_uid)
    if pair_id is None:
        raise BadInput(f"the logs in {folder_text} do not hold the pair yet; sync again later")
    return synced, store.pairs.get(pair_id).mentee  # type: ignore[union-attr]


def sync(store: Store, pair_uid: str, now: datetime) -> Synced:
    """Send what changed here, apply what every other device sent: one transaction, merged a
    chunk of records at a time."""
    from ..store.core import batches
    from ..sync import git
    from ..sync.log import Outbox, header, log_name
    from .merging import CHUNK, Merge, send

    tables = store.sync()
    bound = {s.pair_uid: s for s in tables.shares()}[pair_uid]
    folder = Path(bound.folder)
    if not folder.is_dir():
        raise FileProblem(f"the shared folder {folder} is not there; is it mounted?")
    synced = Synced("", str(folder), git=git.is_work_tree(folder))
    if synced.git:
        git.pull(folder)
    marks = tables.read_marks(pair_uid)
    reads: dict[str, tuple[int, str]] = {}
    with store.write(), Outbox.held() as outbox:
        stamp = (now.astimezone(UTC).isoformat(timespec="microseconds"), bound.device)
        send(tables, pair_uid, stamp, outbox)
        merge = Merge(tables, pair_uid, stamp)
        for chunk in batches(_incoming(folder, bound, marks, reads, synced), CHUNK):
            merge.apply(chunk)
        synced.received = merge.received
        synced.renamed = merge.write()
        for device, (offset, digest) in reads.items():
            tables.mark_read(pair_uid, device, offset, digest)
        synced.conflicts = merge.conflicts()
        own = folder / log_name(bound.device)
        outbox.send(own, None if own.exists() else header(bound.device, pair_uid))
        if synced.git:
            git.publish(folder, own, f"mentor sync: the changes of device {bound.device}")
        synced.sent = outbox.count
        pair_id = tables.pair_id(pair_uid)
        found = store.pairs.get(pair_id) if pair_id is not None else None
        synced.pair = found.ref if found is not None else pair_uid
    return synced


def _incoming(
    folder: Path,
    bound: Share,
    marks: dict[str, tuple[int, str]],
    reads: dict[str, tuple[int, str]],
    synced: Synced,
) -> Iterator[dict[str, Any]]:
    """The changes of the pair in the other devices' logs, past what was read of each, checked,
    as a stream; where each log was read to goes into `reads`. A log with a bad line is read
    to its end first, so a damaged line is told before a change this mentor cannot apply."""
    from ..errors import DatabaseUnusable
    from ..sync.log import SUFFIX, Reading, start_digest

    for path in sorted(folder.glob(f"*{SUFFIX}")):
        device = path.name[: -len(SUFFIX)]
        if device == bound.device:
            continue
        offset, digest = marks.get(device, (0, start_digest()))
        got = Reading(path, offset, digest)
        refused: DatabaseUnusable | None = None
        for entry in got:
            ours = offset > 0 or (got.header or {}).get("pair") == bound.pair_uid
            if refused is not None or not ours or entry.get("pair") != bound.pair_uid:
                continue
            try:
                checked = _checked(entry, path)
            except DatabaseUnusable as problem:
                refused = problem
                continue
            yield checked
        if refused is not None:
            raise refused
        if offset == 0 and (got.header is None or got.header.get("pair") != bound.pair_uid):
            continue  # another pair's log, or one just begun
        reads[device] = (got.offset, got.digest)
        if got.torn:
            synced.waiting.append(path.name)


def _checked(entry: dict[str, Any], path: Path) -> dict[str, Any]:
    """A change as this mentor can apply it: a known kind, shared fields, values that fit."""
    from ..errors import DatabaseUnusable
    from ..reports.backup import CHECKS, Bad
    from ..store.sync import KINDS, shared_columns

    def refuse(problem: str) -> DatabaseUnusable:
        return DatabaseUnusable(f"{path}: {problem}; nothing from it was applied")

    section = KINDS.get(str(entry.get("kind")))
    clock = (entry.get("uid"), entry.get("at"), entry.get("device"))
    if section is None or not all(isinstance(part, str) for part in clock):
        raise refuse(f"a change of kind {entry.get('kind')!r} this mentor cannot read")
    if entry.get("deleted") is True:
        return entry
    fields = entry.get("fields")
    allowed = {*section.refs, *shared_columns(section)}
    if not isinstance(fields, dict) or not set(fields) <= allowed:
        raise refuse(f"a {section.table} change with fields this mentor does not know")
    for name, value in fields.items():
        if name in section.refs:
            if value is not None and not isinstance(value, str):
                raise refuse(f"{section.table} {name}: not a uid")
            continue
        try:
            fields[name] = CHECKS[section.name][name](value)
        except Bad as problem:
            raise refuse(f"{section.table} {name}: {problem}") from None
    return entry


def note_conflicts(store: Store, session_uid: str) -> list[str]:
    """The other texts of a session's notes, edited on two devices without seeing each other."""
    from ..sync.merge import NoteEdit, RecordState, conflicts

    tables = store.sync()
    edits, current = tables.note_history(session_uid)
    if current is None:
        return []
    history: History = {session_uid: {}}
    for at, device, prev_at, prev_device, text in edits:
        prev = None if prev_at is None or prev_device is None else (prev_at, prev_device)
        history[session_uid][(at, device)] = NoteEdit(prev, text)
    state: State = {session_uid: RecordState("session", {"notes": current})}
    return [text for _, text in conflicts(history, state, session_uid)]
