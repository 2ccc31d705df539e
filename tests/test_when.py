"""Dates and datetimes as users type them: forms, refusals, weekdays, DST gaps and folds."""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorcli.errors import BadInput
from mentorcli.when import from_utc_iso, parse_date, parse_datetime, to_utc_iso

TUESDAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 17, 0, tzinfo=UTC)  # 12:00 in New York
NY = "America/New_York"
WEEKDAY_SPELLINGS = {
    0: ["mon", "monday", "Mon", "MONDAY"],
    1: ["tue", "tues", "tuesday", "Tue"],
    2: ["wed", "weds", "wednesday"],
    3: ["thu", "thur", "thurs", "thursday"],
    4: ["fri", "friday"],
    5: ["sat", "saturday"],
    6: ["sun", "sunday", "Sunday"],
}
DST_ZONES = [
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/St_Johns",
]


def refusal(call: object, *args: object, **kwargs: object) -> str:
    assert callable(call)
    with pytest.raises(BadInput) as refused:
        call(*args, **kwargs)
    return str(refused.value)


def assert_one_line(message: str) -> None:
    assert message
    assert len(message.splitlines()) == 1
    assert "\n" not in message and "\r" not in message


# Dates


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-24", date(2026, 11, 24)),
        (" 2026-01-05 ", date(2026, 1, 5)),
        ("2026-1-5", date(2026, 1, 5)),
        ("today", TUESDAY),
        ("Today", TUESDAY),
        ("yesterday", date(2026, 11, 23)),
        ("tomorrow", date(2026, 11, 25)),
        ("24 Nov 2026", date(2026, 11, 24)),
        ("Nov 24 2026", date(2026, 11, 24)),
        ("November 24, 2026", date(2026, 11, 24)),
        ("24th of November 2026", date(2026, 11, 24)),
        ("Tue 24 Nov 2026", date(2026, 11, 24)),
        ("1 may 2027", date(2027, 5, 1)),
        ("29 Feb 2028", date(2028, 2, 29)),
    ],
)
def test_date_forms(typed: str, expected: date) -> None:
    assert parse_date(typed, TUESDAY) == expected


# Stored dates keep to 1900-2200 (services/checks.py); the grammar is tested across it.
IN_RANGE = {"min_value": date(1900, 1, 8), "max_value": date(2200, 12, 24)}


@given(st.dates(**IN_RANGE))
def test_every_iso_date_round_trips(day: date) -> None:
    assert parse_date(day.isoformat(), TUESDAY) == day


@given(st.dates(**IN_RANGE), st.sampled_from(["%d %b %Y", "%b %d %Y", "%B %d, %Y"]))
def test_month_name_forms_read_back(day: date, form: str) -> None:
    assert parse_date(day.strftime(form), TUESDAY) == day


def test_weekday_on_its_own_day_is_today_both_ways() -> None:
    assert parse_date("tue", TUESDAY) == TUESDAY
    assert parse_date("tue", TUESDAY, past=True) == TUESDAY


def test_weekday_looks_forward_for_future_fields_and_back_for_past_ones() -> None:
    assert parse_date("wed", TUESDAY) == date(2026, 11, 25)
    assert parse_date("mon", TUESDAY) == date(2026, 11, 30)
    assert parse_date("wed", TUESDAY, past=True) == date(2026, 11, 18)
    assert parse_date("mon", TUESDAY, past=True) == date(2026, 11, 23)


