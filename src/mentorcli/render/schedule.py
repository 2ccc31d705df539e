"""`mentor schedule` drawn with Rich: day timelines, the windows table, notices, proposals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from typing import TYPE_CHECKING

from ..hours import format_days
from ..labels import WEEKDAYS, day_label, duration_label
from ..reports.schedule import CELLS_PER_DAY, Schedule, TimelineDay, clock_end
from ..zones import zone
from .columns import sized, width_of
from .text import one_line, visible

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from ..stretch import Stretch

_NAME_WIDTH = 16
_LABEL_WIDTH = 9  # "Tue 14:00": a row's local time at the day's start
_TICK_HOURS = 3


@dataclass(frozen=True)
class Marks:
    """The characters for the timeline; shapes alone tell them apart, colour only helps."""

    working: str
    off: str
    shared: str
    skipped: str


UNICODE = Marks(working="█", off="░", shared="▲", skipped=" ")
ASCII = Marks(working="#", off=".", shared="=", skipped=" ")


def show_schedule(schedule: Schedule) -> None:
    """Print the schedule to stdout, fitted to the terminal's width."""
    from .output import console

    out = console()
    for renderable in schedule_view(schedule, out):
        out.print(renderable)


def schedule_view(schedule: Schedule, out: Console) -> list[RenderableType]:
    """Everything the human view shows, for a console of out's width and encoding."""
    from rich.text import Text

    marks = UNICODE if out.encoding.lower().startswith("utf") else ASCII
    name_width = min(
        _NAME_WIDTH, max(width_of(one_line(p.name, _NAME_WIDTH)) for p in schedule.participants)
    )
    name_width = max(name_width, len("shared"))
    room = out.width - name_width - _LABEL_WIDTH - 2
    per_hour = next((n for n in (4, 2, 1) if 24 * n <= room), 1)
    parts: list[RenderableType] = [_title(schedule), _legend(marks)]
    parts += _timeline(schedule.timeline, name_width, per_hour, marks)
    parts.append(Text(""))
    if schedule.windows:
        parts += [Text("Shared windows", style="bold"), _windows_table(schedule)]
    else:
        parts += _stretches(schedule)
    if schedule.notices:
        parts.append(Text("\nNotices: clock changes, time off, holidays", style="bold"))
        parts += [Text(f"- {visible(notice.text)}") for notice in schedule.notices]
    if schedule.recurring is not None:
        parts += _recurring(schedule)
    return parts


def _title(schedule: Schedule) -> Text:
    from rich.text import Text

    names = ", ".join(visible(p.name) for p in schedule.participants)
    last = date.fromordinal(schedule.first.toordinal() + schedule.days - 1)
    title = Text(f"When {names} can meet", style="bold")
    days = f"{day_label(schedule.first)} {schedule.first.year}"
    if last != schedule.first:
        days += f" to {day_label(last)} {last.year}"
    title.append(
        f"\n{days}, times in {schedule.tz}, "
        f"windows of {duration_label(schedule.min_minutes)} or more",
        style="",
    )
    return title


def _legend(marks: Marks) -> Text:
    from rich.text import Text

    legend = Text()
    legend.append(marks.working * 2, style="green")
    legend.append(" working hours  ")
    legend.append(marks.off * 2, style="dim")
    legend.append(" outside them  ")
    legend.append(marks.shared * 2, style="bold magenta")
    legend.append(" shared window")
    return legend


def _timeline(
    days: Sequence[TimelineDay], name_width: int, per_hour: int, marks: Marks
) -> list[RenderableType]:
    """Each day drawn, except that a day looking exactly like one drawn before refers to it.

    Consecutive days referring to the same drawn day share one line, so a fortnight
    of office days reads as a weekday, a weekend, and whatever changes in between.
    """
    from rich.text import Text

    drawn: dict[tuple[object, ...], TimelineDay] = {}
    entries: list[tuple[TimelineDay, date | None]] = []
    for day in days:
        first = drawn.setdefault(_appearance(day), day)
        entries.append((day, None if first is day else first.day))
    parts: list[RenderableType] = []
    skipped = {day.day for day in days if not any(day.cell_seconds)}
    for (reference, _), group in groupby(
        entries, key=lambda entry: (entry[1], entry[0].day in skipped)
    ):
        run = [day for day, _ in group]
        if run[0].day in skipped:
            when = (
                day_label(run[0].day)
                if len(run) == 1
                else (f"{day_label(run[0].day)} to {day_label(run[-1].day)}")
            )
            parts.append(Text(f"\n{when}: skipped, the display zone's clock jumps over it"))
            continue
        if reference is None:
            parts += [_day_grid(day, name_width, per_hour, marks) for day in run]
            continue
        first_day, last_day = run[0].day, run[-1].day
        when = day_label(first_day)
        if len(run) > 1:
            when += f" to {day_label(last_day)}"
        parts.append(Text(f"{when}: same as {day_label(reference)}", style="dim"))
    return parts


