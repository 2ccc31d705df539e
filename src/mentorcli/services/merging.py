"""A sync merged into the tables a chunk of records at a time: what this device sends, what the
others sent, and the records written parents first. What a sync holds in memory is bounded by
the chunk, not by the pair's history; all of it is one transaction, the caller's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..store.core import batches
from ..store.sync import KINDS

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from ..store.sync import Kept, SyncTables
    from ..sync.log import Outbox
    from ..sync.merge import Clock, History, NoteEdit, RecordState, State

# How many changes, or records, a sync holds at once.
CHUNK = 1000

# Parents first, as an import writes them: a record is written after what it points at.
ORDER = tuple(KINDS)

# Where a record's note edits come in the order new conflicts are told, which is the order the
# edits were first seen: kept before this sync (by uid), made here in this sync (by id), or
# first seen in the n-th change received (FIRST_SEEN + n); UNSEEN while it has no edit.
KEPT, OWN, UNSEEN, FIRST_SEEN = 0, 1, -1, 2


def send(tables: SyncTables, pair_uid: str, stamp: Clock, outbox: Outbox) -> None:
    """What changed here since the last sync, a chunk of the pair's records at a time: each
    change into the outbox and into what sharing keeps of its record; then a deletion for each
    record deleted here that sharing still holds alive."""
    from ..sync.merge import changes

    gone = _state_of(tables.tombstoned(pair_uid))
    pair_id = tables.pair_id(pair_uid)
    for snapshot in tables.snapshot(pair_id, CHUNK) if pair_id is not None else ():
        state = _state_of(tables.kept(pair_uid, list(snapshot)))
        for uid in snapshot:
            gone.pop(uid, None)
        _keep(tables, pair_uid, state, changes(snapshot, state, stamp, pair_uid, set()), outbox)
    _keep(tables, pair_uid, gone, changes({}, gone, stamp, pair_uid), outbox)


def _keep(
    tables: SyncTables, pair_uid: str, state: State, mine: list[dict[str, Any]], outbox: Outbox
) -> None:
    history: History = {}
    _save(tables, pair_uid, state, history, _apply_all(state, history, mine))
    outbox.add(mine)


class Merge:
    """What the other devices sent, merged a chunk of changes at a time into what sharing
    keeps; the records it touched are written once every change is in."""

    def __init__(self, tables: SyncTables, pair_uid: str, stamp: Clock) -> None:
        self._tables = tables
        self._pair = pair_uid
        self._stamp = stamp
        self.received = 0
        # Every record touched, by kind, in the order it first came: where its notes come.
        self._touched: dict[str, dict[str, int]] = {kind: {} for kind in ORDER}
        self._before: dict[str, set[Clock]] = {}  # the conflicts a record had (rarely any)
        self._found: dict[str, list[tuple[Clock, str]]] = {}  # the conflicts it has now

    def apply(self, chunk: list[dict[str, Any]]) -> None:
        """A chunk of changes into what was kept of their records."""
        from ..sync.merge import apply, conflicts

        uids = list(dict.fromkeys(str(entry["uid"]) for entry in chunk))
        state = _state_of(self._tables.kept(self._pair, uids))
        history = _history_of(self._tables.note_edits(self._pair, uids))
        for entry in chunk:
            uid = str(entry["uid"])
            record = state.get(uid)
            touched = self._touched[record.kind if record is not None else str(entry["kind"])]
            if uid not in touched:
                touched[uid] = self._place(history.get(uid, {}))
                if uid in history and (before := _conflict_keys(history, state, uid)):
                    self._before[uid] = before
            noted = uid in history
            apply(state, history, entry)
            if not noted and uid in history and touched[uid] == UNSEEN:
                touched[uid] = FIRST_SEEN + self.received
            self.received += 1
        for uid in filter(history.__contains__, uids):  # the others have no notes edited
            before = self._before.get(uid, set())
            found = [(c, text) for c, text in conflicts(history, state, uid) if c not in before]
            if found:
                self._found[uid] = found
            else:
                self._found.pop(uid, None)
        _save(self._tables, self._pair, state, history, uids)

    def _place(self, edits: dict[Clock, NoteEdit]) -> int:
        if any(clock != self._stamp for clock in edits):
            return KEPT
        return OWN if edits else UNSEEN

    def write(self) -> dict[str, str]:
        """The touched records as resolved into the tables: deletions children first, the rest
        parents first, then the optional links that waited for a record once everything is in
        (the others are set already). Returns the handles people got here: theirs -> the one
        here."""
        for kind in reversed(ORDER):
            for uids in batches(reversed(self._touched[kind]), CHUNK):
                state = _state_of(self._tables.kept(self._pair, uids, deletions=True))
                for uid in uids:
                    if uid in state and not state[uid].alive:
                        self._tables.remove(kind, uid)
        renamed: dict[str, str] = {}
        waiting: dict[str, list[str]] = {kind: [] for kind in ORDER}
        for kind, uid, record in self._alive(self._touched):
            stamp = max(clock for _, clock in record.fields.values())[0] if record.fields else ""
            written = self._tables.write_record(kind, uid, record.values(), stamp)
            if written is None or written.waiting:
                waiting[kind].append(uid)
            if written is not None and written.renamed:
                renamed[str(record.values()["handle"])] = written.renamed
        for kind, uid, record in self._alive(waiting):
            self._tables.write_links(kind, uid, record.values())
        return renamed

    def _alive(
        self, records: Mapping[str, Iterable[str]]
    ) -> Iterator[tuple[str, str, RecordState]]:
        """Of these records by kind, parents first, the ones alive, as resolved."""
        for kind in ORDER:
            for uids in batches(records[kind], CHUNK):
                state = _state_of(self._tables.kept(self._pair, uids))
                for uid in uids:
                    if state[uid].alive:
                        yield kind, uid, state[uid]

    def conflicts(self) -> list[dict[str, Any]]:
        """The session notes this sync found edited on two devices without seeing each other:
        each text that lost, in the order the edits were first seen."""
        told = []
        for uid, found in self._found.items():
            local = self._tables.local_id("session", uid)
            place = next(seen[uid] for seen in self._touched.values() if uid in seen)
            if place == KEPT:
                key = (KEPT, uid, 0)
            elif place == OWN:
                key = (OWN, "", local or 0)
            else:
                key = (FIRST_SEEN, "", place)
            said = [{"session": local, "uid": uid, "at": c[0], "text": t} for c, t in found]
            told.append((key, said))
        told.sort(key=lambda pair: pair[0])
        return [conflict for _, said in told for conflict in said]


def _state_of(kept: Iterable[Kept]) -> State:
    from ..sync.merge import RecordState

    return {
        uid: RecordState(
            kind, {n: (v, (at, device)) for n, (v, at, device) in fields.items()}, gone
        )
        for uid, kind, fields, gone in kept
    }


def _history_of(edits: Iterable[tuple[str, str, str, str | None, str | None, str]]) -> History:
    from ..sync.merge import NoteEdit

    history: History = {}
    for uid, at, device, prev_at, prev_device, text in edits:
        prev = None if prev_at is None or prev_device is None else (prev_at, prev_device)
        history.setdefault(uid, {})[(at, device)] = NoteEdit(prev, text)
    return history


def _apply_all(state: State, history: History, entries: list[dict[str, Any]]) -> set[str]:
    from ..sync.merge import apply

    return {apply(state, history, entry) for entry in entries}


def _conflict_keys(history: History, state: State, uid: str) -> set[Clock]:
    from ..sync.merge import conflicts

    return {clock for clock, _ in conflicts(history, state, uid)}


def _save(
    tables: SyncTables, pair_uid: str, state: State, history: History, touched: Iterable[str]
) -> None:
    """The state of these records (the others are kept as they were), and every note edit
    seen of them."""

    def records() -> Iterator[Kept]:
        for uid in touched:
            record = state[uid]
            fields = {n: [v, *clock] for n, (v, clock) in record.fields.items()}
            yield uid, record.kind, fields, record.deleted

    tables.save_records(pair_uid, records())
    edits = [
        (uid, clock[0], clock[1], *(edit.prev or (None, None)), edit.text)
        for uid, edits in history.items()
        for clock, edit in edits.items()
    ]
    tables.add_note_edits(pair_uid, edits)
