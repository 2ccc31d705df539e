"""`mentor sessions` and `mentor session`: the history of a pair, and one session in full."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from ..render.output import emit, say
from .common import JsonFlag, PairRef, Yes, confirm, parse_day, record_id, whole
from .log import Channel, Engagement, Minutes, Notes, Rapport, TechIssue, When, notes_from
from .runtime import runtime

app = typer.Typer(help="One session: show it in full, edit it, or delete it.")

SessionId = Annotated[int, record_id("session")]


def sessions(
    pair_ref: PairRef,
    since: Annotated[
        str | None, typer.Option(help="Only sessions on or after this date, e.g. 2026-11-01.")
    ] = None,
    limit: Annotated[int, whole(min=1, help="At most this many, newest first.")] = 20,
    json: JsonFlag = False,
) -> None:
    """List a pair's sessions and touchpoints, newest first."""
    from ..services.sessions import sessions as listed
    from ..when import local_midnight

    start = parse_day(since, past=True)
    day = local_midnight(date.fromisoformat(start), runtime.local_zone()) if start else None
    emit(listed(runtime.store(), pair_ref, day, limit), json=json)


@app.command("show")
def show_(session_id: SessionId, json: JsonFlag = False) -> None:
    """Show one session in full: notes, both people's local times, follow-ups."""
    from ..services.sessions import show_session

    emit(show_session(runtime.store(), session_id), json=json)


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
    from ..services.sessions import edit_session, started_at

    moment = started_at(when, runtime.now(), runtime.local_zone()) if when else (None, None)
    changes = {"started_at": moment[0], "zone": moment[1], "minutes": minutes}
    changes |= {"channel": channel, "rapport": rapport, "engagement": engagement}
    changes |= {"tech_issue": tech_issue, "notes": notes_from(notes) if notes else notes}
    session = edit_session(runtime.store(), session_id, changes)
    say(f"Updated session #{session.id}.")


@app.command("delete")
def delete(session_id: SessionId, yes: Yes = False) -> None:
    """Delete a session; its actions stay, and the topics it covered are queued again."""
    from ..services.sessions import delete_session, session

    session(runtime.store(), session_id)
    confirm(f"Delete session #{session_id} and its notes?", yes)
    say(f"Deleted session #{delete_session(runtime.store(), session_id).id}.")