@given(
    st.dates(**IN_RANGE),
    st.integers(0, 6),
    st.booleans(),
    st.data(),
)
def test_weekday_is_the_nearest_such_day_in_the_right_direction(
    today: date, weekday: int, past: bool, data: st.DataObject
) -> None:
    spelling = data.draw(st.sampled_from(WEEKDAY_SPELLINGS[weekday]))
    found = parse_date(spelling, today, past=past)
    assert found.weekday() == weekday
    distance = (today - found).days if past else (found - today).days
    assert 0 <= distance <= 6
    for other in WEEKDAY_SPELLINGS[weekday]:
        assert parse_date(other, today, past=past) == found


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12/01/2026", '"12/01/2026" is ambiguous: use ISO 2026-12-01 or 2026-01-12'),
        ("01-12-2026", '"01-12-2026" is ambiguous: use ISO 2026-01-12 or 2026-12-01'),
        ("01.12.2026", '"01.12.2026" is ambiguous: use ISO 2026-01-12 or 2026-12-01'),
        ("13/01/2026", '"13/01/2026" is not an ISO date: use ISO 2026-01-13'),
        ("05/05/2026", '"05/05/2026" is not an ISO date: use ISO 2026-05-05'),
        ("2026/11/24", '"2026/11/24" is not an ISO date: use ISO 2026-11-24'),
        ("20261124", '"20261124" is not an ISO date: use ISO 2026-11-24'),
        ("12/01/26", '"12/01/26" is ambiguous: use ISO YYYY-MM-DD'),
        ("12/01", '"12/01" is ambiguous: use ISO YYYY-MM-DD'),
        ("2026-02-30", '"2026-02-30" is not a date: February 2026 has 28 days'),
        ("2028-02-30", '"2028-02-30" is not a date: February 2028 has 29 days'),
        ("2026-04-31", '"2026-04-31" is not a date: April 2026 has 30 days'),
        ("2026-13-01", '"2026-13-01" is not a date: months run from 01 to 12'),
        ("0000-01-01", '"0000-01-01" is not a date: years run from 0001 to 9999'),
        ("30 Feb 2026", '"30 Feb 2026" is not a date: February 2026 has 28 days'),
        ("Mon 24 Nov 2026", '"Mon 24 Nov 2026" does not add up: 2026-11-24 is a Tuesday'),
        (
            "garbage",
            '"garbage" is not a date: use YYYY-MM-DD, today, yesterday, tomorrow, tue, '
            "next fri, last tue, in 2 weeks, 3 days ago, Dec 1 or 24 Nov 2026",
        ),
        (
            "",
            "date is empty: use YYYY-MM-DD, today, yesterday, tomorrow, tue, next fri, "
            "last tue, in 2 weeks, 3 days ago, Dec 1 or 24 Nov 2026",
        ),
    ],
)
def test_date_refusals_name_the_value_and_the_fix(typed: str, message: str) -> None:
    assert refusal(parse_date, typed, TUESDAY) == message


@pytest.mark.parametrize(
    "typed",
    ["Nov 2026", "24 Nov 26", "24 25 Nov", "24 Nov 2026 EST", "24 Nov 2026 +0500", "Nov 24 25"],
)
def test_incomplete_or_ambiguous_month_name_dates_are_refused(typed: str) -> None:
    assert_one_line(refusal(parse_date, typed, TUESDAY))


def test_a_control_character_in_a_refusal_is_shown_escaped() -> None:
    message = refusal(parse_date, "next\x1b[31m\nweek", TUESDAY)
    assert_one_line(message)
    assert "\\x1b" in message and "\x1b" not in message


def test_relative_words_at_the_ends_of_the_calendar_are_refused() -> None:
    assert_one_line(refusal(parse_date, "tomorrow", date.max))
    assert_one_line(refusal(parse_date, "sun", date.max - timedelta(days=1)))
    assert_one_line(refusal(parse_date, "yesterday", date.min))


# Structured junk reaches the deeper paths (month names, times, offsets) far more often
# than uniformly random text does.
TOKENS = [
    "24", "2026", "nov", "November", "tue", "Tuesday", "3pm", "15:30", "12am", "at", "of",
    "the", ",", ".", "-", "/", "12/01/2026", "2026-11-24", "T", "Z", "+05:00", "-0430",
    "2026-11-24T15:30", "today", "now", "0", "99", "feb", "30", "29", "2028", "9999", "0001",
    "24th", "1st", "may", "sept", "25:00", "p.m.", "\n", "\x00", "٢٠٢٦", "EST", "UTC",
    "next", "last", "in", "ago", "a", "an", "days", "week", "months", "year", "eow", "eom",
    "fri", "dec", "1", "99999999999", "٣",
]  # fmt: skip
junk = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(TOKENS), max_size=6).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=4).map("".join),
)


