"""Fair rotation: one slot a week for N weeks, the inconvenience taking turns (pure).

Week k of a rotation is the seven days from the first day plus 7k, on the display clock,
and holds one slot of the given length. What a slot asks of each person is the stretch
cost of stretch.py (minutes pushed outside their hours, night minutes counted NIGHT_WEIGHT
more), measured on that week's own dates, so a clock change in one zone alters the weeks
after it. A person's tally is their costs summed over the N weeks.

The rotation chosen makes the largest tally as small as possible, then the sum of all
tallies, then has the earliest slots, week by week. Each week's slot is one of its
candidates: the whole-minute starts where someone's cost bends (the minute before, the
start and the minute after are not on one line), the minutes either side of where two
people's costs cross between two such starts, and the week's first and last start. A
rotation that alternates who stays late beats one where everyone stretches a little each
week whenever that lowers the largest tally or, with it equal, the sum.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from operator import add
from typing import TypeVar

from mentorcli.hours import Hours
from mentorcli.overlap import DAY, MINUTE, Participant, day_range, from_micros, to_micros
from mentorcli.stretch import PersonCosts, Stretch, crossings, night_of, on_the_minute

Costs = tuple[int, ...]  # one cost in minutes per participant, in their order
Option = tuple[Costs, int]  # a week's candidate: its costs and its start
T = TypeVar("T")
# How many tallies the narrow search keeps each week.
_BEAM = 256
# How many sets of tallies the exact search may keep in a week before it gives up.
_STATES = 20_000


@dataclass(frozen=True)
class Turn:
    """One week of the rotation: the week's first day and its slot."""

    week: date
    slot: Stretch


@dataclass(frozen=True)
class Tally:
    """What the whole rotation asks of one person: summed costs, pushed and night minutes,
    and in how many weeks the slot is outside their hours."""

    cost: int
    pushed: int
    night: int
    weeks_outside: int


@dataclass(frozen=True)
class Rotation:
    """The chosen slot of each week, in order; `proven` when no rotation is fairer."""

    turns: tuple[Turn, ...]
    proven: bool = True

    @property
    def tally(self) -> dict[str, Tally]:
        """Each person's share of the rotation, by name, in the participants' order."""
        if not self.turns:
            return {}
        return {
            name: Tally(
                sum(turn.slot.people[name].cost for turn in self.turns),
                sum(turn.slot.people[name].pushed for turn in self.turns),
                sum(turn.slot.people[name].night for turn in self.turns),
                sum(turn.slot.people[name].side != "inside" for turn in self.turns),
            )
            for name in self.turns[0].slot.people
        }


def fair_rotation(
    participants: Sequence[Participant],
    first: date,
    weeks: int,
    tz: str,
    min_minutes: int = 30,
    sleep: Mapping[str, Hours] | None = None,
) -> Rotation:
    """The rotation of `weeks` weeks from `first` 00:00 in `tz` (see the module)."""
    if weeks < 1 or not participants:
        return Rotation(())
    length = max(min_minutes, 1) * MINUTE
    ranges = [
        tuple(map(to_micros, day_range(first + timedelta(days=7 * k), 7, tz))) for k in range(weeks)
    ]
    lo, hi = ranges[0][0], ranges[-1][1]
    people = [PersonCosts(p, lo, hi, night_of(p, sleep)) for p in participants]
    bounds = sorted({bound for person in people for bound in person.bounds()})
    options = [_week_options(people, bounds, a, b, length) for a, b in ranges]
    starts, proven = _fairest(options)
    return Rotation(
        tuple(
            Turn(
                first + timedelta(days=7 * k),
                Stretch(
                    from_micros(start),
                    from_micros(start + length),
                    {
                        p.name: person.cost(start, start + length)
                        for p, person in zip(participants, people, strict=True)
                    },
                ),
            )
            for k, start in enumerate(starts)
        ),
        proven,
    )


