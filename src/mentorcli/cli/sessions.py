"""`mentor sessions` and `mentor session`: the history of a pair, and one session in full."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from ..render.output import emit, say
from .common import JsonFlag, PairRef, Yes, confirm, pair_named, parse_day, record_id, whole
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
    emit(listed(runtime.store(), pair_named(pair_ref), day, limit), json=json)


@app.command("show")
def show_(session_id: SessionId, json: JsonFlag = False) -> None:
    """Show one session in full: notes, both people's local times, follow-ups."""
    from ..services.sessions import session_detail

    emit(session_detail(runtime.store(), session_id), json=json)


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
    in_editor: Annotated[
        bool, typer.Option("--edit", help="Open $EDITOR on the whole session, even off a terminal.")
    ] = False,
) -> None:
    """Correct a session: only the options given change; with none, on a terminal, $EDITOR
    opens on the whole session (when, length, channel, ratings, tech issue, notes)."""
    from ..services.sessions import edit_session, started_at

    moment = started_at(when, runtime.now(), runtime.local_zone()) if when else (None, None)
    changes = {"started_at": moment[0], "zone": moment[1], "minutes": minutes}
    changes |= {"channel": channel, "rapport": rapport, "engagement": engagement}
    changes |= {"tech_issue": tech_issue, "notes": notes_from(notes) if notes else notes}
    if in_editor or (runtime.interactive() and all(v is None for v in changes.values())):
        changes = _edited(session_id)
    session = edit_session(runtime.store(), session_id, changes)
    say(f"Updated session #{session.id}.")


def _edited(session_id: int) -> dict[str, Any]:
    """What the user changed in the whole session, in $EDITOR."""
    from ..notes_template import Filled, LogAgenda
    from ..services.sessions import session_detail, started_at
    from .log import filled_in_editor, local_text

    detail = session_detail(runtime.store(), session_id)
    found, pair = detail.session, detail.pair
    offered = local_text((found.started_at, runtime.local_zone()))
    prefill = Filled(
        when=offered,
        minutes=found.minutes,
        channel=found.channel,
        tech_issue=found.tech_issue,
        rapport=found.rapport,
        engagement=found.engagement,
        notes=found.notes,
    )
    agenda = LogAgenda(pair=pair.ref, mentor=pair.mentor, mentee=pair.mentee)
    filled = filled_in_editor(agenda, prefill, session=found.id)
    changes: dict[str, Any] = {"minutes": filled.minutes, "channel": filled.channel or None}
    changes |= {"rapport": filled.rapport, "engagement": filled.engagement}
    changes |= {"tech_issue": filled.tech_issue, "notes": filled.notes}
    if filled.when != offered:
        now, zone = runtime.now(), runtime.local_zone()
        changes["started_at"], changes["zone"] = started_at(filled.when or None, now, zone)
    return changes


@app.command("delete")
def delete(session_id: SessionId, yes: Yes = False) -> None:
    """Delete a session; its actions stay, and the topics it covered are queued again."""
    from ..services.sessions import delete_session, session

    session(runtime.store(), session_id)
    confirm(f"Delete session #{session_id} and its notes?", yes)
    say(f"Deleted session #{delete_session(runtime.store(), session_id).id}.")
