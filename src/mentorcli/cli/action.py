"""`mentor action`: commitments, who owns them and when they are due."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from ..render.output import emit, written
from .common import (
    Due,
    JsonFlag,
    NoDue,
    On,
    PairRef,
    SomePair,
    complete_action_status,
    due_change,
    local_today,
    me,
    on_day,
    pair_named,
    parse_day,
    record_id,
    whole,
)
from .runtime import runtime

app = typer.Typer(help="Actions: commitments by mentor or mentee, with due dates.")

ActionId = Annotated[int, record_id("action")]


@app.command("add")
def add(
    pair_ref: PairRef,
    owner: Annotated[str, typer.Argument(help="Who does it: mentor or mentee (or their handle).")],
    text: Annotated[str, typer.Argument(help="What they will do.")],
    due: Annotated[str | None, typer.Option(help="Due date, e.g. fri or 2026-12-01.")] = None,
    json: JsonFlag = False,
) -> None:
    """Add an action (a commitment) to a pair."""
    from ..services.followups import add_action

    action = add_action(runtime.store(), pair_named(pair_ref), me(owner), text, parse_day(due))
    written(action, f"Added action #{action.id} for the {action.owner}.", json=json)


@app.command("list")
def list_(
    pair_ref: SomePair = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only open actions past their due date.")
    ] = False,
    status: Annotated[
        list[str] | None,
        typer.Option(
            help="Only actions with this status: open, done, dropped (repeatable).",
            autocompletion=complete_action_status,
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Also show done and dropped actions.")
    ] = False,
    owner: Annotated[
        str | None,
        typer.Option(help="Only those of mentor, mentee, a handle, or me: what did I promise?"),
    ] = None,
    limit: Annotated[int | None, whole(min=1, help="At most this many, soonest due first.")] = None,
    json: JsonFlag = False,
) -> None:
    """List open actions, soonest due first."""
    from ..services.followups import actions

    statuses = () if every else tuple(status or ("open",))
    store, today, named = runtime.store(), local_today(), pair_ref and pair_named(pair_ref)
    whose = owner and me(owner)
    found = actions(store, named, today, statuses=statuses, overdue=overdue, owner=whose)
    emit(found if limit is None else replace(found, actions=found.actions[:limit]), json=json)


@app.command("edit")
def edit(
    action_id: ActionId,
    text: Annotated[str | None, typer.Option(help="What will be done, reworded.")] = None,
    owner: Annotated[str | None, typer.Option(help="mentor or mentee (or a handle).")] = None,
    due: Due = None,
    no_due: NoDue = False,
    json: JsonFlag = False,
) -> None:
    """Correct an action's text, owner or due date; only the options given change."""
    from ..services.followups import edit_action

    changes = {"text": text, "owner": owner, "due_on": due_change(due, no_due)}
    action = edit_action(runtime.store(), action_id, changes)
    written(action, f"Updated action #{action.id}.", json=json)


@app.command("done")
def done(action_id: ActionId, on: On = None, json: JsonFlag = False) -> None:
    """Mark an action done today, or on the day given."""
    from ..services.followups import finish_action

    action = finish_action(runtime.store(), action_id, "done", on_day(on))
    written(action, f"Action #{action.id} done.", json=json)


@app.command("drop")
def drop(action_id: ActionId, json: JsonFlag = False) -> None:
    """Drop an action that will not be done; it stays on record."""
    from ..services.followups import finish_action

    action = finish_action(runtime.store(), action_id, "dropped", local_today().isoformat())
    written(action, f"Dropped action #{action.id}.", json=json)
