"""An RRULE's next due date, found from near the last session, is the one stepping from the
pair's start finds: for every FREQ, INTERVAL, BY... part, zone and gap of years."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mentorcli.cadence import parse_cadence
from mentorcli.errors import BadInput

ZONES = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def stepped_from_the_start(rule: str, start: datetime, last: datetime) -> datetime | None:
    """The reference: dateutil walking every occurrence from the start, as next_due once did;
    None when there is none within 40 years (a rule such as 29 February every other year
    from an odd one fires never)."""
    moments = rrulestr(f"RRULE:{rule}", dtstart=start.replace(microsecond=0))
    bounded = moments.replace(until=last + timedelta(days=40 * 366))
    after = bounded.after(last.replace(microsecond=0), inc=False)
    if after is None:
        return None
    zone = after.tzinfo
    assert zone is not None
    return after.astimezone(UTC).astimezone(zone)


@st.composite
def rules(draw: st.DrawFn) -> str:
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
    parts = [f"FREQ={freq}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 5))}")
    if draw(st.booleans()):
        days = draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=3, unique=True))
        if freq in ("MONTHLY", "YEARLY") and draw(st.booleans()):
            days = [f"{draw(st.sampled_from(['1', '2', '-1']))}{day}" for day in days]
        parts.append("BYDAY=" + ",".join(days))
    if draw(st.booleans()):
        monthdays = draw(st.lists(st.sampled_from([1, 15, 28, 29, 30, 31, -1]), min_size=1))
        parts.append("BYMONTHDAY=" + ",".join(str(d) for d in sorted(set(monthdays))))
    if draw(st.booleans()):
        months = draw(st.lists(st.integers(1, 12), min_size=1, max_size=4))
        parts.append("BYMONTH=" + ",".join(str(m) for m in sorted(set(months))))
    if draw(st.booleans()):
        parts.append(f"BYSETPOS={draw(st.sampled_from(['1', '-1', '2', '1,-1']))}")
    if draw(st.booleans()):
        parts.append(f"WKST={draw(st.sampled_from(DAYS))}")
    return ";".join(parts)


starts = st.builds(
    lambda wall, zone: wall.replace(tzinfo=ZoneInfo(zone)),
    st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2030, 1, 1)),
    st.sampled_from(ZONES),
)


@settings(max_examples=300, deadline=None)
@given(rules(), starts, st.timedeltas(timedelta(0), timedelta(days=9 * 366)))
def test_next_due_of_an_rrule_is_the_one_stepping_from_the_start_finds(
    text: str, start: datetime, gap: timedelta
) -> None:
    try:
        cadence = parse_cadence(text)
    except BadInput:
        assume(False)
        raise
    last = (start + gap).astimezone(start.tzinfo)
    expected = stepped_from_the_start(cadence.text, start, last)
    assume(expected is not None)
    assert cadence.next_due(last, start) == expected


@pytest.mark.parametrize(
    ("rule", "start", "last"),
    [
        # dateutil's first week runs from DTSTART on: a BYSETPOS counts only its later days.
        ("FREQ=WEEKLY;BYDAY=MO,FR;BYSETPOS=1", datetime(2019, 1, 2, 9), datetime(2026, 3, 4, 8)),
        # A start on the 31st: the months moved to must have one.
        ("FREQ=MONTHLY;INTERVAL=2", datetime(2019, 1, 31, 9), datetime(2026, 9, 29, 9)),
        ("FREQ=YEARLY", datetime(2004, 2, 29, 18), datetime(2026, 11, 29, 9)),
        ("FREQ=MONTHLY;BYDAY=1TH", datetime(2021, 3, 18, 23, 30), datetime(2026, 11, 5, 23, 45)),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;WKST=SU", datetime(2018, 11, 5), datetime(2026, 11, 24)),
        ("FREQ=DAILY;INTERVAL=3", datetime(2020, 3, 8, 2, 30), datetime(2026, 3, 8, 1)),
        # The last session before the start: nothing to move.
        ("FREQ=WEEKLY;BYDAY=TU", datetime(2026, 3, 2, 9), datetime(2026, 2, 1, 9)),
    ],
)
def test_known_corners(rule: str, start: datetime, last: datetime) -> None:
    for zone in ZONES:
        begin, latest = start.replace(tzinfo=ZoneInfo(zone)), last.replace(tzinfo=ZoneInfo(zone))
        due = parse_cadence(rule).next_due(latest, begin)
        assert due == stepped_from_the_start(rule, begin, latest)
        assert due > latest
