"""User date and time input → dates and aware datetimes; the clock is always passed in.

A bare weekday name (`tue`) or a month and day without a year (`Dec 1`) resolves to the
nearest such day that is today or later for future fields (`due tue` on a Tuesday is today)
and today or earlier for past fields (`--when tue 15:00`). `next fri` and `last tue` always
look forward or back and never mean today: `next fri` on a Friday is a week later.
`in 2 weeks` and `3 days ago` count from today (days, weeks, months or years; a month later
than Jan 31 is the last day of February). `eow` and `eom`, for due dates only, are the last
day of this week (weeks start on Monday, so it is Sunday) and of this month; today counts.
A datetime needs a time of day; one without an offset is wall-clock time in the given zone,
refused when that zone skips it (a DST gap) or shows it twice (a DST fold).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from mentorcli import zones
from mentorcli.errors import BadInput, quoted
from mentorcli.services.checks import day_in_range, moment_in_range

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2,
    "wednesday": 2, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
# The first day of a week, Monday, until a setting can choose another (`eow` ends the week).
WEEK_START = 0
_UNITS = {"day": 1, "week": 7, "month": 0, "year": 0}
_COUNT = r"(?P<count>[0-9]+|an?|one)"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_IN = rf"(?a)in {_COUNT} {_UNIT}"
_AGO = rf"(?a){_COUNT} {_UNIT} ago"
_STEP = r"(?P<step>next|last) (?P<weekday>[a-z]+)"
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Patterns stay source text until first use (re caches what it compiles), so a run that
# parses no date pays nothing for them.
_ISO_DATE = r"(?a)([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
_NUMERIC_DATE = r"(?a)[0-9]+(?:([/.-])[0-9]+(?:\1[0-9]+)?)?"
# What a month-name date may hold: dateutil reads it only after this check, so no time zone
# name, offset or stray number can slip into the result.
_MONTH_FORM_TOKEN = r"(?a)[a-z]+|[0-9]+(?:st|nd|rd|th)?|[\s,./-]+"
_FILLERS = frozenset({"of", "the"})
_TIME = (
    r"(?P<h24>[0-9]{1,2}):(?P<m24>[0-9]{2})(?::(?P<s24>[0-9]{2}))?"
    r"|(?P<h12>[0-9]{1,2})(?::(?P<m12>[0-9]{2}))?\s?(?P<half>a\.?m\.?|p\.?m\.?)"
)
_TIME_ONLY = rf"(?a){_TIME}"
_TIME_LAST = rf"(?a)(?:(?P<day>.+?)\s+)?(?:at\s+)?(?:{_TIME})"
_TIME_FIRST = rf"(?a)(?:{_TIME})\s+(?P<day>.+)"
_ISO_T = r"(?a)(?P<day>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})t(?P<clock>.+)"
_ISO_OFFSET = (
    r"(?a)(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})[t ](?P<h>[0-9]{2}):(?P<m>[0-9]{2})"
    r"(?::(?P<s>[0-9]{2})(?:\.(?P<frac>[0-9]{1,6}))?)?"
    r" ?(?:(?P<z>z)|(?P<sign>[+-])(?P<oh>[0-9]{2})(?::?(?P<om>[0-9]{2})(?::?(?P<os>[0-9]{2}))?)?)"
)

_DATE_FORMS = (
    "use YYYY-MM-DD, today, yesterday, tomorrow, tue, next fri, last tue, in 2 weeks, "
    "3 days ago, Dec 1 or 24 Nov 2026"
)
_DATETIME_FORMS = "use e.g. 2026-11-24 15:30, yesterday 3pm, next fri 09:30 or now"


def _words(text: str) -> str:
    return " ".join(text.split()).lower()


def parse_date(text: str, today: date, *, past: bool = False, week_start: int = WEEK_START) -> date:
    """A date from ISO, a word (today, tue, next fri, in 2 weeks, eom…) or a month name.

    `past` picks which way a weekday name or a year-less month date looks from `today`
    (which itself counts); `eow` and `eom` belong to future fields only, and a week starts
    on `week_start` (0 for Monday, the `week_start` setting).
    """
    words = _words(text)
    if not words:
        raise BadInput(f"date is empty: {_DATE_FORMS}")
    return day_in_range(_date(words, text.strip(), today, past, week_start), text.strip())


def _date(words: str, shown: str, today: date, past: bool, week_start: int = WEEK_START) -> date:
    iso = re.fullmatch(_ISO_DATE, words)
    if iso:
        return _calendar_date(int(iso[1]), int(iso[2]), int(iso[3]), shown)
    if words in _RELATIVE:
        return _shift(today, _RELATIVE[words], shown)
    if words in _WEEKDAYS:
        ahead = (_WEEKDAYS[words] - today.weekday()) % 7
        return _shift(today, -((7 - ahead) % 7) if past else ahead, shown)
    if words in ("eow", "eom"):
        return _period_end(words, shown, today, past, week_start)
    step = re.fullmatch(_STEP, words)
    if step and step["weekday"] in _WEEKDAYS:
        return _weekday_step(step["step"], _WEEKDAYS[step["weekday"]], shown, today)
    counted = re.fullmatch(_IN, words) or re.fullmatch(_AGO, words)
    if counted:
        sign = -1 if words.endswith(" ago") else 1
        return _counted(counted["count"], counted["unit"], sign, shown, today)
    if re.fullmatch(_NUMERIC_DATE, words):
        raise BadInput(_numeric_date_message(words, shown))
    if any(word in _MONTHS for word in re.findall(r"[a-z]+", words)):
        return _month_name_date(words, shown, today, past)
    raise BadInput(f"{quoted(shown)} is not a date: {_DATE_FORMS}")


def _period_end(word: str, shown: str, today: date, past: bool, week_start: int) -> date:
    if past:
        raise BadInput(
            f"{quoted(shown)} is for due dates: here use a past date, e.g. last fri or 3 days ago"
        )
    if word == "eom":
        return today.replace(day=_days_in_month(today.year, today.month))
    return _shift(today, (week_start - 1 - today.weekday()) % 7, shown)


def _weekday_step(step: str, weekday: int, shown: str, today: date) -> date:
    """`next fri`: the first Friday after today; `last tue`: the last Tuesday before it."""
    if step == "next":
        return _shift(today, (weekday - today.weekday()) % 7 or 7, shown)
    return _shift(today, -((today.weekday() - weekday) % 7 or 7), shown)


def _counted(count: str, unit: str, sign: int, shown: str, today: date) -> date:
    if len(count) > 8:
        raise BadInput(f"{quoted(shown)} is outside the calendar (years 1 to 9999)")
    amount = 1 if count in ("a", "an", "one") else int(count)
    if _UNITS[unit]:
        return _shift(today, sign * amount * _UNITS[unit], shown)
    months = sign * amount * (12 if unit == "year" else 1)
    year, month = divmod(today.year * 12 + today.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        raise BadInput(f"{quoted(shown)} is outside the calendar (years 1 to 9999)")
    return date(year, month + 1, min(today.day, _days_in_month(year, month + 1)))


def _nearest_month_day(month: int, day: int, shown: str, today: date, past: bool) -> date:
    """`Dec 1` without a year: the coming one (today counts), or the last one for past fields;
    `29 Feb` waits for a leap year."""
    if not 1 <= day <= (29 if month == 2 else _days_in_month(2001, month)):
        raise BadInput(
            f"{quoted(shown)} is not a date: {_MONTH_NAMES[month - 1]} has "
            f"{29 if month == 2 else _days_in_month(2001, month)} days"
        )
    step = -1 if past else 1
    year = today.year
    for _ in range(9):  # leap years are at most eight years apart
        found = _valid(year, month, day)
        if found is not None and (found <= today if past else found >= today):
            return found
        year += step
    raise BadInput(f"{quoted(shown)} is outside the calendar (years 1 to 9999)")


def _shift(day: date, days: int, shown: str) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise BadInput(f"{quoted(shown)} is outside the calendar (years 1 to 9999)") from None


def _calendar_date(year: int, month: int, day: int, shown: str) -> date:
    if year < 1:
        raise BadInput(f"{quoted(shown)} is not a date: years run from 0001 to 9999")
    if not 1 <= month <= 12:
        raise BadInput(f"{quoted(shown)} is not a date: months run from 01 to 12")
    last = _days_in_month(year, month)
    if not 1 <= day <= last:
        raise BadInput(
            f"{quoted(shown)} is not a date: {_MONTH_NAMES[month - 1]} {year} has {last} days"
        )
    return date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def _valid(year: int, month: int, day: int) -> date | None:
    if 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= _days_in_month(year, month):
        return date(year, month, day)
    return None


def _numeric_date_message(words: str, shown: str) -> str:
    pieces = re.split(r"[/.-]", words)
    readings: list[date | None] = []
    if len(pieces) == 3 and all(len(p) <= 4 for p in pieces):
        first, second, third = (int(p) for p in pieces)
        if len(pieces[0]) == 4:
            readings = [_valid(first, second, third)]
        elif len(pieces[2]) == 4:  # month/day/year or day/month/year: both are in use
            readings = [_valid(third, first, second), _valid(third, second, first)]
    elif len(words) == 8 and words.isdigit():
        readings = [_valid(int(words[:4]), int(words[4:6]), int(words[6:]))]
    found = list(dict.fromkeys(d.isoformat() for d in readings if d is not None))
    if len(found) == 2:
        return f"{quoted(shown)} is ambiguous: use ISO {found[0]} or {found[1]}"
    if found:
        return f"{quoted(shown)} is not an ISO date: use ISO {found[0]}"
    if len(pieces) > 1:
        return f"{quoted(shown)} is ambiguous: use ISO YYYY-MM-DD"
    return f"{quoted(shown)} is not a date: use ISO YYYY-MM-DD"


def _month_name_date(words: str, shown: str, today: date, past: bool) -> date:
    pieces = re.findall(_MONTH_FORM_TOKEN, words)
    if "".join(pieces) != words:
        raise BadInput(f"{quoted(shown)} is not a date: {_DATE_FORMS}")
    tokens = [piece for piece in pieces if piece.strip(" ,./-")]
    months = [t for t in tokens if t in _MONTHS]
    weekdays = [t for t in tokens if t in _WEEKDAYS]
    numbers = [t for t in tokens if t[0].isdigit()]
    others = [t for t in tokens if t not in _MONTHS and t not in _WEEKDAYS and t[0].isalpha()]
    years = [n for n in numbers if len(n) == 4 and n.isdigit()]
    days = [n.rstrip("stndrh") for n in numbers if len(n.rstrip("stndrh")) <= 2]  # 24th → 24
    if (
        len(months) != 1
        or len(weekdays) > 1
        or len(years) > 1
        or len(days) != 1
        or len(numbers) != len(years) + 1
        or any(t not in _FILLERS for t in others)
    ):
        raise BadInput(
            f"{quoted(shown)} is not a date: give day and month name, and a four-digit year "
            "if it is not the coming one, e.g. Dec 1 or 24 Nov 2026"
        )
    if not years:
        expected = _nearest_month_day(_MONTHS[months[0]], int(days[0]), shown, today, past)
    else:
        expected = _calendar_date(int(years[0]), _MONTHS[months[0]], int(days[0]), shown)
    if weekdays and _WEEKDAYS[weekdays[0]] != expected.weekday():
        raise BadInput(
            f"{quoted(shown)} does not add up: {expected.isoformat()} is a "
            f"{_DAY_NAMES[expected.weekday()]}"
        )
    if not years:
        return expected
    # dateutil.parser costs 20+ ms to import, so only these forms pay for it.
    from dateutil import parser  # type: ignore[import-untyped, unused-ignore]

    try:
        parsed: datetime = parser.parse(words, default=datetime(2001, 2, 3))
        check: datetime = parser.parse(words, default=datetime(2002, 3, 4))
    except (ValueError, OverflowError):
        raise BadInput(f"{quoted(shown)} is not a date: {_DATE_FORMS}") from None
    # Anything the text left out comes from the default, so the two readings disagree on it.
    if parsed != check or parsed.tzinfo or parsed.date() != expected:
        raise BadInput(f"{quoted(shown)} is not a date: {_DATE_FORMS}")
    return expected


def parse_datetime(text: str, now: datetime, zone: str, *, past: bool = True) -> datetime:
    """An aware datetime: `now`, an ISO string with an offset, or a date plus a time of day.

    Without an offset the time is wall-clock time in `zone`; a bare time means today there.
    The result is in `zone` (ZoneInfo) or, when an offset was typed, in that fixed offset.
    """
    return moment_in_range(_datetime(text, now, zone, past), text.strip())


def _datetime(text: str, now: datetime, zone: str, past: bool) -> datetime:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    words = _words(text)
    shown = text.strip()
    if not words:
        raise BadInput(f"date and time is empty: {_DATETIME_FORMS}")
    tz = zones.zone(zone)
    if words == "now":
        return now.astimezone(tz)
    with_offset = re.fullmatch(_ISO_OFFSET, words)
    if with_offset:
        return _offset_datetime(with_offset, shown)
    local_today = now.astimezone(tz).date()
    day_words, clock = _split_time(words, shown)
    if clock is None:
        _date(words, shown, local_today, past)  # a bad date is reported as such
        raise BadInput(
            f"{quoted(shown)} has no time of day: add one, e.g. {quoted(words + ' 15:30')}"
        )
    day = local_today if day_words is None else _date(day_words, day_words, local_today, past)
    return _localise(datetime.combine(day, clock), tz, zone)


def _split_time(words: str, shown: str) -> tuple[str | None, time | None]:
    iso = re.fullmatch(_ISO_T, words)
    if iso:
        clock = re.fullmatch(_TIME_ONLY, iso["clock"])
        if not clock or clock["h12"]:
            raise BadInput(f"{quoted(shown)} is not a date and time: {_DATETIME_FORMS}")
        return iso["day"], _clock(clock, shown)
    for pattern in (_TIME_LAST, _TIME_FIRST):
        match = re.fullmatch(pattern, words)
        if match:
            day = match["day"]
            return (None if day in (None, "at") else day), _clock(match, shown)
    return words, None


def _clock(match: re.Match[str], shown: str) -> time:
    if match["h24"] is not None:
        hour, minute, second = int(match["h24"]), int(match["m24"]), int(match["s24"] or 0)
        if hour > 23 or minute > 59 or second > 59:
            raise BadInput(f"{quoted(shown)} has no such time: use 00:00 to 23:59")
        return time(hour, minute, second)
    hour, minute = int(match["h12"]), int(match["m12"] or 0)
    if not 1 <= hour <= 12 or minute > 59:
        raise BadInput(f"{quoted(shown)} has no such time: use 12am to 11:59pm, or 00:00 to 23:59")
    return time(hour % 12 + (12 if match["half"].startswith("p") else 0), minute)


def _offset_datetime(match: re.Match[str], shown: str) -> datetime:
    year, month, day_of_month = (int(part) for part in match["day"].split("-"))
    day = _calendar_date(year, month, day_of_month, match["day"])
    hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise BadInput(f"{quoted(shown)} has no such time: use 00:00 to 23:59")
    offset = UTC
    if not match["z"]:
        hours, minutes, seconds = int(match["oh"]), int(match["om"] or 0), int(match["os"] or 0)
        if hours > 23 or minutes > 59 or seconds > 59:
            raise BadInput(f"{quoted(shown)} has no such offset: use -23:59 to +23:59")
        size = timedelta(hours=hours, minutes=minutes, seconds=seconds)
        offset = timezone(-size if match["sign"] == "-" else size)
    micro = int((match["frac"] or "0").ljust(6, "0"))
    return datetime.combine(day, time(hour, minute, second, micro), tzinfo=offset)


def _localise(wall: datetime, tz: tzinfo, zone: str) -> datetime:
    """`wall` in `tz`, refused when the zone skips it or shows it twice."""
    try:
        instants: list[datetime] = []
        for fold in (0, 1):
            instant = wall.replace(tzinfo=tz, fold=fold).astimezone(UTC)
            if instant.astimezone(tz).replace(tzinfo=None) == wall and instant not in instants:
                instants.append(instant)
        if len(instants) == 1:
            return instants[0].astimezone(tz)
        if len(instants) == 2:
            both = " or ".join(_stamp(i.astimezone(tz)) for i in sorted(instants))
            raise BadInput(f"{_wall(wall)} happens twice in {zone}: {both}; give one of these")
        raise BadInput(_gap_message(wall, tz, zone))
    except OverflowError:
        raise BadInput(f"{_wall(wall)} is outside the calendar (years 1 to 9999)") from None


def _gap_message(wall: datetime, tz: tzinfo, zone: str) -> str:
    early, late = sorted(wall.replace(tzinfo=tz, fold=f).astimezone(UTC) for f in (0, 1))
    before, after = _offset(early, tz), _offset(late, tz)
    # The clocks changed between the two readings of `wall`; find the second they did.
    while late - early > timedelta(seconds=1):
        middle = (early + (late - early) / 2).replace(microsecond=0)
        if _offset(middle, tz) == after:
            late = middle
        else:
            early = middle
    jump_to = late.astimezone(tz).replace(tzinfo=None, fold=0)
    jump_from = jump_to - (after - before)
    same_day = jump_from.date() == jump_to.date() == wall.date()
    instead = wall + (after - before)
    return (
        f"{_wall(wall)} does not exist in {zone} (clocks jump from "
        f"{_clock_text(jump_from, same_day)} to {_clock_text(jump_to, same_day)}); "
        f"use {_clock_text(instead, instead.date() == wall.date())} or give an offset"
    )


def _offset(instant: datetime, tz: tzinfo) -> timedelta:
    return instant.astimezone(tz).utcoffset() or timedelta(0)


def _clock_text(wall: datetime, same_day: bool) -> str:
    clock = wall.strftime("%H:%M:%S" if wall.second else "%H:%M")
    return clock if same_day else f"{wall.date().isoformat()} {clock}"


def _wall(wall: datetime) -> str:
    return _clock_text(wall, same_day=False)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds" if moment.second else "minutes")


def to_utc_iso(dt: datetime) -> str:
    """An aware datetime as stored: UTC, ISO 8601, whole seconds ("2026-11-24T15:30:00+00:00")."""
    if dt.utcoffset() is None:
        raise ValueError("to_utc_iso needs an aware datetime")
    return dt.astimezone(UTC).isoformat(timespec="seconds")


def from_utc_iso(text: str) -> datetime:
    """A stored ISO 8601 timestamp as an aware UTC datetime; one without an offset is UTC."""
    try:
        parsed = datetime.fromisoformat(text)
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        raise BadInput(
            f"{quoted(text)} is not a timestamp: expected ISO 8601 like 2026-11-24T15:30:00+00:00"
        ) from None


def local_midnight(day: date, zone: str) -> str:
    """The start of `day` in a zone, as a stored UTC instant (where a `--since` day begins)."""
    return to_utc_iso(datetime.combine(day, time(0), tzinfo=zones.zone(zone)))
