"""Cadences: the grammar, canonical forms, refusals, next due dates across month ends and DST."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given
from hypothesis import strategies as st

from mentorcli.cadence import Cadence, parse_cadence
from mentorcli.errors import BadInput

NY = ZoneInfo("America/New_York")
START = datetime(2026, 1, 5, 9, 0, tzinfo=NY)  # a Monday


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("weekly", "weekly"),
        ("  Weekly ", "weekly"),
        ("every week", "weekly"),
        ("every 1 week", "weekly"),
        ("every 1 weeks", "weekly"),
        ("every 2 weeks", "every 2 weeks"),
        ("Every  3   Weeks", "every 3 weeks"),
        ("every 02 weeks", "every 2 weeks"),
        ("every other week", "every 2 weeks"),
        ("biweekly", "every 2 weeks"),
        ("fortnightly", "every 2 weeks"),
        ("monthly", "monthly"),
        ("every 1 month", "monthly"),
        ("every 3 months", "every 3 months"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        ("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        ("rrule: freq=weekly; interval=2; byday=tu;", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        ("INTERVAL=02;BYDAY=TU;FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        ("FREQ=MONTHLY;BYDAY=1MO", "FREQ=MONTHLY;BYDAY=1MO"),
        ("FREQ=DAILY;INTERVAL=10", "FREQ=DAILY;INTERVAL=10"),
    ],
)
def test_forms_and_their_canonical_text(typed: str, canonical: str) -> None:
    cadence = parse_cadence(typed)
    assert cadence.text == canonical
    assert parse_cadence(cadence.text) == cadence


def test_unknown_cadence_message() -> None:
    with pytest.raises(BadInput) as refused:
        parse_cadence("sometimes")
    assert str(refused.value) == (
        'unknown cadence "sometimes": use weekly, every N weeks, monthly, every N months '
        "or an RRULE like FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("every 0 weeks", 'cadence "every 0 weeks" never repeats: use every 1 to 52 weeks'),
        ("every 60 weeks", 'cadence "every 60 weeks" is too far apart: use every 1 to 52 weeks'),
        ("every 13 months", 'cadence "every 13 months" is too far apart: use every 1 to 12 months'),
        (
            "FREQ=SOMETIMES",
            'bad RRULE "FREQ=SOMETIMES": FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY',
        ),
        ("FREQ=HOURLY", 'bad RRULE "FREQ=HOURLY": FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY'),
        ("INTERVAL=2", 'bad RRULE "INTERVAL=2": FREQ is missing, e.g. FREQ=WEEKLY;INTERVAL=2'),
        (
            "FREQ=WEEKLY;INTERVAL=0",
            'RRULE "FREQ=WEEKLY;INTERVAL=0" never repeats: INTERVAL must be 1 or more',
        ),
        (
            "FREQ=WEEKLY;INTERVAL=x",
            'bad RRULE "FREQ=WEEKLY;INTERVAL=X": INTERVAL must be a whole number from 1 to 9999',
        ),
        (
            "FREQ=WEEKLY;FREQ=DAILY",
            'bad RRULE "FREQ=WEEKLY;FREQ=DAILY": FREQ is given twice; keep one',
        ),
        ("FREQ=WEEKLY;BYDAY=XX", "bad RRULE \"FREQ=WEEKLY;BYDAY=XX\": invalid 'BYDAY': XX"),
        ("FREQ=WEEKLY;COLOUR=RED", 'bad RRULE "FREQ=WEEKLY;COLOUR=RED": unknown part "COLOUR"'),
        ("FREQ=WEEKLY;BYDAY", 'bad RRULE "FREQ=WEEKLY;BYDAY": "BYDAY" is not NAME=VALUE'),
        (
            "FREQ=WEEKLY;COUNT=5",
            'RRULE "FREQ=WEEKLY;COUNT=5" has COUNT, but a cadence lasts as long as the pair: '
            "leave COUNT out and end the pair instead",
        ),
        (
            "FREQ=DAILY;BYHOUR=9,10",
            'RRULE "FREQ=DAILY;BYHOUR=9,10" has BYHOUR, but the time of day comes from the '
            "pair's start: leave BYHOUR out",
        ),
        (
            "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
            'RRULE "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30" never repeats: '
            "check its BY... parts against each other",
        ),
    ],
)
def test_refusals_name_the_value_and_the_fix(typed: str, message: str) -> None:
    with pytest.raises(BadInput) as refused:
        parse_cadence(typed)
    assert str(refused.value) == message


def test_bimonthly_is_refused_as_ambiguous() -> None:
    with pytest.raises(BadInput, match="ambiguous: use every 2 months"):
        parse_cadence("bimonthly")


@pytest.mark.parametrize(
    ("typed", "rule", "days"),
    [
        ("weekly", "FREQ=WEEKLY", 7.0),
        ("every 2 weeks", "FREQ=WEEKLY;INTERVAL=2", 14.0),
        ("monthly", "FREQ=MONTHLY", 30.436875),
        ("every 3 months", "FREQ=MONTHLY;INTERVAL=3", 91.310625),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", 14.0),
        ("FREQ=DAILY", "FREQ=DAILY", 1.0),
        ("FREQ=YEARLY;INTERVAL=2", "FREQ=YEARLY;INTERVAL=2", 730.485),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO", "FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO", 60.87375),
    ],
)
def test_rrule_text_and_approx_days(typed: str, rule: str, days: float) -> None:
    cadence = parse_cadence(typed)
    assert cadence.rrule_text() == rule
    assert cadence.approx_days() == pytest.approx(days)


def test_monthly_rrule_from_a_late_start_falls_back_to_the_month_end() -> None:
    late = datetime(2026, 1, 31, 9, 0, tzinfo=NY)
    assert parse_cadence("monthly").rrule_text(late) == (
        "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"
    )
    assert parse_cadence("monthly").rrule_text(START) == "FREQ=MONTHLY"
    assert parse_cadence("weekly").rrule_text(late) == "FREQ=WEEKLY"


def test_first_due_is_the_start() -> None:
    assert parse_cadence("weekly").next_due(None, START) == START
    assert parse_cadence("monthly").next_due(None, START) == START


def test_weekly_counts_from_the_last_session() -> None:
    last = datetime(2026, 1, 7, 16, 0, tzinfo=NY)
    assert parse_cadence("weekly").next_due(last, START) == datetime(2026, 1, 14, 16, tzinfo=NY)
    assert parse_cadence("every 2 weeks").next_due(last, START) == datetime(
        2026, 1, 21, 16, tzinfo=NY
    )


def test_monthly_after_a_month_end_is_the_shorter_months_end() -> None:
    monthly = parse_cadence("monthly")
    assert monthly.next_due(datetime(2026, 1, 31, 9, tzinfo=NY), START) == datetime(
        2026, 2, 28, 9, tzinfo=NY
    )
    assert monthly.next_due(datetime(2028, 1, 31, 9, tzinfo=NY), START) == datetime(
        2028, 2, 29, 9, tzinfo=NY
    )
    assert parse_cadence("every 3 months").next_due(
        datetime(2026, 11, 30, 9, tzinfo=NY), START
    ) == datetime(2027, 2, 28, 9, tzinfo=NY)


def test_weekly_keeps_the_wall_clock_across_dst() -> None:
    before = datetime(2026, 3, 5, 9, 0, tzinfo=NY)  # EST, 14:00 UTC
    due = parse_cadence("weekly").next_due(before, START)
    assert due.replace(tzinfo=None) == datetime(2026, 3, 12, 9, 0)
    assert due.astimezone(UTC) == datetime(2026, 3, 12, 13, 0, tzinfo=UTC)
    assert due.tzinfo is NY


def test_monthly_keeps_the_wall_clock_across_dst() -> None:
    due = parse_cadence("monthly").next_due(datetime(2026, 10, 15, 9, tzinfo=NY), START)
    assert due.astimezone(UTC) == datetime(2026, 11, 15, 14, 0, tzinfo=UTC)


def test_a_due_time_in_a_dst_gap_moves_on_by_the_gap() -> None:
    due = parse_cadence("weekly").next_due(datetime(2026, 3, 1, 2, 30, tzinfo=NY), START)
    assert due.replace(tzinfo=None) == datetime(2026, 3, 8, 3, 30)
    assert due.utcoffset() == timedelta(hours=-4)


def test_next_due_stays_in_the_zone_it_was_given() -> None:
    last = datetime(2026, 1, 7, 16, 0, tzinfo=UTC)
    assert parse_cadence("weekly").next_due(last, START).tzinfo is UTC


def test_rrule_is_anchored_at_the_start() -> None:
    cadence = parse_cadence("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")
    start = datetime(2026, 3, 2, 9, 0, tzinfo=NY)  # Monday; first Tuesday is the 3rd
    assert cadence.next_due(None, start) == datetime(2026, 3, 3, 9, tzinfo=NY)
    # A session on Wednesday the 4th: the next in the series is a fortnight after the 3rd.
    due = cadence.next_due(datetime(2026, 3, 4, 15, tzinfo=NY), start)
    assert due == datetime(2026, 3, 17, 9, tzinfo=NY)
    assert due.utcoffset() == timedelta(hours=-4)


def test_rrule_first_occurrence_counts_the_start_itself() -> None:
    cadence = parse_cadence("FREQ=WEEKLY;BYDAY=MO")
    assert cadence.next_due(None, START.replace(microsecond=123)) == START


def test_occurrences() -> None:
    assert parse_cadence("weekly").occurrences(START, 3) == [
        START,
        datetime(2026, 1, 12, 9, tzinfo=NY),
        datetime(2026, 1, 19, 9, tzinfo=NY),
    ]
    late = datetime(2026, 1, 31, 9, 0, tzinfo=NY)
    assert [d.date().isoformat() for d in parse_cadence("monthly").occurrences(late, 4)] == [
        "2026-01-31",
        "2026-02-28",
        "2026-03-31",
        "2026-04-30",
    ]
    rule = parse_cadence("FREQ=MONTHLY;BYDAY=1MO")
    assert [d.day for d in rule.occurrences(START, 3)] == [5, 2, 2]
    assert parse_cadence("weekly").occurrences(START, 0) == []


simple_cadences = st.builds(
    lambda unit, every: f"every {every} {unit}s",
    st.sampled_from(["week", "month"]),
    st.integers(1, 12),
)
starts = st.builds(
    lambda wall, zone: wall.replace(tzinfo=ZoneInfo(zone)),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1)).map(
        lambda d: d.replace(second=0, microsecond=0)
    ),
    st.sampled_from(["America/New_York", "Europe/London", "Australia/Lord_Howe", "UTC"]),
)


@given(simple_cadences, starts, st.integers(1, 15))
def test_occurrences_agree_with_the_exported_rrule(text: str, start: datetime, count: int) -> None:
    cadence = parse_cadence(text)
    ours = cadence.occurrences(start, count)
    theirs = list(islice(rrulestr(f"RRULE:{cadence.rrule_text(start)}", dtstart=start), count))
    assert [d.astimezone(UTC) for d in ours[1:]] == [d.astimezone(UTC) for d in theirs[1:]]
    assert ours[0] == start


@given(simple_cadences, starts)
def test_next_due_is_the_next_occurrence_for_the_first_step(text: str, start: datetime) -> None:
    cadence = parse_cadence(text)
    assert cadence.next_due(start, start) == cadence.occurrences(start, 2)[1]
    assert cadence.next_due(start, start) > start


@given(
    st.sampled_from(["weekly", "every 2 weeks", "monthly", "every 3 months", "every 52 weeks"]),
    st.sampled_from([str.upper, str.lower, str.title, lambda s: f"  {s.replace(' ', '   ')}  "]),
)
def test_canonical_round_trip(text: str, spell: object) -> None:
    assert callable(spell)
    cadence = parse_cadence(spell(text))
    assert parse_cadence(cadence.text) == cadence == Cadence(cadence.text)


TOKENS = [
    "every", "weekly", "monthly", "2", "0", "weeks", "month", "other", "FREQ=", "WEEKLY",
    "DAILY", "HOURLY", ";", "=", "INTERVAL=", "BYDAY=", "TU", "MO,WE", "BYMONTHDAY=", "31",
    "-1", "BYSETPOS=", "COUNT=3", "UNTIL=20261231", "RRULE:", "BYMONTH=", "2", "13", "\n",
    "BYWEEKNO=", "53", "BYYEARDAY=", "366", "WKST=", "SU", "BYHOUR=", "25", "+5FR", "x",
]  # fmt: skip
junk = st.one_of(st.text(max_size=40), st.lists(st.sampled_from(TOKENS), max_size=8).map("".join))


@given(junk)
def test_any_text_is_a_cadence_or_a_one_line_refusal(text: str) -> None:
    try:
        cadence = parse_cadence(text)
    except BadInput as refused:
        message = str(refused)
        assert message and len(message.splitlines()) == 1
    else:
        assert parse_cadence(cadence.text) == cadence
        assert cadence.approx_days() >= 1
        assert len(cadence.occurrences(START, 2)) == 2
        assert cadence.next_due(START, START) > START


def test_weekly_does_not_import_dateutil() -> None:
    script = """
import sys
from datetime import datetime, timezone
from mentorcli.cadence import parse_cadence
now = datetime(2026, 11, 24, 17, tzinfo=timezone.utc)
for text in ("weekly", "every 2 weeks", "fortnightly"):
    cadence = parse_cadence(text)
    cadence.next_due(None, now), cadence.next_due(now, now), cadence.occurrences(now, 4)
    cadence.rrule_text(now), cadence.approx_days()
parse_cadence("monthly").approx_days()
loaded = sorted(name for name in sys.modules if name.startswith("dateutil"))
assert not loaded, loaded
"""
    subprocess.run([sys.executable, "-c", script], check=True)
