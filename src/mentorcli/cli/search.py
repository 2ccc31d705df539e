"""`mentor search`: full-text search over notes, actions, goals and topics."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.output import emit
from .common import JsonFlag, complete_pair, pair_named, whole
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
    limit: Annotated[int, whole(min=1, help="At most this many results.")] = 20,
    json: JsonFlag = False,
) -> None:
    """Search session notes, actions, goals and topics, best matches first."""
    from ..services.reports import search as found

    emit(
        found(runtime.store(), " ".join(query), pair_ref and pair_named(pair_ref), limit), json=json
    )
