"""Days with other hours and blocked times in the availability engine, against a brute-force
reference: the definition of availability, one minute at a time, with a day's own spans and
the blocked instants taken out."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcli.overlap import (
    MINUTE,
    Interval,
    Participant,
    available_micros,
    day_range,
    merge_intervals,
    subtract,
    to_micros,
)
from test_overlap import ONE_MINUTE, hours_values, local_times, runs

ZONES = ["UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu"]
# Around clock changes in those zones, and an ordinary week.
FIRST_DAYS = [date(2026, 3, 7), date(2026, 3, 28), date(2026, 10, 3), date(2026, 6, 10)]


def day_spans(p: Participant, day: date) -> list[Interval]:
    """The spans that start on `day`, as minutes after its midnight."""
    own = dict(p.days)
    if day in own:
        return list(own[day])
    return [(s.start, s.start + s.length) for s in p.hours.spans if day.weekday() in s.days]


def brute_available(p: Participant, start: datetime, end: datetime) -> list[bool]:
    count = (end - start) // ONE_MINUTE
    flags = []
    for i, local in enumerate(local_times(p.zone, start, count)):
        minute = local.hour * 60 + local.minute
        today = any(a <= minute < b for a, b in day_spans(p, local.date()))
        yesterday = local.date() - timedelta(days=1)
        carried = any(a <= minute + 1440 < b for a, b in day_spans(p, yesterday))
        instant = to_micros(start + i * ONE_MINUTE)
        blocked = any(a <= instant < b for a, b in p.blocked)
        flags.append((today or carried) and not blocked)
    return flags


day_hours = st.lists(
    st.tuples(st.integers(0, 95), st.integers(1, 96)).map(
        lambda pair: (pair[0] * 15, pair[0] * 15 + pair[1] * 15)
    ),
    max_size=2,
).map(lambda spans: tuple(merge_intervals(spans)))


@st.composite
def beyond(draw: st.DrawFn) -> tuple[Participant, datetime, datetime]:
    first = draw(st.sampled_from(FIRST_DAYS))
    zone = draw(st.sampled_from(ZONES))
    start, end = day_range(first, 3, "UTC")
    changed = draw(st.lists(st.integers(-1, 3), max_size=3, unique=True))
    days = tuple(sorted((first + timedelta(days=n), draw(day_hours)) for n in changed))
    lo = to_micros(start)
    blocks = draw(st.lists(st.tuples(st.integers(-600, 5000), st.integers(1, 900)), max_size=4))
    blocked = tuple(merge_intervals((lo + a * MINUTE, lo + (a + n) * MINUTE) for a, n in blocks))
    p = Participant("p", zone, draw(hours_values), days, blocked)
    return p, start, end


@settings(max_examples=120, deadline=None)
@given(beyond())
def test_days_and_blocked_times_match_brute_force(
    case: tuple[Participant, datetime, datetime],
) -> None:
    p, start, end = case
    found = available_micros(p, to_micros(start), to_micros(end))
    expected = [
        (to_micros(a), to_micros(b)) for a, b in runs(brute_available(p, start, end), start, 1)
    ]
    assert found == expected


@given(
    st.lists(st.tuples(st.integers(0, 200), st.integers(1, 40)), max_size=6),
    st.lists(st.tuples(st.integers(0, 200), st.integers(1, 40)), max_size=6),
)
def test_subtract_matches_sets(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> None:
    a = merge_intervals((x, x + n) for x, n in first)
    b = merge_intervals((x, x + n) for x, n in second)
    points = {t for x, y in a for t in range(x, y)} - {t for x, y in b for t in range(x, y)}
    expected = merge_intervals((t, t + 1) for t in points)
    assert subtract(a, b) == expected
