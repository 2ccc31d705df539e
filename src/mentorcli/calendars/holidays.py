"""Public holidays by country and subdivision, from the maintained `holidays` package.

It costs about 100 ms to import, so only the commands that look at someone's days import
this module, and only when that person has a country.
"""

from __future__ import annotations

import difflib
from datetime import date
from functools import cache

from ..errors import BadInput


@cache
def _supported() -> dict[str, tuple[str, ...]]:
    import holidays

    return {code: tuple(subdivs) for code, subdivs in holidays.list_supported_countries().items()}


def check_code(text: str) -> str:
    """`CC` or `CC-SUBDIV` (`BR`, `IN-KA`, `US-CA`) as the package spells it, or BadInput
    naming the closest codes."""
    country, dash, subdiv = text.strip().upper().partition("-")
    supported = _supported()
    if country not in supported:
        close = difflib.get_close_matches(country, list(supported), n=3, cutoff=0.5)
        raise BadInput(
            f'unknown holiday country "{text}": use an ISO 3166 code such as BR, IN-KA or US-CA'
            + (f"; closest: {', '.join(close)}" if close else "")
        )
    if not dash:
        return country
    subdivs = {s.upper(): s for s in supported[country]}
    if subdiv not in subdivs:
        close = difflib.get_close_matches(subdiv, list(subdivs), n=3, cutoff=0.3)
        named = ", ".join(f"{country}-{subdivs[c]}" for c in close) or ", ".join(
            f"{country}-{s}" for s in list(subdivs.values())[:5]
        )
        raise BadInput(
            f'unknown subdivision "{subdiv}" of {country} in "{text}": closest {named}'
            if subdivs
            else f'{country} has no subdivisions for holidays: write "{country}" alone'
        )
    return f"{country}-{subdivs[subdiv]}"


def holiday_days(code: str, first: date, last: date) -> dict[date, str]:
    """The public holidays from `first` to `last` (inclusive) where `code` applies, by name."""
    import holidays

    country, _, subdiv = code.partition("-")
    years = range(first.year, last.year + 1)
    found = holidays.country_holidays(country, subdiv=subdiv or None, years=years)
    return {day: str(name) for day, name in sorted(found.items()) if first <= day <= last}