def _appearance(day: TimelineDay) -> tuple[object, ...]:
    """What a day's drawing shows, with the weekdays of its local labels made relative."""
    rows = tuple(
        (row.covered, row.local_start.time(), (row.local_start.date() - day.day).days)
        for row in day.rows
    )
    return (day.cell_seconds, day.shared, rows)


def _day_grid(day: TimelineDay, name_width: int, per_hour: int, marks: Marks) -> Text:
    from rich.text import Text

    group = CELLS_PER_DAY // (24 * per_hour)
    lengths = _grouped(day.cell_seconds, group)
    ruler = [" "] * (24 * per_hour)
    for hour in range(0, 24, _TICK_HOURS):
        for offset, char in enumerate(str(hour)):
            ruler[hour * per_hour + offset] = char
    grid = Text()
    grid.append(f"\n{day_label(day.day):<{name_width + _LABEL_WIDTH + 1}} ", style="bold")
    grid.append("".join(ruler).rstrip())
    for row in day.rows:
        grid.append(f"\n{_fitted(row.name, name_width)} ")
        grid.append(f"{WEEKDAYS[row.local_start.weekday()]} {row.local_start:%H:%M} ", style="dim")
        shading = [
            _shade(total, covered, marks)
            for total, covered in zip(lengths, _grouped(row.covered, group), strict=True)
        ]
        for (mark, style), run in groupby(shading):
            grid.append(mark * len(list(run)), style=style)
    grid.append(f"\n{'shared':<{name_width}} {'':<{_LABEL_WIDTH}} ", style="bold")
    shared = _grouped(day.shared, group)
    cells = "".join(
        marks.shared if total and 2 * covered >= total else " "
        for total, covered in zip(lengths, shared, strict=True)
    )
    grid.append(cells.rstrip() or "(none)", style="bold magenta")
    return grid


def _shade(total: int, covered: int, marks: Marks) -> tuple[str, str]:
    """A cell's mark and style: working when at least half of it is working time."""
    if total == 0:
        return marks.skipped, ""
    if 2 * covered >= total:
        return marks.working, "green"
    return marks.off, "dim"


def _grouped(seconds: Sequence[int], size: int) -> list[int]:
    return [sum(seconds[i : i + size]) for i in range(0, len(seconds), size)]


def _windows_table(schedule: Schedule) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("day")
    table.add_column(schedule.tz)
    table.add_column("length", justify="right")
    for p in schedule.participants:
        table.add_column(Text(one_line(p.name, 24)))
    shown = zone(schedule.tz)
    for window in schedule.windows:
        start = window.start.astimezone(shown)
        table.add_row(
            day_label(start.date()),
            _span(start, window.end.astimezone(shown), start.date()),
            _short_length(window.minutes),
            *(
                _span(
                    window.start.astimezone(zone(p.zone)),
                    window.end.astimezone(zone(p.zone)),
                    start.date(),
                )
                for p in schedule.participants
            ),
        )
    return table


