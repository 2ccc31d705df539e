"""Shared windows against a brute-force reference built from the one definition of availability."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcli.errors import BadInput
from mentorcli.hours import Hours, Span, parse_hours
from mentorcli.overlap import (
    Participant,
    Window,
    available_intervals,
    day_range,
    shared_windows,
)

ONE_MINUTE = timedelta(minutes=1)
ZONES = [
    "UTC",
    "America/New_York",
    "Europe/London",
    "Europe/Berlin",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Australia/Adelaide",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "America/St_Johns",
    "Pacific/Chatham",
    "America/Sao_Paulo",
    "Asia/Tokyo",
    "America/Los_Angeles",
    "Africa/Casablanca",
    # Clocks that change at midnight: Havana skips and repeats it, Beirut goes back across it.
    "America/Havana",
    "Asia/Beirut",
]
# Days when some zone above changes its clocks.
CHANGE_DATES = [
    date(2026, 2, 15),
    date(2026, 3, 8),
    date(2026, 3, 22),
    date(2026, 3, 29),
    date(2026, 4, 5),
    date(2026, 9, 27),
    date(2026, 10, 4),
    date(2026, 10, 24),
    date(2026, 10, 25),
    date(2026, 11, 1),
    date(2027, 3, 14),
]


# The brute-force reference: one minute at a time, straight from the definition.


def weekly_table(hours: Hours) -> list[bool]:
    """For each minute of the week from Monday 00:00, whether the hours cover it."""
    table = [False] * 7 * 1440
    for span in hours.spans:
        for day in span.days:
            if span.end > span.start:
                for minute in range(span.start, span.end):
                    table[day * 1440 + minute] = True
            else:
                for minute in range(span.start, 1440):
                    table[day * 1440 + minute] = True
                for minute in range(span.end):
                    table[(day + 1) % 7 * 1440 + minute] = True
    return table


@lru_cache(maxsize=8)
def local_times(zone: str, start: datetime, count: int) -> list[datetime]:
    """The wall-clock time in `zone` at each minute from `start`."""
    info = ZoneInfo(zone)
    return [(start + i * ONE_MINUTE).astimezone(info) for i in range(count)]


def available_minutes(p: Participant, start: datetime, end: datetime) -> list[bool]:
    table = weekly_table(p.hours)
    count = (end - start) // ONE_MINUTE
    return [
        table[local.weekday() * 1440 + local.hour * 60 + local.minute]
        for local in local_times(p.zone, start, count)
    ]


def runs(
    flags: Sequence[bool], start: datetime, min_minutes: int
) -> list[tuple[datetime, datetime]]:
    """The maximal runs of True minutes, at least min_minutes long, as instants."""
    found, run_start = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and run_start is None:
            run_start = i
        elif not flag and run_start is not None:
            if i - run_start >= min_minutes:
                found.append((start + run_start * ONE_MINUTE, start + i * ONE_MINUTE))
            run_start = None
    return found


def brute_windows(
    participants: Sequence[Participant], start: datetime, end: datetime, min_minutes: int
) -> list[tuple[datetime, datetime]]:
    per_person = [available_minutes(p, start, end) for p in participants]
    return runs([all(flags) for flags in zip(*per_person, strict=True)], start, min_minutes)


def spans_of(windows: list[Window]) -> list[tuple[datetime, datetime]]:
    return [(window.start, window.end) for window in windows]


# Strategies.

quarter_hours = st.integers(0, 95).map(lambda quarter: quarter * 15)
starts = st.one_of(quarter_hours, quarter_hours, st.integers(0, 1439))
ends = st.one_of(quarter_hours.map(lambda minute: minute + 15), st.integers(1, 1440))
spans = st.builds(Span, days=st.frozensets(st.integers(0, 6), min_size=1), start=starts, end=ends)
hours_values = st.lists(spans, min_size=1, max_size=3).map(Hours.from_spans)
participants = st.lists(
    st.builds(Participant, name=st.just("p"), zone=st.sampled_from(ZONES), hours=hours_values),
    min_size=1,
    max_size=4,
)
near_changes = st.tuples(st.sampled_from(CHANGE_DATES), st.integers(-3, 2)).map(
    lambda pair: pair[0] + timedelta(days=pair[1])
)
first_days = st.one_of(near_changes, near_changes, st.dates(date(2025, 1, 1), date(2027, 12, 31)))


@st.composite
def ranges(draw: st.DrawFn, max_days: int = 10) -> tuple[datetime, datetime]:
    """A range of whole days in some display zone, sometimes starting mid-day."""
    start, end = day_range(
        draw(first_days), draw(st.integers(1, max_days)), draw(st.sampled_from(ZONES))
    )
    late_start = start + draw(st.sampled_from([0, 0, draw(st.integers(0, 1439))])) * ONE_MINUTE
    return late_start, end


# Properties.


@settings(max_examples=150, deadline=None)
@given(participants, ranges(), st.sampled_from([1, 15, 30, 60]))
def test_shared_windows_match_brute_force(
    people: list[Participant], span: tuple[datetime, datetime], min_minutes: int
) -> None:
    start, end = span
    windows = shared_windows(people, start, end, min_minutes)
    assert spans_of(windows) == brute_windows(people, start, end, min_minutes)
    assert all(w.start.utcoffset() == timedelta(0) and w.minutes >= min_minutes for w in windows)
    for p in people:
        assert available_intervals(p, start, end) == runs(
            available_minutes(p, start, end), start, 1
        )


@settings(max_examples=200, deadline=None)
@given(first_days, st.integers(1, 10), st.sampled_from(ZONES))
def test_day_range_runs_from_first_instant_to_first_instant(
    first: date, days: int, zone: str
) -> None:
    start, end = day_range(first, days, zone)
    info = ZoneInfo(zone)
    assert start.utcoffset() == timedelta(0)
    for instant, day in ((start, first), (end, first + timedelta(days=days))):
        assert instant.astimezone(info).date() == day
        assert (instant - ONE_MINUTE).astimezone(info).date() < day


# Named cases: exact windows.


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def person(zone: str, hours: str = "09:00-17:00", name: str = "") -> Participant:
    return Participant(name or zone, zone, parse_hours(hours))


ALWAYS = person("UTC", "mon-sun 00:00-24:00", "always")


def daily(
    first: date, last: date, start: tuple[int, int], end: tuple[int, int]
) -> list[tuple[datetime, datetime]]:
    """The same UTC window on every weekday from first to last."""
    found = []
    day = first
    while day <= last:
        if day.weekday() < 5:
            found.append(
                (
                    utc(day.year, day.month, day.day, *start),
                    utc(day.year, day.month, day.day, *end),
                )
            )
        day += timedelta(days=1)
    return found


def test_new_york_and_london_across_both_march_changes() -> None:
    people = [person("America/New_York"), person("Europe/London")]
    start, end = day_range(date(2026, 3, 2), 35, "UTC")
    # US clocks go forward on 8 Mar, UK clocks on 29 Mar: for three weeks the
    # window is an hour longer.
    assert spans_of(shared_windows(people, start, end)) == [
        *daily(date(2026, 3, 2), date(2026, 3, 6), (14, 0), (17, 0)),
        *daily(date(2026, 3, 9), date(2026, 3, 27), (13, 0), (17, 0)),
        *daily(date(2026, 3, 30), date(2026, 4, 3), (13, 0), (16, 0)),
    ]
    assert spans_of(shared_windows(people, start, end)) == brute_windows(people, start, end, 30)


def test_sydney_and_berlin_across_both_october_changes() -> None:
    people = [person("Australia/Sydney", "07:00-19:00"), person("Europe/Berlin", "07:00-19:00")]
    start, end = day_range(date(2026, 9, 28), 35, "UTC")
    assert spans_of(shared_windows(people, start, end)) == [
        *daily(date(2026, 9, 28), date(2026, 10, 2), (5, 0), (9, 0)),
        *daily(date(2026, 10, 5), date(2026, 10, 23), (5, 0), (8, 0)),
        *daily(date(2026, 10, 26), date(2026, 10, 30), (6, 0), (8, 0)),
    ]


def test_kolkata_half_hour_offset() -> None:
    people = [person("Asia/Kolkata", "10:00-19:00"), person("America/New_York", "07:00-15:00")]
    start, end = day_range(date(2026, 1, 12), 7, "UTC")
    assert spans_of(shared_windows(people, start, end)) == daily(
        date(2026, 1, 12), date(2026, 1, 16), (12, 0), (13, 30)
    )


def test_kathmandu_quarter_hour_offset() -> None:
    people = [person("Asia/Kathmandu"), person("Europe/London")]
    start, end = day_range(date(2026, 1, 12), 7, "UTC")
    assert spans_of(shared_windows(people, start, end)) == daily(
        date(2026, 1, 12), date(2026, 1, 16), (9, 0), (11, 15)
    )


def test_lord_howe_half_hour_clock_changes() -> None:
    lord_howe = person("Australia/Lord_Howe", "sun 01:00-03:00")
    # 4 Oct 2026: 02:00 becomes 02:30, so the span is 90 minutes long.
    start, end = day_range(date(2026, 10, 3), 2, "UTC")
    assert spans_of(shared_windows([lord_howe, ALWAYS], start, end)) == [
        (utc(2026, 10, 3, 14, 30), utc(2026, 10, 3, 16, 0))
    ]
    # 5 Apr 2026: 02:00 becomes 01:30 again, so 01:30-02:00 happens twice: 150 minutes.
    start, end = day_range(date(2026, 4, 4), 2, "UTC")
    assert spans_of(shared_windows([lord_howe, ALWAYS], start, end)) == [
        (utc(2026, 4, 4, 14, 0), utc(2026, 4, 4, 16, 30))
    ]
    # Plain days: +10:30 before October, +11:00 after.
    every_day = person("Australia/Lord_Howe", "mon-sun 09:00-17:00")
    start, end = day_range(date(2026, 10, 2), 4, "UTC")
    assert spans_of(shared_windows([every_day, ALWAYS], start, end)) == [
        (utc(2026, 10, 2, 0, 0), utc(2026, 10, 2, 6, 30)),
        (utc(2026, 10, 2, 22, 30), utc(2026, 10, 3, 6, 30)),
        (utc(2026, 10, 3, 22, 0), utc(2026, 10, 4, 6, 0)),
        (utc(2026, 10, 4, 22, 0), utc(2026, 10, 5, 6, 0)),
        (utc(2026, 10, 5, 22, 0), utc(2026, 10, 6, 0, 0)),
    ]


def test_kiritimati_and_pago_pago_share_a_clock_but_not_a_weekday() -> None:
    kiritimati, pago_pago = person("Pacific/Kiritimati"), person("Pacific/Pago_Pago")
    start, end = day_range(date(2026, 6, 1), 7, "UTC")
    windows = shared_windows([kiritimati, pago_pago], start, end)
    assert spans_of(windows) == [
        (utc(2026, 6, day, 20, 0), utc(2026, 6, day + 1, 3, 0)) for day in range(1, 5)
    ]
    # Tuesday to Friday 10:00-17:00 in Kiritimati is Monday to Thursday 09:00-16:00 in Pago Pago.
    for window in windows:
        there = window.start.astimezone(ZoneInfo(kiritimati.zone))
        here = window.start.astimezone(ZoneInfo(pago_pago.zone))
        assert (there.hour, here.hour) == (10, 9)
        assert there.weekday() == here.weekday() + 1


def test_tokyo_night_shift_against_london() -> None:
    people = [person("Asia/Tokyo", "sun-thu 22:00-06:00"), person("Europe/London")]
    start, end = day_range(date(2026, 1, 12), 7, "UTC")
    # Tokyo's Sunday night is London's Sunday, when London does not work;
    # Thursday night runs into Friday morning in Tokyo, still Thursday in London.
    assert spans_of(shared_windows(people, start, end)) == daily(
        date(2026, 1, 12), date(2026, 1, 15), (13, 0), (17, 0)
    )
    start, end = day_range(date(2026, 7, 13), 7, "UTC")
    assert spans_of(shared_windows(people, start, end)) == daily(
        date(2026, 7, 13), date(2026, 7, 16), (13, 0), (16, 0)
    )


def test_days_that_wrap_the_week() -> None:
    people = [
        person("Europe/London", "fri-mon 10:00-12:00"),
        person("Europe/Berlin", "fri-mon 11:00-14:00"),
    ]
    start, end = day_range(date(2026, 1, 12), 7, "UTC")
    assert spans_of(shared_windows(people, start, end)) == [
        (utc(2026, 1, day, 10, 0), utc(2026, 1, day, 12, 0)) for day in (12, 16, 17, 18)
    ]


def test_span_starting_inside_a_clock_gap_starts_at_the_change() -> None:
    new_york = person("America/New_York", "sun 02:30-04:00")
    start, end = day_range(date(2026, 3, 1), 14, "UTC")
    assert spans_of(shared_windows([new_york, ALWAYS], start, end)) == [
        (utc(2026, 3, 1, 7, 30), utc(2026, 3, 1, 9, 0)),
        # 02:00 becomes 03:00 at 07:00 UTC; 02:30 never happens.
        (utc(2026, 3, 8, 7, 0), utc(2026, 3, 8, 8, 0)),
    ]
    inside_gap = person("America/New_York", "sun 02:15-02:45")
    assert shared_windows([inside_gap], start, end, min_minutes=1) == [
        Window(utc(2026, 3, 1, 7, 15), utc(2026, 3, 1, 7, 45))
    ]


def test_repeated_hour_counts_twice() -> None:
    new_york = person("America/New_York", "sun 01:00-02:00")
    start, end = day_range(date(2026, 10, 31), 9, "UTC")
    assert available_intervals(new_york, start, end) == [
        # 01:00-02:00 happens in summer time and again in winter time: two hours.
        (utc(2026, 11, 1, 5, 0), utc(2026, 11, 1, 7, 0)),
        (utc(2026, 11, 8, 6, 0), utc(2026, 11, 8, 7, 0)),
    ]


def test_windows_are_clipped_to_the_range() -> None:
    people = [person("Europe/London"), ALWAYS]
    windows = shared_windows(people, utc(2026, 1, 12, 10, 0), utc(2026, 1, 12, 10, 45))
    assert windows == [Window(utc(2026, 1, 12, 10, 0), utc(2026, 1, 12, 10, 45))]
    assert windows[0].minutes == 45
    assert shared_windows(people, utc(2026, 1, 12, 10, 0), utc(2026, 1, 12, 10, 20)) == []
    assert shared_windows(people, utc(2026, 1, 12, 10, 0), utc(2026, 1, 12, 9, 0)) == []


def test_day_range_in_display_zone() -> None:
    assert day_range(date(2026, 3, 8), 1, "America/New_York") == (
        utc(2026, 3, 8, 5, 0),
        utc(2026, 3, 9, 4, 0),
    )
    # Havana skips midnight on 8 Mar 2026 and repeats it on 1 Nov 2026.
    assert day_range(date(2026, 3, 8), 1, "America/Havana")[0] == utc(2026, 3, 8, 5, 0)
    assert day_range(date(2026, 11, 1), 1, "America/Havana")[0] == utc(2026, 11, 1, 4, 0)
    # Beirut goes back from 00:00 to 23:00 on 25 Oct 2026: Sunday starts an hour later.
    assert day_range(date(2026, 10, 24), 1, "Asia/Beirut") == (
        utc(2026, 10, 23, 21, 0),
        utc(2026, 10, 24, 22, 0),
    )


def test_bad_zone_and_days_are_refused() -> None:
    with pytest.raises(BadInput, match='unknown time zone "Mars/Olympus"'):
        day_range(date(2026, 1, 1), 7, "Mars/Olympus")
    with pytest.raises(BadInput, match='unknown time zone "America"'):
        shared_windows([person("America")], utc(2026, 1, 1), utc(2026, 1, 2))
    with pytest.raises(BadInput, match='bad number of days "0"'):
        day_range(date(2026, 1, 1), 0, "UTC")
    with pytest.raises(ValueError, match="aware"):
        shared_windows([ALWAYS], datetime(2026, 1, 1), datetime(2026, 1, 2))
