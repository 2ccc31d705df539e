"""`mentor schedule` as plain data: who takes part, the shared windows, notices and proposals."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import BadInput
from ..hours import (
    DEFAULT_HOURS,
    DEFAULT_SLEEP,
    Hours,
    format_days,
    format_hours,
    parse_hours,
    sleep_hours,
)
from ..labels import day_label
from ..overlap import (
    DAY,
    MINUTE,
    Interval,
    Notice,
    Participant,
    Window,
    available_micros,
    day_range,
    dst_notices,
    first_instant,
    from_micros,
    offset_segments,
    shared_windows,
    to_micros,
    wall_midnight,
)
from ..plans import RecurringSlot, recurring_slots
from ..stretch import Stretch, least_painful
from ..zones import resolve_zone, zone

if TYPE_CHECKING:
    from ..model.people import Person
    from ..services.availability import Beyond
    from ..store import Store
    from .moment import MomentView
    from .rotation import RotationView

MAX_DAYS = 366
DEFAULT_DAYS = 7
# A year of margin either side of the range keeps every instant the engine looks at (a week
# beyond it for proposals, days beyond it for clock changes) inside datetime's years 1 to 9999.
FIRST_DAY = date(2, 1, 1)
LAST_DAY = date(9998, 12, 31)
MAX_MINUTES = 24 * 60
STRETCH_PROPOSALS = 3
# The timeline's finest cell: a quarter of an hour of the display zone's clock.
CELLS_PER_DAY = 96
_CELL = 24 * 60 // CELLS_PER_DAY * MINUTE
_ZONE_EXAMPLE = 'e.g. "Asia/Kolkata" or "ops=Asia/Tokyo sun-thu 22:00-06:00"'


@dataclass(frozen=True)
class TimelineRow:
    """One participant across one display day: seconds available in each cell."""

    name: str
    local_start: datetime  # the participant's wall clock at the day's first instant
    covered: tuple[int, ...]


@dataclass(frozen=True)
class TimelineDay:
    """A day of the display zone in CELLS_PER_DAY wall-clock cells.

    `cell_seconds` is how long each cell really lasts: 0 inside a clock gap, more
    than a quarter of an hour where the clock repeats itself.
    """

    day: date
    cell_seconds: tuple[int, ...]
    rows: tuple[TimelineRow, ...]
    shared: tuple[int, ...]


@dataclass(frozen=True)
class Schedule:
    """Everything `mentor schedule` shows, for the table and for --json alike."""

    first: date
    days: int
    tz: str
    min_minutes: int
    start: datetime
    end: datetime
    participants: tuple[Participant, ...]
    windows: tuple[Window, ...]
    notices: tuple[Notice, ...]
    stretches: tuple[Stretch, ...]  # only when there is no window
    recurring: tuple[RecurringSlot, ...] | None  # only when asked for
    timeline: tuple[TimelineDay, ...]  # only for the human view

    def json(self) -> dict[str, Any]:
        return schedule_json(self)


@dataclass(frozen=True)
class ScheduleRequest:
    """What `mentor schedule` was asked: a range (or one moment, `at`) and how to look."""

    first: date
    days: int | None  # None: a week, or the weeks of a rotation
    tz: str
    min_minutes: int
    recurring: bool = False
    at: datetime | None = None
    busy: tuple[str, ...] = ()  # NAME=PATH, for this run
    buffer: int = 0
    timeline: bool = True
    rotate: int | None = None  # weeks of a fair rotation


def zone_participant(spec: str) -> Participant:
    """An ad-hoc participant from `[LABEL=]ZONE [HOURS]`; the label defaults to the zone."""
    label, equals, rest = spec.partition("=")
    if not equals:
        label, rest = "", spec
    label = label.strip()
    if equals and not label:
        raise BadInput(f'--zone "{spec}" has an empty label: write LABEL=ZONE, {_ZONE_EXAMPLE}')
    parts = rest.split(None, 1)
    if not parts:
        raise BadInput(
            f'--zone "{spec}" names no zone: write [LABEL=]ZONE [HOURS], {_ZONE_EXAMPLE}'
        )
    name = resolve_zone(parts[0])
    hours = parse_hours(parts[1] if len(parts) > 1 else DEFAULT_HOURS)
    return Participant(label or name, name, hours)


def gather_participants(
    who: Sequence[str],
    zone_specs: Sequence[str],
    store: Callable[[], Store],
    beyond: Beyond | None = None,
) -> tuple[Participant, ...]:
    """Stored people (by handle or pair) then ad-hoc zones, duplicates dropped, at least two;
    with `beyond`, each with their time off, holidays and busy times over its days.

    The store is opened only when WHO names someone, so `--zone` alone needs no database.
    """
    people: list[Person] = []
    for ref in who:
        people += _people_for(store(), ref, alone=len(who) == 1 and not zone_specs)
    everyone = [
        Participant(p.handle, p.timezone, parse_hours(p.hours), _sleep(p.sleep))
        for p in {p.id: p for p in people}.values()
    ]
    everyone += [zone_participant(spec) for spec in zone_specs]
    unique = tuple(dict.fromkeys(everyone))
    names = [p.name for p in unique]
    for name in names:
        if names.count(name) > 1:
            raise BadInput(
                f'two participants are called "{name}": give one a label, --zone LABEL=ZONE'
            )
    if len(unique) < 2:
        got = f" (only {names[0]})" if names else ""
        raise BadInput(
            f"a schedule needs at least two participants{got}: name people or pairs "
            'as WHO, or add --zone "[LABEL=]ZONE [HOURS]"'
        )
    if beyond is None:
        return unique
    from ..services.availability import beyond_hours

    return beyond_hours(unique, {p.handle: p for p in people}, store, beyond)


def _sleep(text: str) -> Hours | None:
    """A stored person's sleep hours, None for the usual night (it costs the same)."""
    return None if text == DEFAULT_SLEEP else sleep_hours(text)


