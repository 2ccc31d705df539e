"""The schedule's timeline data and its drawing: clock changes, widths, plain characters."""

from __future__ import annotations

import io
from datetime import date
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from mentorcli.hours import parse_hours
from mentorcli.overlap import (
    MINUTE,
    Participant,
    available_intervals,
    first_instant,
    wall_midnight,
)
from mentorcli.render.schedule import schedule_view
from mentorcli.reports.schedule import CELLS_PER_DAY, Schedule, build_schedule
from test_overlap import ZONES, first_days, hours_values


def draw(schedule: Schedule, width: int = 80, encoding: str = "utf-8") -> list[str]:
    buffer = io.BytesIO()
    file = io.TextIOWrapper(buffer, encoding=encoding, errors="replace", newline="\n")
    out = Console(file=file, width=width, color_system=None, markup=False, emoji=False)
    for part in schedule_view(schedule, out):
        out.print(part)
    file.flush()
    return buffer.getvalue().decode(encoding).splitlines()


def cell_seconds_by_the_clock(day: date, zone: str) -> tuple[int, ...]:
    """How long each quarter hour of the day's wall clock lasts, found cell by cell."""
    walls = [wall_midnight(day) + cell * 15 * MINUTE for cell in range(CELLS_PER_DAY + 1)]
    starts = [first_instant(zone, wall) for wall in walls]
    return tuple((b - a) // 1_000_000 for a, b in pairwise(starts))


def person(name: str, zone: str, hours: str = "09:00-17:00") -> Participant:
    return Participant(name, zone, parse_hours(hours))


def test_a_day_with_a_clock_gap_leaves_the_skipped_hour_blank() -> None:
    # New York skips 02:00-03:00 on Sunday 8 March 2026.
    people = [person("ny", "America/New_York", "mon-sun 00:00-24:00"), person("ldn", "UTC")]
    schedule = build_schedule(people, date(2026, 3, 8), 1, "America/New_York", 30)
    day = schedule.timeline[0]
    assert sum(day.cell_seconds) == 23 * 3600
    assert day.cell_seconds[8:12] == (0, 0, 0, 0)
    lines = draw(schedule)
    row = next(line for line in lines if line.startswith("ny "))
    assert row == "ny     Sun 00:00 " + "█" * 4 + "  " + "█" * 42


def test_a_repeated_hour_counts_twice_in_its_cells() -> None:
    # New York repeats 01:00-02:00 on Sunday 1 November 2026.
    people = [person("ny", "America/New_York", "mon-sun 00:00-24:00"), person("utc", "UTC")]
    schedule = build_schedule(people, date(2026, 11, 1), 1, "America/New_York", 30)
    day = schedule.timeline[0]
    assert sum(day.cell_seconds) == 25 * 3600
    assert sum(day.rows[0].covered) == 25 * 3600


def test_plain_characters_where_the_terminal_cannot_show_blocks() -> None:
    people = [person("ldn", "Europe/London"), person("ny", "America/New_York")]
    lines = draw(build_schedule(people, date(2026, 3, 2), 1, "UTC", 30), encoding="ascii")
    assert "## working hours  .. outside them  == shared window" in lines
    assert "ldn    Mon 00:00 " + "." * 18 + "#" * 16 + "." * 14 in lines
    assert "shared           " + " " * 28 + "=" * 6 in lines


def test_wide_terminals_get_quarter_hours() -> None:
    people = [person("ktm", "Asia/Kathmandu"), person("ldn", "Europe/London")]
    lines = draw(build_schedule(people, date(2026, 3, 2), 1, "UTC", 30), width=130)
    # Kathmandu is UTC+5:45: 09:00-17:00 there is 03:15-11:15 UTC.
    assert "ktm    Mon 05:45 " + "░" * 13 + "█" * 32 + "░" * 51 in lines
    assert "shared           " + " " * 36 + "▲" * 9 in lines
    assert max(map(len, lines)) <= 130


def test_windows_show_the_weekday_where_a_local_date_differs() -> None:
    people = [person("kiri", "Pacific/Kiritimati"), person("pago", "Pacific/Pago_Pago")]
    lines = draw(build_schedule(people, date(2026, 3, 3), 1, "Pacific/Pago_Pago", 30))
    table = lines[lines.index("Shared windows") :]
    expected = ["Tue", "3", "Mar", "09:00-16:00", "7h", "Wed", "10:00-17:00", "09:00-16:00"]
    assert table[2].split() == expected


def test_a_window_across_midnight_shows_both_days() -> None:
    people = [person("tokyo", "Asia/Tokyo", "sun-thu 22:00-06:00"), person("utc", "UTC")]
    lines = draw(build_schedule(people, date(2026, 1, 12), 2, "Asia/Tokyo", 30))
    rows = [line.split() for line in lines]
    tokyo, utc = ["22:00-Tue", "02:00"], ["13:00-17:00"]
    assert ["Mon", "12", "Jan", "22:00-Tue", "02:00", "4h", *tokyo, *utc] in rows
    assert ["Tue", "13", "Jan", "22:00-24:00", "2h", "22:00-24:00", "13:00-15:00"] in rows


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.builds(
            Participant,
            name=st.sampled_from("abcd"),
            zone=st.sampled_from(ZONES),
            hours=hours_values,
        ),
        min_size=2,
        max_size=3,
        unique_by=lambda p: p.name,
    ),
    first_days,
    st.integers(1, 4),
    st.sampled_from(ZONES),
)
def test_timeline_cells_add_up_to_the_range_and_the_availability(
    people: list[Participant], first: date, days: int, shown: str
) -> None:
    schedule = build_schedule(people, first, days, shown, 30)
    assert len(schedule.timeline) == days
    total = sum(sum(day.cell_seconds) for day in schedule.timeline)
    assert total == (schedule.end - schedule.start).total_seconds()
    for index, p in enumerate(people):
        covered = sum(sum(day.rows[index].covered) for day in schedule.timeline)
        available = available_intervals(p, schedule.start, schedule.end)
        assert covered == sum((b - a).total_seconds() for a, b in available)
    for day in schedule.timeline:
        assert len(day.cell_seconds) == len(day.shared) == CELLS_PER_DAY
        assert day.cell_seconds == cell_seconds_by_the_clock(day.day, shown)
        for row in day.rows:
            assert all(0 <= c <= s for c, s in zip(row.covered, day.cell_seconds, strict=True))
    shared = sum(sum(day.shared) for day in schedule.timeline)
    assert shared == sum(w.minutes * 60 for w in schedule.windows)


def test_wide_and_long_names_keep_the_columns_aligned() -> None:
    people = [person("東京チーム", "Asia/Tokyo"), person("a-very-long-label-here", "UTC")]
    lines = draw(build_schedule(people, date(2026, 3, 2), 1, "UTC", 30))
    assert lines[1] == "Mon 2 Mar 2026, times in UTC, windows of 30 min or more"
    assert lines[5].startswith("東京チーム       Mon 09:00 ████")
    assert lines[6].startswith("a-very-long-lab… Mon 00:00 ░░░░")
