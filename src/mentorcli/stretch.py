"""Least painful stretches: what a slot outside someone's hours costs them; the best slots (pure).

A person's cost for a slot is how far it pushes them outside their own hours, in minutes
(a slot 08:00-09:00 before a 09:00 start pushes 1 h; one at 01:00 pushes 8 h, however short),
plus NIGHT_WEIGHT for every minute of it outside their hours that falls in their night
(22:00-07:00 on their clock unless they sleep at other times, `Participant.sleep`). Slots
are ranked by the costs summed over everyone, then by the largest single cost, so two people
stretching a little beat one stretching a lot, then by time. Starts are exact to the minute.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import accumulate, pairwise

from mentorcli.hours import Hours, parse_hours
from mentorcli.overlap import (
    DAY,
    MINUTE,
    WEEK,
    Interval,
    Participant,
    available_micros,
    from_micros,
    offset_segments,
    to_micros,
)

NIGHT_WEIGHT = 3
NIGHT = parse_hours("mon-sun 22:00-07:00")
_NEVER = 1 << 80


@dataclass(frozen=True)
class PersonStretch:
    """What one slot asks of one person.

    `pushed` is how far the slot reaches outside their hours (minutes), `night` the minutes
    of it outside their hours and in their night, `outside` all its minutes outside their
    hours. `side` says how: "inside", "early" (before their day starts), "late" (after it
    ends), "between" (far from both) or "day off".
    """

    pushed: int
    night: int
    outside: int
    side: str

    @property
    def cost(self) -> int:
        """The person's cost in minutes: how far pushed, and the night counted NIGHT_WEIGHT more."""
        return self.pushed + NIGHT_WEIGHT * self.night


@dataclass(frozen=True)
class Stretch:
    """A proposed slot outside someone's hours, with what it asks of each person."""

    start: datetime
    end: datetime
    people: dict[str, PersonStretch]

    @property
    def outside(self) -> dict[str, int]:
        """Minutes outside working hours, per person."""
        return {name: person.outside for name, person in self.people.items()}

    @property
    def total(self) -> int:
        """The slot's cost: every person's cost summed."""
        return sum(person.cost for person in self.people.values())


