"""`mentor person`: the people in mentorships, their zones and working hours."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..render.output import emit, written
from .common import JsonFlag, Yes, complete_handle, complete_zone, confirm, split_list
from .runtime import runtime

if TYPE_CHECKING:
    from ..services.people import PersonFields

app = typer.Typer(help="People: their time zone, working hours, skills and preferences.")

Handle = Annotated[
    str, typer.Argument(help="The person's handle, e.g. ana.", autocompletion=complete_handle)
]
Zone = Annotated[
    str | None,
    typer.Option("--tz", help="IANA time zone, e.g. Europe/Lisbon.", autocompletion=complete_zone),
]
Name = Annotated[str | None, typer.Option(help="Full name.")]
HoursOpt = Annotated[
    str | None,
    typer.Option("--hours", help="Working hours in their zone, e.g. 'mon-thu 08:00-16:00'."),
]
Sleep = Annotated[
    str | None,
    typer.Option(
        "--sleep",
        metavar="HH:MM-HH:MM",
        help="When they sleep in their zone, every day (default 22:00-07:00); a stretch "
        "into it costs them more.",
    ),
]
Email = Annotated[str | None, typer.Option(help="Email address.")]
Skills = Annotated[str | None, typer.Option(help="Comma-separated skills, e.g. python,career.")]
Channels = Annotated[
    str | None, typer.Option(help="Comma-separated preferred channels, e.g. video,chat.")
]
Note = Annotated[
    str | None, typer.Option(help="Accommodations and preferences, e.g. 'captions on'.")
]
Holidays = Annotated[
    str | None,
    typer.Option(
        metavar="CC[-SUBDIV]",
        help="Public holidays that are their days off, e.g. BR, IN-KA, US-CA ('' for none).",
    ),
]
BusyPath = Annotated[
    str | None,
    typer.Option(
        "--busy",
        metavar="PATH",
        help="Their busy calendar: an .ics file or a folder of them ('' for none).",
    ),
]


def _fields(
    name: str | None,
    tz: str | None,
    hours: str | None,
    email: str | None,
    skills: str | None,
    channels: str | None,
    note: str | None,
    holidays: str | None = None,
    busy: str | None = None,
    sleep: str | None = None,
) -> PersonFields:
    from ..hours import format_hours, parse_hours, parse_sleep
    from ..services.people import PersonFields, busy_source, holiday_code
    from ..zones import resolve_zone

    return PersonFields(
        name=name,
        email=email,
        timezone=resolve_zone(tz) if tz is not None else None,
        hours=format_hours(parse_hours(hours)) if hours is not None else None,
        sleep=parse_sleep(sleep) if sleep is not None else None,
        skills=split_list(skills),
        channels=split_list(channels),
        note=note,
        holidays=holiday_code(holidays),
        busy=busy_source(busy),
    )


@app.command("add")
def add(
    handle: Annotated[str, typer.Argument(help="A short unique handle, e.g. ana.")],
    tz: Annotated[
        str,
        typer.Option(
            "--tz", help="IANA time zone, e.g. Europe/Lisbon.", autocompletion=complete_zone
        ),
    ],
    name: Name = None,
    hours: Annotated[
        str, typer.Option(help="Working hours in their zone, e.g. 'mon-thu 08:00-16:00'.")
    ] = "09:00-17:00",
    sleep: Sleep = None,
    email: Email = None,
    skills: Skills = None,
    channels: Channels = None,
    note: Note = None,
    holidays: Holidays = None,
    json: JsonFlag = False,
) -> None:
    """Add a person with their time zone and working hours."""
    from ..services import checks, people

    fields = _fields(
        name or "", tz, hours, email or "", skills, channels, note or "", holidays, None, sleep
    )
    person = people.add_person(runtime.store(), checks.handle(handle), fields)
    written(person, f"Added {person.handle} ({person.timezone}, {person.hours}).", json=json)


@app.command("list")
def list_(json: JsonFlag = False) -> None:
    """List everyone, with their local time now."""
    from ..services.people import people

    emit(people(runtime.store(), runtime.now()), json=json)


@app.command("show")
def show_(handle: Handle, json: JsonFlag = False) -> None:
    """Show one person and the pairs they are in."""
    from ..services.people import show_person

    emit(show_person(runtime.store(), handle, runtime.now()), json=json)


@app.command("edit")
def edit(
    handle: Handle,
    new_handle: Annotated[str | None, typer.Option("--handle", help="A new handle.")] = None,
    tz: Zone = None,
    name: Name = None,
    hours: HoursOpt = None,
    sleep: Sleep = None,
    email: Email = None,
    skills: Skills = None,
    channels: Channels = None,
    note: Note = None,
    holidays: Holidays = None,
    busy: BusyPath = None,
    json: JsonFlag = False,
) -> None:
    """Change a person's details; only the options given change."""
    from ..services import checks, people

    fields = _fields(name, tz, hours, email, skills, channels, note, holidays, busy, sleep)
    renamed = checks.handle(new_handle) if new_handle else None
    person = people.edit_person(runtime.store(), handle, fields, renamed)
    written(person, f"Updated {person.handle}.", json=json)


@app.command("remove")
def remove(
    handle: Handle,
    force: Annotated[
        bool, typer.Option("--force", help="Also remove their pairs and everything in them.")
    ] = False,
    yes: Yes = False,
    json: JsonFlag = False,
) -> None:
    """Remove a person; with --force, their pairs and records go too."""
    from ..services.people import remove_person

    confirm(f"Remove {handle}{' and all their pairs' if force else ''}?", yes)
    removal = remove_person(runtime.store(), handle, force=force)
    gone = ""
    if removal.pairs:
        gone = f" with {len(removal.pairs)} pair(s) and {removal.sessions} session(s)"
    written(removal, f"Removed {removal.person.handle}{gone}.", json=json)
