"""`mentor sessions` and `mentor session`: the history of a pair, and one session in full."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..render.output import emit, written
from .common import (
    JsonFlag,
    SomePair,
    Yes,
    confirm,
    local_today,
    pair_named,
    parse_day,
    record_id,
    whole,
)
from .log import (
    Channel,
    Engagement,
    Minutes,
    Notes,
    PrivateNotes,
    Rapport,
    TechIssue,
    When,
    notes_from,
)
from .runtime import runtime

if TYPE_CHECKING:
    from ..services.sessions import TimeSpent

app = typer.Typer(help="One session: show it in full, edit it, or delete it.")

SessionId = Annotated[int, record_id("session")]


def sessions(
    pair_ref: SomePair = None,
    since: Annotated[
        str | None, typer.Option(help="Only sessions on or after this date, e.g. 2026-11-01.")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Only sessions before this date.")] = None,
    limit: Annotated[int, whole(min=1, help="At most this many, newest first.")] = 20,
    week: Annotated[
        bool, typer.Option("--week", help="The time spent with each pair this week.")
    ] = False,
    month: Annotated[
        bool, typer.Option("--month", help="The time spent with each pair this month.")
    ] = False,
    json: JsonFlag = False,
) -> None:
    """List sessions and touchpoints, newest first: one pair's, or every pair's."""
    from ..services.sessions import sessions as listed

    if week or month:
        emit(_time_spent("week" if week else "month", week and month), json=json)
        return
    start, end = _day_start(since), _day_start(until)
    named = pair_ref and pair_named(pair_ref)
    emit(listed(runtime.store(), named, start, end, limit), json=json)


def _day_start(text: str | None) -> str | None:
    """The start of a day the user named, in the machine's zone, as a stored instant."""
    from ..when import local_midnight

    day = parse_day(text, past=True)
    return local_midnight(date.fromisoformat(day), runtime.local_zone()) if day else None


def _time_spent(period: str, both: bool) -> TimeSpent:
    from ..errors import BadInput
    from ..services.sessions import time_spent

    if both:
        raise BadInput("give --week or --month, not both")
    today, first_day = local_today(), runtime.config().week_start
    if period == "week":
        first = today - timedelta(days=(today.weekday() - first_day) % 7)
        last = first + timedelta(days=6)
    else:
        first = today.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return time_spent(runtime.store(), period, first, last, runtime.local_zone())


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
    private_notes: PrivateNotes = None,
    rapport: Rapport = None,
    engagement: Engagement = None,
    tech_issue: TechIssue = None,
    in_editor: Annotated[
        bool, typer.Option("--edit", help="Open $EDITOR on the whole session, even off a terminal.")
    ] = False,
    json: JsonFlag = False,
) -> None:
    """Correct a session: only the options given change; with none, on a terminal, $EDITOR
    opens on the whole session (when, length, channel, ratings, tech issue, notes)."""
    from ..services.sessions import edit_session, started_at

    moment = started_at(when, runtime.now(), runtime.local_zone()) if when else (None, None)
    changes = {"started_at": moment[0], "zone": moment[1], "minutes": minutes}
    changes |= {"channel": channel, "rapport": rapport, "engagement": engagement}
    changes |= {"tech_issue": tech_issue, "notes": notes_from(notes) if notes else notes}
    changes["private_notes"] = notes_from(private_notes) if private_notes else private_notes
    if in_editor or (runtime.interactive() and all(v is None for v in changes.values())):
        changes = _edited(session_id)
    session = edit_session(runtime.store(), session_id, changes)
    written(session, f"Updated session #{session.id}.", json=json)


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
        private_notes=found.private_notes,
    )
    agenda = LogAgenda(pair=pair.ref, mentor=pair.mentor, mentee=pair.mentee)
    filled = filled_in_editor(agenda, prefill, session=found.id)
    changes: dict[str, Any] = {"minutes": filled.minutes, "channel": filled.channel or None}
    changes |= {"rapport": filled.rapport, "engagement": filled.engagement}
    changes |= {"tech_issue": filled.tech_issue, "notes": filled.notes}
    changes["private_notes"] = filled.private_notes
    if filled.when != offered:
        now, zone = runtime.now(), runtime.local_zone()
        changes["started_at"], changes["zone"] = started_at(filled.when or None, now, zone)
    return changes


@app.command("delete")
def delete(session_id: SessionId, yes: Yes = False, json: JsonFlag = False) -> None:
    """Delete a session; its actions stay, and the topics it covered are queued again."""
    from ..services.sessions import delete_session, session

    session(runtime.store(), session_id)
    confirm(f"Delete session #{session_id} and its notes?", yes)
    gone = delete_session(runtime.store(), session_id)
    written(gone, f"Deleted session #{gone.id}.", json=json)
