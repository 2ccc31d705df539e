"""The working-hours grammar: parse, normalise and format a person's hours (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mentorcli.errors import BadInput, quoted

DEFAULT_HOURS = "09:00-17:00"
DEFAULT_SLEEP = "22:00-07:00"

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 1440
_DEFAULT_DAYS = frozenset(range(5))
_EXAMPLE = "e.g. 09:00-17:00 or mon-thu 08:00-16:00, fri 08:00-12:00"
_TIME_RANGE = re.compile(r"(?P<start>[0-9:]+)\s*-\s*(?P<end>[0-9:]+)$")
_TIME = re.compile(r"(?P<hh>[0-9]{2}):(?P<mm>[0-9]{2})$")


@dataclass(frozen=True)
class Span:
    """Working time on some weekdays, in the person's own wall-clock time.

    `end <= start` means the span runs past midnight into the next day and
    belongs to the day it starts; `end == start` is a full 24 hours, so
    `22:00-06:00` is eight hours and `09:00-09:00` is a whole day from 09:00.
    """

    days: frozenset[int]
    start: int
    end: int

    def __post_init__(self) -> None:
        if not self.days or not self.days <= frozenset(range(7)):
            raise ValueError(f"span days must be a non-empty subset of 0..6, not {self.days}")
        if not 0 <= self.start < MINUTES_PER_DAY or not 0 < self.end <= MINUTES_PER_DAY:
            raise ValueError(f"span {self.start}-{self.end} is outside 0..1439 / 1..1440")

    @property
    def overnight(self) -> bool:
        """Whether the span runs past midnight into the next day."""
        return self.end <= self.start

    @property
    def length(self) -> int:
        """Minutes of working time in one occurrence of the span."""
        return self.end - self.start + (MINUTES_PER_DAY if self.overnight else 0)


@dataclass(frozen=True)
class Hours:
    """A person's working hours: spans sorted, equal time ranges merged across days."""

    spans: tuple[Span, ...]

    @classmethod
    def from_spans(cls, spans: Iterable[Span]) -> Hours:
        """Normalise any spans: one Span per time range, holding all its days, in order."""
        days_by_range: dict[tuple[int, int], set[int]] = {}
        for span in spans:
            days_by_range.setdefault((span.start, span.end), set()).update(span.days)
        merged = [Span(frozenset(days), start, end) for (start, end), days in days_by_range.items()]
        merged.sort(key=lambda span: (_day_order(span.days), span.start, span.end))
        return cls(tuple(merged))


def parse_hours(text: str) -> Hours:
    """Read `HOURS := SPAN ("," SPAN)*`; raise BadInput naming the part that is wrong.

    Whitespace around `,`, `-` and `+` and the case of day names are free. An end
    of 00:00 is midnight, the same as 24:00, so `00:00-00:00` is the whole day.
    """
    if not text.strip():
        raise BadInput(
            f"bad hours {quoted(text)}: expected HH:MM-HH:MM with optional days, {_EXAMPLE}"
        )
    return Hours.from_spans(_parse_span(part.strip(), text) for part in text.split(","))


def parse_sleep(text: str) -> str:
    """Sleep hours as `HH:MM-HH:MM`, one span every day (`23:00-07:00`); the canonical text."""
    problem = BadInput(
        f"bad sleep hours {quoted(text)}: expected one span every day, HH:MM-HH:MM, "
        'e.g. "23:00-07:00"'
    )
    if any(char.isalpha() for char in text) or "," in text or not text.strip():
        raise problem
    try:
        hours = parse_hours(f"mon-sun {text.strip()}")
    except BadInput:
        raise problem from None
    return format_hours(hours).removeprefix("mon-sun ")


def sleep_hours(text: str) -> Hours:
    """The stored sleep text as hours: the same span on every day."""
    return parse_hours(f"mon-sun {text}")


def format_hours(hours: Hours) -> str:
    """The canonical text for hours, with days always written out."""
    return ", ".join(
        f"{format_days(span.days)} {_format_time(span.start)}-{_format_time(span.end)}"
        for span in hours.spans
    )