class PersonCosts:
    """One participant's hours and night as sorted intervals, for costing many slots."""

    def __init__(self, p: Participant, lo: int, hi: int, sleep: Hours) -> None:
        # A week either side, so the nearest working time is always known.
        self.available = available_micros(p, lo - WEEK, hi + WEEK)
        edges = [-_NEVER, *(x for interval in self.available for x in interval), _NEVER]
        self.gaps = [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
        self.gap_ends = [b for _, b in self.gaps]
        night = available_micros(Participant(p.name, p.zone, sleep), lo - DAY, hi + DAY)
        self.night = _intersect(night, self.gaps)
        self.night_starts = [a for a, _ in self.night]
        self.night_before = [0, *accumulate(b - a for a, b in self.night)]
        self.work_starts = [a for a, _ in self.available]
        self.work_before = [0, *accumulate(b - a for a, b in self.available)]
        self.zone = p.zone
        self.blocked = p.blocked
        self.blocked_ends = [b for _, b in p.blocked]
        self.days_off = {day for day in range(7) if not any(day in s.days for s in p.hours.spans)}

    def blocked_in(self, start: int, end: int) -> bool:
        """Whether they are away or busy for some of [start, end): no stretch asks that."""
        index = bisect_right(self.blocked_ends, start)
        return index < len(self.blocked) and self.blocked[index][0] < end

    def bounds(self) -> list[int]:
        """Where this person's cost changes slope: the edges of their hours, the middles
        between them, and the edges of their night."""
        result = []
        for a, b in self.gaps:
            if a > -_NEVER and b < _NEVER:
                result += [a, b, (a + b) // 2, (a + b + 1) // 2]
        result += [x for interval in self.night for x in interval]
        return result

    def cost(self, start: int, end: int) -> PersonStretch:
        pushed, sides = 0, []
        index = bisect_right(self.gap_ends, start)
        while index < len(self.gaps) and self.gaps[index][0] < end:
            a, b = self.gaps[index]
            run_start, run_end = max(start, a), min(end, b)
            if run_start < run_end:
                if 2 * run_end <= a + b:
                    pushed += run_end - a
                    sides.append("late")
                elif 2 * run_start >= a + b:
                    pushed += b - run_start
                    sides.append("early")
                else:
                    pushed += -(-(b - a) // 2)
                    sides.append("between")
            index += 1
        night = _covered(self.night, self.night_starts, self.night_before, start, end)
        working = _covered(self.available, self.work_starts, self.work_before, start, end)
        side = sides[0] if len(sides) == 1 else "between" if sides else "inside"
        if side == "between" and self._day_off(start):
            side = "day off"
        return PersonStretch(
            _minutes(pushed), _minutes(night), _minutes(end - start - working), side
        )

    def price(self, start: int, end: int) -> int:
        """The cost of [start, end) in minutes: PersonStretch.cost, without the details."""
        pushed = 0
        gaps = self.gaps
        index = bisect_right(self.gap_ends, start)
        while index < len(gaps):
            a, b = gaps[index]
            if a >= end:
                break
            run_start = start if start > a else a
            run_end = end if end < b else b
            if 2 * run_end <= a + b:
                pushed += run_end - a
            elif 2 * run_start >= a + b:
                pushed += b - run_start
            else:
                pushed += -(-(b - a) // 2)
            index += 1
        night = _covered(self.night, self.night_starts, self.night_before, start, end)
        return -(-pushed // MINUTE) + NIGHT_WEIGHT * -(-night // MINUTE)

    def _day_off(self, instant: int) -> bool:
        from mentorcli.zones import zone

        return from_micros(instant).astimezone(zone(self.zone)).weekday() in self.days_off


def least_painful(
    participants: Sequence[Participant],
    start: datetime,
    end: datetime,
    min_minutes: int = 30,
    limit: int = 3,
    sleep: Mapping[str, Hours] | None = None,
) -> list[Stretch]:
    """The `limit` slots of min_minutes in [start, end) that cost least (see the module).

    Slots that overlap a chosen one are skipped, and a time of day already chosen is
    offered again only when there are too few distinct ones. Every slot where some
    person's cost changes slope is a candidate, so the best start is exact to the minute.
    """
    lo, hi = to_micros(start), to_micros(end)
    length = max(min_minutes, 1) * MINUTE
    first, last = -(-lo // MINUTE) * MINUTE, (hi - length) // MINUTE * MINUTE
    if first > last or limit < 1 or not participants:
        return []
    people = [PersonCosts(p, lo, hi, night_of(p, sleep)) for p in participants]
    bounds = {first, last}
    for person in people:
        bounds.update(person.bounds())

    def free(slots: set[int]) -> set[int]:
        return {
            slot
            for slot in slots
            if not any(person.blocked_in(slot, slot + length) for person in people)
        }

    candidates = free(on_the_minute(bounds, length, first, last))
    # Away days, holidays and busy times break the weekly repetition the costs rely on.
    weekly = not any(p.irregular for p in participants)
    costs: dict[int, tuple[int, ...]] = {}
    changes = sorted({a for p in participants for a, _, _ in _segments(p.zone, lo, hi)[1:]})

    def each(slot: int) -> tuple[int, ...]:
        if slot not in costs:
            # Hours repeat weekly: with no clock change within a week and a half either
            # side (how far the nearest working time can be), a slot costs what it did
            # a week before.
            earlier = costs.get(slot - WEEK)
            nearby = bisect_right(changes, slot - WEEK - WEEK // 2) < bisect_right(
                changes, slot + length + WEEK + WEEK // 2
            )
            if weekly and earlier is not None and not nearby:
                costs[slot] = earlier
            else:
                costs[slot] = tuple(person.price(slot, slot + length) for person in people)
        return costs[slot]

    def rank(slot: int) -> tuple[int, int, int]:
        cost = each(slot)
        return sum(cost), max(cost), slot

    ranked = sorted(candidates)
    for slot in ranked:  # in time order, so the week before is known first
        each(slot)
    # Between two candidates every cost is linear; where their sum is flat, the most
    # balanced start is where two people's costs cross, which may be no candidate.
    meeting: set[int] = set()
    for a, b in pairwise(ranked):
        if b - a > MINUTE and sum(each(a)) == sum(each(b)):
            meeting |= crossings(a, b, each(a), each(b))
    ranked = sorted(set(ranked) | free(meeting), key=rank)
    chosen: list[int] = []
    for distinct_time_of_day in (True, False):
        while len(chosen) < limit:
            pick = next(
                (
                    slot
                    for slot in ranked
                    if all(
                        abs(slot - c) >= length
                        and not (distinct_time_of_day and _same_time_of_day(slot, c, length))
                        for c in chosen
                    )
                ),
                None,
            )
            if pick is None:
                break
            chosen.append(pick)
            # The best slot next to the one chosen may start right where it stops applying.
            edges = {pick - length, pick + length}
            edges |= {
                x + k * DAY
                for x in edges
                for k in range(-(pick - lo) // DAY - 1, (hi - pick) // DAY + 2)
            }
            ranked = sorted(set(ranked) | free(on_the_minute(edges, 0, first, last)), key=rank)
    return [
        Stretch(
            from_micros(slot),
            from_micros(slot + length),
            {
                p.name: person.cost(slot, slot + length)
                for p, person in zip(participants, people, strict=True)
            },
        )
        for slot in chosen
    ]


def night_of(p: Participant, sleep: Mapping[str, Hours] | None = None) -> Hours:
    """When `p` sleeps: as given by name, else their own sleep hours, else NIGHT."""
    return (sleep or {}).get(p.name) or p.sleep or NIGHT


def crossings(a: int, b: int, at_a: tuple[int, ...], at_b: tuple[int, ...]) -> set[int]:
    """The minutes beside each point in (a, b) where two linear costs meet."""
    found = set()
    for i, (i_a, i_b) in enumerate(zip(at_a, at_b, strict=True)):
        for j_a, j_b in zip(at_a[i + 1 :], at_b[i + 1 :], strict=True):
            before, after = i_a - j_a, i_b - j_b
            if before * after < 0:
                point = a + (b - a) * before // (before - after)
                found |= {point // MINUTE * MINUTE, -(-point // MINUTE) * MINUTE}
    return {x for x in found if a < x < b}


def on_the_minute(bounds: set[int], length: int, first: int, last: int) -> set[int]:
    """Slot starts at or beside each bound, and ending there, on the minute, within range."""
    result = set()
    for bound in bounds:
        for edge in (bound, bound - length):
            for start in (edge // MINUTE * MINUTE, -(-edge // MINUTE) * MINUTE):
                if first <= start <= last:
                    result.add(start)
    return result


def _segments(zone: str, lo: int, hi: int) -> tuple[tuple[int, int, int], ...]:
    return offset_segments(zone, (lo - 2 * WEEK) // DAY, (hi + 2 * WEEK) // DAY + 1)


def _same_time_of_day(a: int, b: int, length: int) -> bool:
    return min((a - b) % DAY, (b - a) % DAY) < length


def _covered(
    intervals: list[Interval], starts: list[int], before: list[int], a: int, b: int
) -> int:
    """How much of the sorted intervals lies in [a, b)."""
    return _upto(intervals, starts, before, b) - _upto(intervals, starts, before, a)


def _upto(intervals: list[Interval], starts: list[int], before: list[int], point: int) -> int:
    index = bisect_right(starts, point) - 1
    if index < 0:
        return 0
    a, b = intervals[index]
    return before[index] + min(point, b) - a


def _minutes(micros: int) -> int:
    return -(-micros // MINUTE)


def _intersect(first: list[Interval], second: list[Interval]) -> list[Interval]:
    """Where two sorted lists of disjoint intervals overlap."""
    result = []
    i = j = 0
    while i < len(first) and j < len(second):
        a, b = max(first[i][0], second[j][0]), min(first[i][1], second[j][1])
        if a < b:
            result.append((a, b))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return result