@given(junk, st.dates(), st.booleans())
def test_any_text_is_a_date_or_a_one_line_refusal(text: str, today: date, past: bool) -> None:
    try:
        found = parse_date(text, today, past=past)
    except BadInput as refused:
        assert_one_line(str(refused))
    else:
        assert isinstance(found, date)


# Dates as people say them


@pytest.mark.parametrize(
    ("typed", "future", "past"),
    [
        ("next fri", date(2026, 11, 27), date(2026, 11, 27)),
        ("next tue", date(2026, 12, 1), date(2026, 12, 1)),
        ("Next  Tuesday", date(2026, 12, 1), date(2026, 12, 1)),
        ("last tue", date(2026, 11, 17), date(2026, 11, 17)),
        ("last wed", date(2026, 11, 18), date(2026, 11, 18)),
        ("last mon", date(2026, 11, 23), date(2026, 11, 23)),
        ("in 2 weeks", date(2026, 12, 8), date(2026, 12, 8)),
        ("in 1 day", date(2026, 11, 25), date(2026, 11, 25)),
        ("in a week", date(2026, 12, 1), date(2026, 12, 1)),
        ("in 0 days", TUESDAY, TUESDAY),
        ("3 days ago", date(2026, 11, 21), date(2026, 11, 21)),
        ("a week ago", date(2026, 11, 17), date(2026, 11, 17)),
        ("in 3 months", date(2027, 2, 24), date(2027, 2, 24)),
        ("2 years ago", date(2024, 11, 24), date(2024, 11, 24)),
        ("Dec 1", date(2026, 12, 1), date(2025, 12, 1)),
        ("1st of December", date(2026, 12, 1), date(2025, 12, 1)),
        ("Nov 24", TUESDAY, TUESDAY),
        ("24 nov", TUESDAY, TUESDAY),
        ("Jan 5", date(2027, 1, 5), date(2026, 1, 5)),
        ("29 Feb", date(2028, 2, 29), date(2024, 2, 29)),
        ("Tue 1 Dec", date(2026, 12, 1), None),
        ("Mon 1 Dec", None, date(2025, 12, 1)),
    ],
)
def test_spoken_date_forms(typed: str, future: date | None, past: date | None) -> None:
    for direction, expected in ((False, future), (True, past)):
        if expected is None:
            assert "does not add up" in refusal(parse_date, typed, TUESDAY, past=direction)
        else:
            assert parse_date(typed, TUESDAY, past=direction) == expected


def test_a_month_later_than_a_long_month_is_the_last_day() -> None:
    assert parse_date("in 1 month", date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_date("1 month ago", date(2028, 3, 31)) == date(2028, 2, 29)
    assert parse_date("in 1 year", date(2028, 2, 29)) == date(2029, 2, 28)


def test_end_of_week_and_month_are_for_due_dates() -> None:
    assert parse_date("eow", TUESDAY) == date(2026, 11, 29)
    assert parse_date("EOW", date(2026, 11, 29)) == date(2026, 11, 29)
    assert parse_date("eom", TUESDAY) == date(2026, 11, 30)
    assert parse_date("eom", date(2026, 11, 30)) == date(2026, 11, 30)
    assert parse_date("eom", date(2028, 2, 3)) == date(2028, 2, 29)
    assert refusal(parse_date, "eow", TUESDAY, past=True) == (
        '"eow" is for due dates: here use a past date, e.g. last fri or 3 days ago'
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("30 Feb", '"30 Feb" is not a date: February has 29 days'),
        ("31 april", '"31 april" is not a date: April has 30 days'),
        ("in 99999999999 days", '"in 99999999999 days" is outside the calendar (years 1 to 9999)'),
        ("in 8000 years", '"in 8000 years" is outside the calendar (years 1 to 9999)'),
        ("in 3000000 days", '"in 3000000 days" is outside the calendar (years 1 to 9999)'),
        ("next week", None),
        ("next", None),
        ("in two weeks", None),
        ("2 fortnights ago", None),
        ("last 3 days", None),
    ],
)
def test_spoken_date_refusals(typed: str, message: str | None) -> None:
    found = refusal(parse_date, typed, TUESDAY)
    assert_one_line(found)
    assert found == (message or f'"{typed}" is not a date: {found.split(": ", 1)[1]}')


