"""`mentor topic`: items queued for the next session's agenda."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.output import print_json, say
from .common import JsonFlag, PairRef, confirm
from .runtime import runtime

app = typer.Typer(help="Topics: queue items to talk about next time.")


@app.command("add")
def add(
    pair_ref: PairRef,
    text: Annotated[str, typer.Argument(help="What to talk about.")],
) -> None:
    """Queue a topic for the pair's next session."""
    from ..errors import BadInput

    if not text.strip():
        raise BadInput("the topic is empty: say what to talk about")
    topic = runtime.store().add_topic(pair_ref, text)
    say(f"Queued topic #{topic.id}.")


@app.command("list")
def list_(
    pair_ref: PairRef,
    every: Annotated[bool, typer.Option("--all", help="Also show topics already covered.")] = False,
    json: JsonFlag = False,
) -> None:
    """List a pair's queued topics."""
    from dataclasses import asdict

    store = runtime.store()
    topics = store.topics(store.resolve_pair(pair_ref).id, every=every)
    if json:
        print_json([asdict(t) for t in topics])
        return
    from ..render.output import show
    from ..render.record import topics_table

    show(topics_table(topics))


@app.command("drop")
def drop(
    topic_id: Annotated[int, typer.Argument(metavar="ID", help="The topic's id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a topic from the queue."""
    confirm(f"Delete topic #{topic_id}?", yes)
    topic = runtime.store().drop_topic(topic_id)
    say(f"Deleted topic #{topic.id}.")
