"""Busy times from iCalendar files: one .ics file, or a folder of them (a vdir, as
vdirsyncer and khal keep them), expanded with recurring-ical-events.

icalendar and recurring-ical-events cost tens of milliseconds to import: only the commands
that look at someone's busy calendar import this module.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..errors import BadInput, FileProblem
from ..overlap import MINUTE, first_instant, to_micros, wall_midnight
from ..zones import zone as zone_info

# Bumped when what is cached changes meaning, so an old cache is read again.
CACHE_FORMAT = "1"


@dataclass(frozen=True)
class Busy:
    """One busy time in UTC microseconds, with the event's summary."""

    start: int
    end: int
    summary: str


def calendar_files(path: Path) -> list[Path]:
    """The .ics files `path` names: itself, or every one in the folder and its collections
    (hidden files and folders, such as a sync tool's state, left out)."""
    if path.is_dir():
        return sorted(
            found
            for found in path.rglob("*.ics")
            if found.is_file()
            and not any(part.startswith(".") for part in found.relative_to(path).parts)
        )
    if not path.exists():
        raise FileProblem(f"calendar {path} does not exist: give an .ics file or a folder of them")
    return [path]


def busy_times(
    path: Path, zone: str, email: str, first: date, last: date, buffer_minutes: int = 0
) -> list[Busy]:
    """What blocks someone in `zone` from `first` to `last` (inclusive days), each time
    widened by `buffer_minutes` on both sides.

    Transparent and cancelled events, and those `email` declined, do not block. All-day
    events block whole days on the person's clock; floating times are read on it too.
    """
    files = calendar_files(path)
    email = email.strip().lower()
    # Whole years are expanded and kept, so the next run over other days of them reads the
    # cache instead of parsing the calendar again (a 5,000-event file takes seconds).
    years = (date(first.year, 1, 1), date(last.year, 12, 31))
    source = _cache_file(path, zone, email)
    stamp = _stamp_of(files, years)
    found = _cached(source, stamp)
    if found is None:
        found = [b for file in files for b in _file_busy(file, zone, email, *years)]
        _keep(source, stamp, found)
    buffer = buffer_minutes * MINUTE
    return [Busy(b.start - buffer, b.end + buffer, b.summary) for b in found]


def cache_folder() -> Path:
    """MENTOR_CACHE, else the platform's cache folder: ~/.cache/mentor/calendars."""
    env = os.environ
    if env.get("MENTOR_CACHE"):
        return Path(env["MENTOR_CACHE"]).expanduser()
    home = Path(env.get("HOME") or Path.home())
    if sys.platform == "win32":
        base = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Caches"
    else:
        xdg = env.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else home / ".cache"
    return base / "mentor" / "calendars"


def _cache_file(path: Path, zone: str, email: str) -> Path:
    name = hashlib.sha256(f"{path.absolute()}\0{zone}\0{email}".encode()).hexdigest()[:32]
    return cache_folder() / f"{name}.json"


def _stamp_of(files: list[Path], years: tuple[date, date]) -> str:
    """What the cached times were read from: every file's size and change time, the years."""
    parts = [CACHE_FORMAT, years[0].isoformat(), years[1].isoformat()]
    for file in files:
        try:
            found = file.stat()
        except OSError:
            continue  # reading it says what is wrong
        parts.append(f"{file}:{found.st_size}:{found.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _cached(source: Path, stamp: str) -> list[Busy] | None:
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
        if data.get("stamp") != stamp:
            return None
        return [Busy(int(a), int(b), str(summary)) for a, b, summary in data["busy"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # no cache, or one we cannot use: read the calendar


def _keep(source: Path, stamp: str, found: list[Busy]) -> None:
    """Keep the times for the next run, owner-only (event titles are private); a cache that
    cannot be written is only a slower next run."""
    from ..files import private_temporary

    data = {"stamp": stamp, "busy": [[b.start, b.end, b.summary] for b in found]}
    try:
        source.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = private_temporary(source.parent, source.name)
        try:
            temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, source)
        finally:
            temporary.unlink(missing_ok=True)
    except OSError:
        pass


def _file_busy(file: Path, zone: str, email: str, first: date, last: date) -> list[Busy]:
    import icalendar
    import recurring_ical_events
    import x_wr_timezone

    try:
        data = file.read_bytes()
    except OSError as error:
        raise FileProblem(f"cannot read calendar {file}: {error.strerror or error}") from None
    try:
        # A file may hold several VCALENDARs; a vdir item holds one.
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
        busy = []
        for calendar in calendars:
            standard = x_wr_timezone.to_standard(calendar)
            events = recurring_ical_events.of(standard).between(
                first - timedelta(days=1), min(last, date.max - timedelta(days=2)) + timedelta(2)
            )
            busy += [b for event in events for b in _blocks(event, zone, email)]
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise BadInput(
            f"calendar {file} cannot be read as iCalendar ({error}); fix or remove it"
        ) from None
    return busy


def _blocks(event: Any, zone: str, email: str) -> Iterator[Busy]:
    if event.name != "VEVENT":
        return
    if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
        return
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return
    if email and _declined(event, email):
        return
    start = event.get("DTSTART")
    if start is None:
        return
    begins = start.dt
    ends = event["DTEND"].dt if "DTEND" in event else None
    if ends is None and "DURATION" in event:
        ends = begins + event["DURATION"].dt
    summary = str(event.get("SUMMARY", ""))
    if not isinstance(begins, datetime):
        last = ends if isinstance(ends, date) and not isinstance(ends, datetime) else None
        last = last if last is not None and last > begins else begins + timedelta(days=1)
        yield Busy(
            first_instant(zone, wall_midnight(begins)),
            first_instant(zone, wall_midnight(last)),
            summary,
        )
        return
    if ends is None or not isinstance(ends, datetime):
        return  # an event with a start and no length takes no time (RFC 5545)
    a, b = _instant(begins, zone), _instant(ends, zone)
    if a < b:
        yield Busy(a, b, summary)


def _instant(moment: datetime, zone: str) -> int:
    """An event time as microseconds: a floating one on the person's clock."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone_info(zone))
    return to_micros(moment)


def _declined(event: Any, email: str) -> bool:
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    for attendee in attendees:
        address = str(attendee).lower().removeprefix("mailto:")
        if address == email:
            return str(attendee.params.get("PARTSTAT", "")).upper() == "DECLINED"
    return False