# Today anywhere in the stored range; a date a form then names outside it is refused.
within_calendar = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


def assert_parsed(typed: str, today: date, past: bool, expected: date) -> None:
    """The date `typed` names, or the range's refusal when that date is outside 1900-2200."""
    if date(1900, 1, 1) <= expected <= date(2200, 12, 31):
        assert parse_date(typed, today, past=past) == expected
    else:
        assert "out of range" in refusal(parse_date, typed, today, past=past)


@given(within_calendar, st.integers(0, 6), st.booleans())
def test_next_and_last_weekday_match_a_day_by_day_walk(
    today: date, weekday: int, forward: bool
) -> None:
    step = timedelta(days=1 if forward else -1)
    expected = today + step
    while expected.weekday() != weekday:
        expected += step
    typed = f"{'next' if forward else 'last'} {WEEKDAY_SPELLINGS[weekday][0]}"
    for past in (False, True):
        assert_parsed(typed, today, past, expected)


@given(
    within_calendar,
    st.integers(0, 400),
    st.sampled_from(["day", "week", "month", "year"]),
    st.booleans(),
)
def test_counted_dates_match_a_reference(today: date, count: int, unit: str, ago: bool) -> None:
    plural = unit if count == 1 else unit + "s"
    typed = f"{count} {plural} ago" if ago else f"in {count} {plural}"
    sign = -1 if ago else 1
    if unit in ("day", "week"):
        try:
            expected = today + timedelta(days=sign * count * (7 if unit == "week" else 1))
        except OverflowError:
            assert "outside the calendar" in refusal(parse_date, typed, today)
            return
    else:
        months = sign * count * (12 if unit == "year" else 1)
        year, month = today.year, today.month
        for _ in range(abs(months)):  # one month at a time
            month += 1 if sign > 0 else -1
            if month == 13:
                year, month = year + 1, 1
            elif month == 0:
                year, month = year - 1, 12
        if not 1 <= year <= 9999:
            assert "outside the calendar" in refusal(parse_date, typed, today)
            return
        day = today.day
        while True:
            try:
                expected = date(year, month, day)
                break
            except ValueError:
                day -= 1
    assert_parsed(typed, today, False, expected)
    assert_parsed(typed, today, True, expected)


@given(within_calendar, st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)))
def test_a_month_day_without_a_year_is_the_nearest_one_in_the_fields_direction(
    today: date, month_day: date
) -> None:
    """2000 is a leap year, so every month and day, 29 Feb included, is drawn."""
    typed = month_day.strftime("%b %d")
    for past in (False, True):
        step = timedelta(days=-1 if past else 1)
        expected = today
        while (expected.month, expected.day) != (month_day.month, month_day.day):
            expected += step
        assert_parsed(typed, today, past, expected)


@given(within_calendar)
def test_eow_and_eom_match_a_day_by_day_walk(today: date) -> None:
    sunday = today
    while sunday.weekday() != 6:  # the week starts on Monday
        sunday += timedelta(days=1)
    assert_parsed("eow", today, False, sunday)
    last = today
    while (last + timedelta(days=1)).month == today.month:
        last += timedelta(days=1)
    assert_parsed("eom", today, False, last)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3 days ago 15:00", datetime(2026, 11, 21, 15, 0)),
        ("next fri 09:30", datetime(2026, 11, 27, 9, 30)),
        ("last tue at 3pm", datetime(2026, 11, 17, 15, 0)),
        ("in 2 weeks 10am", datetime(2026, 12, 8, 10, 0)),
        ("Dec 1 15:30", datetime(2026, 12, 1, 15, 30)),
        ("14:00 2 days ago", datetime(2026, 11, 22, 14, 0)),
    ],
)
def test_spoken_dates_take_a_time(typed: str, expected: datetime) -> None:
    assert parse_datetime(typed, NOW, NY, past=False) == expected.replace(tzinfo=ZoneInfo(NY))


