"""Upcoming sessions as iCalendar: one recurring event with an RRULE and a real time zone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from ..cadence import parse_cadence
from ..overlap import to_micros
from ..render.text import visible
from ..when import from_utc_iso as instant
from .due import usual_start

if TYPE_CHECKING:
    from ..overlap import Interval
    from ..services.plans import PlanView
    from ..store.reports import PairRecords

# Without a timed session on record, an event lasts an hour.
DEFAULT_MINUTES = 60


def upcoming(
    records: PairRecords, not_before: datetime, count: int
) -> tuple[datetime, list[datetime]]:
    """The session the series runs through, and the next `count` at or after `not_before`,
    as wall times in the mentor's zone.

    The series runs through the last session (at its time of day and day of the month), or
    from the pair's start when there is none, so a session in a clock gap or at a short
    month's end does not shift the ones after it.
    """
    pair, last = records.pair, records.last_session
    cadence = parse_cadence(pair.cadence)
    start = usual_start(pair, records.mentor.timezone, last)
    if last is None or "=" in cadence.text:  # an RRULE is anchored at the pair's start
        return start, cadence.series_from(start, not_before, count)
    anchor = instant(last.started_at).astimezone(start.tzinfo)
    later = max(not_before, anchor + timedelta(seconds=1))
    return anchor, cadence.series_from(anchor, later, count)


def calendar_ics(
    records: PairRecords,
    count: int,
    from_day: date | None,
    now: datetime,
    booked: tuple[PlanView, ...] = (),
    off: Callable[[date, date], Sequence[Interval]] | None = None,
) -> bytes:
    """`count` sessions from `from_day` (midnight in the mentor's zone), else from now, as
    iCalendar text (CRLF lines, folded and escaped by the icalendar library). The cadence's
    projection is transparent (it must not make a subscriber look busy); each booked session
    is an opaque event of its own, with its invitation's UID. A session while the mentor or
    mentee is away or on a holiday (`off` says when, between two days) is left out with an
    EXDATE."""
    from icalendar import Calendar, Event, vRecur

    from ..zones import zone
    from .invite import planned_event

    pair, last = records.pair, records.last_session
    tz = zone(records.mentor.timezone)
    not_before = datetime.combine(from_day, time(0), tzinfo=tz) if from_day else now
    anchor, sessions = upcoming(records, not_before, count)
    first, final = sessions[0], sessions[-1]
    minutes = last.minutes if last is not None and last.minutes else DEFAULT_MINUTES
    cadence = parse_cadence(pair.cadence)
    rule = vRecur.from_ical(cadence.rrule_text(anchor))
    rule["COUNT"] = count

    event = Event()
    event.add("uid", f"{pair.uid}@mentorcli")
    event.add("dtstamp", now)
    event.add("dtstart", first)
    event.add("duration", timedelta(minutes=minutes))
    event.add("rrule", rule)
    away = off(first.date(), final.date()) if off is not None else ()
    skipped = [s for s in sessions if any(a <= to_micros(s) < b for a, b in away)]
    if skipped:
        event.add("exdate", skipped)
    # RFC 5545 allows no control characters in TEXT but tab: user text goes in escaped.
    event.add("summary", visible(f"Mentoring: {pair.mentor} / {pair.mentee}"))
    event.add("description", visible(_description(records, first)))
    event.add("location", visible(pair.channel))
    event.add("transp", "TRANSPARENT")

    calendar = Calendar()
    calendar.add("prodid", "-//mentorcli//mentor calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Mentoring {pair.mentor}/{pair.mentee}")
    calendar.add_component(event)
    for view in booked:
        note = view.plan.agenda_note
        calendar.add_component(
            planned_event(view, now, note or f"Agenda: mentor agenda {pair.ref}")
        )
    # Time-zone rules from a year before the first session to a year after the last.
    year = timedelta(days=366)
    calendar.add_missing_timezones(first.date() - year, final.date() + year)
    result: bytes = calendar.to_ical()
    return result


def _description(records: PairRecords, first: datetime) -> str:
    from ..zones import zone

    pair = records.pair
    lines = [f"Focus: {pair.focus}"] if pair.focus else []
    lines.append(f"Cadence: {pair.cadence}, by {pair.channel}.")
    for role, person in (("mentor", records.mentor), ("mentee", records.mentee)):
        local = first.astimezone(zone(person.timezone)).strftime("%H:%M")
        lines.append(f"{person.handle} ({role}): {local} {person.timezone} at the first one")
    lines.append(f"Agenda: mentor agenda {pair.ref}")
    return "\n".join(lines)
