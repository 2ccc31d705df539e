"""What the schedule proposes: DST notices, least painful stretches and recurring weekly slots."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mentorcli.hours import Hours, Span
from mentorcli.overlap import (
    Notice,
    Participant,
    day_range,
    dst_notices,
    shared_windows,
)
from mentorcli.plans import RecurringSlot, recurring_slots
from mentorcli.stretch import NIGHT, NIGHT_WEIGHT, PersonStretch, Stretch, least_painful
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
    # Dated on the first day a window changes: the Monday after each Sunday change.
    assert dst_notices(people, start, end, "UTC") == [
        Notice(
            date(2026, 3, 9),
            "From Mon 9 Mar New York is on summer time: "
            "the shared window grows from 3 h to 4 h until Mon 30 Mar",
        ),
        Notice(
            date(2026, 3, 30),
            "From Mon 30 Mar London is on summer time: the shared window shrinks from 4 h to 3 h",
        ),
    ]
    # A range that stops before 29 Mar says nothing about it.
    start, end = day_range(date(2026, 3, 2), 14, "UTC")
    assert [notice.text for notice in dst_notices(people, start, end, "UTC")] == [
        "From Mon 9 Mar New York is on summer time: the shared window grows from 3 h to 4 h"
    ]


def test_window_that_keeps_its_size_moves_in_the_display_zone() -> None:
    people = [person("America/New_York"), person("Europe/London", "mon-sun 00:00-24:00")]
    start, end = day_range(date(2026, 3, 2), 35, "Europe/London")
    assert [notice.text for notice in dst_notices(people, start, end, "Europe/London")] == [
        "From Mon 9 Mar New York is on summer time: "
        "the shared window moves earlier by 1 h until Mon 30 Mar",
        "From Mon 30 Mar London is on summer time: the shared window moves later by 1 h",
    ]


def test_notice_dates_are_in_the_display_zone() -> None:
    people = [person("Australia/Sydney", "07:00-19:00"), person("Europe/Berlin", "07:00-19:00")]
    start, end = day_range(date(2026, 9, 28), 35, "UTC")
    assert dst_notices(people, start, end, "UTC") == [
        Notice(
            date(2026, 10, 5),
            "From Mon 5 Oct Sydney is on summer time: "
            "the shared window shrinks from 4 h to 3 h until Mon 26 Oct",
        ),
        Notice(
            date(2026, 10, 26),
            "From Mon 26 Oct Berlin is on winter time: the shared window shrinks from 3 h to 2 h",
        ),
    ]
    start, end = day_range(date(2026, 9, 28), 35, "Australia/Sydney")
    notices = dst_notices(people, start, end, "Australia/Sydney")
    assert [notice.date for notice in notices] == [date(2026, 10, 5), date(2026, 10, 26)]
    assert notices[0].text.startswith("From Mon 5 Oct Sydney is on summer time")


def test_zones_changing_together_share_one_notice() -> None:
    people = [
        person("Europe/London", "07:00-19:00"),
        person("Europe/Berlin"),
        person("Asia/Tokyo", "mon-sun 15:00-03:00"),
    ]
    start, end = day_range(date(2026, 3, 23), 14, "UTC")
    (notice,) = dst_notices(people, start, end, "UTC")
    assert notice.text.startswith("From Mon 30 Mar London and Berlin are on summer time:")


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
        "From Mon 9 Mar New York is on summer time: a shared window of 1 h opens until Mon 30 Mar",
        "From Mon 30 Mar London is on summer time: the shared window closes",
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
    assert all("\n" not in n.text and n.text.startswith(("From ", "On ")) for n in notices)


def test_no_window_at_all_gives_no_notice() -> None:
    people = [person("Europe/London"), person("Asia/Tokyo"), person("America/Los_Angeles")]
    start, end = day_range(date(2026, 3, 2), 35, "UTC")
    assert shared_windows(people, start, end) == []
    assert dst_notices(people, start, end, "UTC") == []


def test_a_change_that_alters_only_its_own_night_is_told() -> None:
    # 01:00-04:00 in New York on the night the clocks skip 02:00-03:00 is two hours long.
    people = [
        person("America/New_York", "mon-sun 01:00-04:00"),
        person("Europe/London", "mon-sun 00:00-24:00"),
    ]
    start, end = day_range(date(2026, 3, 2), 14, "America/New_York")
    windows = shared_windows(people, start, end)
    assert sorted({w.minutes for w in windows}) == [120, 180]
    assert dst_notices(people, start, end, "America/New_York") == [
        Notice(
            date(2026, 3, 8),
            "On Sun 8 Mar only, as New York goes on summer time, "
            "the shared window shrinks from 3 h to 2 h",
        )
    ]


@settings(max_examples=25, deadline=None)
@given(people_lists, ranges(max_days=5), st.sampled_from(ZONES))
# Monday 00:00-00:30 in London is Sunday 23:00-23:30 UTC only once London is on summer
# time: the change opens a window in the range. The change's first minute is 01:00 UTC,
# off the 15-minute probe grid that starts at 00:01.
@example(
    people=[Participant("a", "Europe/London", Hours((Span(frozenset({0}), 0, 30),)))],
    span=(utc(2026, 3, 29, 0, 1), utc(2026, 3, 30)),
    display="UTC",
)
def test_a_notice_exactly_when_a_change_alters_a_window(
    people: list[Participant], span: tuple[datetime, datetime], display: str
) -> None:
    start, end = span
    notices = dst_notices(people, start, end, display)
    shown = _windows_without(people, start, end, display, [])
    altered = []
    for changes in _changes(people, start, end, display):
        without = _windows_without(people, start, end, display, changes)
        if without != shown:
            differing = set(without) ^ set(shown)
            altered.append(min(wall.date() for wall, _ in differing))
    assert bool(notices) == bool(altered)
    if notices:
        assert notices[0].date == min(altered)


# A reference for notices: the windows with and without one zone's change, minute by minute.


def _changes(
    people: Sequence[Participant], start: datetime, end: datetime, display: str
) -> list[list[tuple[str, datetime, timedelta]]]:
    """The clock changes in the range, grouped by their day on the display clock.

    Each is its zone, its first minute on the new offset and the offset before it.
    """
    by_day: dict[date, list[tuple[str, datetime, timedelta]]] = {}
    for zone in {p.zone for p in people} | {display}:
        info = ZoneInfo(zone)
        moment = start
        while moment < end:
            later = moment + timedelta(minutes=15)
            before = moment.astimezone(info).utcoffset()
            assert before is not None
            if before != later.astimezone(info).utcoffset():
                first = moment + ONE_MINUTE
                while first.astimezone(info).utcoffset() == before:
                    first += ONE_MINUTE
                if first < end:
                    day = first.astimezone(ZoneInfo(display)).date()
                    by_day.setdefault(day, []).append((zone, first, before))
            moment = later
    return list(by_day.values())


def _clock(zone: str, moment: datetime, undone: list[tuple[str, datetime, timedelta]]) -> datetime:
    """The wall clock in `zone`, with the changes undone until that zone's next change."""
    info = ZoneInfo(zone)
    now = moment.astimezone(info).utcoffset()
    for changed, at, before in undone:
        if changed == zone and moment >= at and now == at.astimezone(info).utcoffset():
            return (moment.astimezone(UTC) + before).replace(tzinfo=None)
    return moment.astimezone(info).replace(tzinfo=None)


