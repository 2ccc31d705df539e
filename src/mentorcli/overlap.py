"""Availability across time zones: who is available when, shared windows, DST notices (pure)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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
class Absence:
    """Why someone is not available for a while: "away", "holiday" or "busy", with a note
    (the time off's note, the holiday's name). UTC microseconds, half-open."""

    start: int
    end: int
    kind: str
    note: str = ""


@dataclass(frozen=True)
class Participant:
    """Someone whose hours count: a stored person or an ad-hoc `--zone`.

    Beyond the weekly hours, `days` replaces the spans that start on some local dates (a
    holiday has none, a one-day override its own, as wall-clock minutes after that date's
    midnight), and `blocked` are instants when they are not available whatever their hours
    say (away, busy), sorted and merged. `absences` say why, for explaining one moment.
    """

    name: str
    zone: str
    hours: Hours
    sleep: Hours | None = None  # their night on their own clock; None for 22:00-07:00
    days: tuple[tuple[date, tuple[Interval, ...]], ...] = ()
    blocked: tuple[Interval, ...] = ()
    absences: tuple[Absence, ...] = field(default=(), compare=False)

    @property
    def irregular(self) -> bool:
        """Whether their availability is more than their weekly hours."""
        return bool(self.days or self.blocked)


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
    """One notice per clock change in the range that alters some shown window.

    A change alters a window when the windows with it differ from those of the same range
    had the clocks not changed (the old offset kept until that zone's next change), both read
    on the display zone's clock. The notice is dated on the first display day that differs.
    Changes on the same display day are taken together.
    """
    lo, hi = to_micros(start), to_micros(end)
    zones = list(dict.fromkeys([*(p.zone for p in participants), display_zone]))
    segments = {zone: offset_segments(zone, lo // DAY - 3, hi // DAY + 4) for zone in zones}
    changes_by_date: dict[date, list[tuple[int, str]]] = {}
    for zone in zones:
        for segment_start, _, _ in segments[zone][1:]:
            if lo < segment_start < hi:
                local = wall_date(segment_start + _offset(display_zone, segment_start))
                changes_by_date.setdefault(local, []).append((segment_start, zone))

    actual = _shown_windows(participants, segments, display_zone, lo, hi, min_minutes)
    groups = list(changes_by_date.values())
    while True:
        effects = [
            _effect(participants, segments, display_zone, lo, hi, min_minutes, actual, g)
            for g in groups
        ]
        by_first: dict[date, list[tuple[int, str]]] = {}
        for group, effect in zip(groups, effects, strict=True):
            if effect is not None:
                by_first.setdefault(effect[0], []).extend(group)
        if len(by_first) == sum(effect is not None for effect in effects):
            break
        # Changes first felt on the same day are one notice.
        groups = list(by_first.values())
    found = [effect for effect in effects if effect is not None]
    found.sort()
    notices = []
    for index, (first, second, who, text) in enumerate(found):
        if second is None:
            notices.append(Notice(first, f"On {day_label(first)} only, as {who}, {text}"))
            continue
        settled = who.replace(" goes on", " is on").replace(" go on", " are on")
        line = f"From {day_label(first)} {settled}: {text}"
        if index + 1 < len(found):
            line += f" until {day_label(found[index + 1][0])}"
        notices.append(Notice(first, line))
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
    return _available_in(p, lo, hi, offset_segments(p.zone, lo // DAY - 3, hi // DAY + 4))


def _available_in(
    p: Participant, lo: int, hi: int, segments: tuple[Segment, ...]
) -> list[Interval]:
    """available_micros with the offsets given: segments covering [lo, hi) and days around."""
    daily = _daily_wall_times(p.hours)
    special = dict(p.days)
    # Two days before: a span past midnight can reach into the range, and a clock
    # turned back across midnight can repeat the previous day.
    day = wall_date(lo + min(offset for _, _, offset in segments)) - timedelta(days=2)
    last_day = wall_date(hi + max(offset for _, _, offset in segments))
    pieces = []
    while day <= last_day:
        midnight = wall_midnight(day)
        for start_minute, end_minute in special.get(day, daily[day.weekday()]):
            wall_start, wall_end = midnight + start_minute * MINUTE, midnight + end_minute * MINUTE
            for segment_start, segment_end, offset in segments:
                a = max(segment_start, wall_start - offset, lo)
                b = min(segment_end, wall_end - offset, hi)
                if a < b:
                    pieces.append((a, b))
        day += timedelta(days=1)
    return subtract(merge_intervals(pieces), p.blocked)


def shared_micros(participants: Sequence[Participant], lo: int, hi: int) -> list[Interval]:
    """The instants in [lo, hi) when every participant is available."""
    shared = [(lo, hi)] if lo < hi else []
    for p in participants:
        shared = _intersect(shared, available_micros(p, lo, hi))
    return shared


# Notices.

Effect = tuple[date, date | None, str, str]  # first and second day changed, who, what

# A window as its start on the display zone's clock and its real length: the clock alone would
# hide a window that keeps its times but loses an hour to a gap.
WallWindow = tuple[int, int]


def _effect(
    participants: Sequence[Participant],
    segments: dict[str, tuple[Segment, ...]],
    display_zone: str,
    lo: int,
    hi: int,
    min_minutes: int,
    actual: list[WallWindow],
    changes: list[tuple[int, str]],
) -> Effect | None:
    """What these clock changes do to the shown windows, or None when they change nothing."""
    kept = {
        zone: _without_changes(zone_segments, {t for t, z in changes if z == zone})
        for zone, zone_segments in segments.items()
    }
    unchanged = _shown_windows(participants, kept, display_zone, lo, hi, min_minutes)
    if unchanged == actual:
        return None
    days = _differing_days(unchanged, actual)
    first, second = days[0], days[1] if len(days) > 1 else None
    before = min(t for t, _ in changes) - SECOND
    after = max(t for t, _ in changes)
    who = _who_changes(list(segments), changes, before, after)
    text = _describe_change(_on_day(unchanged, first), _on_day(actual, first))
    if second is not None:
        later = _describe_change(_on_day(unchanged, second), _on_day(actual, second))
        if later != text:
            text += f"; from {day_label(second)} {later}"
    return first, second, who, text


def _without_changes(segments: tuple[Segment, ...], changes: set[int]) -> tuple[Segment, ...]:
    """The segments as if the clock changes at these instants had not happened."""
    result: list[Segment] = []
    for segment_start, segment_end, offset in segments:
        if segment_start in changes and result:
            offset = result[-1][2]
        result.append((segment_start, segment_end, offset))
    return tuple(result)


def _offset_in(segments: tuple[Segment, ...], instant: int) -> int:
    for segment_start, segment_end, offset in segments:
        if segment_start <= instant < segment_end:
            return offset
    return segments[-1][2] if instant >= segments[-1][1] else segments[0][2]


def _shown_windows(
    participants: Sequence[Participant],
    segments: dict[str, tuple[Segment, ...]],
    display_zone: str,
    lo: int,
    hi: int,
    min_minutes: int,
) -> list[WallWindow]:
    """The shared windows of at least min_minutes, on the display clock of these segments."""
    shared = [(lo, hi)]
    for p in participants:
        shared = _intersect(shared, _available_in(p, lo, hi, segments[p.zone]))
    shown = segments[display_zone]
    return [(a + _offset_in(shown, a), b - a) for a, b in shared if b - a >= min_minutes * MINUTE]


def _differing_days(old: list[WallWindow], new: list[WallWindow]) -> list[date]:
    """The display days on which the two lists of windows differ, in order."""
    old_set, new_set = set(old), set(new)
    days: set[date] = set()
    for a, length in [*(w for w in old if w not in new_set), *(w for w in new if w not in old_set)]:
        day = wall_date(a)
        while wall_midnight(day) < a + max(length, 1):
            days.add(day)
            day += timedelta(days=1)
    differing = sorted(days)
    # A day both lists cover alike (inside a long window that changed elsewhere) is no change.
    return [d for d in differing if _on_day(old, d) != _on_day(new, d)] or differing


def _on_day(windows: list[WallWindow], day: date) -> list[Interval]:
    """The windows overlapping a display day."""
    midnight = wall_midnight(day)
    return [(a, length) for a, length in windows if a < midnight + DAY and a + length > midnight]


def _describe_change(old: list[Interval], new: list[Interval]) -> str:
    """How the shared window changes on one day, judged by its longest occurrence."""
    if not old:
        return f"a shared window of {_length(max(length for _, length in new))} opens"
    if not new:
        return "the shared window closes"
    old_longest = max(length for _, length in old)
    new_longest = max(length for _, length in new)
    if old_longest != new_longest:
        verb = "grows" if new_longest > old_longest else "shrinks"
        return f"the shared window {verb} from {_length(old_longest)} to {_length(new_longest)}"
    shifts = {n - o for (o, _), (n, _) in zip(old, new, strict=False)}
    if len(old) == len(new) and len(shifts) == 1 and 0 not in shifts:
        shift = shifts.pop()
        direction = "later" if shift > 0 else "earlier"
        return f"the shared window moves {direction} by {_length(abs(shift))}"
    return "the shared windows change times"


def _who_changes(zones: list[str], changes: list[tuple[int, str]], before: int, after: int) -> str:
    """Who changes clocks, as `New York goes on summer time` or `Apia's clocks jump forward`."""
    changed = [z for z in zones if z in {zone for _, zone in changes}]
    step = {z: _offset(z, after) - _offset(z, before) for z in changed}
    phrases = []
    for group, season in (
        ([z for z in changed if 0 < step[z] <= 2 * HOUR], "summer"),
        ([z for z in changed if -2 * HOUR <= step[z] < 0], "winter"),
    ):
        if group:
            phrases.append(
                f"{_names(group)} {'goes' if len(group) == 1 else 'go'} on {season} time"
            )
    for z in changed:
        if abs(step[z]) > 2 * HOUR:
            way = "forward" if step[z] > 0 else "back"
            phrases.append(f"the clocks in {city_name(z)} jump {way} by {_length(abs(step[z]))}")
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


def subtract(intervals: list[Interval], taken: Sequence[Interval]) -> list[Interval]:
    """The parts of sorted, merged `intervals` outside sorted, merged `taken`."""
    if not taken or not intervals:
        return intervals
    ends = [b for _, b in taken]
    result: list[Interval] = []
    for a, b in intervals:
        index = bisect_right(ends, a)
        while a < b and index < len(taken) and taken[index][0] < b:
            t_start, t_end = taken[index]
            if t_start > a:
                result.append((a, t_start))
            a = max(a, t_end)
            index += 1
        if a < b:
            result.append((a, b))
    return result


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
