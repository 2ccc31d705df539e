"""Time-zone names: resolve what a user typed to a canonical IANA name, find the machine's zone."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mentorcli.errors import BadInput, quoted

# Abbreviations people type for a zone. Several (EST, CET, ...) exist as legacy zone files, but
# they name an offset, not a place, so following them would get a summer wrong: refuse them and
# offer the places people usually mean, most likely first.
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "ACDT": ("Australia/Adelaide",),
    "ACST": ("Australia/Adelaide", "Australia/Darwin"),
    "ADT": ("America/Halifax",),
    "AEDT": ("Australia/Sydney", "Australia/Melbourne", "Australia/Hobart"),
    "AEST": ("Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane"),
    "AKDT": ("America/Anchorage",),
    "AKST": ("America/Anchorage",),
    "ART": ("America/Argentina/Buenos_Aires",),
    "AST": ("America/Halifax", "America/Puerto_Rico", "Asia/Riyadh"),
    "AWST": ("Australia/Perth",),
    "BRT": ("America/Sao_Paulo",),
    "BST": ("Europe/London", "Asia/Dhaka"),
    "CAT": ("Africa/Maputo", "Africa/Harare", "Africa/Lusaka"),
    "CDT": ("America/Chicago", "America/Winnipeg"),
    "CEST": ("Europe/Berlin", "Europe/Paris", "Europe/Rome"),
    "CET": ("Europe/Berlin", "Europe/Paris", "Europe/Rome"),
    "CLT": ("America/Santiago",),
    "COT": ("America/Bogota",),
    "CST": ("America/Chicago", "America/Mexico_City", "Asia/Shanghai"),
    "EAT": ("Africa/Nairobi", "Africa/Addis_Ababa"),
    "EDT": ("America/New_York", "America/Toronto"),
    "EEST": ("Europe/Athens", "Europe/Helsinki", "Europe/Bucharest"),
    "EET": ("Europe/Athens", "Europe/Helsinki", "Europe/Bucharest"),
    "EST": ("America/New_York", "America/Toronto", "America/Panama"),
    "GMT": ("Europe/London", "UTC"),
    "GST": ("Asia/Dubai",),
    "HKT": ("Asia/Hong_Kong",),
    "HST": ("Pacific/Honolulu",),
    "ICT": ("Asia/Bangkok", "Asia/Ho_Chi_Minh"),
    "IDT": ("Asia/Jerusalem",),
    "IRST": ("Asia/Tehran",),
    "IST": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    "JST": ("Asia/Tokyo",),
    "KST": ("Asia/Seoul",),
    "MDT": ("America/Denver", "America/Edmonton"),
    "MEST": ("Europe/Berlin", "Europe/Paris", "Europe/Rome"),
    "MET": ("Europe/Berlin", "Europe/Paris", "Europe/Rome"),
    "MSK": ("Europe/Moscow",),
    "MST": ("America/Denver", "America/Phoenix", "America/Edmonton"),
    "NDT": ("America/St_Johns",),
    "NPT": ("Asia/Kathmandu",),
    "NST": ("America/St_Johns",),
    "NZDT": ("Pacific/Auckland",),
    "NZST": ("Pacific/Auckland",),
    "PDT": ("America/Los_Angeles", "America/Vancouver"),
    "PHT": ("Asia/Manila",),
    "PKT": ("Asia/Karachi",),
    "PST": ("America/Los_Angeles", "America/Vancouver", "Asia/Manila"),
    "SAST": ("Africa/Johannesburg",),
    "SGT": ("Asia/Singapore",),
    "WAT": ("Africa/Lagos",),
    "WEST": ("Europe/Lisbon", "Atlantic/Canary"),
    "WET": ("Europe/Lisbon", "Atlantic/Canary"),
    "WIB": ("Asia/Jakarta",),
}

# IANA made these rule names links to the cities in 2024b; older tzdata still has them as zones.
_LEGACY_LINKS = {
    "EST5EDT": "America/New_York",
    "CST6CDT": "America/Chicago",
    "MST7MDT": "America/Denver",
    "PST8PDT": "America/Los_Angeles",
}

# Old aliases whose tzdata link leads to a zone of another country (tzdata folds zones that
# agree since 1970 into one); the `backward` file of the IANA data names the place they meant.
_ALIAS_PLACES = {
    "Africa/Asmera": "Africa/Asmara",
    "Africa/Timbuktu": "Africa/Bamako",
    "America/Coral_Harbour": "America/Atikokan",
    "America/Virgin": "America/St_Thomas",
    "Antarctica/South_Pole": "Antarctica/McMurdo",
    "Atlantic/Jan_Mayen": "Arctic/Longyearbyen",
    "Iceland": "Atlantic/Reykjavik",
    "Pacific/Ponape": "Pacific/Pohnpei",
    "Pacific/Truk": "Pacific/Chuuk",
    "Pacific/Yap": "Pacific/Chuuk",
}

# Names in the database that are not anybody's local time.
_NOT_PLACES = frozenset({"Factory"})

# A POSIX TZ rule: a name (EST, or <+0545> quoted) then an offset, e.g. EST5EDT,M3.2.0,M11.1.0.
_POSIX_RULE = r"(?a)(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]+>)[+-]?[0-9]"
_OFFSET = r"(?ai)(?:UTC|GMT)\s*([+-])\s*([0-9]{1,2})(?::?([0-9]{2}))?"


class _ZoneNames:
    """Every zone name tzdata knows, and where each old alias points now.

    A name a country uses today (zone.tab) is kept as typed even where tzdata makes it a link:
    `Europe/Copenhagen` is Copenhagen to its user, not Berlin. Only the other links are
    deprecated aliases, renamed to the place they stand for.
    """

    __slots__ = ("by_lower", "canonical", "links")

    def __init__(
        self, canonical: frozenset[str], links: Mapping[str, str], by_lower: Mapping[str, str]
    ) -> None:
        self.canonical = canonical
        self.links = links
        self.by_lower = by_lower


@functools.lru_cache(maxsize=1)
def _zone_names() -> _ZoneNames:
    # Costs a few milliseconds, so it is read only when a typed name needs resolving.
    try:
        import importlib.resources

        folder = importlib.resources.files("tzdata").joinpath("zoneinfo")
        text = folder.joinpath("tzdata.zi").read_text()
        table = folder.joinpath("zone.tab").read_text()
    except (ModuleNotFoundError, OSError):
        import zoneinfo

        names = frozenset(zoneinfo.available_timezones())
        return _ZoneNames(names, dict(_LEGACY_LINKS), {n.lower(): n for n in names})
    zones: set[str] = set()
    links: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("Z "):
            zones.add(line.split()[1])
        elif line.startswith("L "):
            _, target, link = line.split()[:3]
            links[link] = target
    in_use = {
        fields[2]
        for fields in (line.split("\t") for line in table.splitlines())
        if len(fields) >= 3 and not fields[0].startswith("#")
    }
    by_lower = {name.lower(): name for name in (*zones, *links)}
    links.update(_ALIAS_PLACES)
    links.update(_LEGACY_LINKS)
    for name in in_use:
        links.pop(name, None)
    return _ZoneNames(frozenset((zones | in_use) - links.keys()), links, by_lower)


def _follow_links(name: str, links: Mapping[str, str]) -> str:
    for _ in range(8):  # tzdata links are one step today; the bound guards a malformed file
        if name not in links:
            break
        name = links[name]
    return "UTC" if name == "Etc/UTC" else name


def _either(names: list[str] | tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def resolve_zone(name: str) -> str:
    """The IANA name for `name`: exact or any case; names in use kept, old aliases followed.

    Abbreviations (`IST`), offsets (`UTC+5`) and unknown names raise BadInput with candidates.
    """
    key = name.strip()
    if not key:
        raise BadInput(
            "time zone is empty: use an IANA name like Europe/London or America/New_York"
        )
    if key.upper() in ("UTC", "ETC/UTC"):
        return "UTC"
    if key.upper() in _ABBREVIATIONS:
        raise BadInput(
            f"{quoted(key)} is an abbreviation, not a time zone; "
            f"did you mean {_either(_ABBREVIATIONS[key.upper()])}?"
        )
    offset = re.fullmatch(_OFFSET, key)
    if offset:
        raise BadInput(_offset_message(key, offset))
    names = _zone_names()
    exact = names.by_lower.get(key.lower()) or names.by_lower.get(key.replace(" ", "_").lower())
    if exact is None or exact in _NOT_PLACES:
        raise BadInput(_unknown_message(key, names))
    return _follow_links(exact, names.links)


def _offset_message(key: str, offset: re.Match[str]) -> str:
    sign, hours, minutes = offset.group(1), int(offset.group(2)), int(offset.group(3) or 0)
    if hours == 0 and minutes == 0:
        fix = "use UTC"
    elif minutes == 0 and (hours <= 12 if sign == "-" else hours <= 14):
        # Etc/GMT names carry the POSIX sign: Etc/GMT-5 is five hours ahead of UTC.
        etc = f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"
        fix = f"use the zone of a place (e.g. Asia/Karachi), or {etc} for a fixed UTC{sign}{hours}"
    else:
        fix = "use the zone of a place, e.g. Asia/Kolkata"
    return f"{quoted(key)} is an offset, not a time zone; {fix}"


def _unknown_message(key: str, names: _ZoneNames) -> str:
    import difflib

    wanted = key.lower().replace(" ", "_")
    matches: list[str] = []
    if "/" not in wanted:
        cities: dict[str, list[str]] = {}
        for lower, exact in names.by_lower.items():
            cities.setdefault(lower.rsplit("/", 1)[-1], []).append(exact)
        for city_match in difflib.get_close_matches(wanted, list(cities), n=3, cutoff=0.8):
            matches.extend(sorted(cities[city_match]))
    close = difflib.get_close_matches(wanted, list(names.by_lower), n=6)
    if close:
        # Keep only the runners-up nearly as close as the best, so a typo gets one answer.
        best = difflib.SequenceMatcher(None, wanted, close[0]).ratio()
        matches.extend(
            names.by_lower[m]
            for m in close
            if difflib.SequenceMatcher(None, wanted, m).ratio() >= best - 0.1
        )
    suggestions: list[str] = []
    for match in matches:
        canonical = _follow_links(match, names.links)
        if canonical not in suggestions and canonical not in _NOT_PLACES:
            suggestions.append(canonical)
    if suggestions:
        return f"unknown time zone {quoted(key)}; did you mean {_either(suggestions[:3])}?"
    return f"unknown time zone {quoted(key)}; use an IANA name like Europe/London or Asia/Kolkata"


@functools.lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for a stored zone name; a name that does not load is resolved or refused."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return ZoneInfo(resolve_zone(name))


def _machine_zone(key: str) -> str | None:
    try:
        return resolve_zone(key)
    except BadInput:
        pass
    # The machine's own setting is honoured even when it is a legacy name a user may not type.
    try:
        ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return _follow_links(key, _zone_names().links)


def _zone_from_path(path: str) -> str | None:
    _, found, key = path.rpartition("zoneinfo/")
    if not found:
        return None
    for prefix in ("posix/", "right/"):
        key = key.removeprefix(prefix)
    return _machine_zone(key)


def local_zone_name(
    environ: Mapping[str, str] | None = None, *, localtime: str = "/etc/localtime"
) -> str:
    """The machine's zone: a valid `TZ`, else where /etc/localtime points, else UTC.

    A `TZ` holding a POSIX rule (`EST5EDT,M3.2.0,M11.1.0`) is refused, never guessed.
    """
    env = os.environ if environ is None else environ
    tz = env.get("TZ", "").strip().removeprefix(":")
    if tz:
        found = _zone_from_path(tz) if tz.startswith("/") else _machine_zone(tz)
        if found:
            return found
        if re.match(_POSIX_RULE, tz):
            # zoneinfo reads only named zones; reading the rule as some other zone would be a
            # guess that gets every time wrong.
            raise BadInput(
                f"TZ={quoted(tz)} is a POSIX time-zone rule, which mentor does not read; "
                "set TZ to an IANA name such as America/New_York, or unset it"
            )
    try:
        target = os.path.realpath(localtime)
    except (OSError, ValueError):
        return "UTC"
    return _zone_from_path(target) or "UTC"


def city(name: str) -> str:
    """A short label for a zone: "America/New_York" → "New York", "Etc/GMT-5" → "UTC+5"."""
    if name in ("UTC", "Etc/UTC", "Etc/GMT", "Etc/UCT", "Etc/Universal", "Etc/Zulu"):
        return "UTC"
    etc = re.fullmatch(r"Etc/GMT([+-])([0-9]{1,2})", name)
    if etc:
        return f"UTC{'-' if etc.group(1) == '+' else '+'}{etc.group(2)}"
    return name.rsplit("/", 1)[-1].replace("_", " ")
