"""`mentor undo`: the last command of this device, reverted, as Taskwarrior's undo does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import BadInput

if TYPE_CHECKING:
    from ..store import Store
    from ..store.undo import Reverted


@dataclass(frozen=True)
class UndoPlan:
    """The command `undo` would revert, and what that does to each record."""

    command: int
    at: str  # when the command ran (UTC)
    records: tuple[Reverted, ...]

    def lines(self) -> list[str]:
        return [f"{r.kind} #{r.id}: {r.what}" for r in self.records]

    def message(self) -> str:
        changed = "; ".join(self.lines())
        return f"Undid the command of {self.at[:19].replace('T', ' ')} UTC: {changed}."

    def json(self) -> object:
        return {
            "command": self.command,
            "at": self.at,
            "reverted": [
                {"kind": r.kind, "id": r.id, "uid": r.uid, "what": r.what} for r in self.records
            ],
        }


def undo_plan(store: Store) -> UndoPlan:
    """What `undo` would revert now; BadInput when there is nothing to undo."""
    log = store.undo()
    last = log.last_command()
    if last is None:
        raise BadInput("nothing to undo: no command of this device changed a record")
    return UndoPlan(last[0], last[1], tuple(log.reverted(last[0])))


def undo(store: Store, plan: UndoPlan) -> UndoPlan:
    """Revert the planned command, if it is still the last one; the undo is a change of its
    own, so `sync` sends it like any other."""
    with store.write():
        log = store.undo()
        last = log.last_command()
        if last is None or last[0] != plan.command:
            raise BadInput("another command ran meanwhile; run 'mentor undo' again to see it")
        log.put_back(plan.command, list(plan.records))
    return plan
