"""Time off and one-day hours: a person away for some days or hours, or working other
hours on one day."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..errors import BadInput, quoted
from .availability import day_spans
from .lookup import person

if TYPE_CHECKING:
    from ..model.away import TimeOff
    from ..model.people import Person
    from ..store import Store

_RANGE_FORMS = 'e.g. "2026-12-24..2027-01-02", "fri", or "2026-12-07 13:00..2026-12-07 17:00"'


@dataclass(frozen=True)
class AwayEntry:
    """One time off or day's hours, with whose it is."""

    record: TimeOff
    handle: str
    timezone: str


@dataclass(frozen=True)
class TimeOffList:
    """Time off and one-day hours, earliest first."""

    entries: tuple[AwayEntry, ...]

    def json(self) -> object:
        return [{**asdict(e.record), "handle": e.handle} for e in self.entries]


def away_range(text: str, now: datetime, zone: str) -> tuple[str, str]:
    """`FROM..TO` (or one day) as stored: ISO dates for whole days (inclusive) or UTC
    instants for a date-and-time range, read in `zone` (the machine's) without an offset."""
    from ..when import parse_date, parse_datetime, to_utc_iso

    first, dots, last = text.partition("..")
    if not first.strip() or (dots and not last.strip()):
        raise BadInput(f"time off {quoted(text)} needs FROM..TO or one day: {_RANGE_FORMS}")
    sides = [first] if not dots else [first, last]
    from ..zones import zone as zone_info

    today = now.astimezone(zone_info(zone)).date()
    try:
        days = [parse_date(side, today) for side in sides]
    except BadInput:
        days = []
    if days:
        if days[-1] < days[0]:
            raise BadInput(f"time off {quoted(text)} ends before it starts: {_RANGE_FORMS}")
        return days[0].isoformat(), days[-1].isoformat()
    if not dots:
        raise BadInput(f"time off {quoted(text)} with a time needs FROM..TO: {_RANGE_FORMS}")
    start, end = (parse_datetime(side, now, zone, past=False) for side in sides)
    if end <= start:
        raise BadInput(f"time off {quoted(text)} ends before it starts: {_RANGE_FORMS}")
    return to_utc_iso(start), to_utc_iso(end)


def add_away(store: Store, handle: str, span: tuple[str, str], note: str) -> AwayEntry:
    with store.write():
        who = person(store, handle)
        record = store.time_off.add(
            {"person_id": who.id, "starts": span[0], "ends": span[1], "note": note}
        )
        return AwayEntry(record, who.handle, who.timezone)


def set_day_hours(store: Store, handle: str, day: date, hours: str, note: str) -> AwayEntry:
    """`hours` on `day` instead of the usual; a second change of that day replaces the first."""
    text = ", ".join(
        f"{_clock(a)}-{_clock(b if b <= 24 * 60 else b - 24 * 60)}" for a, b in day_spans(hours)
    )
    with store.write():
        who = person(store, handle)
        same = [
            r
            for r in store.time_off.between(who.id, day.isoformat(), day.isoformat())
            if r.hours is not None and r.starts == day.isoformat()
        ]
        values = {"starts": day.isoformat(), "ends": day.isoformat(), "hours": text, "note": note}
        if same:
            record = store.time_off.update(same[0].id, values)
        else:
            record = store.time_off.add({"person_id": who.id, **values})
        return AwayEntry(record, who.handle, who.timezone)


def time_off(store: Store, handle: str | None, since: date | None) -> TimeOffList:
    """One person's time off and day hours (or everyone's), from `since` on when given."""
    people: dict[int, Person] = {p.id: p for p in store.people.all()}
    records = store.time_off.of_person(person(store, handle).id if handle else None)
    shown = [r for r in records if since is None or r.ends[:10] >= since.isoformat()]
    return TimeOffList(
        tuple(AwayEntry(r, people[r.person_id].handle, people[r.person_id].timezone) for r in shown)
    )


def remove_away(store: Store, record_id: int) -> AwayEntry:
    with store.write():
        record = store.time_off.get(record_id)
        if record is None:
            raise BadInput(f"no time off #{record_id}; see 'mentor away list'")
        who = store.people.get(record.person_id)
        assert who is not None
        store.time_off.delete(record_id)
        return AwayEntry(record, who.handle, who.timezone)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
