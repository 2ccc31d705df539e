"""`mentor plan`: book a pair's next session ahead, list, move and cancel planned sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from ..render.output import emit, written
from ..vocabulary import CHANNELS
from .common import JsonFlag, MaybePair, SomePair, Yes, confirm, pair_named, record_id
from .runtime import runtime
from .vendored_click import Context

if TYPE_CHECKING:
    from ..services.plans import PlanRequest


class PlanGroup(TyperGroup):
    """`mentor plan PAIR --when ...` books a session: a first word that names no subcommand
    (a pair, or an option) is the `add` command's."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        books = args and args[0] not in self.commands and args[0] not in ("-h", "--help")
        return super().parse_args(ctx, ["add", *args] if books else args)


app = typer.Typer(
    cls=PlanGroup,
    help="Planned sessions: 'mentor plan PAIR --when DATETIME' books one; list, move, cancel.",
)

When = Annotated[
    str,
    typer.Option(
        "--when", help="When it starts, e.g. 'tue 15:00', '2026-12-01 09:30' (your local time)."
    ),
]
Minutes = Annotated[
    int | None, typer.Option(min=1, max=1440, help="How long, in minutes (default 60).")
]
Channel = Annotated[str | None, typer.Option(help=f"{', '.join(CHANNELS)} (default: the pair's).")]
AgendaNote = Annotated[
    str | None,
    typer.Option("--agenda-note", help="What it is for; goes into the invitation."),
]
Anyway = Annotated[
    bool,
    typer.Option("--anyway", help="Plan it even outside someone's working hours."),
]


def _request(when: str, **given: Any) -> PlanRequest:
    from ..services.plans import PlanRequest

    return PlanRequest(when=when, zone=runtime.local_zone(), **given)


@app.command("add")
def add(
    when: When,
    pair_ref: MaybePair = None,
    minutes: Minutes = None,
    channel: Channel = None,
    agenda_note: AgendaNote = None,
    anyway: Anyway = False,
    json: JsonFlag = False,
) -> None:
    """Book a pair's next session (same as 'mentor plan PAIR --when ...')."""
    from ..render.plans import plan_line
    from ..services.plans import add_plan

    request = _request(
        when, minutes=minutes, channel=channel, agenda_note=agenda_note, anyway=anyway
    )
    view = add_plan(runtime.store(), pair_named(pair_ref), request, runtime.now())
    written(view, plan_line("Planned", view), json=json)


@app.command("list")
def list_(
    pair_ref: SomePair = None,
    every: Annotated[
        bool, typer.Option("--all", help="Also show the ones done or cancelled.")
    ] = False,
    json: JsonFlag = False,
) -> None:
    """List planned sessions, soonest first: one pair's, or every pair's."""
    from ..services.plans import plans

    listed = plans(
        runtime.store(), pair_ref and pair_named(pair_ref), runtime.local_zone(), every=every
    )
    emit(listed, json=json)


@app.command("move")
def move(
    plan_id: Annotated[int, record_id("planned session")],
    when: When,
    minutes: Minutes = None,
    channel: Channel = None,
    agenda_note: AgendaNote = None,
    anyway: Anyway = False,
    json: JsonFlag = False,
) -> None:
    """Move a planned session to a new time; its invitation becomes an update."""
    from ..render.plans import plan_line
    from ..services.plans import move_plan

    request = _request(
        when, minutes=minutes, channel=channel, agenda_note=agenda_note, anyway=anyway
    )
    view = move_plan(runtime.store(), plan_id, request, runtime.now())
    written(view, plan_line("Moved", view), json=json)


@app.command("cancel")
def cancel(
    plan_id: Annotated[int, record_id("planned session")], yes: Yes = False, json: JsonFlag = False
) -> None:
    """Cancel a planned session; 'mentor invite ID' then writes the cancellation."""
    from ..render.plans import plan_line
    from ..services.plans import cancel_plan

    confirm(f"Cancel planned session #{plan_id}?", yes)
    view = cancel_plan(runtime.store(), plan_id)
    written(view, plan_line("Cancelled", view), json=json)