def _people_for(store: Store, ref: str, *, alone: bool) -> list[Person]:
    """A pair reference (MENTOR/MENTEE or an id) means both people; a handle, that person.

    A handle given alone, with nothing else to meet, means that person's one active
    pair, as `mentor pair show ana` does.
    """
    from ..services.lookup import person as named
    from ..services.lookup import resolve_pair

    text = ref.strip()
    if "/" in text or text.lstrip("#").isdigit():
        pair = resolve_pair(store, text)
        return [named(store, pair.mentor), named(store, pair.mentee)]
    person = store.people.by_handle(text)
    if person is None:
        raise BadInput(
            f"no person with handle {text!r}: WHO is a handle, MENTOR/MENTEE or a pair id; "
            "see 'mentor person list'"
        )
    if alone and any(p.status == "active" for p in store.pairs.of_person(person.id)):
        pair = resolve_pair(store, text)
        return [named(store, pair.mentor), named(store, pair.mentee)]
    return [person]


def check_days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise BadInput(f'bad --days "{days}": expected a whole number from 1 to {MAX_DAYS}')
    return days


def check_minutes(minutes: int) -> int:
    if not 1 <= minutes <= MAX_MINUTES:
        raise BadInput(f'bad --min "{minutes}": expected a whole number from 1 to {MAX_MINUTES}')
    return minutes


def check_range(first: date, days: int) -> date:
    """`first`, when the `days` days from it lie between FIRST_DAY and LAST_DAY."""
    if first < FIRST_DAY:
        raise BadInput(
            f'--from "{first.isoformat()}" is too early: a schedule starts on '
            f"{FIRST_DAY.isoformat()} or later"
        )
    if first.toordinal() + days - 1 > LAST_DAY.toordinal():
        raise BadInput(
            f'--from "{first.isoformat()}" with --days {days} runs past {LAST_DAY.isoformat()}, '
            "the last day a schedule shows: choose an earlier --from"
        )
    return first


def build_schedule(
    participants: Sequence[Participant],
    first: date,
    days: int | None,
    tz: str,
    min_minutes: int,
    *,
    recurring: bool = False,
    timeline: bool = True,
) -> Schedule:
    """The windows from `first` 00:00 for `days` days (default 7) in zone `tz`, and what goes
    with them."""
    days = DEFAULT_DAYS if days is None else days
    start, end = day_range(check_range(first, check_days(days)), days, tz)
    minutes = check_minutes(min_minutes)
    windows = tuple(shared_windows(participants, start, end, minutes))
    return Schedule(
        first=first,
        days=days,
        tz=tz,
        min_minutes=minutes,
        start=start,
        end=end,
        participants=tuple(participants),
        windows=windows,
        notices=tuple(
            sorted(
                [
                    *dst_notices(participants, start, end, tz, minutes),
                    *_skipped(first, days, tz),
                    *_absent(participants, start, end, tz),
                ],
                key=lambda notice: notice.date,
            )
        ),
        stretches=()
        if windows
        else tuple(least_painful(participants, start, end, minutes, STRETCH_PROPOSALS)),
        recurring=tuple(recurring_slots(participants, start, end, minutes)) if recurring else None,
        timeline=_timeline(participants, windows, first, days, tz) if timeline else (),
    )