def test_a_spoken_date_without_a_time_is_refused_as_a_datetime() -> None:
    assert refusal(parse_datetime, "3 days ago", NOW, NY) == (
        '"3 days ago" has no time of day: add one, e.g. "3 days ago 15:30"'
    )
    assert "for due dates" in refusal(parse_datetime, "eow 17:00", NOW, NY, past=True)
    assert parse_datetime("eow 17:00", NOW, NY, past=False).date() == date(2026, 11, 29)


# Datetimes


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-24 15:30", datetime(2026, 11, 24, 15, 30)),
        ("2026-11-24T15:30", datetime(2026, 11, 24, 15, 30)),
        ("2026-11-24T15:30:45", datetime(2026, 11, 24, 15, 30, 45)),
        ("yesterday 3pm", datetime(2026, 11, 23, 15, 0)),
        ("yesterday at 3:30 p.m.", datetime(2026, 11, 23, 15, 30)),
        ("tue 09:30", datetime(2026, 11, 24, 9, 30)),
        ("mon 09:30", datetime(2026, 11, 23, 9, 30)),
        ("today 15:00", datetime(2026, 11, 24, 15, 0)),
        ("15:00 today", datetime(2026, 11, 24, 15, 0)),
        ("12am", datetime(2026, 11, 24, 0, 0)),
        ("12pm", datetime(2026, 11, 24, 12, 0)),
        ("24 Nov 2026 3pm", datetime(2026, 11, 24, 15, 0)),
        ("November 24, 2026 15:30", datetime(2026, 11, 24, 15, 30)),
    ],
)
def test_datetime_forms_are_wall_time_in_the_zone(typed: str, expected: datetime) -> None:
    found = parse_datetime(typed, NOW, NY)
    assert found == expected.replace(tzinfo=ZoneInfo(NY))
    assert found.tzinfo == ZoneInfo(NY)


def test_weekday_in_a_datetime_follows_the_past_flag() -> None:
    assert parse_datetime("mon 09:30", NOW, NY, past=False).date() == date(2026, 11, 30)


def test_today_is_the_zones_today() -> None:
    late = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # still the 24th in New York
    assert parse_datetime("today 15:00", late, NY).date() == date(2026, 11, 24)
    assert parse_datetime("today 15:00", late, "Asia/Tokyo").date() == date(2026, 11, 25)


def test_now_is_the_clock() -> None:
    found = parse_datetime("now", NOW, NY)
    assert found == NOW
    assert found.tzinfo == ZoneInfo(NY)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-01T01:30:00-04:00", datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
        ("2026-11-01T01:30-05:00", datetime(2026, 11, 1, 6, 30, tzinfo=UTC)),
        ("2026-11-24T15:30:00Z", datetime(2026, 11, 24, 15, 30, tzinfo=UTC)),
        ("2026-11-24 15:30+0530", datetime(2026, 11, 24, 10, 0, tzinfo=UTC)),
        ("2026-11-24T15:30:00.250+00:00", datetime(2026, 11, 24, 15, 30, 0, 250000, tzinfo=UTC)),
    ],
)
def test_an_offset_fixes_the_instant(typed: str, expected: datetime) -> None:
    found = parse_datetime(typed, NOW, NY)
    assert found == expected
    assert found.utcoffset() == timedelta(0) or found.tzinfo != ZoneInfo(NY)


def test_the_typed_offset_is_kept() -> None:
    found = parse_datetime("2026-11-01T01:30:00-04:00", NOW, NY)
    assert found.tzinfo == timezone(timedelta(hours=-4))


def test_a_time_in_a_dst_gap_is_refused() -> None:
    assert refusal(parse_datetime, "2026-03-08 02:30", NOW, NY) == (
        "2026-03-08 02:30 does not exist in America/New_York "
        "(clocks jump from 02:00 to 03:00); use 03:30 or give an offset"
    )


def test_a_time_that_happens_twice_is_refused_with_both() -> None:
    assert refusal(parse_datetime, "2026-11-01 01:30", NOW, NY) == (
        "2026-11-01 01:30 happens twice in America/New_York: "
        "2026-11-01T01:30-04:00 or 2026-11-01T01:30-05:00; give one of these"
    )