def _stretches(schedule: Schedule) -> list[RenderableType]:
    from rich.text import Text

    none = Text(
        f"No shared window of {duration_label(schedule.min_minutes)} or more: "
        "nobody's working hours meet everyone else's in this range.",
        style="bold",
    )
    if not schedule.stretches:
        return [none]
    parts: list[RenderableType] = [
        none,
        Text(f"\nThe least painful stretches (times in {schedule.tz})", style="bold"),
    ]
    shown = zone(schedule.tz)
    width = min(24, max(width_of(one_line(p.name, 24)) for p in schedule.participants))
    for number, stretch in enumerate(schedule.stretches, 1):
        start = stretch.start.astimezone(shown)
        said = [
            _asked_of(p.name, stretch, p.zone)
            for p in schedule.participants
            if stretch.people[p.name].side != "inside"
        ]
        line = Text(
            f"{number}. {_span(start, stretch.end.astimezone(shown), None)}: ", style="bold"
        )
        line.append("; ".join(said) or "everyone within their hours", style="")
        for p in schedule.participants:
            local = _span(
                stretch.start.astimezone(zone(p.zone)),
                stretch.end.astimezone(zone(p.zone)),
                start.date(),
            )
            cost = stretch.people[p.name].cost
            line.append(f"\n   {_fitted(p.name, width)}  {local}", style="")
            if cost:
                line.append(f"  (cost {duration_label(cost)})", style="")
        parts.append(line)
    return parts


def _asked_of(name: str, stretch: Stretch, zone_name: str) -> str:
    """What a slot asks of one person, in words: `ana starts 1 h early, at 08:00`."""
    asked = stretch.people[name]
    name = visible(name)
    local_start = stretch.start.astimezone(zone(zone_name))
    local_end = stretch.end.astimezone(zone(zone_name))
    pushed = duration_label(asked.pushed)
    if asked.side == "early":
        text = f"{name} starts {pushed} early, at {local_start:%H:%M}"
    elif asked.side == "late":
        text = f"{name} stays {pushed} late, until {local_end:%H:%M}"
    elif asked.side == "day off":
        text = f"{name} meets on a day off, at {local_start:%H:%M}"
    else:
        text = f"{name} meets at {local_start:%H:%M}, {pushed} from their hours"
    if asked.night:
        text += f", {duration_label(asked.night)} of it at night"
    return text


def _recurring(schedule: Schedule) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    slots = schedule.recurring or ()
    anchor = schedule.participants[0]
    whose = (
        f"{anchor.zone} time"
        if anchor.name == anchor.zone
        else f"{visible(anchor.name)}'s time ({anchor.zone})"
    )
    shortest = duration_label(schedule.min_minutes)
    heading = Text(f"\nWeekly slots of {shortest} or more, in {whose}", style="bold")
    if not slots:
        return [heading, Text("None holds in most weeks of this range.")]
    days_by_slot: dict[tuple[str, str, tuple[date, ...]], set[int]] = {}
    for slot in slots:
        key = (slot.start.strftime("%H:%M"), clock_end(slot), slot.broken_weeks)
        days_by_slot.setdefault(key, set()).add(slot.weekday)
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("days", "time", "holds"):
        table.add_column(column)
    for (start, end, broken), weekdays in days_by_slot.items():
        holds = "every week"
        if broken:
            holds = "not in the weeks of " + ", ".join(day_label(week) for week in broken)
        table.add_row(format_days(frozenset(weekdays)), f"{start}-{end}", holds)
    return [heading, table]


def _span(start: datetime, end: datetime, reference: date | None) -> str:
    """`09:00-12:00`, with the weekday where the local date differs from the reference.

    Without a reference the start carries its date; an end at the next midnight is 24:00.
    """
    first = f"{start:%H:%M}"
    if reference is None:
        first = f"{day_label(start.date())} {first}"
    elif start.date() != reference:
        first = f"{WEEKDAYS[start.weekday()]} {first}"
    if end.date() == start.date():
        return f"{first}-{end:%H:%M}"
    if (end.date() - start.date()).days == 1 and f"{end:%H:%M}" == "00:00":
        return f"{first}-24:00"
    return f"{first}-{WEEKDAYS[end.weekday()]} {end:%H:%M}"


def _short_length(minutes: int) -> str:
    """A window's length for a narrow column: `3h`, `2h30`, `45m`."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours}h{rest:02d}"
    return f"{hours}h" if hours else f"{rest}m"


def _listed(items: Sequence[str]) -> str:
    """`a`, `a and b`, `a, b and c`; `nobody` for none."""
    if not items:
        return "nobody"
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _fitted(name: str, width: int) -> str:
    """The name on one line in exactly `width` terminal cells: padded, or cut with an ellipsis."""
    shown = one_line(name, 10_000)
    if width_of(shown) > width:
        return sized(shown, width - 1) + "…"
    return sized(shown, width)
