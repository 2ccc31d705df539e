"""`mentor agenda` and `mentor status`: what to talk about next, and how every pair is doing."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import JsonFlag, PairRef, local_today
from .runtime import runtime


def agenda(
    pair_ref: PairRef,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print plain Markdown to paste into a shared doc.")
    ] = False,
    json: JsonFlag = False,
) -> None:
    """The next session: when (both local times), follow-ups, goals, topics, reviews, recap."""
    from dataclasses import asdict

    from ..reports.agenda import build_agenda

    store = runtime.store()
    records = store.pair_records(store.resolve_pair(pair_ref).id, history=False)
    plan = build_agenda(records, runtime.now(), local_today())
    if json:
        from ..render.output import print_json

        print_json(asdict(plan))
    elif markdown:
        from ..render.markdown import agenda_markdown

        typer.echo(agenda_markdown(plan), nl=False)
    else:
        from ..render.agenda import agenda_view
        from ..render.output import show

        show(*agenda_view(plan))


def status(json: JsonFlag = False) -> None:
    """Every active pair at a glance, then what needs attention, most urgent first."""
    from dataclasses import asdict

    from ..reports.status import build_status

    store, now, today = runtime.store(), runtime.now(), local_today()
    day = today.isoformat()
    report = build_status(
        store.active_activity(day),
        store.overdue_actions(day),
        store.due_reviews(day),
        now,
        today,
        runtime.local_zone(),
    )
    if json:
        from ..render.output import print_json

        print_json(asdict(report))
        return
    from ..render.status import show_status

    show_status(report)
