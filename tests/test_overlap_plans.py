"""What the schedule proposes: DST notices, least painful stretches and recurring weekly slots."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcli.overlap import (
    Notice,
    Participant,
    day_range,
    dst_notices,
    shared_windows,
)
from mentorcli.plans import RecurringSlot, Stretch, least_painful, recurring_slots
from test_overlap import (
    ALWAYS,
    ONE_MINUTE,
    available_minutes,
    first_days,
    hours_values,
    local_times,
    person,
    ranges,
    utc,
)

ZONES = [
    "UTC",
    "America/New_York",
    "Europe/London",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Asia/Tokyo",
    "America/Los_Angeles",
    "America/Havana",
]
people_lists = st.lists(
    st.builds(
        Participant, name=st.sampled_from("abc"), zone=st.sampled_from(ZONES), hours=hours_values
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda p: p.name,
)


# Notices.


def test_new_york_and_london_in_march() -> None:
    people = [person("America/New_York"), person("Europe/London")]
    start, end = day_range(date(2026, 3, 2), 35, "UTC")
    assert dst_notices(people, start, end, "UTC") == [
        Notice(
            date(2026, 3, 8),
            "From Sun 8 Mar New York is on summer time: "
            "the shared window grows from 3 h to 4 h until Sun 29 Mar",
        ),
        Notice(
            date(2026, 3, 29),
            "From Sun 29 Mar London is on summer time: the shared window shrinks from 4 h to 3 h",
        ),
    ]
    # A range that stops before 29 Mar says nothing about it.
    start, end = day_range(date(2026, 3, 2), 14, "UTC")
    assert [notice.text for notice in dst_notices(people, start, end, "UTC")] == [
        "From Sun 8 Mar New York is on summer time: the shared window grows from 3 h to 4 h"
    ]


def test_window_that_keeps_its_size_moves_in_the_display_zone() -> None:
    people = [person("America/New_York"), person("Europe/London", "mon-sun 00:00-24:00")]
    start, end = day_range(date(2026, 3, 2), 35, "Europe/London")
    assert [notice.text for notice in dst_notices(people, start, end, "Europe/London")] == [
        "From Sun 8 Mar New York is on summer time: "
        "the shared window moves earlier by 1 h until Sun 29 Mar",
        "From Sun 29 Mar London is on summer time: the shared window moves later by 1 h",
    ]


def test_notice_dates_are_in_the_display_zone() -> None:
    people = [person("Australia/Sydney", "07:00-19:00"), person("Europe/Berlin", "07:00-19:00")]
    start, end = day_range(date(2026, 9, 28), 35, "UTC")
    assert dst_notices(people, start, end, "UTC") == [
        Notice(
            date(2026, 10, 3),
            "From Sat 3 Oct Sydney is on summer time: "
            "the shared window shrinks from 4 h to 3 h until Sun 25 Oct",
        ),
        Notice(
            date(2026, 10, 25),
            "From Sun 25 Oct Berlin is on winter time: the shared window shrinks from 3 h to 2 h",
        ),
    ]
    start, end = day_range(date(2026, 9, 28), 35, "Australia/Sydney")
    notices = dst_notices(people, start, end, "Australia/Sydney")
    assert [notice.date for notice in notices] == [date(2026, 10, 4), date(2026, 10, 25)]
    assert notices[0].text.startswith("From Sun 4 Oct Sydney is on summer time")


def test_zones_changing_together_share_one_notice() -> None:
    people = [
        person("Europe/London", "07:00-19:00"),
        person("Europe/Berlin"),
        person("Asia/Tokyo", "mon-sun 15:00-03:00"),
    ]
    start, end = day_range(date(2026, 3, 23), 14, "UTC")
    (notice,) = dst_notices(people, start, end, "UTC")
    assert notice.text.startswith("From Sun 29 Mar London and Berlin are on summer time:")


def test_no_change_in_range_gives_no_notice() -> None:
    people = [person("America/New_York"), person("Europe/London")]
    start, end = day_range(date(2026, 1, 5), 28, "UTC")
    assert dst_notices(people, start, end, "UTC") == []


def test_change_that_leaves_the_window_alone_gives_no_notice() -> None:
    # London is always available, so its clock change does not matter to Tokyo's window.
    people = [person("Europe/London", "mon-sun 00:00-24:00"), person("Asia/Tokyo")]
    start, end = day_range(date(2026, 3, 23), 14, "Asia/Tokyo")
    assert shared_windows(people, start, end)
    assert dst_notices(people, start, end, "Asia/Tokyo") == []


def test_window_that_opens_and_closes() -> None:
    people = [person("America/New_York", "08:00-12:00"), person("Europe/London", "09:00-13:00")]
    start, end = day_range(date(2026, 3, 2), 35, "UTC")
    assert [notice.text for notice in dst_notices(people, start, end, "UTC")] == [
        "From Sun 8 Mar New York is on summer time: a shared window of 1 h opens until Sun 29 Mar",
        "From Sun 29 Mar London is on summer time: the shared window closes",
    ]


@settings(max_examples=60, deadline=None)
@given(people_lists, ranges(max_days=21), st.sampled_from(ZONES))
def test_notices_fall_inside_the_range_in_order(
    people: list[Participant], span: tuple[datetime, datetime], display: str
) -> None:
    start, end = span
    notices = dst_notices(people, start, end, display)
    dates = [notice.date for notice in notices]
    assert dates == sorted(set(dates))
    info = ZoneInfo(display)
    assert all(start.astimezone(info).date() <= day <= end.astimezone(info).date() for day in dates)
    assert all("\n" not in notice.text and notice.text.startswith("From ") for notice in notices)


# Least painful stretches.


def brute_costs(
    people: Sequence[Participant], start: datetime, end: datetime, minutes: int
) -> dict[datetime, tuple[int, ...]]:
    """Minutes outside hours per person for every slot on the 15-minute UTC grid."""
    free = [available_minutes(p, start, end) for p in people]
    first = start + (-start.minute) % 15 * ONE_MINUTE
    costs = {}
    slot = first
    while slot + minutes * ONE_MINUTE <= end:
        offset = (slot - start) // ONE_MINUTE
        costs[slot] = tuple(minutes - sum(flags[offset : offset + minutes]) for flags in free)
        slot += 15 * ONE_MINUTE
    return costs


def rank(cost: tuple[int, ...]) -> tuple[int, int]:
    return sum(cost), max(cost)


def test_london_tokyo_los_angeles_have_no_window_but_a_least_painful_slot() -> None:
    people = [person("Europe/London"), person("Asia/Tokyo"), person("America/Los_Angeles")]
    start, end = day_range(date(2026, 1, 12), 7, "UTC")
    assert shared_windows(people, start, end) == []
    stretches = least_painful(people, start, end)
    costs = brute_costs(people, start, end, 30)
    best = min(rank(cost) for cost in costs.values())
    assert len(stretches) == 3
    assert rank(tuple(stretches[0].outside.values())) == best == (30, 30)
    # Tokyo and Los Angeles overlap at 00:00-01:00 UTC; London stretches half an hour.
    assert stretches[0] == Stretch(
        utc(2026, 1, 13, 0, 0),
        utc(2026, 1, 13, 0, 30),
        {"Europe/London": 30, "Asia/Tokyo": 0, "America/Los_Angeles": 0},
    )
    for stretch in stretches:
        assert tuple(stretch.outside.values()) == costs[stretch.start]
        assert stretch.total == sum(stretch.outside.values())
        assert stretch.end - stretch.start == timedelta(minutes=30)
    assert [rank(tuple(s.outside.values())) for s in stretches] == sorted(
        rank(tuple(s.outside.values())) for s in stretches
    )


def test_sharing_the_stretch_beats_putting_it_on_one_person() -> None:
    # Tokyo's day ends at 09:00 UTC, exactly when London's starts.
    people = [person("Asia/Tokyo", "09:00-18:00"), person("Europe/London")]
    start, end = day_range(date(2026, 1, 12), 1, "UTC")
    best, second, third = least_painful(people, start, end)
    assert best == Stretch(
        utc(2026, 1, 12, 8, 45),
        utc(2026, 1, 12, 9, 15),
        {"Asia/Tokyo": 15, "Europe/London": 15},
    )
    # Then one person stretches half an hour, just next to their hours rather than
    # at their midnight; the earlier of the two first.
    assert second == Stretch(
        utc(2026, 1, 12, 8, 15),
        utc(2026, 1, 12, 8, 45),
        {"Asia/Tokyo": 0, "Europe/London": 30},
    )
    assert third == Stretch(
        utc(2026, 1, 12, 9, 15),
        utc(2026, 1, 12, 9, 45),
        {"Asia/Tokyo": 30, "Europe/London": 0},
    )


def test_chosen_slots_prefer_distinct_times_of_day() -> None:
    people = [person("Europe/London"), person("Asia/Tokyo"), person("America/Los_Angeles")]
    start, end = day_range(date(2026, 1, 12), 7, "UTC")
    stretches = least_painful(people, start, end, limit=5)
    times = [(s.start.hour, s.start.minute) for s in stretches]
    assert len(set(times)) == len(times) == 5


@settings(max_examples=60, deadline=None)
@given(people_lists, ranges(max_days=3), st.sampled_from([15, 30, 60]), st.integers(1, 4))
def test_least_painful_matches_brute_force(
    people: list[Participant], span: tuple[datetime, datetime], minutes: int, limit: int
) -> None:
    start, end = span
    stretches = least_painful(people, start, end, minutes, limit)
    costs = brute_costs(people, start, end, minutes)
    assert len(stretches) <= limit
    if not costs:
        assert stretches == []
        return
    assert rank(tuple(stretches[0].outside.values())) == min(map(rank, costs.values()))
    for stretch in stretches:
        assert tuple(stretch.outside.values()) == costs[stretch.start]
    for a in stretches:
        for b in stretches:
            assert a is b or abs(a.start - b.start) >= timedelta(minutes=minutes)


# Recurring slots.


def test_new_york_and_london_weekly_slots_across_march() -> None:
    london, new_york = person("Europe/London"), person("America/New_York", "09:00-12:00")
    start, end = day_range(date(2026, 2, 23), 56, "Europe/London")
    broken = (date(2026, 3, 9), date(2026, 3, 16), date(2026, 3, 23))
    assert recurring_slots([london, new_york], start, end) == [
        slot
        for weekday in range(5)
        for slot in (
            RecurringSlot(weekday, time(14, 0), time(16, 0), "Europe/London", ()),
            # Between 8 and 29 March New York's day ends an hour earlier in London.
            RecurringSlot(weekday, time(16, 0), time(17, 0), "Europe/London", broken),
        )
    ]


def test_slots_that_hold_only_in_a_few_weeks_are_left_out() -> None:
    new_york, london = person("America/New_York"), person("Europe/London")
    start, end = day_range(date(2026, 2, 23), 56, "America/New_York")
    # 12:00-13:00 in New York only works for the three weeks between the changes.
    assert recurring_slots([new_york, london], start, end) == [
        RecurringSlot(weekday, time(9, 0), time(12, 0), "America/New_York", ())
        for weekday in range(5)
    ]


def test_slots_use_the_anchor_zone_and_split_at_its_midnight() -> None:
    tokyo, london = person("Asia/Tokyo", "sun-thu 22:00-06:00"), person("Europe/London")
    start, end = day_range(date(2026, 1, 12), 14, "Asia/Tokyo")
    assert recurring_slots([london, tokyo], start, end, anchor=1) == [
        slot
        for weekday in range(4)
        for slot in (
            RecurringSlot(weekday, time(22, 0), time(0, 0), "Asia/Tokyo", ()),
            RecurringSlot(weekday + 1, time(0, 0), time(2, 0), "Asia/Tokyo", ()),
        )
    ]


def brute_recurring(
    people: Sequence[Participant], start: datetime, end: datetime, min_minutes: int, anchor: int
) -> list[RecurringSlot]:
    """Weekly slots from the definition: a wall minute holds when each occurrence is shared."""
    count = (end - start) // ONE_MINUTE
    free = [available_minutes(p, start, end) for p in people]
    shared = [all(flags) for flags in zip(*free, strict=True)]
    zone = people[anchor].zone
    margin = 2 * 1440
    walls = local_times(zone, start - margin * ONE_MINUTE, count + 2 * margin)
    occurrences: dict[tuple[date, int], list[bool]] = {}
    inside: dict[date, bool] = {}
    for i, wall in enumerate(walls):
        offset = i - margin
        in_range = 0 <= offset < count
        inside[wall.date()] = inside.get(wall.date(), True) and in_range
        if in_range:
            minute = wall.hour * 60 + wall.minute
            occurrences.setdefault((wall.date(), minute), []).append(shared[offset])
    observed = sorted(day for day, whole in inside.items() if whole)
    slots = []
    for weekday in range(7):
        days = [day for day in observed if day.weekday() == weekday]
        pieces: list[tuple[date, ...] | None] = []
        for minute in range(1440):
            broken = tuple(
                day - timedelta(days=weekday)
                for day in days
                if not all(occurrences.get((day, minute), [False]))
            )
            pieces.append(broken if 2 * len(broken) < len(days) else None)
        run_start = 0
        for minute in range(1, 1441):
            if minute == 1440 or pieces[minute] != pieces[run_start]:
                weeks = pieces[run_start]
                if weeks is not None and minute - run_start >= min_minutes:
                    slots.append(
                        RecurringSlot(
                            weekday,
                            time(run_start // 60, run_start % 60),
                            time(minute // 60 % 24, minute % 60),
                            zone,
                            weeks,
                        )
                    )
                run_start = minute
    return slots


@settings(max_examples=40, deadline=None)
@given(
    people_lists,
    first_days,
    st.integers(7, 21),
    st.sampled_from(ZONES),
    st.sampled_from([15, 30, 60]),
    st.data(),
)
def test_recurring_slots_match_brute_force(
    people: list[Participant],
    first: date,
    days: int,
    display: str,
    min_minutes: int,
    data: st.DataObject,
) -> None:
    start, end = day_range(first, days, display)
    anchor = data.draw(st.integers(0, len(people) - 1))
    assert recurring_slots(people, start, end, min_minutes, anchor) == brute_recurring(
        people, start, end, min_minutes, anchor
    )


def test_recurring_slots_need_people() -> None:
    start, end = day_range(date(2026, 1, 12), 7, "UTC")
    assert recurring_slots([], start, end) == []
    assert recurring_slots([ALWAYS], start, end, min_minutes=24 * 60) == [
        RecurringSlot(weekday, time(0, 0), time(0, 0), "UTC", ()) for weekday in range(7)
    ]
