"""Planned sessions: the listing, and the line a booking, move or cancellation prints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .record import _cells, _columns, _table
from .styled import Styled
from .text import one_line

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..services.plans import PlanList, PlanView
    from .table import Cell


def plan_line(verb: str, view: PlanView) -> str:
    """`Planned session #3 (rui/ana): Tue 2026-12-01 15:00 Europe/Lisbon, 16:00 Europe/Berlin`."""
    from datetime import datetime

    clocks = []
    for handle, at in view.local.items():
        moment = datetime.fromisoformat(at)
        zone = view.mentor.timezone if handle == view.mentor.handle else view.mentee.timezone
        clocks.append(f"{moment:%a %Y-%m-%d %H:%M} {zone} ({handle})")
    plan = view.plan
    return (
        f"{verb} session #{plan.id} of {view.pair.ref}: {'; '.join(clocks)}, "
        f"{plan.minutes} min by {plan.channel}."
    )


def plans_table(listing: PlanList) -> RenderableType:
    from ..when import from_utc_iso
    from ..zones import zone

    if not listing.plans:
        return Styled("No sessions planned. Book one: mentor plan PAIR --when 'tue 15:00'")
    tz = zone(listing.zone)
    table = _table(*_columns(("id", "starts", "min", "channel", "status", "agenda"), listing.pairs))
    for plan in listing.plans:
        starts = from_utc_iso(plan.starts_at).astimezone(tz)
        cells: list[Cell] = [
            str(plan.id),
            Styled(f"{starts:%a %Y-%m-%d %H:%M}"),
            str(plan.minutes),
            plan.channel,
            plan.status,
            Styled(one_line(plan.agenda_note)),
        ]
        table.add_row(*_cells(cells, plan.pair_id, listing.pairs))
    return table


def plan_view(view: PlanView) -> RenderableType:
    """One planned session: when on both clocks, how long, how, its status and agenda note."""
    shown = Styled(plan_line(f"{view.plan.status.capitalize()}", view))
    if view.plan.agenda_note:
        shown.append(f"\nAgenda: {one_line(view.plan.agenda_note, 100)}")
    return shown