def _week_options(
    people: Sequence[PersonCosts], bounds: list[int], lo: int, hi: int, length: int
) -> list[Option]:
    """The week's candidates that no other candidate beats for everyone, the earliest of
    each set of costs, cheapest in sum first."""
    first, last = -(-lo // MINUTE) * MINUTE, (hi - length) // MINUTE * MINUTE
    near = bounds[bisect_left(bounds, lo - length - DAY) : bisect_right(bounds, hi + DAY)]
    # Time off, holidays and busy times: a slot may end where one starts or start where it ends.
    edges = {e for p in people for a, b in p.blocked if a < hi and lo < b for e in (a - length, b)}
    candidates = on_the_minute({first, last, *near, *edges}, length, first, last)
    known: dict[int, Costs] = {}

    def price(start: int) -> Costs:
        if start not in known:
            known[start] = tuple(person.price(start, start + length) for person in people)
        return known[start]

    bends = sorted(t for t in candidates if t in (first, last) or _bends(price, t))
    chosen = set(bends)
    for a, b in pairwise(bends):
        if b - a > MINUTE:
            chosen |= crossings(a, b, price(a), price(b))
    chosen |= {t for t in candidates if t in edges}
    free = {t for t in chosen if not any(p.blocked_in(t, t + length) for p in people)}
    earliest: dict[Costs, int] = {}
    # A week when someone is away the whole time still gets a slot: the cheapest of all.
    for start in sorted(free or chosen):
        earliest.setdefault(price(start), start)
    return _undominated(sorted(earliest.items(), key=lambda item: (sum(item[0]), item[1])))


def _bends(price: Callable[[int], Costs], start: int) -> bool:
    before, at, after = price(start - MINUTE), price(start), price(start + MINUTE)
    return any(b + a != 2 * m for b, m, a in zip(before, at, after, strict=True))


def _undominated(items: list[tuple[Costs, T]]) -> list[tuple[Costs, T]]:
    """The items whose costs no other's are at most everywhere; `items` sorted by sum.

    A dominated choice only adds to someone's tally and to the sum, so it is never fairest.
    """
    kept: list[tuple[Costs, T]] = []
    for costs, value in items:
        if not any(
            other != costs and all(o <= c for o, c in zip(other, costs, strict=True))
            for other, _ in kept
        ):
            kept.append((costs, value))
    return kept


def _fairest(options: list[list[Option]]) -> tuple[tuple[int, ...], bool]:
    """One start per week minimising (largest tally, sum, starts), and whether proven so.

    A narrow search first keeps the _BEAM most hopeful tallies each week, and its rotation is
    bettered one or two weeks at a time. The exact search then keeps every set of tallies
    (with its earliest starts) that could still beat that rotation; should there be more than
    _STATES in some week, that rotation stands, not proven fairest.
    """
    size = len(options[0][0][0])
    least_each: list[Costs] = [(0,) * size]
    least_sum = [0]
    for week in reversed(options):
        cheapest = tuple(min(costs[i] for costs, _ in week) for i in range(size))
        least_each.insert(0, tuple(map(add, cheapest, least_each[0])))
        least_sum.insert(0, min(sum(costs) for costs, _ in week) + least_sum[0])

    def hope(total: Costs, weeks_done: int) -> tuple[int, int]:
        """The best the tallies can end at, from `total` after `weeks_done` weeks."""
        least = sum(total) + least_sum[weeks_done]
        # The largest tally is at least each person's, and at least the average.
        return max(*map(add, total, least_each[weeks_done]), -(-least // size)), least

    beam: dict[Costs, tuple[int, ...]] = {(0,) * size: ()}
    for k, week in enumerate(options):
        ranked = sorted(_grow(beam, week).items(), key=lambda item: (hope(item[0], k + 1), item))
        beam = dict(ranked[:_BEAM])
    narrow = _improved(options, _best(beam)[1])
    goal = (max(narrow[0]), sum(narrow[0]))
    states: dict[Costs, tuple[int, ...]] = {(0,) * size: ()}
    for k, week in enumerate(options):

        def hopeful(total: Costs, done: int = k + 1) -> bool:
            return hope(total, done) <= goal

        states = _grow(states, week, hopeful)
        if len(states) > _STATES:
            return narrow[1], False
    return _best(states)[1], True


def _improved(
    options: list[list[Option]], starts: tuple[int, ...]
) -> tuple[Costs, tuple[int, ...]]:
    """The rotation bettered by changing one or two weeks' slots at a time while that helps."""
    picks = [
        next(i for i, (_, s) in enumerate(week) if s == start)
        for week, start in zip(options, starts, strict=True)
    ]
    size = len(options[0][0][0])
    totals = [sum(options[k][i][0][p] for k, i in enumerate(picks)) for p in range(size)]

    def key(total: Sequence[int]) -> tuple[int, int, tuple[int, ...]]:
        return max(total), sum(total), tuple(options[k][i][1] for k, i in enumerate(picks))

    best = key(totals)
    weeks = range(len(options))
    better = True
    while better:
        better = False
        for k, j in ((first, second) for first in weeks for second in weeks if first <= second):
            kept = picks[k], picks[j]
            without = [
                t - c - (d if j != k else 0)
                for t, c, d in zip(
                    totals, options[k][kept[0]][0], options[j][kept[1]][0], strict=True
                )
            ]
            for a, (costs_a, _) in enumerate(options[k]):
                for b in range(len(options[j])) if j != k else (a,):
                    costs_b = options[j][b][0] if j != k else (0,) * size
                    total = [w + x + y for w, x, y in zip(without, costs_a, costs_b, strict=True)]
                    if (max(total), sum(total)) > best[:2]:
                        continue
                    picks[k], picks[j] = a, b
                    found = key(total)
                    if found < best:
                        best, kept, better, totals = found, (a, b), True, total
                    picks[k], picks[j] = kept
    return tuple(totals), best[2]


def _grow(
    states: dict[Costs, tuple[int, ...]],
    week: list[Option],
    keep: Callable[[Costs], bool] = lambda _: True,
) -> dict[Costs, tuple[int, ...]]:
    """Each set of tallies after one more week, with the earliest starts reaching it."""
    grown: dict[Costs, tuple[int, ...]] = {}
    for so_far, starts in states.items():
        for costs, start in week:
            total = tuple(map(add, so_far, costs))
            if keep(total):
                chosen = (*starts, start)
                if total not in grown or chosen < grown[total]:
                    grown[total] = chosen
    return grown


def _best(states: dict[Costs, tuple[int, ...]]) -> tuple[Costs, tuple[int, ...]]:
    return min(states.items(), key=lambda item: (max(item[0]), sum(item[0]), item[1]))
