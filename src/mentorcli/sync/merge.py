"""How changes from every device settle into one record: pure, whatever the order they come in.

A record's fields resolve last-writer-wins by (timestamp, device id); a deletion wins over the
edits older than it and loses to a newer one. Note texts remember what each edit replaced, so
two edits neither of which saw the other are both kept: the loser as a conflict copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Clock = tuple[str, str]  # (UTC ISO timestamp, device id): a total order, the same everywhere
NOTE_FIELDS = frozenset({"notes"})


@dataclass
class RecordState:
    """What the changes seen so far make of one record."""

    kind: str
    fields: dict[str, tuple[Any, Clock]] = field(default_factory=dict)
    deleted: Clock | None = None

    @property
    def alive(self) -> bool:
        if self.deleted is None:
            return True
        return any(clock > self.deleted for _, clock in self.fields.values())

    def values(self) -> dict[str, Any]:
        return {name: value for name, (value, _) in self.fields.items()}


@dataclass(frozen=True)
class NoteEdit:
    """One edit of a note: what it wrote, and the edit it replaced (None: the first)."""

    prev: Clock | None
    text: str


State = dict[str, RecordState]
History = dict[str, dict[Clock, NoteEdit]]  # uid -> every edit of its notes seen


def clock_of(entry: dict[str, Any]) -> Clock:
    return (str(entry["at"]), str(entry["device"]))


def apply(state: State, history: History, entry: dict[str, Any]) -> str:
    """One change into the state; applying it again, or in any order, ends the same. Returns
    the record's uid."""
    uid, clock = str(entry["uid"]), clock_of(entry)
    record = state.setdefault(uid, RecordState(str(entry["kind"])))
    if entry.get("deleted"):
        if record.deleted is None or clock > record.deleted:
            record.deleted = clock
        return uid
    prev = entry.get("prev", {})
    for name, value in entry["fields"].items():
        current = record.fields.get(name)
        if current is None or clock > current[1]:
            record.fields[name] = (value, clock)
        if name in NOTE_FIELDS:
            before = prev.get(name)
            edits = history.setdefault(uid, {})
            edits[clock] = NoteEdit(None if before is None else (before[0], before[1]), value)
    return uid


def conflicts(history: History, state: State, uid: str) -> list[tuple[Clock, str]]:
    """The note texts of `uid` that no later edit replaced, other than the one that won: edits
    made without seeing each other. The same on every device that has seen the same edits."""
    edits = history.get(uid, {})
    record = state.get(uid)
    if record is None or "notes" not in record.fields:
        return []
    winner_text, winner = record.fields["notes"]
    replaced = {edit.prev for edit in edits.values() if edit.prev is not None}
    return sorted(
        (clock, edit.text)
        for clock, edit in edits.items()
        if clock not in replaced and clock != winner and edit.text != winner_text
    )


def changes(
    snapshot: dict[str, tuple[str, dict[str, Any]]],
    state: State,
    stamp: Clock,
    pair: str,
    gone: set[str] | None = None,
) -> list[dict[str, Any]]:
    """What this device changed since it last synced: each record of the snapshot whose fields
    differ from the state, and a tombstone for each live record the snapshot lost that was
    deleted here (`gone`; None: all of them). A record that never got here (it waits for
    what it points at) is not a deletion."""
    out: list[dict[str, Any]] = []
    at, device = stamp
    for uid, (kind, values) in snapshot.items():
        record = state.get(uid)
        known = record.fields if record is not None and record.alive else {}
        changed = {n: v for n, v in values.items() if n not in known or known[n][0] != v}
        if not changed:
            continue
        entry: dict[str, Any] = {"uid": uid, "kind": kind, "pair": pair, "at": at}
        entry |= {"device": device, "fields": changed}
        prev = {n: list(known[n][1]) for n in changed if n in NOTE_FIELDS and n in known}
        if prev:
            entry["prev"] = prev
        out.append(entry)
    for uid, record in state.items():
        if uid not in snapshot and record.alive and (gone is None or uid in gone):
            out.append(
                {"uid": uid, "kind": record.kind, "pair": pair, "at": at, "device": device}
                | {"deleted": True}
            )
    return out
