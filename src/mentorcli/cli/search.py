"""`mentor search`: full-text search over notes, actions, goals and topics."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.output import emit
from .common import JsonFlag, complete_pair, local_today, pair_named, whole
from .runtime import runtime


def search(
    query: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY...",
            help='Words to find (all must occur); "a phrase" in quotes; word* for a prefix; '
            'a OR b for either; -word or -"a phrase" to leave out (put -- before the query, '
            "or quote it whole).",
        ),
    ],
    pair_ref: Annotated[
        str | None,
        typer.Option("--pair", help="Only in this pair's record.", autocompletion=complete_pair),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Only sessions from this date on, and what was written since."),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(help="Only session, action, goal or topic (repeat, or a comma list)."),
    ] = None,
    limit: Annotated[int, whole(min=1, help="At most this many results.")] = 20,
    json: JsonFlag = False,
) -> None:
    """Search session notes, actions, goals and topics, best matches first."""
    from ..services.search import search as found
    from ..when import parse_date

    start = parse_date(since, local_today(), past=True) if since is not None else None
    store, zone = runtime.store(), runtime.local_zone()
    words, named = " ".join(query), pair_ref and pair_named(pair_ref)
    emit(found(store, words, named, limit, kinds=kind, since=start, zone=zone), json=json)
