"""`mentor calendar PAIR`: upcoming sessions as iCalendar, read back with the icalendar library."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from seed_helpers import at, ok

from conftest import Run, file_mode


def read(text: str) -> tuple[Calendar, object]:
    calendar = Calendar.from_ical(text)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 1
    return calendar, events[0]


def instants(event: object) -> list[datetime]:
    start = event["DTSTART"].dt  # type: ignore[index]
    rule = event["RRULE"].to_ical().decode()  # type: ignore[index]
    return [moment.astimezone(UTC) for moment in rrulestr(f"RRULE:{rule}", dtstart=start)]


def test_weekly_across_the_us_dst_change_keeps_the_wall_time(people: Run, tmp_path: Path) -> None:
    run = people
    ok(run, "pair", "add", "ana", "rui", "--start", "2026-03-01", "--focus", "public speaking")
    target = tmp_path / "ana.ics"
    outcome = run("calendar", "ana/rui", "--from", "2026-03-01", "--count", "3", "-o", str(target))
    assert outcome.code == 0, outcome.err
    assert file_mode(target) == 0o600
    raw = target.read_bytes()
    assert b"DTSTART;TZID=America/New_York:20260301T090000\r\n" in raw
    calendar, event = read(raw.decode())
    assert set(event["RRULE"].to_ical().decode().split(";")) == {"FREQ=WEEKLY", "COUNT=3"}
    assert instants(event) == [
        datetime(2026, 3, 1, 14, 0, tzinfo=UTC),
        datetime(2026, 3, 8, 13, 0, tzinfo=UTC),
        datetime(2026, 3, 15, 13, 0, tzinfo=UTC),
    ]
    # The VTIMEZONE itself carries the change: -05:00 before, -04:00 after.
    zones = {z["TZID"]: z for z in calendar.walk("VTIMEZONE")}
    assert set(zones) == {"America/New_York"}
    tz = zones["America/New_York"].to_tz()
    assert datetime(2026, 3, 1, 9, tzinfo=tz).utcoffset() == timedelta(hours=-5)
    assert datetime(2026, 3, 8, 9, tzinfo=tz).utcoffset() == timedelta(hours=-4)
    assert str(event["SUMMARY"]) == "Mentoring: ana / rui"
    assert event["DURATION"].dt == timedelta(minutes=60)


def test_text_is_escaped_and_stays_one_property(people: Run) -> None:
    run = people
    focus = "a; b, c\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected"
    ok(run, "pair", "add", "ben", "ana", "--focus", focus)
    outcome = run("calendar", "ben/ana", "--count", "2")
    assert outcome.code == 0, outcome.err
    lines = outcome.out.splitlines()
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
    assert sum(1 for line in lines if line.startswith("SUMMARY")) == 1
    assert all(len(line.encode()) <= 75 for line in lines)
    _, event = read(outcome.out)
    assert f"Focus: {focus}\n" in str(event["DESCRIPTION"])
    assert str(event["SUMMARY"]) == "Mentoring: ben / ana"


def test_from_the_last_session_at_its_wall_time(people: Run) -> None:
    run = people
    ok(run, "log", "rui/ana", "--when", at(3, hour=10), "--minutes", "40", "--notes", "x")
    _, event = read(ok(run, "calendar", "rui/ana"))
    start = event["DTSTART"].dt  # type: ignore[index]
    assert start.tzinfo.key == "Europe/Lisbon"
    last = datetime.fromisoformat(
        json.loads(ok(run, "sessions", "rui/ana", "--json"))[0]["started_at"]
    )
    assert start.astimezone(UTC) == last + timedelta(days=7)
    assert event["DURATION"].dt == timedelta(minutes=40)
    assert "COUNT=10" in event["RRULE"].to_ical().decode()


def test_an_overdue_pair_starts_at_the_next_slot(people: Run) -> None:
    run = people
    ok(run, "log", "rui/ben", "--when", at(40, hour=8), "--channel", "chat", "--notes", "x")
    _, event = read(ok(run, "calendar", "rui/ben", "--count", "4"))
    start = event["DTSTART"].dt.astimezone(UTC)  # type: ignore[index]
    now = datetime.now(UTC)
    assert now <= start <= now + timedelta(days=14)
    parts = set(event["RRULE"].to_ical().decode().split(";"))
    assert parts == {"FREQ=WEEKLY", "INTERVAL=2", "COUNT=4"}
    # Still on the fortnightly rhythm of the last session.
    assert (start.date() - (now - timedelta(days=40)).date()).days % 14 == 0


def test_an_rrule_cadence_and_a_month_end(people: Run) -> None:
    run = people
    ok(
        run,
        "pair",
        "add",
        "ben",
        "ana",
        "--cadence",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        "--start",
        "2027-01-04",
    )
    _, event = read(ok(run, "calendar", "ben/ana", "--from", "2027-01-01", "--count", "3"))
    assert [m.date().isoformat() for m in instants(event)] == [
        "2027-01-05",
        "2027-01-19",
        "2027-02-02",
    ]
    ok(run, "pair", "add", "ana", "ben", "--cadence", "monthly", "--start", "2027-01-31")
    _, event = read(ok(run, "calendar", "ana/ben", "--from", "2027-01-01", "--count", "3"))
    assert [
        m.astimezone(ZoneInfo("America/New_York")).date().isoformat() for m in instants(event)
    ] == ["2027-01-31", "2027-02-28", "2027-03-31"]


def test_calendar_files_and_errors(people: Run, tmp_path: Path) -> None:
    run = people
    target = tmp_path / "rui.ics"
    assert run("calendar", "rui/ana", "-o", str(target)).code == 0
    again = run("calendar", "rui/ana", "-o", str(target))
    assert again.code == 5 and "--force" in again.err
    assert run("calendar", "rui/ana", "-o", str(target), "--force").code == 0
    assert run("calendar", "rui/ana", "--count", "0").code == 2
    assert run("calendar", "rui/ana", "--from", "someday").code == 2
    assert run("calendar", "nobody").code == 2


def expanded(text: str, first: datetime, last: datetime) -> list[datetime]:
    """The sessions a calendar client shows: an RFC 5545 expansion independent of ours."""
    import recurring_ical_events

    calendar = Calendar.from_ical(text)
    events = recurring_ical_events.of(calendar).between(first, last)
    return sorted(event["DTSTART"].dt for event in events)


@pytest.mark.parametrize(
    ("zone", "last", "gap_day", "after_gap", "wall"),
    [
        ("America/New_York", "2026-03-01 02:30", "2026-03-08", "03:30", "02:30"),
        ("America/Santiago", "2026-08-30 00:30", "2026-09-06", "01:30", "00:30"),
        ("Australia/Lord_Howe", "2026-09-27 02:15", "2026-10-04", "02:45", "02:15"),
    ],
)
def test_a_session_in_a_later_clock_gap_does_not_move_the_ones_after_it(
    run: Run, zone: str, last: str, gap_day: str, after_gap: str, wall: str
) -> None:
    ok(run, "person", "add", "mia", "--tz", zone)
    ok(run, "person", "add", "eli", "--tz", "UTC")
    ok(run, "pair", "add", "mia", "eli", "--start", last[:10])
    offset = datetime.fromisoformat(last).replace(tzinfo=ZoneInfo(zone)).strftime("%z")
    ok(run, "log", "mia/eli", "--when", f"{last}{offset}", "--minutes", "45", "--notes", "x")
    text = ok(run, "calendar", "mia/eli", "--from", last[:10], "--count", "4")
    tz = ZoneInfo(zone)
    since = datetime.fromisoformat(last).replace(tzinfo=tz)
    shown = [
        m.astimezone(UTC).astimezone(tz) for m in expanded(text, since, since + timedelta(days=40))
    ]
    assert len(shown) == 4
    # The gap day shows the instant the clock reads after the gap, every other day the wall time.
    assert shown[0].date().isoformat() == gap_day
    assert f"{shown[0]:%H:%M}" == after_gap
    assert [f"{m:%H:%M}" for m in shown[1:]] == [wall] * 3
    assert [(b.date() - a.date()).days for a, b in pairwise(shown)] == [7] * 3


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (31, ["2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"]),
        (30, ["2027-02-28", "2027-03-30", "2027-04-30", "2027-05-30"]),
        (29, ["2027-02-28", "2027-03-29", "2027-04-29", "2027-05-29"]),
    ],
)
def test_a_monthly_series_keeps_its_day_of_the_month(
    run: Run, day: int, expected: list[str]
) -> None:
    ok(run, "person", "add", "mia", "--tz", "America/New_York")
    ok(run, "person", "add", "eli", "--tz", "UTC")
    ok(run, "pair", "add", "mia", "eli", "--cadence", "monthly", "--start", f"2026-01-{day}")
    ok(run, "log", "mia/eli", "--when", f"2026-01-{day} 10:00-05:00", "--notes", "x")
    text = ok(run, "calendar", "mia/eli", "--from", "2027-02-01", "--count", "4")
    tz = ZoneInfo("America/New_York")
    shown = expanded(text, datetime(2027, 1, 1, tzinfo=tz), datetime(2027, 7, 1, tzinfo=tz))
    assert [m.astimezone(tz).date().isoformat() for m in shown] == expected
    assert {f"{m.astimezone(tz):%H:%M}" for m in shown} == {"10:00"}
