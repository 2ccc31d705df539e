"""Proposals beyond the shared windows: least painful stretches, recurring weekly slots (pure)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from mentorcli.overlap import (
    DAY,
    MINUTE,
    SECOND,
    WEEK,
    Interval,
    Participant,
    Segment,
    available_micros,
    first_instant,
    from_micros,
    merge_intervals,
    offset_segments,
    shared_micros,
    to_micros,
    wall_date,
    wall_midnight,
)

_GRID = 15 * MINUTE
_FOREVER = 1 << 80  # later than any instant


@dataclass(frozen=True)
class Stretch:
    """A proposed slot outside someone's hours, with the minutes each person stretches."""

    start: datetime
    end: datetime
    outside: dict[str, int]

    @property
    def total(self) -> int:
        """Minutes outside working hours, summed over everyone."""
        return sum(self.outside.values())


@dataclass(frozen=True)
class RecurringSlot:
    """A weekly slot in the anchor's wall-clock time, read as working hours are.

    `end` 00:00 means midnight; an `end` before `start` runs past the anchor's
    midnight into the next day (22:00-02:00), and the slot belongs to the day it
    starts. `broken_weeks` are the Mondays of the weeks (of the start day) where
    the slot is not inside everyone's hours (a wall-clock time that is skipped or
    repeated counts as inside only if every occurrence is).
    """

    weekday: int
    start: time
    end: time
    zone: str
    broken_weeks: tuple[date, ...]

    @property
    def minutes(self) -> int:
        """The slot's length in minutes."""
        start = self.start.hour * 60 + self.start.minute
        end = self.end.hour * 60 + self.end.minute
        return (end - start) % (24 * 60) or 24 * 60


