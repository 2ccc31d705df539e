"""`mentor undo`: revert the last command of this device."""

from __future__ import annotations

from .common import JsonFlag, Yes, confirm
from .runtime import runtime


def undo(yes: Yes = False, json: JsonFlag = False) -> None:
    """Revert the last command of this device, showing what it reverts; asks on a terminal."""
    from ..render.output import note, written
    from ..services.undo import undo as revert
    from ..services.undo import undo_plan

    plan = undo_plan(runtime.store())
    if runtime.interactive() and not yes:
        for line in plan.lines():
            note(f"  {line}")
    confirm(f"Undo the command of {plan.at[:19].replace('T', ' ')} UTC?", yes)
    done = revert(runtime.store(), plan)
    written(done, done.message(), json=json)
