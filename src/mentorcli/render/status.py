"""The status screen: one row per active pair, then what needs attention."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..labels import bar
from ..reports.status import PairStatus, Status
from .columns import GAP, Cell, Lines, clip, width_of, widths
from .text import one_line, visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..store.reports import Health

SPARKS = "▁▂▃▄▅"
# The attention list shows this many items; --json has them all.
SHOWN = 25


def sparkline(values: Sequence[int | None]) -> str:
    """Ratings 1-5 as ▁▂▃▄▅, an unrated session as ·."""
    return "".join("·" if v is None else SPARKS[v - 1] for v in values)


def ago(days: int | None) -> str:
    if days is None:
        return "never"
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


# The pair column never gets narrower than this on one line with the figures; on a terminal
# too narrow for that, a pair's figures go on over more lines, aligned in their columns.
MIN_PAIR = 20
HEADERS = ("last touch", "next due", "actions", "goals", "rapport", "engagement")


def show_status(status: Status) -> None:
    from .output import console

    out = console()
    for part in status_view(status, out.width):
        out.print(part)


def status_view(status: Status, width: int = 100) -> list[RenderableType]:
    from rich.text import Text

    if not status.pairs and not status.paused:
        return [Text("No active pairs. Start one: mentor pair add MENTOR MENTEE")]
    parts: list[RenderableType] = []
    if status.pairs:
        parts.append(_pair_table(status, width))
    else:
        parts.append(Text("No active pairs."))
    parts += _paused(status)
    parts.append(Text("\nNeeds attention", style="bold"))
    if not status.attention:
        parts.append(Text("  nothing: every pair is on track", style="green"))
    for item in status.attention[:SHOWN]:
        line = Text("  ")
        line.append(f"{item.kind:<15}", style="red" if item.kind != "review" else "yellow")
        line.append(f"{visible(item.pair)}: {one_line(item.text, 90)}")
        parts.append(line)
    if len(status.attention) > SHOWN:
        more = len(status.attention) - SHOWN
        parts.append(Text(f"  … and {more} more (mentor status --json lists them all)"))
    return parts


def _paused(status: Status) -> list[RenderableType]:
    from rich.text import Text

    if not status.paused:
        return []
    parts: list[RenderableType] = [Text("\nPaused", style="bold")]
    for p in status.paused:
        since = f"since {p.since} ({ago(p.days)})" if p.since else "paused"
        parts.append(Text(f"  {visible(p.pair)}: {since}", style="dim"))
    return parts


def _figures(p: PairStatus) -> list[Cell]:
    due: list[tuple[str, str]] = [(p.next_due[:10], "")]
    if p.planned_id is not None:
        due.append((" planned", "green"))
    if p.overdue_days:
        due.append((f" overdue {p.overdue_days}d", "bold red"))
    actions = [(f"{p.open_actions} open", "")]
    if p.overdue_actions:
        actions.append((f", {p.overdue_actions} late", "red"))
    goals = (
        [(f"{bar(p.goal_progress, 5)} {p.goal_progress}% of {p.goals}", "")]
        if p.goal_progress is not None
        else [("-", "dim")]
    )
    return [
        [(ago(p.days_since), "")],
        due,
        actions,
        goals,
        _trend(p.rapport, p.rapport_trend),
        _trend(p.engagement, p.engagement_trend),
    ]


def _pair_table(status: Status, width: int) -> Lines:
    """One line per pair, columns aligned, the pair's name cut (never its #id) to fit; on a
    terminal too narrow for that, each pair's figures go on as many lines as they need."""
    names = [(visible(p.pair), f" #{p.pair_id}", p.lapsed) for p in status.pairs]
    figures = [_figures(p) for p in status.pairs]
    header: list[Cell] = [[(h, "bold")] for h in HEADERS]
    figure_widths = widths([header, *figures])
    fixed = sum(figure_widths) + GAP * (len(HEADERS) - 1)
    natural = max(len("pair"), *(width_of(name + ref) for name, ref, _ in names))
    if min(natural, MIN_PAIR) + GAP + fixed <= width:
        pair_width = min(natural, width - GAP - fixed)
    else:
        pair_width = min(natural, max(MIN_PAIR, width // 3))
        # The widest figure must fit beside the pair column: that one gives way first.
        pair_width = max(min(pair_width, width - GAP - max(figure_widths)), len("pair"))
    groups = _groups(figure_widths, width - pair_width - GAP)
    below = " " * (pair_width + GAP)
    table = Lines()
    rows = [([("pair", "bold")], header)]
    for (name, ref, lapsed), row in zip(names, figures, strict=True):
        shown = clip(name, max(pair_width - len(ref), 1)) + ref
        rows.append(([(shown, "bold red" if lapsed else "")], row))
    for pair, row in rows:
        first, last = groups[0]
        table.add_row([pair, *row[first:last]], [pair_width, *figure_widths[first:last]])
        for first, last in groups[1:]:
            table.add_row(row[first:last], figure_widths[first:last], below)
    return table


def _groups(column_widths: Sequence[int], width: int) -> list[tuple[int, int]]:
    """The columns split into runs that each fit on a line (a too-wide one stands alone)."""
    groups: list[tuple[int, int]] = []
    first, used = 0, 0
    for index, column in enumerate(column_widths):
        needed = column if index == first else used + GAP + column
        if index > first and needed > width:
            groups.append((first, index))
            first, needed = index, column
        used = needed
    groups.append((first, len(column_widths)))
    return groups


def _trend(values: Sequence[int | None], direction: str) -> list[tuple[str, str]]:
    shown = [(sparkline(values) or "-", "")]
    if direction:
        shown.append((f" {direction}", "red" if direction == "falling" else "dim"))
    return shown


def health_view(health: Health) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    sound = health.integrity == ("ok",)
    grid.add_row("database", Text(visible(health.path)))
    grid.add_row(
        "integrity",
        Text("ok" if sound else "; ".join(health.integrity[:5]), style="" if sound else "red"),
    )
    keys = "ok" if not health.foreign_keys else "; ".join(health.foreign_keys[:5])
    grid.add_row("references", Text(keys, style="red" if health.foreign_keys else ""))
    grid.add_row(
        "schema",
        Text(f"version {health.schema_version} (this mentor knows {health.known_version})"),
    )
    grid.add_row("application id", Text(f"0x{health.application_id:08X}"))
    counts = ", ".join(f"{n} {table}" for table, n in health.counts.items())
    grid.add_row("records", Text(counts))
    return grid
