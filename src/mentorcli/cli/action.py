"""`mentor action`: commitments, who owns them and when they are due."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.output import print_json, say
from .common import JsonFlag, PairRef, complete_pair, local_today, parse_day
from .runtime import runtime

app = typer.Typer(help="Actions: commitments by mentor or mentee, with due dates.")

ActionId = Annotated[int, typer.Argument(metavar="ID", help="The action's id.")]


@app.command("add")
def add(
    pair_ref: PairRef,
    owner: Annotated[str, typer.Argument(help="Who does it: mentor or mentee (or their handle).")],
    text: Annotated[str, typer.Argument(help="What they will do.")],
    due: Annotated[str | None, typer.Option(help="Due date, e.g. fri or 2026-12-01.")] = None,
) -> None:
    """Add an action (a commitment) to a pair."""
    due_on = parse_day(due) if due else None
    action = runtime.store().add_action(pair_ref, owner, text, due_on)
    say(f"Added action #{action.id} for the {action.owner}.")


@app.command("list")
def list_(
    pair_ref: Annotated[
        str | None,
        typer.Argument(
            metavar="[PAIR]",
            help="Only this pair (default: every pair).",
            autocompletion=complete_pair,
        ),
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only open actions past their due date.")
    ] = False,
    every: Annotated[
        bool, typer.Option("--all", help="Also show done and dropped actions.")
    ] = False,
    json: JsonFlag = False,
) -> None:
    """List open actions, soonest due first."""
    from dataclasses import asdict

    store = runtime.store()
    pair_id = store.resolve_pair(pair_ref).id if pair_ref else None
    today = local_today()
    actions = store.actions(pair_id, every=every, due_before=today.isoformat() if overdue else None)
    refs = {p.id: p.ref for p in store.pairs()}
    if json:
        print_json([{**asdict(a), "pair": refs[a.pair_id]} for a in actions])
        return
    from ..render.output import show
    from ..render.record import actions_table

    show(actions_table(actions, refs, today, show_pair=pair_id is None))


@app.command("done")
def done(action_id: ActionId) -> None:
    """Mark an action done today."""
    action = runtime.store().finish_action(action_id, "done", local_today().isoformat())
    say(f"Action #{action.id} done.")


@app.command("drop")
def drop(action_id: ActionId) -> None:
    """Drop an action that will not be done; it stays on record."""
    action = runtime.store().finish_action(action_id, "dropped", local_today().isoformat())
    say(f"Dropped action #{action.id}.")
