"""Availability beyond working hours: time off, one-day hours, public holidays and busy
calendars folded into each participant, in the one place every feature reads them from."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..errors import BadInput
from ..hours import parse_hours
from ..overlap import (
    Absence,
    Interval,
    Participant,
    first_instant,
    merge_intervals,
    to_micros,
    wall_midnight,
)

if TYPE_CHECKING:
    from ..model.away import TimeOff
    from ..model.people import Person
    from ..store import Store

# How far beyond a range its edges are looked at: a week for the nearest working time
# (stretch proposals, `--at`), and a day for spans running past midnight.
MARGIN_DAYS = 8


@dataclass(frozen=True)
class Beyond:
    """What besides working hours one run honours: the days looked at, busy calendars
    given for this run only (name → path) and the gap kept around busy times."""

    first: date
    last: date
    busy: Mapping[str, str] = field(default_factory=dict)
    buffer_minutes: int = 0


def busy_specs(specs: Sequence[str]) -> dict[str, str]:
    """`--busy NAME=PATH` options as a mapping, refusing what is not that shape."""
    found: dict[str, str] = {}
    for spec in specs:
        name, equals, path = spec.partition("=")
        if not equals or not name.strip() or not path.strip():
            raise BadInput(
                f'--busy "{spec}" is not NAME=PATH: e.g. --busy ana=~/calendars/work.ics'
            )
        found[name.strip()] = path.strip()
    return found


def check_buffer(minutes: int) -> int:
    if not 0 <= minutes <= 24 * 60:
        raise BadInput(f'bad --buffer "{minutes}": expected whole minutes from 0 to 1440')
    return minutes


def day_spans(text: str) -> tuple[Interval, ...]:
    """One day's hours (`10:00-14:00`, `08:00-12:00, 13:00-15:00`) as minutes after its
    midnight; a span may run past midnight, as working hours do."""
    if any(c.isalpha() for c in text):
        raise BadInput(
            f'one day\'s hours "{text}" name no days: write times alone, e.g. "10:00-14:00"'
        )
    hours = parse_hours(text)
    return tuple(merge_intervals((s.start, s.start + s.length) for s in hours.spans))


def beyond_hours(
    participants: Sequence[Participant],
    people: Mapping[str, Person],
    store: Callable[[], Store],
    beyond: Beyond,
) -> tuple[Participant, ...]:
    """Each participant with their days off, day hours and busy times from `first` to `last`
    (and MARGIN_DAYS around): stored people from the database, anyone from `beyond.busy`."""
    busy = dict(beyond.busy)
    names = {p.name for p in participants}
    for name in busy:
        if name not in names:
            raise BadInput(
                f'--busy names "{name}", who is not taking part: use a handle or --zone label '
                f"of this schedule ({', '.join(sorted(names))})"
            )
    first = beyond.first - timedelta(days=MARGIN_DAYS)
    last = beyond.last + timedelta(days=MARGIN_DAYS)
    result = []
    for p in participants:
        person = people.get(p.name)
        records = (
            store().time_off.between(person.id, first.isoformat(), last.isoformat())
            if (person is not None)
            else []
        )
        path = busy.get(p.name) or (person.busy if person is not None else "")
        result.append(
            _participant(
                p,
                records,
                person.holidays if person is not None else "",
                path,
                person.email if person is not None else "",
                first,
                last,
                beyond.buffer_minutes,
            )
        )
    return tuple(result)


def _participant(
    p: Participant,
    records: Sequence[TimeOff],
    holidays: str,
    busy_path: str,
    email: str,
    first: date,
    last: date,
    buffer_minutes: int,
) -> Participant:
    days: dict[date, tuple[Interval, ...]] = {}
    absences: list[Absence] = []
    for record in records:
        if record.hours is not None:
            days[date.fromisoformat(record.starts)] = day_spans(record.hours)
        else:
            start, end = away_instants(record, p.zone)
            absences.append(Absence(start, end, "away", record.note))
    if holidays:
        from ..calendars.holidays import holiday_days

        for day, name in holiday_days(holidays, first, last).items():
            if day not in days:
                days[day] = ()
                absences.append(Absence(*_local_days(p.zone, day, day), "holiday", name))
    if busy_path:
        from ..calendars.busy import busy_times

        absences += [
            Absence(b.start, b.end, "busy", b.summary)
            for b in busy_times(
                Path(busy_path).expanduser(), p.zone, email, first, last, buffer_minutes
            )
        ]
    blocked = merge_intervals((a.start, a.end) for a in absences if a.kind != "holiday")
    return replace(
        p,
        days=tuple(sorted(days.items())),
        blocked=tuple(blocked),
        absences=tuple(sorted(absences, key=lambda a: (a.start, a.end))),
    )


def time_off_of(
    person: Person, records: Sequence[TimeOff], first: date, last: date
) -> tuple[Interval, ...]:
    """When `person` is away or on a public holiday (not overridden) from `first` to `last`,
    merged: what due dates and lapses skip. Busy calendars are for finding a time, not this."""
    mine = [r for r in records if r.person_id == person.id]
    if not mine and not person.holidays:
        return ()
    bare = Participant(person.handle, person.timezone, parse_hours(person.hours))
    found = _participant(bare, mine, person.holidays, "", "", first, last, 0)
    return tuple(merge_intervals((a.start, a.end) for a in found.absences))


class PairOfPeople(Protocol):
    """What time off is found for of a pair: its id and its two people's (a Pair, or the
    status screen's lighter row)."""

    @property
    def id(self) -> int: ...

    @property
    def mentor_id(self) -> int: ...

    @property
    def mentee_id(self) -> int: ...


def pairs_time_off(
    store: Store, pairs: Sequence[PairOfPeople], first: date, last: date
) -> dict[int, tuple[Interval, ...]]:
    """For each pair (by id), when its mentor or mentee is away or on a holiday."""
    records = [
        r
        for r in store.time_off.of_person()
        if r.ends[:10] >= first.isoformat() and r.starts[:10] <= last.isoformat()
    ]
    people = {p.id: p for p in store.people.all()}
    off = {pid: time_off_of(people[pid], records, first, last) for pid in _ids(pairs)}
    return {
        pair.id: tuple(merge_intervals([*off[pair.mentor_id], *off[pair.mentee_id]]))
        for pair in pairs
    }


def _ids(pairs: Sequence[PairOfPeople]) -> set[int]:
    return {pid for pair in pairs for pid in (pair.mentor_id, pair.mentee_id)}


def away_instants(record: TimeOff, zone: str) -> Interval:
    """A stretch away as UTC microseconds: whole days from the first midnight to the one
    after the last day, on the person's clock."""
    if record.whole_days:
        return _local_days(zone, date.fromisoformat(record.starts), date.fromisoformat(record.ends))
    return (
        to_micros(datetime.fromisoformat(record.starts)),
        to_micros(datetime.fromisoformat(record.ends)),
    )


def _local_days(zone: str, first: date, last: date) -> Interval:
    return (
        first_instant(zone, wall_midnight(first)),
        first_instant(zone, wall_midnight(last + timedelta(days=1))),
    )
