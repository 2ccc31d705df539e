"""People and pairs as Rich tables and detail views."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from .styled import Styled
from .text import one_line, visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..services.away import TimeOffList
    from ..services.pairs import PairList, PairView
    from ..services.people import PeopleList, PersonView


def _local(now: datetime, zone: str) -> str:
    from ..zones import zone as zone_info

    return now.astimezone(zone_info(zone)).strftime("%a %H:%M")


def people_table(listing: PeopleList) -> RenderableType:
    from .table import Table

    people, now = listing.people, listing.now
    if not people:
        return Styled("No people yet. Add one: mentor person add HANDLE --tz ZONE")
    table = Table()
    for column in ("handle", "name", "zone", "local now", "hours"):
        table.add_column(column)
    for person in people:
        table.add_row(
            Styled(visible(person.handle)),
            Styled(one_line(person.name, 30)),
            Styled(person.timezone),
            Styled(_local(now, person.timezone)),
            Styled(person.hours),
        )
    return table


def person_detail(view: PersonView) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    person, pairs, now = view.person, view.pairs, view.now
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    rows = [
        ("handle", person.handle),
        ("name", person.name),
        ("email", person.email),
        ("zone", f"{person.timezone} (now {_local(now, person.timezone)})"),
        ("hours", person.hours),
        ("sleeps", person.sleep),
        ("skills", ", ".join(person.skills)),
        ("channels", ", ".join(person.channels)),
        ("note", person.note),
        ("holidays", person.holidays),
        ("busy", person.busy),
        ("pairs", ", ".join(f"{p.ref} #{p.id} ({p.status})" for p in pairs)),
    ]
    for label, value in rows:
        if value:
            grid.add_row(label, Text(visible(value)))
    return grid


def pairs_table(listing: PairList) -> RenderableType:
    from .table import Table

    pairs = listing.pairs
    if not pairs:
        return Styled("No pairs yet. Start one: mentor pair add MENTOR MENTEE")
    table = Table()
    for column in ("id", "pair", "status", "cadence", "channel", "since", "focus"):
        table.add_column(column)
    for pair in pairs:
        table.add_row(
            str(pair.id),
            Styled(visible(pair.ref)),
            Styled(pair.status, style="green" if pair.status == "active" else "dim"),
            Styled(pair.cadence),
            Styled(pair.channel),
            Styled(pair.start_date),
            Styled(one_line(pair.focus, 40)),
        )
    return table


def pair_detail(view: PairView) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    pair, mentor, mentee, now = view.pair, view.mentor, view.mentee, view.now
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    rows = [
        ("pair", f"{pair.ref} (#{pair.id})"),
        ("status", pair.status),
        (
            "mentor",
            f"{mentor.handle}: {mentor.timezone}, {mentor.hours}, "
            f"now {_local(now, mentor.timezone)}",
        ),
        (
            "mentee",
            f"{mentee.handle}: {mentee.timezone}, {mentee.hours}, "
            f"now {_local(now, mentee.timezone)}",
        ),
        ("focus", pair.focus),
        ("cadence", pair.cadence),
        ("channel", pair.channel),
        ("started", pair.start_date),
        ("paused", f"since {pair.paused_on}" if pair.paused_on else ""),
        ("ended", (pair.end_date or "") + (f": {pair.end_reason}" if pair.end_reason else "")),
    ]
    for label, value in rows:
        if value:
            grid.add_row(label, Text(visible(value)))
    return grid


def time_off_table(listing: TimeOffList) -> RenderableType:
    from .table import Table

    if not listing.entries:
        return Styled("No time off ahead. Add some: mentor away HANDLE FROM..TO")
    table = Table()
    for column in ("id", "handle", "when", "what", "note"):
        table.add_column(column)
    for entry in listing.entries:
        record = entry.record
        table.add_row(
            str(record.id),
            Styled(visible(entry.handle)),
            Styled(_when(record.starts, record.ends, entry.timezone)),
            Styled(f"works {record.hours}" if record.hours is not None else "away"),
            Styled(one_line(record.note, 40)),
        )
    return table


def _when(starts: str, ends: str, zone: str) -> str:
    """Whole days as dates; instants on the person's clock."""
    if "T" not in starts:
        return starts if starts == ends else f"{starts}..{ends}"
    from ..zones import zone as zone_info

    tz = zone_info(zone)
    a = datetime.fromisoformat(starts).astimezone(tz)
    b = datetime.fromisoformat(ends).astimezone(tz)
    end = f"{b:%H:%M}" if a.date() == b.date() else f"{b:%Y-%m-%d %H:%M}"
    return f"{a:%Y-%m-%d %H:%M}..{end} {a:%Z}"
