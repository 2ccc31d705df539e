"""When a pair's next session is due by its cadence, and whether the pair has lapsed; plain data.

Apart from the agenda, so that the status screen, which reckons these for every pair, does not
build the agenda's records too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from ..cadence import Cadence, parse_cadence
from ..when import from_utc_iso as instant
from ..zones import zone as _zone

if TYPE_CHECKING:
    from ..overlap import Interval


class Cadenced(Protocol):
    """What a due date and a lapse are reckoned from of a pair: its cadence and first day (a
    Pair, or the status screen's lighter row)."""

    @property
    def cadence(self) -> str: ...

    @property
    def start_date(self) -> str: ...  # ISO date


class Touchpoint(Protocol):
    """What the due date and lapse reckoning need of the last session: when it started."""

    @property
    def started_at(self) -> str: ...  # UTC ISO


# With no session on record yet, the pair's first one is due at 09:00 in the mentor's zone.
USUAL_TIME = time(9, 0)


@lru_cache(maxsize=256)
def _cadence(text: str) -> Cadence:
    """A pair's stored cadence. Pairs share a handful of cadences: the status screen,
    reckoning hundreds of pairs, parses each distinct one once."""
    return parse_cadence(text, stored=True)


# A pair has lapsed when nothing happened for this many cadence periods.
LAPSE_FACTOR = 1.5
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# A due date moves past time off and holidays by at most this many days.
MOST_DAYS_MOVED = 366


def usual_start(pair: Cadenced, mentor_zone: str, last: Touchpoint | None) -> datetime:
    """The pair's start date at its usual time of day in the mentor's zone: the wall time of the
    last session there, else 09:00. A time in a DST gap moves on by the gap's length."""
    tz = _zone(mentor_zone)
    clock = instant(last.started_at).astimezone(tz).time() if last else USUAL_TIME
    wall = datetime.combine(date.fromisoformat(pair.start_date), clock, tzinfo=tz)
    return wall.astimezone(UTC).astimezone(tz)


def next_due(
    pair: Cadenced, mentor_zone: str, last: Touchpoint | None, off: Sequence[Interval] = ()
) -> datetime:
    """When the next session is due, in the mentor's zone: a cadence period after the last
    session (on the wall clock), or the first slot of the cadence from the pair's start. A
    time when the mentor or mentee is away or on a holiday (`off`, UTC microseconds) moves to
    the same time on the first day after that is not."""
    start = usual_start(pair, mentor_zone, last)
    previous = instant(last.started_at).astimezone(start.tzinfo) if last else None
    due = _cadence(pair.cadence).next_due(previous, start)
    for _ in range(MOST_DAYS_MOVED):
        if not _inside(off, due):
            break
        due = (due + timedelta(days=1)).astimezone(UTC).astimezone(due.tzinfo)
    return due


def _since(pair: Cadenced, last: Touchpoint | None) -> datetime:
    """Where a lapse is reckoned from: the last touchpoint, or the pair's start."""
    return (
        instant(last.started_at)
        if last
        else datetime.combine(date.fromisoformat(pair.start_date), time(0), tzinfo=UTC)
    )


def lapses_at(pair: Cadenced, last: Touchpoint | None) -> datetime:
    """When the pair lapses, time off aside: 1.5 cadence periods after its last touchpoint
    (or its start)."""
    return _since(pair, last) + timedelta(days=LAPSE_FACTOR * _cadence(pair.cadence).approx_days())


def lapsed(
    pair: Cadenced, last: Touchpoint | None, now: datetime, off: Sequence[Interval] = ()
) -> bool:
    """No touchpoint (nor the start) within 1.5 cadence periods, not counting the time the
    mentor or mentee was away or on a holiday (`off`)."""
    since = _since(pair, last)
    limit = LAPSE_FACTOR * _cadence(pair.cadence).approx_days()
    lo, hi = _micros(since), _micros(now)
    away = sum(max(0, min(b, hi) - max(a, lo)) for a, b in off) / 1_000_000
    return (now - since).total_seconds() - away > limit * 86400


def _inside(off: Sequence[Interval], moment: datetime) -> bool:
    at = _micros(moment)
    return any(a <= at < b for a, b in off)


def _micros(moment: datetime) -> int:
    """An aware datetime as overlap.py counts time (here without importing the engine)."""
    return (moment - _EPOCH) // timedelta(microseconds=1)
