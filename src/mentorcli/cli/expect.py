"""`mentor expect`: the agreement both sides made, with the history of every change."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.output import emit, written
from ..vocabulary import EXPECTATION_TOPICS
from .common import (
    JsonFlag,
    PairRef,
    SomePair,
    local_today,
    on_day,
    pair_named,
    parse_day,
    record_id,
)
from .runtime import runtime

app = typer.Typer(help="Expectations: what mentor and mentee agreed to expect of each other.")

ExpectationId = Annotated[int, record_id("expectation")]
Review = Annotated[
    str | None, typer.Option("--review", help="When to review it, e.g. 2027-01-15 or fri.")
]


@app.command("add")
def add(
    pair_ref: PairRef,
    text: Annotated[str, typer.Argument(help="What was agreed, in your words.")],
    topic: Annotated[
        str, typer.Option(help=f"What it is about: {', '.join(EXPECTATION_TOPICS)}.")
    ] = "other",
    review: Review = None,
    agreed: Annotated[
        str | None, typer.Option(help="When it was agreed, e.g. 2026-09-10 (default today).")
    ] = None,
    json: JsonFlag = False,
) -> None:
    """Record an expectation both sides agreed to."""
    from ..services.agreement import add_expectation

    day = on_day(agreed)
    found = add_expectation(
        runtime.store(), pair_named(pair_ref), topic, text, parse_day(review), day
    )
    written(found, f"Added expectation #{found.id} ({found.topic}).", json=json)


@app.command("list")
def list_(
    pair_ref: SomePair = None,
    history: Annotated[
        bool, typer.Option("--history", help="Also show superseded and dropped expectations.")
    ] = False,
    json: JsonFlag = False,
) -> None:
    """List expectations (the agreement as it stands): one pair's, or every pair's."""
    from ..services.agreement import expectations

    emit(
        expectations(
            runtime.store(), pair_ref and pair_named(pair_ref), local_today(), history=history
        ),
        json=json,
    )


@app.command("edit")
def edit(
    expectation_id: ExpectationId,
    text: Annotated[
        str | None, typer.Argument(help="The new wording (default: keep the wording).")
    ] = None,
    topic: Annotated[
        str | None, typer.Option(help=f"A new topic: {', '.join(EXPECTATION_TOPICS)}.")
    ] = None,
    review: Review = None,
    json: JsonFlag = False,
) -> None:
    """Change an expectation; the old version stays in the history."""
    from ..services.agreement import edit_expectation

    today = local_today().isoformat()
    store = runtime.store()
    found = edit_expectation(store, expectation_id, text, topic, parse_day(review), today)
    written(
        found,
        f"Expectation #{expectation_id} is now #{found.id}; the old wording stays in --history.",
        json=json,
    )


@app.command("drop")
def drop(expectation_id: ExpectationId, json: JsonFlag = False) -> None:
    """Drop an expectation that no longer holds; it stays in the history."""
    from ..services.agreement import drop_expectation

    found = drop_expectation(runtime.store(), expectation_id)
    written(found, f"Dropped expectation #{found.id}.", json=json)
