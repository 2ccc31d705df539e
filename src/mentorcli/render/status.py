"""The status screen: one row per active pair, then what needs attention."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..reports.status import Status
from .markdown import bar
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


def status_view(status: Status) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    if not status.pairs:
        return [Text("No active pairs. Start one: mentor pair add MENTOR MENTEE")]
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("pair", "last touch", "next due", "actions", "goals", "rapport", "engagement"):
        table.add_column(column)
    for p in status.pairs:
        due = Text(p.next_due[:10])
        if p.overdue_days:
            due.append(f" overdue {p.overdue_days}d", style="bold red")
        actions = Text(f"{p.open_actions} open")
        if p.overdue_actions:
            actions.append(f", {p.overdue_actions} late", style="red")
        goals = (
            Text(f"{bar(p.goal_progress, 5)} {p.goal_progress}% of {p.goals}")
            if p.goal_progress is not None
            else Text("-", style="dim")
        )
        table.add_row(
            Text(f"{visible(p.pair)} #{p.pair_id}", style="bold red" if p.lapsed else ""),
            Text(ago(p.days_since)),
            due,
            actions,
            goals,
            _trend(p.rapport, p.rapport_trend),
            _trend(p.engagement, p.engagement_trend),
        )
    parts: list[RenderableType] = [table, Text("\nNeeds attention", style="bold")]
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


def _trend(values: Sequence[int | None], direction: str) -> RenderableType:
    from rich.text import Text

    shown = Text(sparkline(values) or "-")
    if direction:
        shown.append(f" {direction}", style="red" if direction == "falling" else "dim")
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
