"""`mentor expect`: the agreement both sides made, with the history of every change."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.output import print_json, say
from ..vocabulary import EXPECTATION_TOPICS
from .common import JsonFlag, PairRef, local_today, parse_day
from .runtime import runtime

app = typer.Typer(help="Expectations: what mentor and mentee agreed to expect of each other.")

ExpectationId = Annotated[int, typer.Argument(metavar="ID", help="The expectation's id.")]
Review = Annotated[
    str | None, typer.Option("--review", help="When to review it, e.g. 2027-01-15 or fri.")
]


def check_topic(topic: str) -> str:
    from ..errors import BadInput

    if topic not in EXPECTATION_TOPICS:
        raise BadInput(f"unknown topic {topic!r}: use one of {', '.join(EXPECTATION_TOPICS)}")
    return topic


@app.command("add")
def add(
    pair_ref: PairRef,
    text: Annotated[str, typer.Argument(help="What was agreed, in your words.")],
    topic: Annotated[
        str, typer.Option(help=f"What it is about: {', '.join(EXPECTATION_TOPICS)}.")
    ] = "other",
    review: Review = None,
) -> None:
    """Record an expectation both sides agreed to."""
    review_on = parse_day(review) if review else None
    found = runtime.store().add_expectation(
        pair_ref, check_topic(topic), text, review_on, local_today().isoformat()
    )
    say(f"Added expectation #{found.id} ({found.topic}).")


@app.command("list")
def list_(
    pair_ref: PairRef,
    history: Annotated[
        bool, typer.Option("--history", help="Also show superseded and dropped expectations.")
    ] = False,
    json: JsonFlag = False,
) -> None:
    """List a pair's expectations (the agreement as it stands)."""
    from dataclasses import asdict

    store = runtime.store()
    found = store.expectations(store.resolve_pair(pair_ref).id, history=history)
    if json:
        print_json([asdict(e) for e in found])
        return
    from ..render.output import show
    from ..render.record import expectations_table

    show(expectations_table(found, local_today()))


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
) -> None:
    """Change an expectation; the old version stays in the history."""
    from ..errors import BadInput

    if text is None and topic is None and review is None:
        raise BadInput("nothing to change: give new TEXT, --topic or --review")
    found = runtime.store().edit_expectation(
        expectation_id,
        text,
        check_topic(topic) if topic else None,
        parse_day(review) if review else None,
        local_today().isoformat(),
    )
    say(f"Expectation #{expectation_id} is now #{found.id}; the old wording stays in --history.")


@app.command("drop")
def drop(expectation_id: ExpectationId) -> None:
    """Drop an expectation that no longer holds; it stays in the history."""
    found = runtime.store().drop_expectation(expectation_id)
    say(f"Dropped expectation #{found.id}.")
