"""The working-hours grammar: examples, every refusal, and round-trip properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcli.errors import BadInput
from mentorcli.hours import DAY_NAMES, DEFAULT_HOURS, Hours, Span, format_hours, parse_hours

WEEKDAYS = frozenset(range(5))
EVERY_DAY = frozenset(range(7))


@pytest.mark.parametrize(
    ("text", "spans", "canonical"),
    [
        ("09:00-17:00", [Span(WEEKDAYS, 540, 1020)], "mon-fri 09:00-17:00"),
        (
            "mon-thu 08:00-16:00, fri 08:00-12:00",
            [Span(frozenset({0, 1, 2, 3}), 480, 960), Span(frozenset({4}), 480, 720)],
            "mon-thu 08:00-16:00, fri 08:00-12:00",
        ),
        (
            "sun-thu 22:00-06:00",
            [Span(frozenset({6, 0, 1, 2, 3}), 1320, 360)],
            "sun-thu 22:00-06:00",
        ),
        ("sat+sun 10:00-12:00", [Span(frozenset({5, 6}), 600, 720)], "sat+sun 10:00-12:00"),
        ("fri-mon 10:00-12:00", [Span(frozenset({4, 5, 6, 0}), 600, 720)], "fri-mon 10:00-12:00"),
        ("mon-sun 18:00-24:00", [Span(EVERY_DAY, 1080, 1440)], "mon-sun 18:00-24:00"),
        ("sun-sat 00:00-24:00", [Span(EVERY_DAY, 0, 1440)], "mon-sun 00:00-24:00"),
        # An end of 00:00 is midnight, the same as 24:00.
        ("22:00-00:00", [Span(WEEKDAYS, 1320, 1440)], "mon-fri 22:00-24:00"),
        ("00:00-00:00", [Span(WEEKDAYS, 0, 1440)], "mon-fri 00:00-24:00"),
        # Equal start and end: a full 24 hours, running past midnight.
        ("wed 09:00-09:00", [Span(frozenset({2}), 540, 540)], "wed 09:00-09:00"),
        (
            "  MON - Wed + Fri   09:30 - 12:15 ,sat+ SUN 10:00-11:00 ",
            [Span(frozenset({0, 1, 2, 4}), 570, 735), Span(frozenset({5, 6}), 600, 660)],
            "mon-wed+fri 09:30-12:15, sat+sun 10:00-11:00",
        ),
        # Equal time ranges on different days become one span.
        (
            "mon 09:00-17:00, wed 09:00-17:00, mon 09:00-17:00",
            [Span(frozenset({0, 2}), 540, 1020)],
            "mon+wed 09:00-17:00",
        ),
        (
            "sun 01:00-02:00, wed-fri 01:00-02:00, mon 01:00-02:00",
            [Span(frozenset({6, 0, 2, 3, 4}), 60, 120)],
            "sun+mon+wed-fri 01:00-02:00",
        ),
        (
            "fri-tue 08:00-09:00",
            [Span(frozenset({4, 5, 6, 0, 1}), 480, 540)],
            "fri-tue 08:00-09:00",
        ),
    ],
)
def test_examples(text: str, spans: list[Span], canonical: str) -> None:
    hours = parse_hours(text)
    assert set(hours.spans) == set(spans)
    assert format_hours(hours) == canonical
    assert parse_hours(canonical) == hours


def test_default_hours_are_weekdays_nine_to_five() -> None:
    assert format_hours(parse_hours(DEFAULT_HOURS)) == "mon-fri 09:00-17:00"


def test_overnight_and_length() -> None:
    whole, day, night = parse_hours("22:00-06:00, 09:00-17:00, 07:00-07:00").spans
    assert (night.overnight, night.length) == (True, 480)
    assert (day.overnight, day.length) == (False, 480)
    assert (whole.overnight, whole.length) == (True, 1440)


def test_spans_are_sorted_by_first_day_then_time() -> None:
    hours = parse_hours("fri 08:00-12:00, sun-tue 07:00-08:00, mon-thu 08:00-16:00")
    assert format_hours(hours) == "sun-tue 07:00-08:00, mon-thu 08:00-16:00, fri 08:00-12:00"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9-5", 'bad hours "9-5": expected HH:MM-HH:MM, e.g. 09:00-17:00'),
        ("9:00-17:00", 'bad hours "9:00-17:00": expected HH:MM-HH:MM'),
        ("09:00", 'bad hours "09:00": expected [DAYS ]HH:MM-HH:MM'),
        ("mon-fri", 'bad hours "mon-fri": expected [DAYS ]HH:MM-HH:MM'),
        ("09:00-17:00 mon", 'bad hours "09:00-17:00 mon"'),
        ("mon-fri09:00-17:00", 'bad hours "mon-fri09:00-17:00"'),
        ("09:00-12:00-17:00", 'bad hours "09:00-12:00-17:00"'),
        ("25:00-26:00", 'bad time "25:00" in "25:00-26:00": a start runs from 00:00 to 23:59'),
        ("24:00-10:00", 'bad time "24:00" in "24:00-10:00": a start runs from 00:00 to 23:59'),
        ("09:00-24:30", 'bad time "24:30" in "09:00-24:30": an end runs from 00:00 to 24:00'),
        ("09:00-25:00", 'bad time "25:00" in "09:00-25:00": an end runs from 00:00 to 24:00'),
        ("09:60-10:00", 'bad time "09:60" in "09:60-10:00": minutes run from 00 to 59'),
        (
            "mon-fru 09:00-17:00",
            'unknown day "fru" in "mon-fru 09:00-17:00": use mon tue wed thu fri sat sun',
        ),
        ("monday 09:00-17:00", 'unknown day "monday" in "monday 09:00-17:00"'),
        ("mon fri 09:00-17:00", 'unknown day "mon fri"'),
        ("mon- 09:00-17:00", 'bad days "mon-" in "mon- 09:00-17:00": expected DAY, DAY-DAY'),
        ("mon++fri 09:00-17:00", 'bad days "" in "mon++fri 09:00-17:00"'),
        ("mon-wed-fri 09:00-17:00", 'bad days "mon-wed-fri"'),
        ("mon-mon 09:00-17:00", 'day range "mon-mon" in "mon-mon 09:00-17:00" names one day'),
        ("", 'bad hours "": expected HH:MM-HH:MM with optional days'),
        ("   ", 'bad hours "   ": expected HH:MM-HH:MM with optional days'),
        ("09:00-17:00,", 'empty span in "09:00-17:00,": expected HH:MM-HH:MM between commas'),
        (", 09:00-17:00", 'empty span in ", 09:00-17:00"'),
        ("09:00-12:00, 9-5", 'bad hours "9-5" in "09:00-12:00, 9-5"'),
    ],
)
def test_refusals_name_the_value_on_one_line(text: str, message: str) -> None:
    with pytest.raises(BadInput) as caught:
        parse_hours(text)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_refusals_show_control_characters_as_escapes() -> None:
    with pytest.raises(BadInput) as caught:
        parse_hours("mon\x1b[31m 09:00-17:00\n")
    assert str(caught.value).startswith('unknown day "mon\\x1b[31m" in "mon\\x1b[31m 09:00-17:00"')


@pytest.mark.parametrize(
    ("days", "start", "end"),
    [(frozenset(), 0, 60), (frozenset({7}), 0, 60), (WEEKDAYS, 1440, 60), (WEEKDAYS, 0, 0)],
)
def test_span_refuses_impossible_values(days: frozenset[int], start: int, end: int) -> None:
    with pytest.raises(ValueError):
        Span(days, start, end)


# Properties.

minutes = st.one_of(st.integers(0, 95).map(lambda quarter: quarter * 15), st.integers(0, 1439))
spans = st.builds(
    Span,
    days=st.frozensets(st.integers(0, 6), min_size=1),
    start=minutes,
    end=st.one_of(st.integers(1, 96).map(lambda quarter: quarter * 15), st.integers(1, 1440)),
)
hours_values = st.lists(spans, min_size=1, max_size=5).map(Hours.from_spans)


def minute_set(spans_with_days: list[tuple[frozenset[int], int, int]]) -> set[int]:
    """Every minute of the week (Monday 00:00 = 0) the spans cover."""
    covered: set[int] = set()
    for days, start, end in spans_with_days:
        length = end - start if end > start else end - start + 1440
        for day in days:
            covered.update((day * 1440 + start + m) % 10080 for m in range(length))
    return covered


def covered_by(hours: Hours) -> set[int]:
    return minute_set([(span.days, span.start, span.end) for span in hours.spans])


@settings(max_examples=300, deadline=None)
@given(hours_values)
def test_format_then_parse_round_trips(hours: Hours) -> None:
    assert parse_hours(format_hours(hours)) == hours


@settings(max_examples=300, deadline=None)
@given(hours_values)
def test_format_is_idempotent(hours: Hours) -> None:
    text = format_hours(hours)
    assert format_hours(parse_hours(text)) == text


@st.composite
def hours_texts(draw: st.DrawFn) -> tuple[str, list[tuple[frozenset[int], int, int]]]:
    """A valid HOURS string written loosely, and the spans it means."""

    def gap() -> str:
        return draw(st.sampled_from(["", " ", "  ", "\t"]))

    def day_name(day: int) -> str:
        name = DAY_NAMES[day]
        return draw(st.sampled_from([name, name.upper(), name.title()]))

    texts, meant = [], []
    for _ in range(draw(st.integers(1, 4))):
        start = draw(minutes)
        end = draw(st.integers(0, 1440))
        end_text = "24:00" if end == 1440 else f"{end // 60:02d}:{end % 60:02d}"
        time_text = f"{start // 60:02d}:{start % 60:02d}{gap()}-{gap()}{end_text}"
        if draw(st.booleans()):
            days: set[int] = set()
            specs = []
            for _ in range(draw(st.integers(1, 3))):
                first = draw(st.integers(0, 6))
                if draw(st.booleans()):
                    specs.append(day_name(first))
                    days.add(first)
                else:
                    last = (first + draw(st.integers(1, 6))) % 7
                    specs.append(f"{day_name(first)}{gap()}-{gap()}{day_name(last)}")
                    days.update((first + i) % 7 for i in range((last - first) % 7 + 1))
            texts.append(f"{gap()}{f'{gap()}+{gap()}'.join(specs)} {gap()}{time_text}{gap()}")
            meant.append((frozenset(days), start, end or 1440))
        else:
            texts.append(f"{gap()}{time_text}{gap()}")
            meant.append((WEEKDAYS, start, end or 1440))
    return ",".join(texts), meant


@settings(max_examples=300, deadline=None)
@given(hours_texts())
def test_valid_text_parses_to_the_minutes_it_means(
    case: tuple[str, list[tuple[frozenset[int], int, int]]],
) -> None:
    text, meant = case
    hours = parse_hours(text)
    assert covered_by(hours) == minute_set(meant)
    assert covered_by(parse_hours(format_hours(hours))) == minute_set(meant)
