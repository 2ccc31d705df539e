"""Availability across time zones: who is available when, shared windows, DST notices (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mentorcli.errors import BadInput
from mentorcli.hours import Hours
from mentorcli.labels import day_label, duration_label

# Instants are whole microseconds since the Unix epoch (UTC); wall-clock times are
# microseconds since 1970-01-01 00:00 on the local clock. Integers keep the interval
# arithmetic exact and fast. The integer functions without a leading underscore
# (to_micros, available_micros, offset_segments, ...) are what plans.py builds on.
SECOND = 1_000_000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR
WEEK = 7 * DAY
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# Offsets are probed this often and bisected where they differ: two changes within
# 12 hours that undo each other would go unseen, and the tz database has none.
_PROBE = 12 * HOUR

Interval = tuple[int, int]
Segment = tuple[int, int, int]  # UTC start, UTC end, UTC offset in force between them


@dataclass(frozen=True)
class Participant:
    """Someone whose hours count: a stored person or an ad-hoc `--zone`."""

    name: str
    zone: str
    hours: Hours


@dataclass(frozen=True)
class Window:
    """A maximal stretch of time when every participant is available, in UTC."""

    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        """The window's length in whole minutes."""
        return (self.end - self.start) // timedelta(minutes=1)


@dataclass(frozen=True)
class Notice:
    """A daylight-saving change that moves or resizes the shared window."""

    date: date
    text: str


