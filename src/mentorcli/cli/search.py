"""`mentor search`: full-text search over notes, actions, goals and topics."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.output import print_json
from .common import JsonFlag, complete_pair
from .runtime import runtime


def search(
    query: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY...",
            help='Words to find (all must occur); "a phrase" in quotes; word* for a prefix.',
        ),
    ],
    pair_ref: Annotated[
        str | None,
        typer.Option("--pair", help="Only in this pair's record.", autocompletion=complete_pair),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many results.")] = 20,
    json: JsonFlag = False,
) -> None:
    """Search session notes, actions, goals and topics, best matches first."""
    from dataclasses import asdict

    store = runtime.store()
    pair_id = store.resolve_pair(pair_ref).id if pair_ref else None
    words = " ".join(query)
    hits = store.search(words, pair_id, limit)
    if json:
        print_json([asdict(hit) for hit in hits])
        return
    from ..render.output import show
    from ..render.sessions import hits_table

    show(hits_table(hits, words))