def least_painful(
    participants: Sequence[Participant],
    start: datetime,
    end: datetime,
    min_minutes: int = 30,
    limit: int = 3,
) -> list[Stretch]:
    """Slots of min_minutes on a 15-minute UTC grid needing the fewest minutes outside hours.

    Ranked by total stretch, then by the largest single stretch (sharing the pain
    beats putting it all on one person), then by how far the slot lies from the
    hours of those wholly outside them (just before someone's day starts beats
    their midnight), then by time. Slots that overlap a chosen one are skipped,
    and a time of day already chosen is offered again only when there are too few
    distinct ones.
    """
    lo, hi = to_micros(start), to_micros(end)
    length = max(min_minutes, 1) * MINUTE
    first = -(-lo // _GRID) * _GRID
    starts = range(first, hi - length + 1, _GRID)
    if not starts or limit < 1:
        return []
    outside_by_person = []
    distance = [0] * len(starts)
    for p in participants:
        # A week either side, to tell how far a slot is from the nearest working time.
        available = available_micros(p, lo - WEEK, hi + WEEK)
        before_starts = _coverage(available, starts)
        before_ends = _coverage(available, range(starts[0] + length, hi + 1, _GRID))
        outside_by_person.append(
            [
                -((b - a - length) // MINUTE)  # whole minutes outside, rounded up
                for a, b in zip(before_starts, before_ends, strict=True)
            ]
        )
        away = _distances(available, starts, length)
        distance = [a + b for a, b in zip(distance, away, strict=True)]
    by_slot = list(zip(*outside_by_person, strict=True)) or [()] * len(starts)
    ranked = sorted(
        range(len(starts)),
        key=lambda i: (sum(by_slot[i]), max(by_slot[i], default=0), distance[i], i),
    )
    chosen: list[int] = []
    for distinct_time_of_day in (True, False):
        for i in ranked:
            if len(chosen) == limit:
                break
            if all(
                abs(starts[i] - starts[c]) >= length
                and not (distinct_time_of_day and _same_time_of_day(starts[i], starts[c], length))
                for c in chosen
            ):
                chosen.append(i)
    return [
        Stretch(
            from_micros(starts[i]),
            from_micros(starts[i] + length),
            {p.name: outside for p, outside in zip(participants, by_slot[i], strict=True)},
        )
        for i in chosen
    ]


def recurring_slots(
    participants: Sequence[Participant],
    start: datetime,
    end: datetime,
    min_minutes: int = 30,
    anchor: int = 0,
) -> list[RecurringSlot]:
    """Weekly slots in the anchor's zone that hold in every week, or in most but not all.

    Only the anchor's local days wholly inside [start, end) count as weeks. A slot
    is reported when it holds in more than half of its weeks; `broken_weeks` lists
    the others. Adjacent times with the same broken weeks form one maximal slot.
    """
    if not participants:
        return []
    zone = participants[anchor].zone
    lo, hi = to_micros(start), to_micros(end)
    shared = shared_micros(participants, lo, hi)
    segments = offset_segments(zone, lo // DAY - 3, hi // DAY + 4)
    day = wall_date(lo + min(offset for _, _, offset in segments))
    last_day = wall_date(hi + max(offset for _, _, offset in segments))
    holding_by_weekday: dict[int, list[tuple[date, list[Interval]]]] = {}
    while day <= last_day:
        if (
            lo <= first_instant(zone, wall_midnight(day))
            and first_instant(zone, wall_midnight(day) + DAY) <= hi
        ):
            holding = _holding_wall_times(segments, shared, wall_midnight(day))
            holding_by_weekday.setdefault(day.weekday(), []).append((day, holding))
        day += timedelta(days=1)

    runs = {weekday: _slots_for_weekday(days) for weekday, days in holding_by_weekday.items()}
    counted = {weekday: {day for day, _ in days} for weekday, days in holding_by_weekday.items()}
    _join_across_midnight(runs, counted)
    slots = []
    for weekday, weekday_runs in sorted(runs.items()):
        for a, b, broken in weekday_runs:
            if b - a >= min_minutes * MINUTE:
                mondays = tuple(sorted({day - timedelta(days=day.weekday()) for day in broken}))
                slots.append(
                    RecurringSlot(weekday, _time_of_day(a), _time_of_day(b), zone, mondays)
                )
    return slots


# Stretches.


def _coverage(intervals: list[Interval], points: Iterable[int]) -> list[int]:
    """For each of the ascending points, how much of the intervals lies before it."""
    result = []
    covered = 0
    never = (_FOREVER, _FOREVER)
    remaining = iter(intervals)
    a, b = next(remaining, never)
    for point in points:
        while b <= point:
            covered += b - a
            a, b = next(remaining, never)
        result.append(covered + point - a if point > a else covered)
    return result


def _distances(intervals: list[Interval], starts: range, length: int) -> list[int]:
    """For each slot [start, start + length), how far it is from the intervals (0 if touching)."""
    result = []
    index = 0
    for start in starts:
        while index < len(intervals) and intervals[index][1] <= start:
            index += 1
        after = intervals[index][0] - start - length if index < len(intervals) else _FOREVER
        before = start - intervals[index - 1][1] if index else _FOREVER
        result.append(max(0, min(before, after)))
    return result


def _same_time_of_day(a: int, b: int, length: int) -> bool:
    return min((a - b) % DAY, (b - a) % DAY) < length


# Recurring slots.


def _holding_wall_times(
    segments: tuple[Segment, ...], shared: list[Interval], midnight: int
) -> list[Interval]:
    """The wall times of one local day (from its midnight) at which everyone is available.

    A wall time counts only if it occurs and every occurrence is shared time.
    """
    occurring, failing = [], []
    for segment_start, segment_end, offset in segments:
        a = max(segment_start, midnight - offset)
        b = min(segment_end, midnight + DAY - offset)
        if a < b:
            shift = offset - midnight
            occurring.append((a + shift, b + shift))
            failing += [(x + shift, y + shift) for x, y in _subtract([(a, b)], shared)]
    return _subtract(merge_intervals(occurring), merge_intervals(failing))


def _slots_for_weekday(
    days: list[tuple[date, list[Interval]]],
) -> list[tuple[int, int, tuple[date, ...]]]:
    """Maximal runs of wall time holding on most of these days, with the days that break."""
    bounds = sorted({x for _, holding in days for interval in holding for x in interval})
    runs: list[tuple[int, int, tuple[date, ...]]] = []
    for a, b in pairwise(bounds):
        broken = tuple(day for day, holding in days if not _contains(holding, a))
        if 2 * len(broken) >= len(days):
            continue
        if runs and runs[-1][1] == a and runs[-1][2] == broken:
            runs[-1] = (runs[-1][0], b, broken)
        else:
            runs.append((a, b, broken))
    return runs


def _join_across_midnight(
    runs: dict[int, list[tuple[int, int, tuple[date, ...]]]], counted: dict[int, set[date]]
) -> None:
    """Join a run up to midnight with the next day's run from midnight into one slot.

    The joined slot counts the weeks where both days are in the range and breaks where
    either part does; it is kept when it holds in most of them and is shorter than a day.
    """
    for weekday in sorted(runs):
        following = (weekday + 1) % 7
        if not runs[weekday] or not runs.get(following):
            continue
        a, end, broken = runs[weekday][-1]
        start, b, next_broken = runs[following][0]
        if end != DAY or start != 0 or a == 0 or b > a:
            continue
        days = [
            day for day in sorted(counted[weekday]) if day + timedelta(days=1) in counted[following]
        ]
        failing = set(broken) | {day - timedelta(days=1) for day in next_broken}
        joined = tuple(day for day in days if day in failing)
        if days and 2 * len(joined) < len(days):
            runs[weekday][-1] = (a, b + DAY, joined)
            runs[following].pop(0)


def _contains(intervals: list[Interval], point: int) -> bool:
    index = bisect_right(intervals, (point, _FOREVER)) - 1
    return index >= 0 and intervals[index][0] <= point < intervals[index][1]


def _time_of_day(since_midnight: int) -> time:
    seconds = since_midnight % DAY // SECOND
    return time(seconds // 3600, seconds // 60 % 60, seconds % 60)


# Interval arithmetic on sorted lists of half-open [a, b).


def _subtract(kept: list[Interval], removed: list[Interval]) -> list[Interval]:
    result = []
    for a, b in kept:
        for x, y in removed:
            if x >= b:
                break
            if y <= a:
                continue
            if x > a:
                result.append((a, x))
            a = max(a, y)
            if a >= b:
                break
        if a < b:
            result.append((a, b))
    return result