def find_times(
    who: Sequence[str],
    zone_specs: Sequence[str],
    store: Callable[[], Store],
    request: ScheduleRequest,
) -> Schedule | MomentView | RotationView:
    """`mentor schedule`: the shared windows of a range, or (with `at`) one moment explained,
    everyone's time off, holidays and busy times honoured."""
    from ..services.availability import Beyond, busy_specs, check_buffer

    days = 7 if request.days is None else request.days
    if request.rotate is not None:
        first, last = request.first, request.first + timedelta(days=7 * max(request.rotate, 1))
    elif request.at is not None:
        first = last = request.at.astimezone(zone(request.tz)).date()
    else:
        first = check_range(request.first, check_days(days))
        last = first + timedelta(days=days)
    beyond = Beyond(first, last, busy_specs(request.busy), check_buffer(request.buffer))
    everyone = gather_participants(who, zone_specs, store, beyond)
    if request.rotate is not None:
        from .rotation import build_rotation

        at = None if request.at is None else request.at.isoformat()
        return build_rotation(
            everyone, first, request.rotate, request.tz, request.min_minutes, request.days,
            request.recurring, at,
        )  # fmt: skip
    if request.at is not None:
        from .moment import build_moment

        return build_moment(everyone, request.at, request.tz)
    return build_schedule(
        everyone,
        first,
        days,
        request.tz,
        request.min_minutes,
        recurring=request.recurring,
        timeline=request.timeline,
    )


def _absent(
    participants: Sequence[Participant], start: datetime, end: datetime, tz: str
) -> list[Notice]:
    """A notice for each time off and public holiday in the range, on the person's clock and
    dated on the display zone's day it starts (busy times show in the timeline alone)."""
    lo, hi = to_micros(start), to_micros(end)
    notices = []
    for p in participants:
        own = zone(p.zone)
        for absence in p.absences:
            if absence.kind == "busy" or absence.end <= lo or absence.start >= hi:
                continue
            begins, ends = from_micros(absence.start), from_micros(absence.end)
            shown = max(begins, start).astimezone(zone(tz)).date()
            first, last = begins.astimezone(own), (ends - timedelta(microseconds=1)).astimezone(own)
            note = f" ({absence.note})" if absence.note else ""
            if absence.kind == "holiday":
                text = f"{day_label(first.date())} is a public holiday for {p.name}{note}"
            elif _whole_days(first, ends.astimezone(own)):
                until = "" if first.date() == last.date() else f" to {day_label(last.date())}"
                text = f"{p.name} is away {day_label(first.date())}{until}{note}"
            else:
                text = (
                    f"{p.name} is away from {day_label(first.date())} {first:%H:%M} to "
                    f"{day_label(last.date()) + ' ' if last.date() != first.date() else ''}"
                    f"{ends.astimezone(own):%H:%M} their time{note}"
                )
            notices.append(Notice(shown, text))
    return notices


def _whole_days(first: datetime, end: datetime) -> bool:
    return first.time() == end.time() == datetime.min.time()


def _skipped(first: date, days: int, tz: str) -> list[Notice]:
    """A notice for each day the display zone's clock jumps over (Pacific/Apia, 30 Dec 2011)."""
    notices = []
    for index in range(days):
        day = first + timedelta(days=index)
        midnight = wall_midnight(day)
        if first_instant(tz, midnight) == first_instant(tz, midnight + DAY):
            notices.append(
                Notice(
                    day,
                    f"{day_label(day)} {day.year} does not exist in {tz}: its clocks go from "
                    f"{day_label(day - timedelta(days=1))} straight to "
                    f"{day_label(day + timedelta(days=1))}, so the day is skipped",
                )
            )
    return notices


def _timeline(
    participants: Sequence[Participant],
    windows: Sequence[Window],
    first: date,
    days: int,
    tz: str,
) -> tuple[TimelineDay, ...]:
    bounds = _cell_bounds(first, days, tz)
    shared = _covered([(to_micros(w.start), to_micros(w.end)) for w in windows], bounds)
    covered = [_covered(available_micros(p, bounds[0], bounds[-1]), bounds) for p in participants]
    result = []
    for index in range(days):
        cells = slice(index * CELLS_PER_DAY, (index + 1) * CELLS_PER_DAY)
        day_start = from_micros(bounds[index * CELLS_PER_DAY])
        rows = tuple(
            TimelineRow(p.name, day_start.astimezone(zone(p.zone)), tuple(seconds[cells]))
            for p, seconds in zip(participants, covered, strict=True)
        )
        lengths = tuple(
            (b - a) // 1_000_000 for a, b in zip(bounds[cells], bounds[1:][cells], strict=True)
        )
        result.append(TimelineDay(first + timedelta(days=index), lengths, rows, shared[cells]))
    return tuple(result)