def available_intervals(
    p: Participant, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    """When `p` is available within [start, end): UTC, sorted, merged."""
    return [
        (from_micros(a), from_micros(b))
        for a, b in available_micros(p, to_micros(start), to_micros(end))
    ]


def shared_windows(
    participants: Sequence[Participant], start: datetime, end: datetime, min_minutes: int = 30
) -> list[Window]:
    """The maximal intervals in [start, end) when everyone is available, at least min_minutes."""
    shared = shared_micros(participants, to_micros(start), to_micros(end))
    return [
        Window(from_micros(a), from_micros(b)) for a, b in shared if b - a >= min_minutes * MINUTE
    ]


def day_range(first: date, days: int, display_zone: str) -> tuple[datetime, datetime]:
    """From the first instant of `first` to that of `days` days later, local to display_zone."""
    if days < 1:
        raise BadInput(f'bad number of days "{days}": expected a whole number of 1 or more')
    start = first_instant(display_zone, wall_midnight(first))
    end = first_instant(display_zone, wall_midnight(first + timedelta(days=days)))
    return from_micros(start), from_micros(end)


def dst_notices(
    participants: Sequence[Participant],
    start: datetime,
    end: datetime,
    display_zone: str,
    min_minutes: int = 30,
) -> list[Notice]:
    """One notice per local date in the range whose clock changes alter the shared window.

    The days before and after a change are compared by their weekly pattern: with
    every offset fixed, the shared time repeats each week, so two patterns differ
    exactly when the change moves or resizes some window.
    """
    lo, hi = to_micros(start), to_micros(end)
    zones = list(dict.fromkeys([*(p.zone for p in participants), display_zone]))
    changes_by_date: dict[date, list[tuple[int, str]]] = {}
    for zone in zones:
        for segment_start, _, _ in offset_segments(zone, lo // DAY - 3, hi // DAY + 4)[1:]:
            if lo < segment_start < hi:
                local = wall_date(segment_start + _offset(display_zone, segment_start))
                changes_by_date.setdefault(local, []).append((segment_start, zone))

    changed: list[tuple[date, str, str]] = []
    for local_date, changes in sorted(changes_by_date.items()):
        before = min(t for t, _ in changes) - SECOND
        after = max(t for t, _ in changes)
        old = _weekly_windows(participants, display_zone, before, min_minutes)
        new = _weekly_windows(participants, display_zone, after, min_minutes)
        if old != new:
            who = _who_changes(zones, changes, before, after)
            changed.append((local_date, who, _describe_change(old, new)))
    notices = []
    for index, (local_date, who, change) in enumerate(changed):
        text = f"From {day_label(local_date)} {who}: {change}"
        if index + 1 < len(changed):
            text += f" until {day_label(changed[index + 1][0])}"
        notices.append(Notice(local_date, text))
    return notices


def city_name(zone: str) -> str:
    """A friendly name for a zone: `America/New_York` is `New York`."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


# Time zones and offsets.


@cache
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise BadInput(
            f'unknown time zone "{name}": use an IANA name such as Europe/London'
        ) from None


def _offset(zone: str, instant: int) -> int:
    offset = from_micros(instant).astimezone(_zone(zone)).utcoffset()
    assert offset is not None
    return offset // timedelta(microseconds=1)


@lru_cache(maxsize=1024)
def offset_segments(zone: str, first_day: int, last_day: int) -> tuple[Segment, ...]:
    """Stretches of constant UTC offset covering UTC days [first_day, last_day)."""
    lo, hi = first_day * DAY, last_day * DAY
    segments = []
    segment_start, offset = lo, _offset(zone, lo)
    probe = lo
    while probe < hi:
        next_probe = min(probe + _PROBE, hi)
        while _offset(zone, next_probe) != offset:
            change = _first_change(zone, probe, next_probe, offset)
            segments.append((segment_start, change, offset))
            segment_start, offset, probe = change, _offset(zone, change), change
        probe = next_probe
    segments.append((segment_start, hi, offset))
    return tuple((a, b, offset) for a, b, offset in segments if a < b)


def _first_change(zone: str, lo: int, hi: int, offset: int) -> int:
    """The first whole second in (lo, hi] whose offset is not `offset`."""
    while hi - lo > SECOND:
        middle = lo + (hi - lo) // (2 * SECOND) * SECOND
        if _offset(zone, middle) == offset:
            lo = middle
        else:
            hi = middle
    return hi


def first_instant(zone: str, wall: int) -> int:
    """The first instant whose wall-clock time in `zone` is at or after `wall`."""
    segments = offset_segments(zone, wall // DAY - 3, wall // DAY + 4)
    return min(
        max(segment_start, wall - offset)
        for segment_start, segment_end, offset in segments
        if max(segment_start, wall - offset) < segment_end
    )


# Availability.


@lru_cache(maxsize=256)
def _daily_wall_times(hours: Hours) -> tuple[tuple[Interval, ...], ...]:
    """For each weekday, the wall-clock minutes after its midnight its spans cover."""
    by_weekday: list[list[Interval]] = [[] for _ in range(7)]
    for span in hours.spans:
        for weekday in span.days:
            by_weekday[weekday].append((span.start, span.start + span.length))
    return tuple(tuple(merge_intervals(intervals)) for intervals in by_weekday)


def available_micros(p: Participant, lo: int, hi: int) -> list[Interval]:
    """The instants in [lo, hi) whose wall-clock time falls in one of p's spans.

    Within a segment of constant offset, wall time is UTC plus the offset, so each
    span on each local day maps to at most one interval per segment: a span that
    starts in a clock gap starts at the transition, a repeated hour appears twice.
    """
    if lo >= hi:
        return []
    segments = offset_segments(p.zone, lo // DAY - 3, hi // DAY + 4)
    daily = _daily_wall_times(p.hours)
    # Two days before: a span past midnight can reach into the range, and a clock
    # turned back across midnight can repeat the previous day.
    day = wall_date(lo + min(offset for _, _, offset in segments)) - timedelta(days=2)
    last_day = wall_date(hi + max(offset for _, _, offset in segments))
    pieces = []
    while day <= last_day:
        midnight = wall_midnight(day)
        for start_minute, end_minute in daily[day.weekday()]:
            wall_start, wall_end = midnight + start_minute * MINUTE, midnight + end_minute * MINUTE
            for segment_start, segment_end, offset in segments:
                a = max(segment_start, wall_start - offset, lo)
                b = min(segment_end, wall_end - offset, hi)
                if a < b:
                    pieces.append((a, b))
        day += timedelta(days=1)
    return merge_intervals(pieces)


def shared_micros(participants: Sequence[Participant], lo: int, hi: int) -> list[Interval]:
    """The instants in [lo, hi) when every participant is available."""
    shared = [(lo, hi)] if lo < hi else []
    for p in participants:
        shared = _intersect(shared, available_micros(p, lo, hi))
    return shared


# Notices.


def _weekly_windows(
    participants: Sequence[Participant], display_zone: str, instant: int, min_minutes: int
) -> tuple[Interval, ...]:
    """The shared windows of a week with the offsets in force at `instant`.

    Each window is (start, length), start counted from Monday 00:00 on the display
    zone's clock, sorted; a window across the end of the week is one window.
    """
    shared = [(0, WEEK)]
    for p in participants:
        offset = _offset(p.zone, instant)
        pieces: list[Interval] = []
        for weekday, intervals in enumerate(_daily_wall_times(p.hours)):
            for a, b in intervals:
                pieces += _around_week(weekday * DAY + a * MINUTE - offset, (b - a) * MINUTE)
        shared = _intersect(shared, merge_intervals(pieces))
    display_offset = _offset(display_zone, instant)
    shown = merge_intervals(
        piece for a, b in shared for piece in _around_week(a + display_offset, b - a)
    )
    if len(shown) > 1 and shown[0][0] == 0 and shown[-1][1] == WEEK:
        shown = [(shown[-1][0], shown[-1][1] + shown[0][1]), *shown[1:-1]]
    windows = [(a, b - a) for a, b in shown if b - a >= min_minutes * MINUTE]
    return tuple(sorted(windows))


def _around_week(start: int, length: int) -> list[Interval]:
    """[start, start + length) folded onto the week [0, WEEK), split where it wraps."""
    start %= WEEK
    if start + length <= WEEK:
        return [(start, start + length)]
    return [(start, WEEK), (0, start + length - WEEK)]


def _describe_change(old: tuple[Interval, ...], new: tuple[Interval, ...]) -> str:
    """How the shared window changes, judged by its longest occurrence in the week."""
    if not old:
        return f"a shared window of {_length(max(length for _, length in new))} opens"
    if not new:
        return "the shared window closes"
    old_longest = max(length for _, length in old)
    new_longest = max(length for _, length in new)
    if old_longest != new_longest:
        verb = "grows" if new_longest > old_longest else "shrinks"
        return f"the shared window {verb} from {_length(old_longest)} to {_length(new_longest)}"
    shift = _common_shift(old, new)
    if shift:
        direction = "later" if shift > 0 else "earlier"
        return f"the shared window moves {direction} by {_length(abs(shift))}"
    return "the shared windows change times"


def _common_shift(old: tuple[Interval, ...], new: tuple[Interval, ...]) -> int:
    """How far every window moved, if all moved alike and kept their lengths; else 0."""
    if len(old) != len(new):
        return 0
    for turn in range(len(new)):
        turned = new[turn:] + new[:turn]
        pairs = list(zip(old, turned, strict=True))
        shifts = {(n - o + WEEK // 2) % WEEK - WEEK // 2 for (o, _), (n, _) in pairs}
        same_lengths = all(o == n for (_, o), (_, n) in pairs)
        if same_lengths and len(shifts) == 1:
            return shifts.pop()
    return 0


def _who_changes(zones: list[str], changes: list[tuple[int, str]], before: int, after: int) -> str:
    changed = {zone for _, zone in changes}
    summer = [z for z in zones if z in changed and _offset(z, after) > _offset(z, before)]
    winter = [z for z in zones if z in changed and _offset(z, after) < _offset(z, before)]
    phrases = [
        f"{_names(group)} {'is' if len(group) == 1 else 'are'} on {season} time"
        for group, season in ((summer, "summer"), (winter, "winter"))
        if group
    ]
    return " and ".join(phrases) or "the clocks change"


def _names(zones: list[str]) -> str:
    names = [city_name(zone) for zone in zones]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _length(micros: int) -> str:
    return duration_label(micros // MINUTE)


# Interval arithmetic on sorted lists of half-open [a, b).


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """The intervals sorted, empty ones dropped, overlapping and touching ones joined."""
    merged: list[Interval] = []
    for a, b in sorted(intervals):
        if a >= b:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _intersect(first: list[Interval], second: list[Interval]) -> list[Interval]:
    result: list[Interval] = []
    i = j = 0
    while i < len(first) and j < len(second):
        a = max(first[i][0], second[j][0])
        b = min(first[i][1], second[j][1])
        if a < b:
            if result and result[-1][1] == a:
                result[-1] = (result[-1][0], b)
            else:
                result.append((a, b))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return result


# Conversions.


def to_micros(instant: datetime) -> int:
    """An aware datetime as microseconds since the epoch."""
    if instant.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got {instant!r}")
    return (instant - _EPOCH) // timedelta(microseconds=1)


def from_micros(micros: int) -> datetime:
    """Microseconds since the epoch as an aware UTC datetime."""
    return _EPOCH + timedelta(microseconds=micros)


def wall_midnight(day: date) -> int:
    """The wall-clock time of the start of `day`."""
    return (day.toordinal() - _EPOCH_ORDINAL) * DAY


def wall_date(wall: int) -> date:
    """The date a wall-clock time falls on."""
    return date.fromordinal(_EPOCH_ORDINAL + wall // DAY)
