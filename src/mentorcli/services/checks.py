"""Checks on values a person types, each with the one refusal that explains it (pure)."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any, overload

from ..errors import BadInput, quoted

# A handle's characters: letters of any script with their combining marks, decimal digits
# of any script, and . _ - (by Unicode category; marks cannot start one).
_HANDLE_FIRST = ("Lu", "Ll", "Lt", "Lm", "Lo", "Nd")
_HANDLE_REST = (*_HANDLE_FIRST, "Mn", "Mc")
HANDLE_RULE = "1-32 letters (any script), digits, '.', '_' or '-', starting with a letter or digit"
# The largest integer SQLite stores: ids, minutes and counts past it are bad input.
SQLITE_MAX_INT = 2**63 - 1


def handle_problem(text: str) -> str | None:
    """What is wrong with a handle (already NFC-normalised), or None when it is good."""
    if not 1 <= len(text) <= 32 or unicodedata.category(text[0]) not in _HANDLE_FIRST:
        return f"use {HANDLE_RULE}"
    if any(c not in "._-" and unicodedata.category(c) not in _HANDLE_REST for c in text):
        return f"use {HANDLE_RULE}"
    if text.isdecimal():
        return "a handle of digits alone would be read as a pair id; add a letter"
    return None


def handle(text: str) -> str:
    """A handle as typed, NFC-normalised (so é typed either way is one letter), or refused."""
    normal = unicodedata.normalize("NFC", text)
    problem = handle_problem(normal)
    if problem:
        raise BadInput(f"bad handle {quoted(text)}: {problem}")
    return normal


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


def changed(changes: dict[str, Any], options: str) -> dict[str, Any]:
    """The fields an edit changes: those given (None leaves a field as it is), a due date
    of "" taken away; with none given, a refusal naming the `options` that change one."""
    values = {name: value for name, value in changes.items() if value is not None}
    if not values:
        raise BadInput(f"nothing to change: give {options}")
    if values.get("due_on") == "":
        values["due_on"] = None
    return values