def _cell_bounds(first: date, days: int, tz: str) -> list[int]:
    """The first instant of each wall-clock cell of the days, and the end of the last.

    A day whose clock keeps one offset throughout has evenly spaced cells; only the
    days with a change need each cell found on the clock.
    """
    bounds: list[int] = []
    for index in range(days):
        midnight = wall_midnight(first + timedelta(days=index))
        start, end = first_instant(tz, midnight), first_instant(tz, midnight + DAY)
        changes = offset_segments(tz, start // DAY - 1, end // DAY + 2)[1:]
        if end - start == DAY and not any(start < change < end for change, _, _ in changes):
            bounds += range(start, end, _CELL)
        else:
            bounds += [first_instant(tz, midnight + cell * _CELL) for cell in range(CELLS_PER_DAY)]
    bounds.append(first_instant(tz, wall_midnight(first + timedelta(days=days))))
    return bounds


def _covered(intervals: Iterable[Interval], bounds: Sequence[int]) -> tuple[int, ...]:
    """For each cell [bounds[i], bounds[i + 1]), the whole seconds the intervals cover."""
    seconds = [0] * (len(bounds) - 1)
    cell = 0
    for a, b in intervals:
        while cell < len(seconds) and bounds[cell + 1] <= a:
            cell += 1
        index = cell
        while index < len(seconds) and bounds[index] < b:
            overlap = min(b, bounds[index + 1]) - max(a, bounds[index])
            seconds[index] += max(overlap, 0) // 1_000_000
            index += 1
    return tuple(seconds)


def schedule_json(schedule: Schedule) -> dict[str, Any]:
    """The documented --json object; "stretch" and "recurring" are added only when shown."""
    shown = zone(schedule.tz)
    data: dict[str, Any] = {
        "from": schedule.first.isoformat(),
        "days": schedule.days,
        "tz": schedule.tz,
        "min_minutes": schedule.min_minutes,
        "participants": [
            {"name": p.name, "timezone": p.zone, "hours": format_hours(p.hours)}
            for p in schedule.participants
        ],
        "windows": [
            {
                "start": w.start.astimezone(shown).isoformat(),
                "end": w.end.astimezone(shown).isoformat(),
                "minutes": w.minutes,
                "local": {
                    p.name: {
                        "start": w.start.astimezone(zone(p.zone)).isoformat(),
                        "end": w.end.astimezone(zone(p.zone)).isoformat(),
                    }
                    for p in schedule.participants
                },
            }
            for w in schedule.windows
        ],
        "notices": [{"date": n.date.isoformat(), "text": n.text} for n in schedule.notices],
    }
    if not schedule.windows:
        data["stretch"] = [
            {
                "start": s.start.astimezone(shown).isoformat(),
                "end": s.end.astimezone(shown).isoformat(),
                "minutes": (s.end - s.start) // timedelta(minutes=1),
                "outside_minutes": dict(s.outside),
                "cost": s.total,
                "people": {
                    name: {
                        "start": s.start.astimezone(zone(p.zone)).isoformat(),
                        "end": s.end.astimezone(zone(p.zone)).isoformat(),
                        "side": asked.side,
                        "pushed_minutes": asked.pushed,
                        "night_minutes": asked.night,
                        "cost": asked.cost,
                    }
                    for p in schedule.participants
                    for name, asked in [(p.name, s.people[p.name])]
                },
            }
            for s in schedule.stretches
        ]
    if schedule.recurring is not None:
        data["recurring"] = [
            {
                "day": format_days(frozenset({slot.weekday})),
                "start": slot.start.strftime("%H:%M"),
                "end": clock_end(slot),
                "minutes": slot.minutes,
                "zone": slot.zone,
                "broken_weeks": [week.isoformat() for week in slot.broken_weeks],
            }
            for slot in schedule.recurring
        ]
    return data


def clock_end(slot: RecurringSlot) -> str:
    """A slot's end as HH:MM, midnight written 24:00; an end before the start is the next day."""
    text = slot.end.strftime("%H:%M")
    return "24:00" if text == "00:00" else text
