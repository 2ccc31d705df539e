"""`mentor pair`: mentorships, their cadence and their status."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.output import print_json, say
from ..vocabulary import CHANNELS
from .common import JsonFlag, PairRef, check_channel, complete_handle, local_today, parse_day
from .runtime import runtime

app = typer.Typer(help="Pairs (mentorships): start, list, show, pause, resume, end.")


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
        str, typer.Option(help="weekly, every N weeks, monthly, every N months, or an RRULE.")
    ] = "weekly",
    channel: Annotated[
        str, typer.Option(help=f"Default channel: {', '.join(CHANNELS)}.")
    ] = "video",
    start: Annotated[str | None, typer.Option(help="Start date (default today).")] = None,
    proposed: Annotated[
        bool, typer.Option("--proposed", help="Record it as proposed, not yet active.")
    ] = False,
) -> None:
    """Start a mentorship between MENTOR and MENTEE."""
    from ..cadence import parse_cadence
    from ..store.pairs import PairFields

    fields = PairFields(
        focus=focus,
        cadence=parse_cadence(cadence).text,
        channel=check_channel(channel),
        start_date=parse_day(start) if start else local_today().isoformat(),
        status="proposed" if proposed else "active",
    )
    pair = runtime.store().add_pair(mentor, mentee, fields)
    say(f"Started pair #{pair.id} {pair.ref} ({pair.cadence}, {pair.channel}).")


@app.command("list")
def list_(
    status: Annotated[
        list[str] | None, typer.Option(help="Only pairs with this status (repeatable).")
    ] = None,
    json: JsonFlag = False,
) -> None:
    """List pairs with their status and cadence."""
    from dataclasses import asdict

    pairs = runtime.store().pairs(tuple(status or ()))
    if json:
        print_json([asdict(p) for p in pairs])
        return
    from ..render.output import show
    from ..render.people import pairs_table

    show(pairs_table(pairs))


@app.command("show")
def show_(pair_ref: PairRef, json: JsonFlag = False) -> None:
    """Show a pair and both people's local time."""
    from dataclasses import asdict

    store = runtime.store()
    pair = store.resolve_pair(pair_ref)
    mentor, mentee = store.person(pair.mentor), store.person(pair.mentee)
    if json:
        print_json({**asdict(pair), "people": {"mentor": asdict(mentor), "mentee": asdict(mentee)}})
        return
    from ..render.output import show
    from ..render.people import pair_detail

    show(pair_detail(pair, mentor, mentee, runtime.now()))


def _change(pair_ref: str, verb: str, done: str) -> None:
    pair = runtime.store().change_status(pair_ref, verb, local_today().isoformat())
    say(f"{done} {pair.ref} (#{pair.id}): now {pair.status}.")


@app.command("pause")
def pause(pair_ref: PairRef) -> None:
    """Pause a pair (no cadence expected until resumed)."""
    _change(pair_ref, "pause", "Paused")


@app.command("resume")
def resume(pair_ref: PairRef) -> None:
    """Resume a paused (or proposed) pair."""
    _change(pair_ref, "resume", "Resumed")


@app.command("end")
def end(
    pair_ref: PairRef,
    completed: Annotated[
        bool, typer.Option("--completed", help="Mark it completed (goals met) rather than ended.")
    ] = False,
) -> None:
    """End a pair; its record stays."""
    _change(pair_ref, "complete" if completed else "end", "Ended")
