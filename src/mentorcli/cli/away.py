"""`mentor away` and `mentor hours`: time off, and one day's other hours."""

from __future__ import annotations

from typing import Annotated

import typer
from typer.core import TyperGroup

from ..render.output import emit, written
from .common import JsonFlag, complete_handle, me, record_id
from .runtime import runtime
from .vendored_click import Context


class AwayGroup(TyperGroup):
    """`mentor away HANDLE FROM..TO` is `mentor away add HANDLE FROM..TO`: a first word that
    names no command is a handle."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["add", *args]
        result: list[str] = super().parse_args(ctx, args)
        return result


app = typer.Typer(
    cls=AwayGroup,
    no_args_is_help=True,
    help="Time off: mentor away HANDLE FROM..TO [--note], away list, away remove ID.",
)

Handle = Annotated[
    str, typer.Argument(help="The person's handle, or me.", autocompletion=complete_handle)
]
Note = Annotated[str, typer.Option(help="What it is, e.g. 'parental leave'.")]


@app.command("add")
def add(
    handle: Handle,
    span: Annotated[
        str,
        typer.Argument(
            metavar="FROM..TO",
            help="Whole days in their zone (2026-12-24..2027-01-02, or one day), or dates "
            "with times (2026-12-07 13:00..2026-12-07 17:00, in your zone).",
        ),
    ],
    note: Note = "",
    json: JsonFlag = False,
) -> None:
    """Mark someone away: whole days in their zone, or a date-and-time range."""
    from ..services.away import add_away, away_range

    stretch = away_range(span, runtime.now(), runtime.local_zone())
    entry = add_away(runtime.store(), me(handle), stretch, note)
    shown = "..".join(dict.fromkeys([entry.record.starts, entry.record.ends]))
    written(entry.record, f"{entry.handle} is away {shown} (#{entry.record.id}).", json=json)


@app.command("list")
def list_(
    handle: Annotated[
        str | None, typer.Argument(help="Only this person's.", autocompletion=complete_handle)
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Also show time off that is over.")] = False,
    json: JsonFlag = False,
) -> None:
    """List time off and one-day hours, earliest first (from today on, unless --all)."""
    from ..services.away import time_off
    from .common import local_today

    since = None if every else local_today()
    emit(time_off(runtime.store(), handle and me(handle), since), json=json)


@app.command("remove")
def remove(entry_id: Annotated[int, record_id("time off")], json: JsonFlag = False) -> None:
    """Remove a time off or a day's hours by its id."""
    from ..services.away import remove_away

    entry = remove_away(runtime.store(), entry_id)
    written(entry.record, f"Removed #{entry_id} of {entry.handle}.", json=json)


def hours(
    handle: Handle,
    spans: Annotated[
        str,
        typer.Argument(metavar="HOURS", help="That day's hours in their zone, e.g. 10:00-14:00."),
    ],
    on: Annotated[str, typer.Option("--on", metavar="DATE", help="The day, e.g. fri.")],
    note: Note = "",
    json: JsonFlag = False,
) -> None:
    """Work other hours on one day: a shorter Friday, a Saturday session."""
    from ..services.away import set_day_hours
    from ..when import parse_date
    from .common import local_today

    entry = set_day_hours(runtime.store(), me(handle), parse_date(on, local_today()), spans, note)
    record = entry.record
    written(record, f"{entry.handle} works {record.hours} on {record.starts}.", json=json)
