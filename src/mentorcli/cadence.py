"""How often a pair meets: the cadence grammar, its RRULE, and when the next session is due."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cache
from itertools import islice

from mentorcli.errors import BadInput, quoted

_FORMS = (
    "use weekly, every N weeks, monthly, every N months or an RRULE like "
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
)
_NAMED = {
    "weekly": "weekly",
    "every week": "weekly",
    "biweekly": "every 2 weeks",
    "bi-weekly": "every 2 weeks",
    "fortnightly": "every 2 weeks",
    "every fortnight": "every 2 weeks",
    "monthly": "monthly",
    "every month": "monthly",
}
_SIMPLE = r"(?a)every ?(?P<n>[0-9]{1,6}|other) ?(?P<unit>week|month)s?"
_CANONICAL = r"(?a)every (?P<n>[0-9]+) (?P<unit>week|month)s"
_LONGEST = {"week": 52, "month": 12}
_DAYS = {"week": 7.0, "month": 365.2425 / 12}
_FREQ_DAYS = {"DAILY": 1.0, "WEEKLY": 7.0, "MONTHLY": 365.2425 / 12, "YEARLY": 365.2425}
# RFC 5545 rule parts a cadence may use. COUNT and UNTIL are left out on purpose: a cadence
# runs for as long as the pair is active, and the pair's end date says when that stops.
_RULE_PARTS = frozenset(
    {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS"}
    | {"WKST"}
)
# The time of day comes from the pair's start. These would also let one rule fire thousands of
# times a day, and next_due walks every occurrence from the start.
_TIME_PARTS = frozenset({"BYHOUR", "BYMINUTE", "BYSECOND"})
# A rule is tried from here: a rule that never fires would otherwise have dateutil walk day by
# day to year 9999, seconds of work, before saying so.
_TRIAL_START = datetime(9950, 1, 1, 9, 0)


@dataclass(frozen=True)
class Cadence:
    """A parsed cadence; `text` is its canonical form, as stored and shown."""

    text: str

    def _period(self) -> tuple[int, str] | None:
        """(N, "week" or "month") for the simple forms; None for an RRULE."""
        return _period_of(self.text)

    def rrule_text(self, start: datetime | None = None) -> str:
        """The RRULE value for iCalendar, e.g. "FREQ=WEEKLY;INTERVAL=2".

        Given the first session, a monthly cadence starting on the 29th to 31st says to fall
        back to the month's last day, as next_due does, where plain FREQ=MONTHLY would skip
        the short months.
        """
        period = self._period()
        if period is None:
            return self.text
        every, unit = period
        rule = "FREQ=WEEKLY" if unit == "week" else "FREQ=MONTHLY"
        if every > 1:
            rule += f";INTERVAL={every}"
        if unit == "month" and start is not None and start.day > 28:
            days = ",".join(str(day) for day in range(28, start.day + 1))
            rule += f";BYMONTHDAY={days};BYSETPOS=-1"
        return rule

    def approx_days(self) -> float:
        """The nominal period in days: weekly 7, monthly about 30.44, RRULE by FREQ and INTERVAL."""
        period = self._period()
        if period is not None:
            return period[0] * _DAYS[period[1]]
        fields = _rule_fields(self.text)
        return int(fields.get("INTERVAL", "1")) * _FREQ_DAYS[fields["FREQ"]]

    def next_due(self, last: datetime | None, start: datetime) -> datetime:
        """When the next session is due, in the zone of the datetime it is counted from.

        Simple cadences count from the last session (`start` itself when there is none) on the
        wall clock: weekly at 09:00 stays 09:00 across a DST change, and a month after Jan 31 is
        Feb 28. An RRULE is anchored at `start`: its first occurrence after `last`, or at or
        after `start` when there is no session yet.
        """
        period = self._period()
        if period is None:
            rule = _checked_rule(self.text)  # tried out, if it was not when parsed
            return _rule_after(rule, start, start if last is None else last, last is None)
        if last is None:
            return start
        return _advance(last, period[0], period[1])

    def series_from(self, anchor: datetime, not_before: datetime, count: int) -> list[datetime]:
        """The first `count` sessions at or after `not_before` of the series through `anchor`.

        `anchor` is a session of the series (the last one, or the pair's start). The times are
        wall-clock times in anchor's zone, as an RFC 5545 client expands the series: the
        anchor's time of day and day of the month (the month's last day when it is shorter)
        in every occurrence, even one falling in a clock gap, which stands for the instant
        the clock shows an hour later.
        """
        if count <= 0:
            return []
        period = self._period()
        if period is None:
            return _rule_walls(_checked_rule(self.text), anchor, not_before, count)
        every, unit = period
        wall = anchor.replace(fold=0)
        step = 0
        if wall < not_before:
            days = (not_before - wall) / timedelta(days=1)
            step = max(0, int(days / (every * _DAYS[unit])) - 1)
            while _moved(wall, every * step, unit) < not_before:
                step += 1
        return [_moved(wall, every * (step + k), unit) for k in range(count)]

    def occurrences(self, start: datetime, count: int) -> list[datetime]:
        """The first `count` sessions from `start` on (for a calendar); simple forms include it."""
        if count <= 0:
            return []
        period = self._period()
        if period is None:
            return _rule_first(_checked_rule(self.text), start, count)
        return [start] + [_advance(start, period[0] * k, period[1]) for k in range(1, count)]


@cache
def _period_of(text: str) -> tuple[int, str] | None:
    # Cached: the status screen asks it of hundreds of pairs sharing a handful of cadences.
    if text in ("weekly", "monthly"):
        return 1, text.removesuffix("ly")
    simple = re.fullmatch(_CANONICAL, text)
    return (int(simple["n"]), simple["unit"]) if simple else None


def parse_cadence(text: str, *, stored: bool = False) -> Cadence:
    """A Cadence from weekly, every N weeks, monthly, every N months or an RRULE. A `stored`
    one, a value mentor wrote, is checked as what a user types but for trying an RRULE out
    with dateutil: that was done before it was stored, and the status screen, reckoning from
    hundreds of stored cadences, would import dateutil for it on every run."""
    words = " ".join(text.split()).lower()
    if "=" in words or words.startswith("rrule:"):
        return Cadence(_checked_rule(text, tried=not stored))
    if words in _NAMED:
        return Cadence(_NAMED[words])
    simple = re.fullmatch(_SIMPLE, words)
    if not simple:
        if words == "bimonthly":
            raise BadInput(
                '"bimonthly" is ambiguous: use every 2 months, or an RRULE like '
                "FREQ=MONTHLY;BYMONTHDAY=1,15 for twice a month"
            )
        raise BadInput(f"unknown cadence {quoted(text.strip())}: {_FORMS}")
    every = 2 if simple["n"] == "other" else int(simple["n"])
    unit, longest = simple["unit"], _LONGEST[simple["unit"]]
    if every < 1:
        raise BadInput(
            f"cadence {quoted(text.strip())} never repeats: use every 1 to {longest} {unit}s"
        )
    if every > longest:
        raise BadInput(
            f"cadence {quoted(text.strip())} is too far apart: use every 1 to {longest} {unit}s"
        )
    if every == 1:
        return Cadence(f"{unit}ly")
    return Cadence(f"every {every} {unit}s")


def _rule_fields(rule: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in rule.split(";"))


@cache
def _checked_rule(text: str, tried: bool = True) -> str:
    """The canonical RRULE value for `text` (FREQ first, upper case), or BadInput saying why;
    `tried`: also tried out with dateutil, for BY... parts that it refuses or that never fire."""
    body = "".join(text.split()).upper().removeprefix("RRULE:")
    shown = quoted(body)
    fields: dict[str, str] = {}
    for part in filter(None, body.split(";")):
        name, equals, value = part.partition("=")
        if not (name and equals and value):
            raise BadInput(f"bad RRULE {shown}: {quoted(part)} is not NAME=VALUE")
        if name in fields:
            raise BadInput(f"bad RRULE {shown}: {name} is given twice; keep one")
        if name in ("COUNT", "UNTIL"):
            raise BadInput(
                f"RRULE {shown} has {name}, but a cadence lasts as long as the pair: "
                f"leave {name} out and end the pair instead"
            )
        if name in _TIME_PARTS:
            raise BadInput(
                f"RRULE {shown} has {name}, but the time of day comes from the pair's start: "
                f"leave {name} out"
            )
        if name not in _RULE_PARTS:
            raise BadInput(f"bad RRULE {shown}: unknown part {quoted(name)}")
        fields[name] = value
    freq = fields.pop("FREQ", None)
    if freq is None:
        raise BadInput(f"bad RRULE {shown}: FREQ is missing, e.g. FREQ=WEEKLY;INTERVAL=2")
    if freq not in _FREQ_DAYS:
        raise BadInput(f"bad RRULE {shown}: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY")
    if "INTERVAL" in fields:
        interval = fields["INTERVAL"]
        if not (interval.isascii() and interval.isdigit() and len(interval) <= 4):
            raise BadInput(f"bad RRULE {shown}: INTERVAL must be a whole number from 1 to 9999")
        if int(interval) == 0:
            raise BadInput(f"RRULE {shown} never repeats: INTERVAL must be 1 or more")
        fields["INTERVAL"] = str(int(interval))
    rule = ";".join([f"FREQ={freq}", *(f"{name}={value}" for name, value in fields.items())])
    if not tried:
        return rule
    try:
        trial = _rule_first(rule, _TRIAL_START, 2)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise BadInput(f"bad RRULE {shown}: {reason}") from None
    if len(trial) < 2:
        raise BadInput(f"RRULE {shown} never repeats: check its BY... parts against each other")
    return rule


def _rule_first(rule: str, start: datetime, count: int) -> list[datetime]:
    # Imported here, not at the top: only RRULE cadences pay for dateutil.
    from dateutil.rrule import rrulestr  # type: ignore[import-untyped, unused-ignore]

    # dateutil drops microseconds from DTSTART; drop them here too, or the start is missed.
    moments = rrulestr(f"RRULE:{rule}", dtstart=start.replace(microsecond=0))
    return [_settled(moment) for moment in islice(moments, count)]


def _rule_walls(rule: str, start: datetime, not_before: datetime, count: int) -> list[datetime]:
    from dateutil.rrule import rrulestr

    moments = rrulestr(f"RRULE:{rule}", dtstart=start.replace(microsecond=0, fold=0))
    first = moments.after(not_before.replace(microsecond=0), inc=True)
    if first is None:
        raise BadInput(f"RRULE {quoted(rule)} has no occurrence after {not_before.isoformat()}")
    return list(islice(moments.xafter(first, count=count, inc=True), count))


def _moved(wall: datetime, amount: int, unit: str) -> datetime:
    """`wall` plus `amount` weeks or months on its own clock; a month end stays a month end."""
    try:
        if unit == "week":
            return wall + timedelta(weeks=amount)
        from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped, unused-ignore]

        moved: datetime = wall + relativedelta(months=amount)
        return moved
    except (OverflowError, ValueError):
        raise BadInput(f"{wall.isoformat()} + {amount} {unit}s is past the year 9999") from None


def _rule_after(rule: str, start: datetime, moment: datetime, inclusive: bool) -> datetime:
    from dateutil.rrule import rrulestr

    # dateutil walks every occurrence from DTSTART on: from a start years back, hundreds of
    # them. The walk starts instead from the start moved on close to `moment`, on the series.
    begin = _closer(rule, start, moment)
    moments = rrulestr(f"RRULE:{rule}", dtstart=begin.replace(microsecond=0))
    after: datetime | None = moments.after(moment.replace(microsecond=0), inc=inclusive)
    if after is None:
        raise BadInput(f"RRULE {quoted(rule)} has no occurrence after {moment.isoformat()}")
    return _settled(after)


def _closer(rule: str, start: datetime, moment: datetime) -> datetime:
    """`start` moved on by whole INTERVALs of the rule's FREQ, to two of them before `moment`.

    The series from there is the series from `start`, from there on: the periods the rule picks
    its days in (days, weeks from WKST, months, years) keep their places, and what the rule
    takes from its start (the time of day, the weekday, the day of the month and the month)
    stays the same. dateutil's first week is the part of it from DTSTART on, which a BYSETPOS
    counts in: the two INTERVALs' margin keeps that week wholly before `moment`.
    """
    fields = _rule_fields(rule)
    freq, every = fields["FREQ"], int(fields.get("INTERVAL", "1"))
    first, last = start.date(), moment.date()
    if freq in ("DAILY", "WEEKLY"):
        length = every * (7 if freq == "WEEKLY" else 1)
        steps = (last - first).days // length - 2
        if steps <= 0:
            return start
        return datetime.combine(first + timedelta(days=steps * length), start.timetz())
    length = every * (12 if freq == "YEARLY" else 1)
    months = (last.year - first.year) * 12 + last.month - first.month
    for steps in range(months // length - 2, 0, -1):
        month = first.month - 1 + steps * length
        try:
            return start.replace(year=first.year + month // 12, month=month % 12 + 1)
        except ValueError:  # the month has no such day (the 31st, 29 February): one before
            continue
    return start


def _advance(moment: datetime, every: int, unit: str) -> datetime:
    """`moment` moved on by `every` weeks or months on its own wall clock."""
    wall = moment.replace(tzinfo=None, fold=0)
    try:
        if unit == "week":
            wall += timedelta(weeks=every)
        else:
            from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped, unused-ignore]

            wall += relativedelta(months=every)
    except (OverflowError, ValueError):
        raise BadInput(f"{moment.isoformat()} + {every} {unit}s is past the year 9999") from None
    return _settled(wall.replace(tzinfo=moment.tzinfo))


def _settled(moment: datetime) -> datetime:
    """A wall-clock time made real in its zone: one in a DST gap moves on by the gap's length."""
    zone: tzinfo | None = moment.tzinfo
    if zone is None:
        return moment
    return moment.astimezone(UTC).astimezone(zone)
