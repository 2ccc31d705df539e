"""`mentor sessions` and `mentor session`: the history of a pair, and one session in full."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ..render.output import print_json, say
from .common import JsonFlag, PairRef, check_channel, confirm, parse_day
from .log import (
    Channel,
    Engagement,
    Minutes,
    Notes,
    Rapport,
    TechIssue,
    When,
    check_score,
    notes_from,
    started_at,
)
from .runtime import runtime

app = typer.Typer(help="One session: show it in full, edit it, or delete it.")

SessionId = Annotated[int, typer.Argument(metavar="ID", help="The session's id.")]


def sessions(
    pair_ref: PairRef,
    since: Annotated[
        str | None, typer.Option(help="Only sessions on or after this date, e.g. 2026-11-01.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many, newest first.")] = 20,
    json: JsonFlag = False,
) -> None:
    """List a pair's sessions and touchpoints, newest first."""
    from dataclasses import asdict

    store = runtime.store()
    pair = store.resolve_pair(pair_ref)
    found = store.sessions(pair.id, since=_since(since), limit=limit)
    if json:
        print_json([{**asdict(s), "asynchronous": s.asynchronous} for s in found])
        return
    from ..render.output import show
    from ..render.sessions import sessions_table

    show(sessions_table(pair, found))


def _since(text: str | None) -> str | None:
    """The start of that day in the machine's zone, as a UTC ISO instant."""
    if text is None:
        return None
    from datetime import date, datetime

    from ..when import to_utc_iso
    from ..zones import zone

    day = date.fromisoformat(parse_day(text, past=True))
    return to_utc_iso(datetime.combine(day, datetime.min.time(), zone(runtime.local_zone())))


@app.command("show")
def show_(session_id: SessionId, json: JsonFlag = False) -> None:
    """Show one session in full: notes, both people's local times, follow-ups."""
    from dataclasses import asdict

    from ..render.sessions import session_view

    store = runtime.store()
    session = store.session(session_id)
    pair = store.pair(session.pair_id)
    actions, topics = store.session_followups(session.id)
    view = session_view(session, pair, store.person(pair.mentor), store.person(pair.mentee))
    if json:
        print_json(
            {
                **asdict(session),
                "asynchronous": session.asynchronous,
                "pair": pair.ref,
                "local": view.local,
                "actions": [asdict(a) for a in actions],
                "covered": [asdict(t) for t in topics],
            }
        )
        return
    from ..render.sessions import show_session

    show_session(view, actions, topics)


@app.command("edit")
def edit(
    session_id: SessionId,
    when: When = None,
    minutes: Minutes = None,
    channel: Channel = None,
    notes: Notes = None,
    rapport: Rapport = None,
    engagement: Engagement = None,
    tech_issue: TechIssue = None,
) -> None:
    """Correct a session; only the options given change."""
    from ..errors import BadInput

    values: dict[str, Any] = {
        "minutes": minutes,
        "channel": check_channel(channel),
        "rapport": check_score("rapport", rapport),
        "engagement": check_score("engagement", engagement),
        "tech_issue": tech_issue,
        "notes": notes_from(notes) if notes is not None else None,
    }
    if when is not None:
        values["started_at"], values["zone"] = started_at(when)
    changes = {name: value for name, value in values.items() if value is not None}
    if not changes:
        raise BadInput("nothing to change: give --notes, --when, --minutes, --channel, … (--help)")
    session = runtime.store().edit_session(session_id, changes)
    say(f"Updated session #{session.id}.")


@app.command("delete")
def delete(
    session_id: SessionId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a session; its actions stay, and the topics it covered are queued again."""
    runtime.store().session(session_id)
    confirm(f"Delete session #{session_id} and its notes?", yes)
    session = runtime.store().delete_session(session_id)
    say(f"Deleted session #{session.id}.")
