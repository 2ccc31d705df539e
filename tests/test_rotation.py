"""Fair rotations against a brute-force reference that costs every minute of every week."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from itertools import pairwise, product
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcli.overlap import Participant, day_range
from mentorcli.rotation import fair_rotation
from test_overlap import ONE_MINUTE, first_days, person
from test_overlap_plans import ZONES, brute_costs, people_lists

from conftest import MENTOR

Costs = tuple[int, ...]


def week_choices(
    people: Sequence[Participant], first: date, tz: str, minutes: int
) -> dict[Costs, datetime]:
    """A week's candidate slots by their costs (the earliest of each), from the definition.

    Candidates are the first and last start, each start where someone's cost is not on one
    line with the minutes either side, and the minutes either side of where two people's
    costs cross between two such starts.
    """
    start, end = day_range(first, 7, tz)
    costs = brute_costs(people, start - ONE_MINUTE, end + ONE_MINUTE, minutes)
    starts = sorted(costs)[1:-1]
    bends = [
        i
        for i, slot in enumerate(starts)
        if i in (0, len(starts) - 1)
        or any(
            b + a != 2 * m
            for b, m, a in zip(
                costs[slot - ONE_MINUTE], costs[slot], costs[slot + ONE_MINUTE], strict=True
            )
        )
    ]
    chosen = set(bends)
    for a, b in pairwise(bends):
        for p in range(len(people)):
            for q in range(p + 1, len(people)):

                def gap(i: int, p: int = p, q: int = q) -> int:
                    cost = costs[starts[i]]
                    return cost[p] - cost[q]

                if gap(a) * gap(b) >= 0:
                    continue
                for i in range(a + 1, b):
                    if gap(i) == 0:
                        chosen.add(i)
                    elif gap(i) * gap(i + 1) < 0:
                        chosen |= {i, i + 1} - {b}
    found: dict[Costs, datetime] = {}
    for i in sorted(chosen):
        found.setdefault(costs[starts[i]], starts[i])
    return found


def brute_rotation(
    people: Sequence[Participant], first: date, weeks: int, tz: str, minutes: int
) -> tuple[tuple[datetime, ...], Costs]:
    """Every combination of one candidate a week (leaving out any a candidate of the same
    week beats for everyone), the least (largest tally, sum, starts)."""
    options = []
    for k in range(weeks):
        choices = week_choices(people, first + timedelta(days=7 * k), tz, minutes)
        options.append(
            [
                (costs, slot)
                for costs, slot in choices.items()
                if not any(
                    other != costs and all(o <= c for o, c in zip(other, costs, strict=True))
                    for other in choices
                )
            ]
        )
    best = None
    for combination in product(*options):
        tallies = tuple(sum(costs[i] for costs, _ in combination) for i in range(len(people)))
        key = (max(tallies), sum(tallies), tuple(slot for _, slot in combination))
        if best is None or key < best[0]:
            best = (key, tallies)
    assert best is not None
    return best[0][2], best[1]


@settings(max_examples=15, deadline=None)
@given(
    people_lists,
    first_days,
    st.integers(2, 3),
    st.sampled_from(ZONES),
    st.sampled_from([15, 30]),
)
def test_rotation_matches_brute_force(
    people: list[Participant], first: date, weeks: int, tz: str, minutes: int
) -> None:
    rotation = fair_rotation(people, first, weeks, tz, minutes)
    starts, tallies = brute_rotation(people, first, weeks, tz, minutes)
    assert rotation.proven
    assert tuple(turn.slot.start for turn in rotation.turns) == starts
    assert tuple(tally.cost for tally in rotation.tally.values()) == tallies
    for k, turn in enumerate(rotation.turns):
        week_start, week_end = day_range(first + timedelta(days=7 * k), 7, tz)
        assert turn.week == first + timedelta(days=7 * k)
        assert week_start <= turn.slot.start
        assert turn.slot.end <= week_end
        costs = brute_costs(people, turn.slot.start, turn.slot.end, minutes)
        assert tuple(a.cost for a in turn.slot.people.values()) == costs[turn.slot.start]


def test_london_and_sydney_take_turns_across_both_clock_changes() -> None:
    # London goes on summer time on 29 March, Sydney off it on 5 April 2026.
    london, sydney = person("Europe/London", name="ldn"), person("Australia/Sydney", name="syd")
    rotation = fair_rotation([london, sydney], date(2026, 3, 16), 4, "UTC", 60)
    assert rotation.proven
    costs = [tuple(a.cost for a in turn.slot.people.values()) for turn in rotation.turns]
    tally = rotation.tally
    assert abs(tally["ldn"].cost - tally["syd"].cost) <= max(max(c) for c in costs)
    # Each week is costed on its own dates: the same UTC time asks less after the changes.
    for turn in rotation.turns:
        brute = brute_costs([london, sydney], turn.slot.start, turn.slot.end, 60)
        assert tuple(a.cost for a in turn.slot.people.values()) == brute[turn.slot.start]


def test_the_inconvenience_changes_hands() -> None:
    # Tokyo's day ends as London's starts: alternating who stretches an hour beats both
    # stretching half an hour every week only when it lowers the largest tally; here the
    # costs are linear, so meeting in the middle is as fair and the earliest wins.
    people = [person("Europe/London", name="ldn"), person("Asia/Tokyo", "09:00-18:00", "tyo")]
    rotation = fair_rotation(people, date(2026, 1, 12), 2, "UTC", 30)
    assert {name: tally.cost for name, tally in rotation.tally.items()} == {"ldn": 30, "tyo": 30}


def test_no_weeks_or_people_is_no_rotation() -> None:
    assert fair_rotation([], date(2026, 1, 12), 2, "UTC").turns == ()
    assert fair_rotation([person("UTC")], date(2026, 1, 12), 0, "UTC").turns == ()


def test_a_rotation_too_large_to_prove_is_still_whole_and_consistent() -> None:
    zones = ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney"]
    people = [person(zone, name=zone) for zone in [*zones, "America/Los_Angeles"]]
    rotation = fair_rotation(people, date(2026, 3, 2), 12, "UTC", 30)
    assert len(rotation.turns) == 12
    for k, turn in enumerate(rotation.turns):
        week_start, week_end = day_range(date(2026, 3, 2) + timedelta(days=7 * k), 7, "UTC")
        assert week_start <= turn.slot.start and turn.slot.end <= week_end
    tally = rotation.tally
    for p in people:
        assert tally[p.name].cost == sum(t.slot.people[p.name].cost for t in rotation.turns)
    # Improving one or two weeks at a time brings the largest tally within a few hours of
    # the average, whether or not the search proves it least.
    costs = [t.cost for t in tally.values()]
    assert max(costs) - sum(costs) / len(costs) < 4 * 60


def test_a_rotation_keeps_out_of_a_busy_time(tmp_path: Path) -> None:
    """Week one's fairest slot falls in a meeting in lon's calendar: that week moves."""
    args = ["schedule", "--zone", "lon=Europe/London 09:00-17:00"]
    args += ["--zone", "syd=Australia/Sydney 09:00-17:00", "--rotate", "2"]
    args += ["--from", "2027-03-01", "--tz", "UTC", "--json"]

    def rotation(*more: str) -> list[dict[str, object]]:
        env = {**os.environ, "MENTOR_DB": str(tmp_path / "m.db")}
        done = subprocess.run([MENTOR, *args, *more], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)["rotation"]  # type: ignore[no-any-return]

    free = rotation()
    assert free[0]["start"] == "2027-03-01T07:15:00+00:00"
    calendar = tmp_path / "lon.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:m@t\r\n"
        "DTSTAMP:20270101T000000Z\r\nDTSTART:20270301T070000Z\r\nDTEND:20270301T080000Z\r\n"
        "SUMMARY:standup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    busy = rotation("--busy", f"lon={calendar}")
    start = str(busy[0]["start"])
    assert start != free[0]["start"]
    assert not "2027-03-01T07:00" < start < "2027-03-01T08:00"
