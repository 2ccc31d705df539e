"""`mentor schedule` through the real CLI: the JSON contract, the human view, every bad input."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from conftest import Outcome, Run

NEW_YORK_LONDON_KOLKATA = (
    "--zone",
    "America/New_York",
    "--zone",
    "Europe/London",
    "--zone",
    "Asia/Kolkata 12:00-21:00",
    "--from",
    "2026-03-02",
    "--days",
    "14",
    "--tz",
    "UTC",
)
NO_WINDOW = (
    "--zone",
    "Europe/London",
    "--zone",
    "Asia/Tokyo",
    "--zone",
    "America/Los_Angeles",
    "--from",
    "2026-01-12",
    "--tz",
    "UTC",
)
RECURRING = (
    "--zone",
    "Europe/London",
    "--zone",
    "ny=America/New_York 09:00-12:00",
    "--from",
    "2026-02-23",
    "--days",
    "56",
    "--tz",
    "Europe/London",
    "--recurring",
)


def as_json(outcome: Outcome) -> Any:
    assert outcome.code == 0, outcome.err
    assert outcome.err == ""
    return json.loads(outcome.out)


def names(run: Run, *args: str) -> list[str]:
    data = as_json(run("schedule", *args, "--from", "2026-03-02", "--days", "1", "--json"))
    return [p["name"] for p in data["participants"]]


def words(line: str) -> list[str]:
    return line.split()


def test_json_is_exactly_the_documented_object(run: Run) -> None:
    data = as_json(
        run(
            "schedule",
            "--zone",
            "ny=America/New_York",
            "--zone",
            "Europe/London",
            "--from",
            "2026-03-02",
            "--days",
            "14",
            "--tz",
            "UTC",
            "--json",
        )
    )
    assert list(data) == [
        "from",
        "days",
        "tz",
        "min_minutes",
        "participants",
        "windows",
        "notices",
    ]
    assert (data["from"], data["days"], data["tz"], data["min_minutes"]) == (
        "2026-03-02",
        14,
        "UTC",
        30,
    )
    assert data["participants"] == [
        {"name": "ny", "timezone": "America/New_York", "hours": "mon-fri 09:00-17:00"},
        {"name": "Europe/London", "timezone": "Europe/London", "hours": "mon-fri 09:00-17:00"},
    ]
    windows = data["windows"]
    assert len(windows) == 10
    assert windows[0] == {
        "start": "2026-03-02T14:00:00+00:00",
        "end": "2026-03-02T17:00:00+00:00",
        "minutes": 180,
        "local": {
            "ny": {"start": "2026-03-02T09:00:00-05:00", "end": "2026-03-02T12:00:00-05:00"},
            "Europe/London": {
                "start": "2026-03-02T14:00:00+00:00",
                "end": "2026-03-02T17:00:00+00:00",
            },
        },
    }
    # After New York's change on the 8th the window opens an hour earlier.
    assert windows[5]["start"] == "2026-03-09T13:00:00+00:00"
    assert windows[5]["minutes"] == 240
    assert windows[5]["local"]["ny"]["start"] == "2026-03-09T09:00:00-04:00"
    assert [w["start"] for w in windows] == sorted(w["start"] for w in windows)
    assert all(set(w) == {"start", "end", "minutes", "local"} for w in windows)
    assert data["notices"] == [
        {
            "date": "2026-03-09",
            "text": "From Mon 9 Mar New York is on summer time: "
            "the shared window grows from 3 h to 4 h",
        }
    ]


def test_json_times_carry_the_display_zone_offset(run: Run) -> None:
    data = as_json(
        run(
            "schedule",
            "--zone",
            "America/New_York",
            "--zone",
            "Europe/London",
            "--from",
            "2026-03-02",
            "--days",
            "1",
            "--tz",
            "Asia/Kolkata",
            "--json",
        )
    )
    assert data["tz"] == "Asia/Kolkata"
    assert data["windows"][0]["start"] == "2026-03-02T19:30:00+05:30"
    assert data["windows"][0]["end"] == "2026-03-02T22:30:00+05:30"


def test_three_zones_with_a_daylight_saving_notice(run: Run) -> None:
    outcome = run("schedule", *NEW_YORK_LONDON_KOLKATA)
    assert outcome.code == 0, outcome.err
    lines = outcome.out.splitlines()
    assert "When America/New_York, Europe/London, Asia/Kolkata can meet" in lines
    assert "Mon 2 Mar 2026 to Sun 15 Mar 2026, times in UTC, windows of 30 min or more" in lines
    assert lines[lines.index("Shared windows") + 1].split() == [
        "day",
        "UTC",
        "length",
        "America/New_York",
        "Europe/London",
        "Asia/Kolkata",
    ]
    rows = [words(line) for line in lines]
    assert [
        "Mon",
        "2",
        "Mar",
        "14:00-15:30",
        "1h30",
        "09:00-10:30",
        "14:00-15:30",
        "19:30-21:00",
    ] in rows
    assert [
        "Mon",
        "9",
        "Mar",
        "13:00-15:30",
        "2h30",
        "09:00-11:30",
        "13:00-15:30",
        "18:30-21:00",
    ] in rows
    assert (
        "- From Mon 9 Mar New York is on summer time: "
        "the shared window grows from 1 h 30 min to 2 h 30 min"
    ) in lines
    data = as_json(run("schedule", *NEW_YORK_LONDON_KOLKATA, "--json"))
    assert [n["date"] for n in data["notices"]] == ["2026-03-09"]
    assert len(data["windows"]) == 10


def test_timeline_shades_hours_and_marks_the_shared_window(run: Run) -> None:
    outcome = run("schedule", *NEW_YORK_LONDON_KOLKATA, env={"COLUMNS": "80"})
    lines = outcome.out.splitlines()
    day = lines.index("Mon 2 Mar                  0     3     6     9     12    15    18    21")
    assert lines[day + 1] == "America/New_York Sun 19:00 " + "░" * 28 + "█" * 16 + "░" * 4
    assert lines[day + 2] == "Europe/London    Mon 00:00 " + "░" * 18 + "█" * 16 + "░" * 14
    assert lines[day + 3] == "Asia/Kolkata     Mon 05:30 " + "░" * 13 + "█" * 18 + "░" * 17
    assert lines[day + 4] == "shared" + " " * 21 + " " * 28 + "▲" * 3
    weekend = lines.index("Sat 7 Mar                  0     3     6     9     12    15    18    21")
    assert lines[weekend + 4].strip() == "shared                     (none)".strip()
    assert "██ working hours  ░░ outside them  ▲▲ shared window" in lines
    # Days that look like one drawn before refer to it; New York's change draws a new day.
    assert "Tue 3 Mar to Fri 6 Mar: same as Mon 2 Mar" in lines
    assert "Sun 8 Mar: same as Sat 7 Mar" in lines
    assert "Mon 9 Mar                  0     3     6     9     12    15    18    21" in lines
    assert "Tue 10 Mar to Fri 13 Mar: same as Mon 9 Mar" in lines


def test_people_pairs_and_zones_mix(people: Run) -> None:
    assert names(people, "1", "ben", "--zone", "ops=Asia/Tokyo sun-thu 22:00-06:00") == [
        "rui",
        "ana",
        "ben",
        "ops",
    ]
    assert names(people, "rui/ben", "ana") == ["rui", "ben", "ana"]
    assert names(people, "#2", "ana", "rui") == ["rui", "ben", "ana"]
    # Duplicates go: rui is in both pairs and named again.
    assert names(people, "rui", "rui/ana", "1", "rui/ben") == ["rui", "ana", "ben"]
    # A handle alone means that person's one active pair.
    assert names(people, "ana") == ["rui", "ana"]
    # A handle with anyone else is just that person.
    assert names(people, "ana", "--zone", "Asia/Kolkata") == ["ana", "Asia/Kolkata"]
    data = as_json(
        people("schedule", "ana", "--zone", "Asia/Calcutta mon-sun 20:00-23:00", "--json")
    )
    assert data["participants"][1] == {
        "name": "Asia/Kolkata",
        "timezone": "Asia/Kolkata",
        "hours": "mon-sun 20:00-23:00",
    }


def test_stored_hours_count(people: Run) -> None:
    # ana works mon-thu 08:00-16:00 in New York: 13:00-17:00 UTC with rui in Lisbon.
    data = as_json(people("schedule", "rui/ana", "--from", "2026-03-02", "--tz", "UTC", "--json"))
    assert [(w["start"][:16], w["minutes"]) for w in data["windows"]] == [
        (f"2026-03-0{day}T13:00", 240) for day in (2, 3, 4, 5)
    ]
    assert data["participants"][1]["hours"] == "mon-thu 08:00-16:00"


def test_a_handle_alone_needs_one_active_pair(people: Run) -> None:
    outcome = people("schedule", "rui")
    assert outcome.code == 2
    assert "rui/ana (#1)" in outcome.err and "rui/ben (#2)" in outcome.err
    assert people("person", "add", "kim", "--tz", "Europe/Paris").code == 0
    outcome = people("schedule", "kim")
    assert outcome.code == 2
    assert outcome.err == (
        "mentor: a schedule needs at least two participants (only kim): name people or pairs "
        'as WHO, or add --zone "[LABEL=]ZONE [HOURS]"\n'
    )
    assert people("pair", "pause", "rui/ben").code == 0
    assert people("schedule", "ben").code == 2
    assert names(people, "ben", "kim") == ["ben", "kim"]


def test_no_window_proposes_the_least_painful_stretches(run: Run) -> None:
    outcome = run("schedule", *NO_WINDOW)
    assert outcome.code == 0, outcome.err
    lines = outcome.out.splitlines()
    assert (
        "No shared window of 30 min or more: "
        "nobody's working hours meet everyone else's in this range."
    ) in lines
    assert "Shared windows" not in lines
    text = " ".join(outcome.out.split())
    assert (
        "1. Mon 12 Jan 21:00-21:30: Europe/London stays 4 h 30 min late, until 21:30; "
        "Asia/Tokyo starts 3 h early, at 06:00, 30 min of it at night "
        "Europe/London 21:00-21:30 (cost 4 h 30 min) "
        "Asia/Tokyo Tue 06:00-06:30 (cost 4 h 30 min) "
        "America/Los_Angeles 13:00-13:30 2. "
    ) in text
    assert any(line.startswith("3. ") for line in lines)
    data = as_json(run("schedule", *NO_WINDOW, "--json"))
    assert data["windows"] == [] and data["notices"] == []
    assert len(data["stretch"]) == 3
    best = data["stretch"][0]
    assert {key: best[key] for key in ("start", "end", "minutes", "outside_minutes", "cost")} == {
        "start": "2026-01-12T21:00:00+00:00",
        "end": "2026-01-12T21:30:00+00:00",
        "minutes": 30,
        "outside_minutes": {"Europe/London": 30, "Asia/Tokyo": 30, "America/Los_Angeles": 0},
        "cost": 540,
    }
    assert best["people"]["Asia/Tokyo"] == {
        "start": "2026-01-13T06:00:00+09:00",
        "end": "2026-01-13T06:30:00+09:00",
        "side": "early",
        "pushed_minutes": 180,
        "night_minutes": 30,
        "cost": 270,
    }
    assert "recurring" not in data


def test_recurring_slots_and_the_weeks_they_break(run: Run) -> None:
    outcome = run("schedule", *RECURRING)
    assert outcome.code == 0, outcome.err
    lines = outcome.out.splitlines()
    assert "Weekly slots of 30 min or more, in Europe/London time" in lines
    rows = [words(line) for line in lines]
    assert ["mon-fri", "14:00-16:00", "every", "week"] in rows
    assert [
        "mon-fri",
        "16:00-17:00",
        "not",
        "in",
        "the",
        "weeks",
        "of",
        "Mon",
        "9",
        "Mar,",
        "Mon",
        "16",
        "Mar,",
        "Mon",
        "23",
        "Mar",
    ] in rows
    data = as_json(run("schedule", *RECURRING, "--json"))
    assert "stretch" not in data
    assert data["recurring"][:2] == [
        {
            "day": "mon",
            "start": "14:00",
            "end": "16:00",
            "minutes": 120,
            "zone": "Europe/London",
            "broken_weeks": [],
        },
        {
            "day": "mon",
            "start": "16:00",
            "end": "17:00",
            "minutes": 60,
            "zone": "Europe/London",
            "broken_weeks": ["2026-03-09", "2026-03-16", "2026-03-23"],
        },
    ]
    assert len(data["recurring"]) == 10


def test_recurring_slot_at_midnight_ends_at_24(run: Run) -> None:
    args = ("--zone", "UTC 20:00-24:00", "--zone", "Asia/Tokyo mon-sun 00:00-24:00")
    data = as_json(
        run("schedule", *args, "--from", "2026-03-02", "--days", "7", "--recurring", "--json")
    )
    assert {(slot["start"], slot["end"]) for slot in data["recurring"]} == {("20:00", "24:00")}
    outcome = run("schedule", *args, "--from", "2026-03-02", "--recurring")
    assert ["mon-fri", "20:00-24:00", "every", "week"] in map(words, outcome.out.splitlines())


def test_no_recurring_slot_is_said(run: Run) -> None:
    outcome = run("schedule", *NO_WINDOW, "--recurring")
    assert "None holds in most weeks of this range." in outcome.out.splitlines()
    assert as_json(run("schedule", *NO_WINDOW, "--recurring", "--json"))["recurring"] == []


def test_kiritimati_is_a_day_ahead_of_pago_pago(run: Run) -> None:
    args = ("--zone", "kiri=Pacific/Kiritimati", "--zone", "pago=Pacific/Pago_Pago")
    outcome = run("schedule", *args, "--from", "2026-03-02", "--days", "2", "--tz", "UTC")
    rows = [words(line) for line in outcome.out.splitlines()]
    assert [
        "Mon",
        "2",
        "Mar",
        "20:00-Tue",
        "03:00",
        "7h",
        "Tue",
        "10:00-17:00",
        "09:00-16:00",
    ] in rows
    assert ["Tue", "3", "Mar", "20:00-24:00", "4h", "Wed", "10:00-14:00", "09:00-13:00"] in rows


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--zone", "EST", "--zone", "UTC"), '"EST" is an abbreviation, not a time zone'),
        (("--zone", "Mars/Olympus", "--zone", "UTC"), 'unknown time zone "Mars/Olympus"'),
        (("--zone", "UTC", "--zone", "Asia/Tokyo mon-fru 09:00-10:00"), 'unknown day "fru"'),
        (("--zone", "UTC", "--zone", "Asia/Tokyo 9-5"), 'bad hours "9-5"'),
        (("--zone", "UTC", "--zone", "Asia/Tokyo", "--days", "0"), 'bad --days "0"'),
        (("--zone", "UTC", "--zone", "Asia/Tokyo", "--days", "367"), 'bad --days "367"'),
        (("--zone", "UTC", "--zone", "Asia/Tokyo", "--min", "0"), 'bad --min "0"'),
        (("--zone", "UTC", "--zone", "Asia/Tokyo", "--min", "1441"), 'bad --min "1441"'),
        (("--zone", "UTC", "--zone", "Asia/Tokyo", "--tz", "IST"), '"IST" is an abbreviation'),
        (("--zone", "UTC", "--zone", "Asia/Tokyo", "--tz", "Nowhere"), '"Nowhere"'),
        (("--zone", "UTC", "--zone", "Asia/Tokyo", "--from", "2026-02-30"), '"2026-02-30"'),
        (("--zone", "UTC", "--zone", "Asia/Tokyo", "--from", "12/01/2026"), '"12/01/2026"'),
        (("--zone", "UTC", "--zone", "Asia/Tokyo", "--from", "9999-12-25"), "out of range"),
        (("--zone", "UTC", "--zone", "Asia/Tokyo", "--from", "9998-12-31"), "out of range"),
        (("--zone", "UTC", "--zone", "Asia/Tokyo", "--from", "0001-01-02"), "out of range"),
        (
            ("--zone", "UTC", "--zone", "Asia/Tokyo", "--days", "x"),
            "Invalid value for '--days': 'x'",
        ),
        (("--zone", "=UTC", "--zone", "UTC"), '--zone "=UTC" has an empty label'),
        (("--zone", "", "--zone", "UTC"), '--zone "" names no zone'),
        (("--zone", "a=UTC", "--zone", "a=Asia/Tokyo"), 'two participants are called "a"'),
        (("--zone", "UTC"), "a schedule needs at least two participants (only UTC)"),
        (("--zone", "UTC", "--zone", "UTC"), "a schedule needs at least two participants"),
        ((), "a schedule needs at least two participants:"),
        (("zed", "--zone", "UTC"), "no person with handle 'zed'"),
        (("rui/zed", "--zone", "UTC"), "no pair 'rui/zed'"),
        (("9", "--zone", "UTC"), "no pair #9"),
    ],
)
def test_bad_input_exits_2_with_one_line(people: Run, args: tuple[str, ...], message: str) -> None:
    outcome = people("schedule", *args)
    assert outcome.code == 2
    assert outcome.out == ""
    assert outcome.err.startswith("mentor: ") and outcome.err.count("\n") == 1
    assert message in outcome.err


def test_zones_alone_need_no_database(run: Run, db_path: Path) -> None:
    assert run("schedule", "--zone", "UTC", "--zone", "Asia/Tokyo").code == 0
    assert not db_path.exists()


def test_defaults_today_a_week_the_machine_zone(run: Run) -> None:
    before = datetime.now(UTC).astimezone(timezone(timedelta(hours=9))).date()
    data = as_json(
        run("schedule", "--zone", "UTC", "--zone", "Asia/Tokyo", "--json", env={"TZ": "Asia/Tokyo"})
    )
    after = datetime.now(UTC).astimezone(timezone(timedelta(hours=9))).date()
    assert data["tz"] == "Asia/Tokyo"
    assert data["from"] in {before.isoformat(), after.isoformat()}
    assert (data["days"], data["min_minutes"]) == (7, 30)


def test_min_leaves_out_short_windows(run: Run) -> None:
    args = ("--zone", "UTC 09:00-10:00", "--zone", "Europe/London 09:00-10:30")
    args += ("--from", "2026-03-02", "--days", "1", "--tz", "UTC", "--json")
    assert len(as_json(run("schedule", *args))["windows"]) == 1
    assert as_json(run("schedule", *args, "--min", "61"))["windows"] == []


def test_hostile_labels_are_shown_literally(run: Run) -> None:
    args = ("--zone", "[bold]x=UTC", "--zone", "\x1b[31mred=Europe/London")
    args += ("--from", "2026-03-02", "--days", "1")
    outcome = run("schedule", *args)
    assert outcome.code == 0, outcome.err
    assert "When [bold]x, \\x1b[31mred can meet" in outcome.out.splitlines()
    assert "\x1b" not in outcome.out
    data = as_json(run("schedule", *args, "--json"))
    assert [p["name"] for p in data["participants"]] == ["[bold]x", "\x1b[31mred"]


@pytest.mark.parametrize(
    "args",
    [
        NEW_YORK_LONDON_KOLKATA,
        (*NO_WINDOW, "--recurring"),
        RECURRING,
        (
            "--zone",
            "a-very-long-label-for-someone=Australia/Lord_Howe",
            "--zone",
            "Asia/Kathmandu",
            "--zone",
            "Pacific/Chatham",
            "--zone",
            "America/St_Johns",
            "--zone",
            "Pacific/Kiritimati mon-sun 00:00-24:00",
            "--from",
            "2026-04-01",
            "--days",
            "7",
            "--tz",
            "Australia/Adelaide",
            "--min",
            "15",
        ),
    ],
)
def test_fits_in_80_columns(run: Run, args: tuple[str, ...]) -> None:
    outcome = run("schedule", *args, env={"COLUMNS": "80"})
    assert outcome.code == 0, outcome.err
    assert max(len(line) for line in outcome.out.splitlines()) <= 80


def test_help_shows_the_zone_form(run: Run) -> None:
    outcome = run("schedule", "--help")
    assert outcome.code == 0
    assert "[LABEL=]ZONE [HOURS]" in outcome.out and "--recurring" in outcome.out


def test_a_day_the_display_zone_skips_is_said_to_be_skipped(run: Run) -> None:
    # Samoa moved across the date line: Pacific/Apia has no 30 December 2011.
    args = (
        "--zone",
        "a=Pacific/Apia 00:00-24:00",
        "--zone",
        "b=Pacific/Auckland 00:00-24:00",
        "--tz",
        "Pacific/Apia",
        "--from",
        "2011-12-29",
        "--days",
        "3",
    )
    outcome = run("schedule", *args)
    assert outcome.code == 0, outcome.err
    lines = outcome.out.splitlines()
    assert "Fri 30 Dec: skipped, the display zone's clock jumps over it" in lines
    assert not any(line.startswith("Fri 30 Dec ") for line in lines)
    data = as_json(run("schedule", *args, "--json"))
    skipped = [n for n in data["notices"] if n["date"] == "2011-12-30"]
    assert len(skipped) == 1
    assert "does not exist in Pacific/Apia" in skipped[0]["text"]
    assert "skipped" in skipped[0]["text"]


def test_no_notice_without_a_window_and_one_for_the_change_night(run: Run) -> None:
    none = as_json(run("schedule", *NO_WINDOW, "--from", "2026-03-02", "--days", "35", "--json"))
    assert none["windows"] == [] and none["notices"] == []
    night = as_json(
        run(
            "schedule",
            "--zone",
            "ny=America/New_York mon-sun 01:00-04:00",
            "--zone",
            "all=Europe/London mon-sun 00:00-24:00",
            "--tz",
            "America/New_York",
            "--from",
            "2026-03-02",
            "--days",
            "14",
            "--json",
        )
    )
    assert [n["date"] for n in night["notices"]] == ["2026-03-08"]
    assert "3 h to 2 h" in night["notices"][0]["text"]


def test_a_weekly_slot_across_midnight_is_one_slot(run: Run) -> None:
    args = (
        "--zone",
        "ny=America/New_York mon-sun 22:00-02:00",
        "--zone",
        "Europe/London mon-sun 00:00-24:00",
        "--from",
        "2026-01-05",
        "--days",
        "14",
        "--tz",
        "America/New_York",
        "--min",
        "180",
        "--recurring",
    )
    data = as_json(run("schedule", *args, "--json"))
    assert {(s["start"], s["end"], s["minutes"]) for s in data["recurring"]} == {
        ("22:00", "02:00", 240)
    }
    assert len(data["recurring"]) == 7
    outcome = run("schedule", *args)
    assert outcome.code == 0 and "22:00-02:00" in outcome.out


def test_at_explains_one_moment_for_each_participant(run: Run) -> None:
    asked = ("--zone", "ny=America/New_York mon-fri 01:00-04:00", "--zone", "ldn=Europe/London")
    outcome = run("schedule", *asked, "--at", "2026-03-08 07:20", "--tz", "UTC")
    assert outcome.code == 0, outcome.err
    text = " ".join(outcome.out.split())
    assert text.startswith("At Sun 8 Mar 2026 07:20 (UTC) - ny: Sun 03:20 in America/New_York")
    assert "their clock has just jumped from 02:00 to 03:00" in text
    data = as_json(run("schedule", *asked, "--at", "2026-03-10 15:00", "--tz", "UTC", "--json"))
    assert data["at"] == "2026-03-10T15:00:00+00:00"
    ny, ldn = data["participants"]
    assert ldn == {
        "name": "ldn",
        "timezone": "Europe/London",
        "local": "2026-03-10T15:00:00+00:00",
        "state": "inside",
        "note": "",
        "last_end": None,
        "next_start": None,
        "minutes_since_end": None,
        "minutes_until_start": None,
        "clock_skipped": None,
    }
    assert ny["state"] == "outside" and ny["minutes_since_end"] == 420
    assert ny["next_start"] == "2026-03-11T01:00:00-04:00"
    assert run("schedule", *asked, "--at", "2026-03-08 02:30", "--tz", "America/New_York").code == 2


ROTATE = (
    "--zone",
    "ldn=Europe/London",
    "--zone",
    "tyo=Asia/Tokyo",
    "--zone",
    "la=America/Los_Angeles",
    "--from",
    "2026-03-02",
    "--tz",
    "UTC",
    "--rotate",
    "3",
)


def test_rotate_takes_turns_and_keeps_a_tally(run: Run) -> None:
    data = as_json(run("schedule", *ROTATE, "--json"))
    assert set(data) == {
        "from",
        "weeks",
        "tz",
        "min_minutes",
        "night_weight",
        "proven",
        "participants",
        "rotation",
        "tally",
    }
    assert (data["from"], data["weeks"], data["night_weight"], data["proven"]) == (
        "2026-03-02",
        3,
        3,
        True,
    )
    assert [week["week"] for week in data["rotation"]] == ["2026-03-02", "2026-03-09", "2026-03-16"]
    # Each week a different person pays the most: Tokyo, then Los Angeles, then London.
    payers = [max(w["people"], key=lambda n: w["people"][n]["cost"]) for w in data["rotation"]]
    assert payers == ["tyo", "la", "ldn"]
    first = data["rotation"][0]
    assert {key: first[key] for key in ("start", "end", "minutes", "cost")} == {
        "start": "2026-03-02T17:00:00+00:00",
        "end": "2026-03-02T17:30:00+00:00",
        "minutes": 30,
        "cost": 540,
    }
    assert first["people"]["tyo"] == {
        "start": "2026-03-03T02:00:00+09:00",
        "end": "2026-03-03T02:30:00+09:00",
        "side": "early",
        "pushed_minutes": 420,
        "night_minutes": 30,
        "cost": 510,
    }
    assert data["tally"] == {
        "ldn": {"cost": 585, "pushed_minutes": 495, "night_minutes": 30, "weeks_outside": 3},
        "tyo": {"cost": 585, "pushed_minutes": 495, "night_minutes": 30, "weeks_outside": 3},
        "la": {"cost": 555, "pushed_minutes": 465, "night_minutes": 30, "weeks_outside": 1},
    }
    for name, tally in data["tally"].items():
        assert tally["cost"] == sum(w["people"][name]["cost"] for w in data["rotation"])


def test_rotate_says_one_line_a_week_and_the_tally(run: Run) -> None:
    outcome = run("schedule", *ROTATE, env={"COLUMNS": "200"})
    assert outcome.code == 0, outcome.err
    lines = outcome.out.splitlines()
    assert lines[0] == "A fair rotation for ldn, tyo, la"
    assert (
        "Week 1: Mon 2 Mar 17:00-17:30: ldn 17:00-17:30 (30 min late); "
        "tyo Tue 02:00-02:30 (7 h early, 30 min at night); la 09:00-09:30 (within their hours)"
    ) in lines
    assert any(line.startswith("Week 3: Mon 16 Mar 23:30-24:00: ldn 23:30-24:00") for line in lines)
    assert (
        "- la: 9 h 15 min (7 h 45 min pushed, 30 min at night), outside their hours in 1 of 3 weeks"
    ) in lines
    narrow = run("schedule", *ROTATE, env={"COLUMNS": "80"})
    assert max(len(line) for line in narrow.out.splitlines()) <= 80


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--rotate", "1"), 'bad --rotate "1": expected a whole number of weeks from 2 to 12'),
        (("--rotate", "13"), 'bad --rotate "13"'),
        (("--rotate", "2", "--days", "14"), "cannot be combined with --days"),
        (("--rotate", "2", "--recurring"), "cannot be combined with --recurring"),
        (("--rotate", "2", "--at", "2026-03-02 10:00"), "cannot be combined with --at"),
        (("--rotate", "2", "--min", "0"), 'bad --min "0"'),
    ],
)
def test_bad_rotate_exits_2_with_one_line(run: Run, extra: tuple[str, ...], message: str) -> None:
    outcome = run("schedule", "--zone", "UTC", "--zone", "Asia/Tokyo", *extra)
    assert outcome.code == 2
    assert outcome.out == ""
    assert outcome.err.startswith("mentor: ") and outcome.err.count("\n") == 1
    assert message in outcome.err


def test_a_stretch_into_someones_own_sleep_costs_them_more(people: Run) -> None:
    args = ("ldn", "kim", "lea", "--from", "2026-01-12", "--days", "1", "--tz", "UTC", "--json")
    assert people("person", "add", "ldn", "--tz", "Europe/London").code == 0
    assert people("person", "add", "kim", "--tz", "Asia/Tokyo").code == 0
    assert people("person", "add", "lea", "--tz", "America/Los_Angeles").code == 0
    usual = as_json(people("schedule", *args))["stretch"][0]
    assert usual["people"]["kim"]["night_minutes"] == 30
    # Kim sleeps until 05:00 only: early starts from 05:00 are no longer at night for them.
    assert people("person", "edit", "kim", "--sleep", "21:00-05:00").code == 0
    early = as_json(people("schedule", *args))["stretch"][0]
    assert early["people"]["kim"]["night_minutes"] == 0
    assert early["cost"] < usual["cost"]
    rotation = as_json(
        people("schedule", *args[:2], "--from", "2026-01-12", "--rotate", "2", "--json")
    )
    assert all(w["people"]["kim"]["night_minutes"] == 0 for w in rotation["rotation"])
