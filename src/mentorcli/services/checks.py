"""Checks on values a person types, each with the one refusal that explains it (pure)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import overload

from ..errors import BadInput

HANDLE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
# The largest integer SQLite stores: ids, minutes and counts past it are bad input.
SQLITE_MAX_INT = 2**63 - 1


def handle(text: str) -> str:
    if not HANDLE.match(text):
        raise BadInput(
            f"bad handle {text!r}: use 1-32 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return text


@overload
def channel(text: str) -> str: ...
@overload
def channel(text: None) -> None: ...
def channel(text: str | None) -> str | None:
    from ..vocabulary import CHANNELS

    if text is not None and text not in CHANNELS:
        raise BadInput(f"unknown channel {text!r}: use one of {', '.join(CHANNELS)}")
    return text


def expectation_topic(topic: str) -> str:
    from ..vocabulary import EXPECTATION_TOPICS

    if topic not in EXPECTATION_TOPICS:
        raise BadInput(f"unknown topic {topic!r}: use one of {', '.join(EXPECTATION_TOPICS)}")
    return topic


def score(name: str, value: int | None) -> int | None:
    """A rating from 1 (low) to 5 (high)."""
    if value is not None and not 1 <= value <= 5:
        raise BadInput(f"{name} {value} is out of range: give 1 (low) to 5 (high)")
    return value


def percent(value: int) -> int:
    if not 0 <= value <= 100:
        raise BadInput(f"progress {value} is out of range: give 0 to 100")
    return value


def whole(value: int, what: str) -> int:
    """A whole number SQLite can hold."""
    if not -SQLITE_MAX_INT <= value <= SQLITE_MAX_INT:
        raise BadInput(f"{what} {value} is too large a number: the most is {SQLITE_MAX_INT}")
    return value


def said(text: str, refusal: str) -> str:
    """Text that must say something: refused (with `refusal`) when empty or blank."""
    if not text.strip():
        raise BadInput(refusal)
    return text


# The range every stored date and instant keeps to: far enough for any mentorship, near
# enough that every calendar, cadence and report computed from one stays representable.
EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)
# The most minutes one session or touchpoint may last: a day.
MOST_MINUTES = 1440


def day_in_range(day: date, shown: str) -> date:
    """A date from 1900 to 2200; anything else is refused."""
    if not EARLIEST <= day <= LATEST:
        raise BadInput(f"{shown!r} is out of range: give a date from {EARLIEST} to {LATEST}")
    return day


def moment_in_range(moment: datetime, shown: str) -> datetime:
    """An aware datetime whose UTC date is from 1900 to 2200."""
    from datetime import UTC

    try:
        day = moment.astimezone(UTC).date()
    except OverflowError:
        day = date.max if moment.year > 2000 else date.min
    day_in_range(day, shown)
    return moment
