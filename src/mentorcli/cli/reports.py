"""`mentor agenda` and `mentor status`: what to talk about next, and how every pair is doing."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.output import emit
from .common import JsonFlag, MaybePair, local_today, pair_named
from .runtime import runtime


def agenda(
    pair_ref: MaybePair = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print plain Markdown to paste into a shared doc.")
    ] = False,
    json: JsonFlag = False,
) -> None:
    """The next session: when (both local times), follow-ups, goals, topics, reviews, recap."""
    from ..services.reports import agenda as next_session

    plan = next_session(runtime.store(), pair_named(pair_ref), runtime.now(), local_today())
    emit(plan, json=json, markdown=markdown)


def status(json: JsonFlag = False) -> None:
    """Every active pair at a glance, then what needs attention, most urgent first."""
    from ..services.reports import status as every_pair

    report = every_pair(
        runtime.store(), runtime.now(), local_today(), runtime.local_zone(), every=json
    )
    emit(report, json=json)
