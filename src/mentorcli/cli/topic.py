"""`mentor topic`: items queued for the next session's agenda."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.output import emit, written
from .common import JsonFlag, PairRef, SomePair, Yes, confirm, pair_named, record_id
from .runtime import runtime

app = typer.Typer(help="Topics: queue items to talk about next time.")


@app.command("add")
def add(
    pair_ref: PairRef,
    text: Annotated[str, typer.Argument(help="What to talk about.")],
    json: JsonFlag = False,
) -> None:
    """Queue a topic for the pair's next session."""
    from ..services.followups import add_topic

    topic = add_topic(runtime.store(), pair_named(pair_ref), text)
    written(topic, f"Queued topic #{topic.id}.", json=json)


@app.command("list")
def list_(
    pair_ref: SomePair = None,
    every: Annotated[bool, typer.Option("--all", help="Also show topics already covered.")] = False,
    json: JsonFlag = False,
) -> None:
    """List queued topics: one pair's, or every pair's."""
    from ..services.followups import topics

    emit(topics(runtime.store(), pair_ref and pair_named(pair_ref), every=every), json=json)


@app.command("edit")
def edit(
    topic_id: Annotated[int, record_id("topic")],
    text: Annotated[str, typer.Argument(help="What to talk about, reworded.")],
    json: JsonFlag = False,
) -> None:
    """Reword a queued topic."""
    from ..services.followups import edit_topic

    topic = edit_topic(runtime.store(), topic_id, text)
    written(topic, f"Updated topic #{topic.id}.", json=json)


@app.command("drop")
def drop(
    topic_id: Annotated[int, record_id("topic")], yes: Yes = False, json: JsonFlag = False
) -> None:
    """Delete a topic from the queue."""
    from ..services.followups import drop_topic

    confirm(f"Delete topic #{topic_id}?", yes)
    topic = drop_topic(runtime.store(), topic_id)
    written(topic, f"Deleted topic #{topic.id}.", json=json)
