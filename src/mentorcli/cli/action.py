"""`mentor action`: commitments, who owns them and when they are due."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.output import emit, say
from .common import JsonFlag, PairRef, SomePair, local_today, parse_day, record_id
from .runtime import runtime

app = typer.Typer(help="Actions: commitments by mentor or mentee, with due dates.")

ActionId = Annotated[int, record_id("action")]


@app.command("add")
def add(
    pair_ref: PairRef,
    owner: Annotated[str, typer.Argument(help="Who does it: mentor or mentee (or their handle).")],
    text: Annotated[str, typer.Argument(help="What they will do.")],
    due: Annotated[str | None, typer.Option(help="Due date, e.g. fri or 2026-12-01.")] = None,
) -> None:
    """Add an action (a commitment) to a pair."""
    from ..services.followups import add_action

    action = add_action(runtime.store(), pair_ref, owner, text, parse_day(due))
    say(f"Added action #{action.id} for the {action.owner}.")


@app.command("list")
def list_(
    pair_ref: SomePair = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only open actions past their due date.")
    ] = False,
    every: Annotated[
        bool, typer.Option("--all", help="Also show done and dropped actions.")
    ] = False,
    json: JsonFlag = False,
) -> None:
    """List open actions, soonest due first."""
    from ..services.followups import actions

    found = actions(runtime.store(), pair_ref, local_today(), every=every, overdue=overdue)
    emit(found, json=json)


@app.command("done")
def done(action_id: ActionId) -> None:
    """Mark an action done today."""
    from ..services.followups import finish_action

    action = finish_action(runtime.store(), action_id, "done", local_today().isoformat())
    say(f"Action #{action.id} done.")


@app.command("drop")
def drop(action_id: ActionId) -> None:
    """Drop an action that will not be done; it stays on record."""
    from ..services.followups import finish_action

    action = finish_action(runtime.store(), action_id, "dropped", local_today().isoformat())
    say(f"Dropped action #{action.id}.")