def _free(p: Participant, wall: datetime) -> bool:
    minute = wall.hour * 60 + wall.minute
    for span in p.hours.spans:
        for day, lo in ((wall.weekday(), minute), ((wall.weekday() - 1) % 7, minute + 1440)):
            if day in span.days and span.start <= lo < span.start + span.length:
                return True
    return False


def _windows_without(
    people: Sequence[Participant],
    start: datetime,
    end: datetime,
    display: str,
    undone: list[tuple[str, datetime, timedelta]],
) -> list[tuple[datetime, int]]:
    """The windows of 30 minutes or more as (display clock start, minutes), changes undone."""
    windows: list[tuple[datetime, int]] = []
    moment, run = start, None
    while moment <= end:
        inside = moment < end and all(_free(p, _clock(p.zone, moment, undone)) for p in people)
        if inside and run is None:
            run = moment
        if not inside and run is not None:
            if moment - run >= timedelta(minutes=30):
                windows.append((_clock(display, run, undone), (moment - run) // ONE_MINUTE))
            run = None
        moment += ONE_MINUTE
    return windows


# Least painful stretches.


def brute_costs(
    people: Sequence[Participant], start: datetime, end: datetime, minutes: int
) -> dict[datetime, tuple[int, ...]]:
    """Each person's cost for every slot starting on a minute, from the definition.

    A minute outside someone's hours is as far from their hours as the nearer of the
    last working minute before it and the first after it (counting itself); a run of
    such minutes in the slot pushes them as far as its farthest minute. Each outside
    minute in their night (22:00-07:00 local) adds NIGHT_WEIGHT.
    """
    margin = 7 * 1440
    before, after = start - margin * ONE_MINUTE, end + margin * ONE_MINUTE
    count = (end - start) // ONE_MINUTE
    per_person = []
    for p in people:
        free = available_minutes(p, before, after)
        night = available_minutes(Participant(p.name, p.zone, NIGHT), before, after)
        since, until = [0] * len(free), [0] * len(free)
        last = None
        for i, flag in enumerate(free):
            last = i if flag else last
            since[i] = i - last if last is not None else 10**9
        following = None
        for i in range(len(free) - 1, -1, -1):
            following = i if free[i] else following
            until[i] = following - i if following is not None else 10**9
        costs = []
        for first in range(margin, margin + count - minutes + 1):
            pushed, run = 0, 0
            for i in range(first, first + minutes):
                if free[i]:
                    pushed, run = pushed + run, 0
                else:
                    run = max(run, min(since[i], until[i]))
            pushed += run
            dark = sum(1 for i in range(first, first + minutes) if night[i] and not free[i])
            costs.append(pushed + NIGHT_WEIGHT * dark)
        per_person.append(costs)
    return {
        start + k * ONE_MINUTE: tuple(costs[k] for costs in per_person)
        for k in range(count - minutes + 1)
    }


def rank(cost: tuple[int, ...]) -> tuple[int, int]:
    return sum(cost), max(cost)


def costs_of(stretch: Stretch) -> tuple[int, ...]:
    return tuple(asked.cost for asked in stretch.people.values())


def test_london_tokyo_los_angeles_have_no_window_but_a_least_painful_slot() -> None:
    people = [person("Europe/London"), person("Asia/Tokyo"), person("America/Los_Angeles")]
    start, end = day_range(date(2026, 1, 12), 2, "UTC")
    assert shared_windows(people, start, end) == []
    stretches = least_painful(people, start, end)
    costs = brute_costs(people, start, end, 30)
    assert len(stretches) == 3
    assert (*rank(costs_of(stretches[0])), stretches[0].start) == min(
        (*rank(cost), slot) for slot, cost in costs.items()
    )
    # Los Angeles' day is 17:00-01:00 UTC: London stays late and Tokyo starts early within
    # it, rather than anyone meeting in the middle of their night.
    assert stretches[0].start == utc(2026, 1, 12, 21, 0)
    assert {name: asked.side for name, asked in stretches[0].people.items()} == {
        "Europe/London": "late",
        "Asia/Tokyo": "early",
        "America/Los_Angeles": "inside",
    }
    for stretch in stretches:
        assert costs_of(stretch) == costs[stretch.start]


def test_sharing_the_stretch_beats_putting_it_on_one_person() -> None:
    # Tokyo's day ends at 09:00 UTC, exactly when London's starts.
    people = [person("Asia/Tokyo", "09:00-18:00"), person("Europe/London")]
    start, end = day_range(date(2026, 1, 12), 1, "UTC")
    best = least_painful(people, start, end)[0]
    assert best.start == utc(2026, 1, 12, 8, 45)
    assert best.people == {
        "Asia/Tokyo": PersonStretch(pushed=15, night=0, outside=15, side="late"),
        "Europe/London": PersonStretch(pushed=15, night=0, outside=15, side="early"),
    }


def test_a_gap_is_costed_by_how_far_not_how_long() -> None:
    # Los Angeles 07:00-15:00 and Manila 09:00-17:00 leave a 3-hour gap: the proposals
    # stretch the ends of their days, never Manila's 01:00.
    people = [
        person("America/Los_Angeles", "07:00-15:00", "ana"),
        person("Asia/Manila", "09:00-17:00", "maya"),
    ]
    start, end = day_range(date(2026, 3, 9), 3, "UTC")
    stretches = least_painful(people, start, end, 60)
    for stretch in stretches:
        for p in people:
            local = stretch.start.astimezone(ZoneInfo(p.zone))
            assert 7 <= local.hour < 22, (p.name, local)
        assert stretch.total == 240
    assert stretches[0].people["ana"].side == "late"
    assert stretches[0].people["maya"].side == "early"


def test_the_best_start_is_exact_on_the_minute() -> None:
    # Two hours from any start between 09:12 and 10:10 stretch a (from 10:10) and b (until
    # 11:12) by 58 minutes in all; 09:41, where a's cost meets b's, is the most balanced.
    people = [person("UTC", "10:10-18:00", "a"), person("UTC", "07:00-11:12", "b")]
    start, end = day_range(date(2026, 1, 12), 1, "UTC")
    best = least_painful(people, start, end, 120)[0]
    assert best.start == utc(2026, 1, 12, 9, 41)
    assert {name: asked.pushed for name, asked in best.people.items()} == {"a": 29, "b": 29}


def test_chosen_slots_prefer_distinct_times_of_day() -> None:
    people = [person("Europe/London"), person("Asia/Tokyo"), person("America/Los_Angeles")]
    start, end = day_range(date(2026, 1, 12), 3, "UTC")
    stretches = least_painful(people, start, end, limit=5)
    times = [(s.start.hour, s.start.minute) for s in stretches]
    assert len(set(times)) == len(times) == 5


@settings(max_examples=60, deadline=None)
@given(people_lists, ranges(max_days=2), st.sampled_from([15, 30, 60]), st.integers(1, 4))
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
    best = min((*rank(cost), slot) for slot, cost in costs.items())
    assert (*rank(costs_of(stretches[0])), stretches[0].start) == best
    for stretch in stretches:
        assert costs_of(stretch) == costs[stretch.start]
        assert stretch.total == sum(costs[stretch.start])
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


def test_slots_use_the_anchor_zone_and_run_past_its_midnight() -> None:
    tokyo, london = person("Asia/Tokyo", "sun-thu 22:00-06:00"), person("Europe/London")
    start, end = day_range(date(2026, 1, 12), 14, "Asia/Tokyo")
    assert recurring_slots([london, tokyo], start, end, anchor=1) == [
        RecurringSlot(weekday, time(22, 0), time(2, 0), "Asia/Tokyo", ()) for weekday in range(4)
    ]
    # Each half alone is two hours: a four-hour minimum finds the whole slot all the same.
    assert len(recurring_slots([london, tokyo], start, end, 240, anchor=1)) == 4


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
    runs: dict[int, list[list[Any]]] = {}
    for weekday in range(7):
        days = [day for day in observed if day.weekday() == weekday]
        pieces: list[tuple[date, ...] | None] = []
        for minute in range(1440):
            broken = tuple(day for day in days if not all(occurrences.get((day, minute), [False])))
            pieces.append(broken if 2 * len(broken) < len(days) else None)
        runs[weekday] = []
        run_start = 0
        for minute in range(1, 1441):
            if minute == 1440 or pieces[minute] != pieces[run_start]:
                if pieces[run_start] is not None:
                    runs[weekday].append([run_start, minute, pieces[run_start]])
                run_start = minute
    # A run to midnight and the next day's run from midnight are one slot when, over the
    # weeks with both days observed, the pair holds in most.
    for weekday in range(7):
        first, second = runs[weekday], runs[(weekday + 1) % 7]
        if not first or not second:
            continue
        late, early = first[-1], second[0]
        if late[1] != 1440 or early[0] != 0 or late[0] == 0 or early[1] > late[0]:
            continue
        weeks = [day for day in observed if day.weekday() == weekday]
        both = [day for day in weeks if day + timedelta(days=1) in observed]
        failing = [day for day in both if day in late[2] or day + timedelta(days=1) in early[2]]
        if both and 2 * len(failing) < len(both):
            first[-1] = [late[0], early[1] + 1440, tuple(failing)]
            second.pop(0)
    slots = []
    for weekday in range(7):
        for run_start, run_end, broken in runs[weekday]:
            if run_end - run_start >= min_minutes:
                slots.append(
                    RecurringSlot(
                        weekday,
                        time(run_start // 60, run_start % 60),
                        time(run_end // 60 % 24, run_end % 60),
                        zone,
                        tuple(sorted({day - timedelta(days=day.weekday()) for day in broken})),
                    )
                )
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
