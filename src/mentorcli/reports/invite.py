"""A planned session as an iTIP message (RFC 5546): an invitation, its update, its cancellation."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..render.text import visible

if TYPE_CHECKING:
    from icalendar import Event

    from ..model.people import Person
    from ..model.plans import PlannedSession
    from ..services.plans import PlanView


def event_uid(plan: PlannedSession) -> str:
    """The planned session's UID in every invitation, update, cancellation and feed."""
    return f"{plan.uid}@mentorcli"


def planned_event(view: PlanView, now: datetime, description: str) -> Event:
    """The VEVENT of a planned session: at its start in the mentor's zone, opaque (it is booked),
    its SEQUENCE the number of changes since the first invitation."""
    from icalendar import Event

    from ..when import from_utc_iso
    from ..zones import zone

    plan, pair = view.plan, view.pair
    start = from_utc_iso(plan.starts_at).astimezone(zone(view.mentor.timezone))
    event = Event()
    event.add("uid", event_uid(plan))
    event.add("dtstamp", now)
    event.add("sequence", plan.sequence)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=plan.minutes))
    event.add("status", "CANCELLED" if plan.status == "cancelled" else "CONFIRMED")
    event.add("transp", "OPAQUE")
    # RFC 5545 allows no control characters in TEXT but tab: user text goes in escaped.
    event.add("summary", visible(f"Mentoring: {pair.mentor} / {pair.mentee}"))
    event.add("description", visible(description))
    event.add("location", plan.channel)
    return event


def invitation_ics(view: PlanView, now: datetime, agenda: list[str]) -> bytes:
    """METHOD:REQUEST for a planned session (a moved one: the same UID, a higher SEQUENCE), or
    METHOD:CANCEL once it is cancelled; from the mentor to the mentee, with the mentor's
    VTIMEZONE and the agenda in DESCRIPTION."""
    from icalendar import Calendar

    from ..when import from_utc_iso

    plan = view.plan
    cancelled = plan.status == "cancelled"
    lines = [plan.agenda_note] if plan.agenda_note else []
    lines += agenda
    event = planned_event(view, now, "\n".join(lines))
    event.add("organizer", _address(view.mentor, organizer=True))
    event.add("attendee", _address(view.mentor, organizer=True, attending=True))
    event.add("attendee", _address(view.mentee))

    calendar = Calendar()
    calendar.add("prodid", "-//mentorcli//mentor invite//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    calendar.add_component(event)
    day = from_utc_iso(plan.starts_at).date()
    year = timedelta(days=366)
    calendar.add_missing_timezones(day - year, day + year)
    result: bytes = calendar.to_ical()
    return result


def _address(person: Person, *, organizer: bool = False, attending: bool = False) -> object:
    """A person as a CAL-ADDRESS: mailto their email, their name as CN."""
    from icalendar import vCalAddress

    address = vCalAddress(f"mailto:{_one_line(person.email)}")
    # A parameter value may not hold a line break or a double quote (RFC 5545, 3.1).
    address.params["CN"] = _one_line(person.name or person.handle).replace('"', "'")
    if attending or not organizer:
        address.params["ROLE"] = "CHAIR" if organizer else "REQ-PARTICIPANT"
        address.params["PARTSTAT"] = "ACCEPTED" if organizer else "NEEDS-ACTION"
    if not organizer:
        address.params["RSVP"] = "TRUE"
    return address


def _one_line(text: str) -> str:
    """User text on one line, control characters shown escaped."""
    return " ".join(visible(text).split())