def format_days(days: frozenset[int]) -> str:
    """Days as runs: `mon-fri`, `sat+sun`, `sun-thu`, `fri-mon`, `mon+wed-fri`."""
    parts = []
    for first, last in _day_runs(days):
        length = (last - first) % 7 + 1
        if length == 1:
            parts.append(DAY_NAMES[first])
        elif length == 2:
            parts.append(f"{DAY_NAMES[first]}+{DAY_NAMES[last]}")
        else:
            parts.append(f"{DAY_NAMES[first]}-{DAY_NAMES[last]}")
    return "+".join(parts)


def _day_runs(days: frozenset[int]) -> list[tuple[int, int]]:
    """Runs of consecutive days, wrapping the week; a run across Sunday-Monday comes first."""
    if len(days) == 7:
        return [(0, 6)]
    runs = []
    for first in days:
        if (first - 1) % 7 in days:
            continue
        last = first
        while (last + 1) % 7 in days:
            last = (last + 1) % 7
        runs.append((first, last))
    runs.sort(key=lambda run: run[0] - 7 if run[0] > run[1] else run[0])
    return runs


def _day_order(days: frozenset[int]) -> int:
    first, last = _day_runs(days)[0]
    return first - 7 if first > last else first


def _parse_span(span: str, text: str) -> Span:
    where = f" in {quoted(text.strip())}" if span != text.strip() else ""
    if not span:
        raise BadInput(f"empty span{where}: expected HH:MM-HH:MM between commas, {_EXAMPLE}")
    lowered = span.lower()
    match = _TIME_RANGE.search(lowered)
    prefix = lowered[: match.start()] if match else ""
    if match is None or (prefix and not prefix[-1].isspace()):
        raise BadInput(f"bad hours {quoted(span)}{where}: expected [DAYS ]HH:MM-HH:MM, {_EXAMPLE}")
    start = _parse_time(match["start"], span, where, as_end=False)
    end = _parse_time(match["end"], span, where, as_end=True)
    days = _parse_days(prefix.strip(), span) if prefix.strip() else _DEFAULT_DAYS
    return Span(days, start, end or MINUTES_PER_DAY)


def _parse_time(value: str, span: str, where: str, *, as_end: bool) -> int:
    match = _TIME.match(value)
    if match is None:
        raise BadInput(f"bad hours {quoted(span)}{where}: expected HH:MM-HH:MM, e.g. 09:00-17:00")
    hh, mm = int(match["hh"]), int(match["mm"])
    if mm > 59:
        raise BadInput(f"bad time {quoted(value)} in {quoted(span)}: minutes run from 00 to 59")
    if as_end and (hh, mm) <= (24, 0):
        return hh * 60 + mm
    if as_end or hh > 23:
        rule = "an end runs from 00:00 to 24:00" if as_end else "a start runs from 00:00 to 23:59"
        raise BadInput(f"bad time {quoted(value)} in {quoted(span)}: {rule}")
    return hh * 60 + mm


def _parse_days(days: str, span: str) -> frozenset[int]:
    result: set[int] = set()
    for spec in (spec.strip() for spec in days.split("+")):
        names = [name.strip() for name in spec.split("-")]
        where = f"{quoted(spec)} in {quoted(span)}"
        if len(names) > 2 or not all(names):
            raise BadInput(f"bad days {where}: expected DAY, DAY-DAY or DAY+DAY, e.g. mon-fri")
        for name in names:
            if name not in DAY_NAMES:
                raise BadInput(
                    f"unknown day {quoted(name)} in {quoted(span)}: use {' '.join(DAY_NAMES)}"
                )
        first, last = (DAY_NAMES.index(name) for name in (names[0], names[-1]))
        if len(names) == 2 and first == last:
            raise BadInput(f"day range {where} names one day: write {quoted(names[0])}")
        result.update((first + offset) % 7 for offset in range((last - first) % 7 + 1))
    return frozenset(result)


def _format_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