def test_lord_howe_half_hour_gap_and_fold() -> None:
    assert refusal(parse_datetime, "2026-10-04 02:15", NOW, "Australia/Lord_Howe") == (
        "2026-10-04 02:15 does not exist in Australia/Lord_Howe "
        "(clocks jump from 02:00 to 02:30); use 02:45 or give an offset"
    )
    assert "2026-04-05T01:45+11:00 or 2026-04-05T01:45+10:30" in refusal(
        parse_datetime, "2026-04-05 01:45", NOW, "Australia/Lord_Howe"
    )


def test_a_skipped_day_names_the_dates() -> None:
    # Samoa moved across the date line: 2011-12-30 never happened in Apia.
    assert refusal(parse_datetime, "2011-12-30 10:00", NOW, "Pacific/Apia") == (
        "2011-12-30 10:00 does not exist in Pacific/Apia (clocks jump from "
        "2011-12-30 00:00 to 2011-12-31 00:00); use 2011-12-31 10:00 or give an offset"
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("yesterday", '"yesterday" has no time of day: add one, e.g. "yesterday 15:30"'),
        ("2026-11-24", '"2026-11-24" has no time of day: add one, e.g. "2026-11-24 15:30"'),
        ("25:00", '"25:00" has no such time: use 00:00 to 23:59'),
        ("today 13pm", '"today 13pm" has no such time: use 12am to 11:59pm, or 00:00 to 23:59'),
        ("2026-02-30 10:00", '"2026-02-30" is not a date: February 2026 has 28 days'),
        ("12/01/2026 10:00", '"12/01/2026" is ambiguous: use ISO 2026-12-01 or 2026-01-12'),
        (
            "2026-11-24T15:30+25:00",
            '"2026-11-24T15:30+25:00" has no such offset: use -23:59 to +23:59',
        ),
        (
            "",
            "date and time is empty: use e.g. 2026-11-24 15:30, yesterday 3pm, next fri 09:30 "
            "or now",
        ),
    ],
)
def test_datetime_refusals(typed: str, message: str) -> None:
    assert refusal(parse_datetime, typed, NOW, NY) == message


def test_an_unknown_zone_is_bad_input() -> None:
    assert "Europe/London" in refusal(parse_datetime, "today 10:00", NOW, "Europe/Londn")


def test_a_naive_clock_is_a_bug_not_bad_input() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_datetime("now", datetime(2026, 1, 1), NY)


