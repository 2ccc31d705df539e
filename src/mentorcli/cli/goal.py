"""`mentor goal`: what the mentorship aims at, with progress and due dates."""

from __future__ import annotations

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
    due_change,
    local_today,
    on_day,
    pair_named,
    parse_day,
    record_id,
)
from .runtime import runtime

app = typer.Typer(help="Goals: add them, track progress 0-100, mark them done or dropped.")

GoalId = Annotated[int, record_id("goal")]


@app.command("add")
def add(
    pair_ref: PairRef,
    title: Annotated[str, typer.Argument(help="The goal, e.g. 'lead a design review'.")],
    due: Annotated[
        str | None, typer.Option(help="Due date, e.g. 2027-03-31 or 31 Mar 2027.")
    ] = None,
    detail: Annotated[str, typer.Option(help="More about it: why, how you'll know.")] = "",
    json: JsonFlag = False,
) -> None:
    """Add a goal to a pair."""
    from ..services.agreement import add_goal

    goal = add_goal(runtime.store(), pair_named(pair_ref), title, detail, parse_day(due))
    written(goal, f"Added goal #{goal.id}.", json=json)


@app.command("list")
def list_(
    pair_ref: SomePair = None,
    every: Annotated[
        bool, typer.Option("--all", help="Also show achieved and dropped goals.")
    ] = False,
    json: JsonFlag = False,
) -> None:
    """List open goals with their progress: one pair's, or every pair's."""
    from ..services.agreement import goals

    emit(
        goals(runtime.store(), pair_ref and pair_named(pair_ref), local_today(), every=every),
        json=json,
    )


@app.command("edit")
def edit(
    goal_id: GoalId,
    title: Annotated[str | None, typer.Option(help="The goal, reworded.")] = None,
    detail: Annotated[str | None, typer.Option(help="More about it.")] = None,
    due: Due = None,
    no_due: NoDue = False,
    json: JsonFlag = False,
) -> None:
    """Correct a goal's title, detail or due date; only the options given change."""
    from ..services.agreement import edit_goal

    changes = {"title": title, "detail": detail, "due_on": due_change(due, no_due)}
    goal = edit_goal(runtime.store(), goal_id, changes)
    written(goal, f"Updated goal #{goal.id}.", json=json)


@app.command("progress")
def progress(
    goal_id: GoalId,
    percent: Annotated[int, typer.Argument(metavar="PCT", help="Progress from 0 to 100.")],
    json: JsonFlag = False,
) -> None:
    """Set an open goal's progress (0-100); 'goal done' marks it achieved."""
    from ..services.agreement import set_goal_progress

    goal = set_goal_progress(runtime.store(), goal_id, percent)
    written(goal, f"Goal #{goal.id} is at {goal.progress}%.", json=json)


@app.command("done")
def done(goal_id: GoalId, on: On = None, json: JsonFlag = False) -> None:
    """Mark a goal achieved today, or on the day given."""
    from ..services.agreement import finish_goal

    goal = finish_goal(runtime.store(), goal_id, "achieved", on_day(on))
    written(goal, f"Goal #{goal.id} achieved on {goal.achieved_on}.", json=json)


@app.command("drop")
def drop(goal_id: GoalId, json: JsonFlag = False) -> None:
    """Drop a goal that no longer matters; it stays on record."""
    from ..services.agreement import finish_goal

    goal = finish_goal(runtime.store(), goal_id, "dropped", local_today().isoformat())
    written(goal, f"Dropped goal #{goal.id}.", json=json)
