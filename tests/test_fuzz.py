"""Arbitrary text into every input grammar: each either parses or raises BadInput (exit 2)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcli.cadence import parse_cadence
from mentorcli.errors import BadInput
from mentorcli.hours import format_hours, parse_hours
from mentorcli.when import parse_date, parse_datetime
from mentorcli.zones import resolve_zone

# Text that looks almost right is where parsers break, so mix grammar tokens into noise.
TOKENS = [
    "mon",
    "fri",
    "sun",
    "-",
    "+",
    ",",
    " ",
    "09:00",
    "17:00",
    "24:00",
    "22:00-06:00",
    ":",
    "every",
    "2",
    "weeks",
    "monthly",
    "FREQ=WEEKLY",
    ";",
    "INTERVAL=",
    "BYDAY=TU",
    "RRULE:",
    "2026-",
    "02-30",
    "11-24",
    "/",
    "12/01/2026",
    "today",
    "tue",
    "3pm",
    "yesterday",
    "Nov",
    "next",
    "last",
    "in",
    "2 weeks",
    "ago",
    "eow",
    "eom",
    "Dec 1",
    "America/",
    "New_York",
    "Asia/Calcutta",
    "IST",
    "UTC",
    "+05:30",
    "\x00",
    "\x1b[2J",
    "é",
]
hostile = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(TOKENS), max_size=10).map("".join),
    st.lists(st.sampled_from(TOKENS), max_size=10).map(" ".join),
)
NOW = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)


def _only_bad_input(parse: object, text: str) -> None:
    try:
        parse(text)  # type: ignore[operator]
    except BadInput as error:
        message = str(error)
        assert message and "\n" not in message and "\x1b" not in message


@settings(max_examples=300, deadline=None)
@given(hostile)
def test_hours(text: str) -> None:
    _only_bad_input(parse_hours, text)


@settings(max_examples=300, deadline=None)
@given(hostile)
def test_hours_that_parse_format_back_to_themselves(text: str) -> None:
    try:
        hours = parse_hours(text)
    except BadInput:
        return
    assert parse_hours(format_hours(hours)) == hours


@settings(max_examples=300, deadline=None)
@given(hostile)
def test_cadence(text: str) -> None:
    _only_bad_input(parse_cadence, text)


@settings(max_examples=300, deadline=None)
@given(hostile, st.booleans())
def test_dates(text: str, past: bool) -> None:
    _only_bad_input(lambda t: parse_date(t, date(2026, 11, 24), past=past), text)


@settings(max_examples=300, deadline=None)
@given(hostile, st.sampled_from(["UTC", "America/New_York", "Australia/Lord_Howe"]))
def test_datetimes(text: str, zone: str) -> None:
    _only_bad_input(lambda t: parse_datetime(t, NOW, zone), text)


@settings(max_examples=300, deadline=None)
@given(hostile)
def test_zones(text: str) -> None:
    _only_bad_input(resolve_zone, text)