@given(
    junk,
    st.datetimes(
        min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
    st.sampled_from([*DST_ZONES, "UTC", "Asia/Kolkata"]),
    st.booleans(),
)
def test_any_text_is_a_datetime_or_a_one_line_refusal(
    text: str, now: datetime, zone: str, past: bool
) -> None:
    try:
        found = parse_datetime(text, now, zone, past=past)
    except BadInput as refused:
        assert_one_line(str(refused))
    else:
        assert found.utcoffset() is not None


# DST gaps and folds against a brute-force reference


@functools.cache
def transitions(zone: str) -> list[tuple[datetime, timedelta, timedelta]]:
    """(UTC instant, offset before, offset after) for every change in 2024-2028, by bisection."""
    tz = ZoneInfo(zone)
    found = []
    day = datetime(2024, 1, 1, tzinfo=UTC)
    while day < datetime(2029, 1, 1, tzinfo=UTC):
        nxt = day + timedelta(days=1)
        if day.astimezone(tz).utcoffset() != nxt.astimezone(tz).utcoffset():
            low, high = day, nxt
            while high - low > timedelta(seconds=1):
                middle = (low + (high - low) / 2).replace(microsecond=0)
                if middle.astimezone(tz).utcoffset() == low.astimezone(tz).utcoffset():
                    low = middle
                else:
                    high = middle
            before = low.astimezone(tz).utcoffset()
            after = high.astimezone(tz).utcoffset()
            assert before is not None and after is not None
            found.append((high, before, after))
        day = nxt
    return found


def instants_showing(wall: datetime, zone: str) -> list[datetime]:
    """Every instant whose wall clock in `zone` reads `wall`: try each nearby offset."""
    tz = ZoneInfo(zone)
    as_utc = wall.replace(tzinfo=UTC)
    offsets = {
        (as_utc + timedelta(minutes=30 * k)).astimezone(tz).utcoffset() for k in range(-60, 61)
    }
    candidates = {as_utc - offset for offset in offsets if offset is not None}
    return sorted(c for c in candidates if c.astimezone(tz).replace(tzinfo=None) == wall)


@st.composite
def walls_near_transitions(draw: st.DrawFn) -> tuple[str, datetime]:
    zone = draw(st.sampled_from(DST_ZONES))
    instant, before, _ = draw(st.sampled_from(transitions(zone)))
    wall_before = (instant + before).replace(tzinfo=None)
    return zone, wall_before.replace(second=0) + timedelta(minutes=draw(st.integers(-150, 150)))


@given(walls_near_transitions())
def test_local_times_near_transitions_match_a_brute_force_reference(
    case: tuple[str, datetime],
) -> None:
    zone, wall = case
    typed = wall.strftime("%Y-%m-%d %H:%M")
    expected = instants_showing(wall, zone)
    if len(expected) == 1:
        found = parse_datetime(typed, NOW, zone)
        assert found == expected[0]
        assert found.replace(tzinfo=None) == wall
        return
    message = refusal(parse_datetime, typed, NOW, zone)
    if not expected:
        assert message.startswith(f"{typed} does not exist in {zone} (clocks jump from ")
        suggested = re.search(r"; use (\d\d:\d\d) or give an offset$", message)
        assert suggested, message
        later = parse_datetime(f"{wall:%Y-%m-%d} {suggested[1]}", NOW, zone)
        assert later.replace(tzinfo=None) > wall
    else:
        first, second = (e.astimezone(ZoneInfo(zone)) for e in expected)
        stamps = [moment.isoformat(timespec="minutes") for moment in (first, second)]
        assert message == (
            f"{typed} happens twice in {zone}: {stamps[0]} or {stamps[1]}; give one of these"
        )
        # Each listed choice is accepted as typed and means its own instant.
        assert [parse_datetime(stamp, NOW, zone) for stamp in stamps] == expected


def test_the_reference_zones_have_transitions() -> None:
    for zone in DST_ZONES:
        assert len(transitions(zone)) >= 8, zone


# Storage round trip


def test_to_utc_iso() -> None:
    moment = datetime(2026, 11, 24, 10, 30, tzinfo=ZoneInfo(NY))
    assert to_utc_iso(moment) == "2026-11-24T15:30:00+00:00"
    with pytest.raises(ValueError, match="aware"):
        to_utc_iso(datetime(2026, 11, 24, 10, 30))


@given(
    st.datetimes(
        min_value=datetime(2, 1, 1),
        max_value=datetime(9998, 12, 31),
        timezones=st.sampled_from([UTC, *map(ZoneInfo, DST_ZONES)]),
    )
)
def test_utc_iso_round_trips_to_the_second(moment: datetime) -> None:
    back = from_utc_iso(to_utc_iso(moment))
    assert back == moment.astimezone(UTC).replace(microsecond=0)
    assert back.tzinfo is UTC


def test_from_utc_iso_reads_naive_as_utc_and_refuses_junk() -> None:
    assert from_utc_iso("2026-11-24T15:30:00") == datetime(2026, 11, 24, 15, 30, tzinfo=UTC)
    assert_one_line(refusal(from_utc_iso, "yesterday"))


def test_common_paths_do_not_import_dateutil() -> None:
    script = """
import sys
from datetime import date, datetime, timezone
from mentorcli import cadence, when, zones
now = datetime(2026, 11, 24, 17, tzinfo=timezone.utc)
when.parse_date("2026-11-24", now.date())
when.parse_date("today", now.date())
when.parse_date("tue", now.date(), past=True)
when.parse_datetime("yesterday 3pm", now, "America/New_York")
when.parse_datetime("2026-11-01T01:30:00-04:00", now, "America/New_York")
weekly = cadence.parse_cadence("weekly")
weekly.next_due(now, now)
weekly.occurrences(now, 3)
cadence.parse_cadence("every 2 weeks").approx_days()
zones.city(zones.local_zone_name())
loaded = sorted(name for name in sys.modules if name.startswith("dateutil"))
assert not loaded, loaded
"""
    subprocess.run([sys.executable, "-c", script], check=True)
