"""A busy calendar for the benchmark: 5,000 events around the schedule's range, as a real
calendar holds them (weekly meetings with exceptions, one-off meetings, all-day events,
some transparent, cancelled or declined), written as one .ics file."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

EVENTS = 5000
FIRST = date(2026, 7, 1)  # half a year before the schedule's range, as a real calendar has
DAYS = 365
EMAIL = "lis@example.org"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def busy_calendar(path: Path, events: int = EVENTS, seed: int = 1) -> Path:
    """Write the calendar to `path` (CRLF lines, times in Europe/Lisbon) and return it."""
    rng = random.Random(seed)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//mentorcli//bench//EN",
        "X-WR-TIMEZONE:Europe/Lisbon",
    ]
    for index in range(events):
        day = FIRST + timedelta(days=rng.randrange(DAYS))
        start = datetime.combine(day, datetime.min.time()) + timedelta(
            minutes=rng.randrange(7 * 60, 19 * 60, 15)
        )
        end = start + timedelta(minutes=rng.choice((15, 30, 30, 45, 60, 90)))
        lines += ["BEGIN:VEVENT", f"UID:bench-{index}@mentorcli", f"DTSTAMP:{_stamp(start)}Z"]
        kind = rng.random()
        if kind < 0.05:
            lines += [
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            ]
        else:
            lines += [
                f"DTSTART;TZID=Europe/Lisbon:{_stamp(start)}",
                f"DTEND;TZID=Europe/Lisbon:{_stamp(end)}",
            ]
        if 0.05 <= kind < 0.15:
            lines.append(f"RRULE:FREQ=WEEKLY;COUNT={rng.randrange(4, 30)}")
            skipped = start + timedelta(weeks=2)
            lines.append(f"EXDATE;TZID=Europe/Lisbon:{_stamp(skipped)}")
        elif 0.15 <= kind < 0.18:
            lines.append("TRANSP:TRANSPARENT")
        elif 0.18 <= kind < 0.20:
            lines.append("STATUS:CANCELLED")
        elif 0.20 <= kind < 0.23:
            lines.append(f"ATTENDEE;PARTSTAT=DECLINED:mailto:{EMAIL}")
        lines += [f"SUMMARY:Meeting {index}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path
