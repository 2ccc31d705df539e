"""Recurring weekly slots: the times of the week that hold in every week, or most (pure)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from mentorcli.overlap import (
    DAY,
    MINUTE,
    SECOND,
    Interval,
    Participant,
    Segment,
    first_instant,
    merge_intervals,
    offset_segments,
    shared_micros,
    to_micros,
    wall_date,
    wall_midnight,
)

_FOREVER = 1 << 80  # later than any instant


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
