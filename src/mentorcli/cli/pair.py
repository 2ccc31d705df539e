"""`mentor pair`: mentorships, their cadence and their status."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.output import emit, written
from ..vocabulary import CHANNELS
from .common import (
    JsonFlag,
    MaybePair,
    PairRef,
    Yes,
    complete_cadence,
    complete_channel,
    complete_handle,
    complete_pair_status,
    confirm,
    local_today,
    on_day,
    pair_named,
    parse_day,
)
from .runtime import runtime

app = typer.Typer(help="Pairs (mentorships): start, list, show, edit, pause, resume, end.")


@app.command("add")
def add(
    mentor: Annotated[
        str, typer.Argument(help="The mentor's handle.", autocompletion=complete_handle)
    ],
    mentee: Annotated[
        str, typer.Argument(help="The mentee's handle.", autocompletion=complete_handle)
    ],
    focus: Annotated[str, typer.Option(help="What the mentorship is about.")] = "",
    cadence: Annotated[
        str,
        typer.Option(
            help="weekly, every N weeks, monthly, every N months, or an RRULE.",
            autocompletion=complete_cadence,
        ),
    ] = "weekly",
    channel: Annotated[
        str,
        typer.Option(
            help=f"Default channel: {', '.join(CHANNELS)}.", autocompletion=complete_channel
        ),
    ] = "video",
    start: Annotated[str | None, typer.Option(help="Start date (default today).")] = None,
    proposed: Annotated[
        bool, typer.Option("--proposed", help="Record it as proposed, not yet active.")
    ] = False,
    json: JsonFlag = False,
) -> None:
    """Start a mentorship between MENTOR and MENTEE."""
    from ..cadence import parse_cadence
    from ..services import checks
    from ..services.pairs import PairFields, add_pair

    fields = PairFields(
        focus=focus,
        cadence=parse_cadence(cadence).text,
        channel=checks.channel(channel),
        start_date=parse_day(start) or local_today().isoformat(),
        status="proposed" if proposed else "active",
    )
    pair = add_pair(runtime.store(), mentor, mentee, fields)
    written(
        pair, f"Started pair #{pair.id} {pair.ref} ({pair.cadence}, {pair.channel}).", json=json
    )


@app.command("list")
def list_(
    status: Annotated[
        list[str] | None,
        typer.Option(
            help="Only pairs with this status (repeatable).", autocompletion=complete_pair_status
        ),
    ] = None,
    json: JsonFlag = False,
) -> None:
    """List pairs with their status and cadence."""
    from ..services.pairs import pairs

    emit(pairs(runtime.store(), tuple(status or ())), json=json)


@app.command("show")
def show_(pair_ref: MaybePair = None, json: JsonFlag = False) -> None:
    """Show a pair and both people's local time."""
    from ..services.pairs import show_pair

    emit(show_pair(runtime.store(), pair_named(pair_ref), runtime.now()), json=json)


def _change(
    pair_ref: str,
    verb: str,
    done: str,
    on: str | None = None,
    why: str = "",
    json: bool = False,
) -> None:
    from ..services.pairs import change_status

    day = on or local_today().isoformat()
    pair = change_status(runtime.store(), pair_named(pair_ref), verb, day, why)
    written(pair, f"{done} {pair.ref} (#{pair.id}): now {pair.status}.", json=json)


@app.command("edit")
def edit(
    pair_ref: PairRef,
    cadence: Annotated[
        str | None,
        typer.Option(help="A new cadence, e.g. every 2 weeks.", autocompletion=complete_cadence),
    ] = None,
    channel: Annotated[
        str | None,
        typer.Option(help=f"{', '.join(CHANNELS)}.", autocompletion=complete_channel),
    ] = None,
    focus: Annotated[str | None, typer.Option(help="What the mentorship is about.")] = None,
    start: Annotated[str | None, typer.Option(help="When it started.")] = None,
    json: JsonFlag = False,
) -> None:
    """Change a pair's cadence, channel, focus or start date; only the options given change."""
    from ..cadence import parse_cadence
    from ..services import checks
    from ..services.pairs import edit_pair

    changes = {"cadence": parse_cadence(cadence).text if cadence else None, "focus": focus}
    changes |= {"channel": checks.channel(channel), "start_date": parse_day(start, past=True)}
    pair = edit_pair(runtime.store(), pair_named(pair_ref), changes)
    written(pair, f"Updated {pair.ref} (#{pair.id}).", json=json)


@app.command("pause")
def pause(pair_ref: PairRef, json: JsonFlag = False) -> None:
    """Pause a pair (no cadence expected until resumed)."""
    _change(pair_ref, "pause", "Paused", json=json)


@app.command("resume")
def resume(pair_ref: PairRef, json: JsonFlag = False) -> None:
    """Resume a paused (or proposed) pair."""
    _change(pair_ref, "resume", "Resumed", json=json)


@app.command("end")
def end(
    pair_ref: PairRef,
    completed: Annotated[
        bool, typer.Option("--completed", help="Mark it completed (goals met) rather than ended.")
    ] = False,
    reason: Annotated[str, typer.Option(help="Why it ended, for the record.")] = "",
    on: Annotated[str | None, typer.Option(help="When it ended (default today).")] = None,
    yes: Yes = False,
    json: JsonFlag = False,
) -> None:
    """End a pair; its record stays, and 'pair reopen' undoes it."""
    confirm(f"End {pair_ref}?", yes, required=True)
    verb = "complete" if completed else "end"
    _change(pair_ref, verb, "Ended", on_day(on), reason, json)


@app.command("reopen")
def reopen(pair_ref: PairRef, json: JsonFlag = False) -> None:
    """Undo an end: the pair is active again."""
    _change(pair_ref, "reopen", "Reopened", json=json)
