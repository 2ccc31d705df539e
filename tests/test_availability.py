"""Availability beyond working hours through the real CLI: time off, one-day hours, public
holidays and busy calendars (real .ics files, expanded by the libraries) in `schedule`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import recurring_ical_events
from icalendar import Calendar

from seed_helpers import at as days_ago
from seed_helpers import day

from conftest import Outcome, Run


def as_json(outcome: Outcome) -> Any:
    assert outcome.code == 0, outcome.err
    return json.loads(outcome.out)


def windows(run: Run, *args: str) -> list[tuple[str, str]]:
    data = as_json(run("schedule", *args, "--tz", "UTC", "--json"))
    return [(w["start"], w["end"]) for w in data["windows"]]


def at(run: Run, *args: str) -> dict[str, dict[str, Any]]:
    data = as_json(run("schedule", *args, "--tz", "UTC", "--json"))
    return {p["name"]: p for p in data["participants"]}


def calendar(path: Path, *events: str, extra: str = "") -> Path:
    body = "\n".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT" for e in events)
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//tests//EN\n{extra}{body}\nEND:VCALENDAR\n"
    path.write_text(text.replace("\n", "\r\n"))
    return path


@pytest.fixture
def two(run: Run) -> Run:
    """lon (London) and lis (Lisbon): the same clock in winter, 09:00-17:00 each."""
    assert run("person", "add", "lon", "--tz", "Europe/London", "--email", "lon@x.org").code == 0
    assert run("person", "add", "lis", "--tz", "Europe/Lisbon").code == 0
    return run


WEEK = ("lon", "lis", "--from", "2026-11-30", "--days", "5")


def test_away_whole_days_remove_them_and_list_shows_them(two: Run) -> None:
    out = two("away", "lon", "2026-12-01..2026-12-02", "--note", "conference")
    assert out.code == 0, out.err
    assert [a[:10] for a, _ in windows(two, *WEEK)] == ["2026-11-30", "2026-12-03", "2026-12-04"]
    notices = as_json(two("schedule", *WEEK, "--tz", "UTC", "--json"))["notices"]
    assert notices == [
        {"date": "2026-12-01", "text": "lon is away Tue 1 Dec to Wed 2 Dec (conference)"}
    ]
    assert "lon is away Tue 1 Dec to Wed 2 Dec (conference)" in two("schedule", *WEEK).out
    listed = as_json(two("away", "list", "--all", "--json"))
    assert [(e["handle"], e["starts"], e["ends"], e["note"]) for e in listed] == [
        ("lon", "2026-12-01", "2026-12-02", "conference")
    ]
    assert "conference" in two("away", "list", "lon", "--all").out
    moment = at(two, "lon", "lis", "--at", "2026-12-01 10:00")
    assert (moment["lon"]["state"], moment["lon"]["note"]) == ("away", "conference")
    assert moment["lis"]["state"] == "inside"
    assert "away (conference)" in two("schedule", "lon", "lis", "--at", "2026-12-01 10:00").out
    assert two("away", "remove", str(listed[0]["id"])).code == 0
    assert len(windows(two, *WEEK)) == 5
    assert two("away", "remove", str(listed[0]["id"])).code == 2


def test_away_for_some_hours_is_read_in_the_machine_zone(two: Run) -> None:
    out = two("away", "lis", "2026-12-01 12:00..2026-12-01 14:00", "--json")
    assert as_json(out)["starts"] == "2026-12-01T12:00:00+00:00"
    tuesday = [w for w in windows(two, *WEEK) if w[0].startswith("2026-12-01")]
    assert tuesday == [
        ("2026-12-01T09:00:00+00:00", "2026-12-01T12:00:00+00:00"),
        ("2026-12-01T14:00:00+00:00", "2026-12-01T17:00:00+00:00"),
    ]
    notices = as_json(two("schedule", *WEEK, "--tz", "UTC", "--json"))["notices"]
    assert [n["text"] for n in notices] == ["lis is away from Tue 1 Dec 12:00 to 14:00 their time"]


@pytest.mark.parametrize(
    "typed",
    ["2026-12-03..2026-12-01", "2026-12-01..", "2026-12-01 10:00", "2026-12-01 12:00..11:00"],
)
def test_bad_time_off_is_refused(two: Run, typed: str) -> None:
    out = two("away", "lon", typed)
    assert out.code == 2, out.err
    assert as_json(two("away", "list", "--all", "--json")) == []


def test_one_day_hours_replace_that_day_only(two: Run) -> None:
    assert two("hours", "lon", "--on", "2026-12-05", "10:00-14:00").code == 0
    assert two("hours", "lis", "--on", "2026-12-05", "11:00-15:00", "--json").code == 0
    assert two("hours", "lon", "--on", "2026-12-04", "09:00-12:00").code == 0
    found = windows(two, "lon", "lis", "--from", "2026-12-04", "--days", "3")
    assert found == [
        ("2026-12-04T09:00:00+00:00", "2026-12-04T12:00:00+00:00"),
        ("2026-12-05T11:00:00+00:00", "2026-12-05T14:00:00+00:00"),
    ]
    # A second change of the same day replaces the first.
    assert two("hours", "lon", "--on", "2026-12-04", "13:00-17:00").code == 0
    listed = as_json(two("away", "list", "lon", "--all", "--json"))
    assert [(e["starts"], e["hours"]) for e in listed] == [
        ("2026-12-04", "13:00-17:00"),
        ("2026-12-05", "10:00-14:00"),
    ]
    assert two("hours", "lon", "--on", "2026-12-04", "fri 10:00-12:00").code == 2


def test_holidays_in_two_countries(run: Run) -> None:
    assert run("person", "add", "bia", "--tz", "America/Sao_Paulo", "--holidays", "br").code == 0
    assert run("person", "add", "dev", "--tz", "Asia/Kolkata", "--hours", "mon-fri 15:00-23:00",
               "--holidays", "in-ka").code == 0  # fmt: skip
    assert as_json(run("person", "show", "dev", "--json"))["holidays"] == "IN-KA"
    # Tiradentes' Day, Tuesday 21 April 2026, in Brazil.
    brazil = windows(run, "bia", "dev", "--from", "2026-04-20", "--days", "3")
    assert [a[:10] for a, _ in brazil] == ["2026-04-20", "2026-04-22"]
    # Republic Day, Monday 26 January 2026, in India.
    india = windows(run, "bia", "dev", "--from", "2026-01-26", "--days", "2")
    assert [a[:10] for a, _ in india] == ["2026-01-27"]
    notices = as_json(run("schedule", "bia", "dev", "--from", "2026-01-26", "--json"))["notices"]
    assert {
        "date": "2026-01-26",
        "text": "Mon 26 Jan is a public holiday for dev (Republic Day)",
    } in notices
    moment = at(run, "bia", "dev", "--at", "2026-01-26 14:00")
    assert (moment["dev"]["state"], moment["dev"]["note"]) == ("holiday", "Republic Day")
    # A holiday is a day off unless that day's hours say otherwise.
    assert run("hours", "dev", "--on", "2026-01-26", "18:00-22:00").code == 0
    india = windows(run, "bia", "dev", "--from", "2026-01-26", "--days", "1")
    assert india == [("2026-01-26T12:30:00+00:00", "2026-01-26T16:30:00+00:00")]


@pytest.mark.parametrize(("code", "hint"), [("XY", "closest"), ("US-ZZ", "US-"), ("GB-XXX", "GB-")])
def test_unknown_holiday_codes_exit_2_with_the_closest(run: Run, code: str, hint: str) -> None:
    out = run("person", "add", "x", "--tz", "UTC", "--holidays", code)
    assert out.code == 2 and hint in out.err and "\n" not in out.err.strip()


RECURRING = """
UID:standup@tests
DTSTART;TZID=Europe/London:20261130T100000
DTEND;TZID=Europe/London:20261130T110000
RRULE:FREQ=DAILY;COUNT=5
EXDATE;TZID=Europe/London:20261202T100000
SUMMARY:Standup
"""
MOVED = """
UID:standup@tests
RECURRENCE-ID;TZID=Europe/London:20261203T100000
DTSTART;TZID=Europe/London:20261203T150000
DTEND;TZID=Europe/London:20261203T160000
SUMMARY:Standup moved
"""
TRANSPARENT = """
UID:focus@tests
DTSTART:20261201T130000Z
DTEND:20261201T140000Z
TRANSP:TRANSPARENT
SUMMARY:Focus time
"""
CANCELLED = """
UID:cancelled@tests
DTSTART:20261201T140000Z
DTEND:20261201T150000Z
STATUS:CANCELLED
"""
DECLINED = """
UID:declined@tests
DTSTART:20261201T150000Z
DTEND:20261201T160000Z
ATTENDEE;PARTSTAT=DECLINED:mailto:LON@x.org
ATTENDEE;PARTSTAT=ACCEPTED:mailto:other@x.org
"""
ACCEPTED = """
UID:accepted@tests
DTSTART:20261204T150000Z
DTEND:20261204T160000Z
ATTENDEE;PARTSTAT=ACCEPTED:mailto:lon@x.org
"""


def busy_days(run: Run, *args: str) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for a, b in windows(run, *WEEK, *args):
        found.setdefault(a[:10], []).append((a[11:16], b[11:16]))
    return found


def test_busy_calendar_with_recurrence_exceptions_and_events_that_do_not_block(
    two: Run, tmp_path: Path
) -> None:
    ics = calendar(
        tmp_path / "work.ics", RECURRING, MOVED, TRANSPARENT, CANCELLED, DECLINED, ACCEPTED
    )
    assert two("person", "edit", "lon", "--busy", str(ics)).code == 0
    assert busy_days(two) == {
        "2026-11-30": [("09:00", "10:00"), ("11:00", "17:00")],
        "2026-12-01": [("09:00", "10:00"), ("11:00", "17:00")],
        "2026-12-02": [("09:00", "17:00")],  # EXDATE
        "2026-12-03": [("09:00", "15:00"), ("16:00", "17:00")],  # the moved instance
        "2026-12-04": [("09:00", "10:00"), ("11:00", "15:00"), ("16:00", "17:00")],
    }
    moment = at(two, "lon", "lis", "--at", "2026-12-03 15:30")
    assert (moment["lon"]["state"], moment["lon"]["note"]) == ("busy", "Standup moved")
    assert "busy in their calendar (Standup moved)" in two(
        "schedule", "lon", "lis", "--at", "2026-12-03 15:30"
    ).out.replace("\n", " ")
    # A buffer keeps a gap around each busy time.
    buffered = busy_days(two, "--buffer", "15")
    assert buffered["2026-12-03"] == [("09:00", "14:45"), ("16:15", "17:00")]
    assert two("schedule", *WEEK, "--buffer", "-5").code == 2


def test_busy_for_one_run_and_a_vdir_folder(two: Run, tmp_path: Path) -> None:
    vdir = tmp_path / "calendars"
    (vdir / "work").mkdir(parents=True)
    (vdir / "home").mkdir()
    (vdir / ".state").mkdir()
    calendar(vdir / "work" / "a.ics", "UID:a\nDTSTART:20261130T090000Z\nDTEND:20261130T120000Z")
    calendar(vdir / "home" / "b.ics", "UID:b\nDTSTART:20261201T130000Z\nDTEND:20261201T170000Z")
    (vdir / ".state" / "broken.ics").write_text("not a calendar")
    found = busy_days(two, "--busy", f"lis={vdir}")
    assert found["2026-11-30"] == [("12:00", "17:00")]
    assert found["2026-12-01"] == [("09:00", "13:00")]
    # Only for that run: nothing is stored.
    assert len(windows(two, *WEEK)) == 5
    assert as_json(two("person", "show", "lis", "--json"))["busy"] == ""
    # A --zone participant's label names them too.
    zone = ("lon", "--zone", "ops=UTC", "--from", "2026-11-30", "--days", "1")
    assert windows(two, *zone, "--busy", f"ops={vdir}") == [
        ("2026-11-30T12:00:00+00:00", "2026-11-30T17:00:00+00:00")
    ]


def test_all_day_events_block_the_persons_day_across_dst(run: Run, tmp_path: Path) -> None:
    assert run("person", "add", "owl", "--tz", "Europe/London", "--hours", "mon-sun 00:00-24:00")
    assert run("person", "add", "utc", "--tz", "UTC", "--hours", "mon-sun 00:00-24:00")
    ics = calendar(
        tmp_path / "day.ics",
        "UID:d\nDTSTART;VALUE=DATE:20260329\nDTEND;VALUE=DATE:20260330\nSUMMARY:Day out",
    )
    assert run("person", "edit", "owl", "--busy", str(ics)).code == 0
    # 29 March 2026 in London runs from 00:00 GMT to 00:00 BST: 23 hours.
    found = windows(run, "owl", "utc", "--from", "2026-03-28", "--days", "3")
    assert found == [
        ("2026-03-28T00:00:00+00:00", "2026-03-29T00:00:00+00:00"),
        ("2026-03-29T23:00:00+00:00", "2026-03-31T00:00:00+00:00"),
    ]


def test_floating_times_are_read_on_the_persons_clock_and_google_zones_repaired(
    two: Run, tmp_path: Path
) -> None:
    floating = calendar(tmp_path / "f.ics", "UID:f\nDTSTART:20261130T100000\nDTEND:20261130T110000")
    # Google writes UTC times and names the calendar's zone in X-WR-TIMEZONE: an all-day
    # event and a recurring one are read in that zone once repaired.
    google = calendar(
        tmp_path / "g.ics",
        "UID:g\nDTSTART:20261130T140000Z\nDTEND:20261130T150000Z\nRRULE:FREQ=DAILY;COUNT=2",
        extra="X-WR-TIMEZONE:Europe/Lisbon\n",
    )
    assert two("person", "add", "tok", "--tz", "Asia/Tokyo", "--hours", "mon-sun 00:00-24:00")
    found = windows(two, "tok", "lon", "--from", "2026-11-30", "--days", "1",
                    "--busy", f"tok={floating}")  # fmt: skip
    assert found == [
        ("2026-11-30T09:00:00+00:00", "2026-11-30T17:00:00+00:00")
    ]  # 10:00 in Tokyo is 01:00 UTC: outside lon's hours anyway
    found = windows(two, "lis", "lon", "--from", "2026-11-30", "--days", "2",
                    "--busy", f"lis={google}")  # fmt: skip
    assert [(a[11:16], b[11:16]) for a, b in found] == [
        ("09:00", "14:00"), ("15:00", "17:00"), ("09:00", "14:00"), ("15:00", "17:00")
    ]  # fmt: skip
    lisbon_floating = calendar(
        tmp_path / "lf.ics", "UID:lf\nDTSTART:20260601T100000\nDTEND:20260601T110000"
    )
    summer = windows(two, "lis", "lon", "--from", "2026-06-01", "--days", "1",
                     "--busy", f"lis={lisbon_floating}")  # fmt: skip
    # 10:00-11:00 in Lisbon in summer is 09:00-10:00 UTC, inside both days of 08:00-16:00 UTC.
    assert summer == [
        ("2026-06-01T08:00:00+00:00", "2026-06-01T09:00:00+00:00"),
        ("2026-06-01T10:00:00+00:00", "2026-06-01T16:00:00+00:00"),
    ]


def test_a_calendar_that_cannot_be_read_is_an_error_naming_it(two: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ics"
    bad.write_text("BEGIN:VCALENDAR\nthis is not\n")
    out = two("schedule", *WEEK, "--busy", f"lon={bad}")
    assert out.code == 2 and str(bad) in out.err and "Traceback" not in out.err
    missing = tmp_path / "missing.ics"
    out = two("person", "edit", "lon", "--busy", str(missing))
    assert out.code == 5 and str(missing) in out.err
    out = two("schedule", *WEEK, "--busy", "lon")
    assert out.code == 2 and "NAME=PATH" in out.err
    out = two("schedule", *WEEK, "--busy", f"nobody={bad}")
    assert out.code == 2 and "nobody" in out.err


def test_stretch_and_recurring_honour_time_off(two: Run) -> None:
    assert two("person", "add", "tyo", "--tz", "Asia/Tokyo").code == 0
    # No shared window between Tokyo and London: a stretch is proposed, never while away.
    assert two("away", "tyo", "2026-11-30..2026-12-01").code == 0
    data = as_json(two("schedule", "lon", "tyo", *WEEK[2:], "--tz", "UTC", "--json"))
    assert data["windows"] == [] and data["stretch"]
    assert all(s["start"] >= "2026-12-01T15:00:00+00:00" for s in data["stretch"])
    assert two("away", "lis", "2026-12-02").code == 0
    data = as_json(
        two("schedule", "lon", "lis", "--from", "2026-11-30", "--days", "21", "--recurring",
            "--tz", "UTC", "--json")
    )  # fmt: skip
    wednesday = [s for s in data["recurring"] if s["day"] == "wed"]
    assert wednesday and wednesday[0]["broken_weeks"] == ["2026-11-30"]


def test_time_off_travels_in_a_backup(two: Run, tmp_path: Path) -> None:
    assert two("away", "lon", "2026-12-01", "--note", "dentist").code == 0
    assert two("hours", "lis", "--on", "2026-12-05", "10:00-12:00").code == 0
    assert two("person", "edit", "lon", "--holidays", "GB-ENG").code == 0
    backup = tmp_path / "all.json"
    assert two("export", "--all", "-o", str(backup)).code == 0
    document = json.loads(backup.read_text())
    assert len(document["time_off"]) == 2
    assert document["people"][0]["holidays"] in {"GB-ENG", ""}
    other = tmp_path / "other.db"
    env = {"MENTOR_DB": str(other)}
    assert two("import", str(backup), env=env).code == 0
    assert len(as_json(two("away", "list", "--all", "--json", env=env))) == 2
    # A backup from before time off existed still imports.
    del document["time_off"]
    for person in document["people"]:
        del person["holidays"], person["busy"]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(document))
    assert two("import", str(older), env={"MENTOR_DB": str(tmp_path / "third.db")}).code == 0


def test_time_off_moves_the_due_date_and_keeps_a_pair_from_lapsing(people: Run) -> None:
    run = people
    assert run("log", "rui/ana", "--when", days_ago(12), "--notes", "x").code == 0
    before = as_json(run("status", "--json"))
    row = next(p for p in before["pairs"] if p["pair"] == "rui/ana")
    assert row["lapsed"] is True  # weekly, and nothing for 12 days
    # ana was away for a week of it, and is away until the day after tomorrow.
    assert run("away", "ana", f"{day(-10)}..{day(1)}").code == 0
    after = as_json(run("status", "--json"))
    row = next(p for p in after["pairs"] if p["pair"] == "rui/ana")
    assert row["lapsed"] is False
    assert row["next_due"][:10] == day(2) and row["overdue_days"] == 0
    agenda = as_json(run("agenda", "rui/ana", "--json"))
    assert agenda["due"] == row["next_due"]


def test_the_calendar_leaves_out_sessions_while_someone_is_away(people: Run) -> None:
    run = people
    assert run("log", "rui/ana", "--when", "2026-11-02 10:00", "--notes", "x").code == 0
    assert run("person", "edit", "ana", "--holidays", "US").code == 0
    assert run("away", "rui", "2026-11-16").code == 0
    out = run("calendar", "rui/ana", "--from", "2026-11-09", "--count", "4")
    assert out.code == 0, out.err
    (event,) = Calendar.from_ical(out.out).walk("VEVENT")
    left_out = sorted(d.dt.date().isoformat() for x in [event["EXDATE"]] for d in _dates(x))
    # Rui's day away, and none of the Mondays (9, 16, 23, 30 November) is a US holiday.
    assert left_out == ["2026-11-16"]
    expanded = recurring_ical_events.of(Calendar.from_ical(out.out)).between(
        date(2026, 11, 1), date(2026, 12, 31)
    )
    assert [e["DTSTART"].dt.date().isoformat() for e in expanded] == [
        "2026-11-09",
        "2026-11-23",
        "2026-11-30",
    ]


def _dates(exdate: Any) -> list[Any]:
    found = exdate if isinstance(exdate, list) else [exdate]
    return [d for x in found for d in x.dts]


def test_the_benchmark_calendar_is_read_and_cached(two: Run, tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from busy import busy_calendar

    ics = busy_calendar(tmp_path / "bench.ics", events=300)
    args = (*WEEK, "--busy", f"lis={ics}", "--buffer", "10")
    first = windows(two, *args)
    cached = list((tmp_path / "cache").rglob("*.json"))
    assert len(cached) == 1 and cached[0].stat().st_mode & 0o077 == 0
    assert windows(two, *args) == first
    # A changed calendar is read again.
    calendar(ics, "UID:x\nDTSTART:20261130T000000Z\nDTEND:20261205T000000Z")
    assert windows(two, *args) == []
