"""The status screen: one row per active pair, then what needs attention."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..labels import bar
from ..reports.status import SHOWN, PairStatus, Status
from .columns import GAP, Cell, Lines, cell_width, clip, measured, widest, width_of
from .styled import Styled
from .text import one_line, visible
from .wrap import wrap

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.segment import Segment

    from ..reports.status import Attention
    from ..store.reports import Health

SPARKS = "▁▂▃▄▅"


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
MIN_COMPACT_PAIR = 14  # with compact figures, the pair's name gives way a little more
HEADERS = ("last touch", "next due", "actions", "goals", "rapport", "engagement")


def show_status(status: Status) -> None:
    from .output import show, width

    show(*status_view(status, width()))


def status_view(status: Status, width: int = 100) -> list[RenderableType]:
    if not status.pairs and not status.paused:
        return [Styled("No active pairs. Start one: mentor pair add MENTOR MENTEE")]
    parts: list[RenderableType] = []
    if status.pairs:
        parts.append(_pair_table(status, width))
    else:
        parts.append(Styled("No active pairs."))
    parts += _paused(status)
    parts.append(Styled("\nNeeds attention", style="bold"))
    if not status.attention:
        parts.append(Styled("  nothing: every pair is on track", style="green"))
    if status.attention:
        shown = status.attention[:SHOWN]
        parts.append(AttentionList(shown) if width >= NARROWEST else _attention_grid(shown))
    if len(status.attention) + status.beyond > SHOWN:
        more = len(status.attention) + status.beyond - SHOWN
        parts.append(Styled(f"  … and {more} more (mentor status --json lists them all)"))
    return parts


def _paused(status: Status) -> list[RenderableType]:
    if not status.paused:
        return []
    lines = []
    for p in status.paused:
        since = f"since {p.since} ({ago(p.days)})" if p.since else "paused"
        lines.append(f"  {visible(p.pair)}: {since}")
    # One Text of many lines: each wraps on its own, as it would printed alone.
    return [Styled("\nPaused", style="bold"), Styled("\n".join(lines), style="dim")]


# The attention list: kinds in a column this wide at least, then the text, both indented.
KIND_WIDTH = 15
INDENT = 2
# Below this width the text column would be too narrow to lay out by hand: Rich's grid does.
NARROWEST = INDENT + KIND_WIDTH + GAP + 1


def _kind_style(item: Attention) -> str:
    return "red" if item.kind != "review" else "yellow"


def _attention_text(item: Attention) -> str:
    return f"{visible(item.pair)}: {one_line(item.text, 200)}"


class AttentionList:
    """What needs attention, one kind and its text a row, a long text wrapping under itself.

    Laid out as Rich lays out a grid of the two columns (the kinds not wrapping, at least
    KIND_WIDTH wide; the text folding) indented by INDENT, every line padded to the full width:
    here in one pass, where Rich's grid measured every cell again for each column it sized.
    """

    cut_to_width = True  # printed with crop=False: every line is the console's width

    def __init__(self, items: Sequence[Attention]) -> None:
        self.items = items

    def rows(self, width: int) -> Iterator[tuple[Attention, bool, str]]:
        """Each line: its item, whether it is the item's first, and the text after the kind
        (the gap, a line of the wrapped text, and the padding to the full width)."""
        texts = [_attention_text(item) for item in self.items]
        inside = width - INDENT  # the grid's width
        kinds = self.kinds()
        # The text column: its widest text and its padding, or what the kinds leave of it.
        column = min(min(max(width_of(text) for text in texts), inside - GAP) + GAP, inside - kinds)
        rest = " " * (inside - kinds - column)
        for item, text in zip(self.items, texts, strict=True):
            wrapped = wrap(text, column - GAP, "left", "fold", no_wrap=False)
            for index, line in enumerate(wrapped):
                yield item, index == 0, " " * GAP + line + rest

    def kinds(self) -> int:
        return max(KIND_WIDTH, *(width_of(item.kind) for item in self.items))

    def plain_lines(self, width: int) -> list[str]:
        indent, blank, kinds = " " * INDENT, " " * self.kinds(), self.kinds()
        return [
            indent + (item.kind.ljust(kinds) if first else blank) + text
            for item, first, text in self.rows(width)
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.segment import Segment

        kinds = self.kinds()
        blank = Segment(" " * kinds)
        indent, newline = Segment(" " * INDENT), Segment.line()
        for item, first, text in self.rows(options.max_width):
            yield indent
            yield (
                Segment(item.kind.ljust(kinds), console.get_style(_kind_style(item)))
                if first
                else blank
            )
            yield Segment(text)
            yield newline


def _attention_grid(items: Sequence[Attention]) -> RenderableType:
    """The attention list as Rich's own grid lays it out, for a terminal too narrow to lay it
    out by hand."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    # A long line wraps under its own text, not under the kind.
    grid = Table.grid(padding=(0, 0, 0, GAP))
    grid.add_column(no_wrap=True, min_width=KIND_WIDTH)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row(Text(item.kind, style=_kind_style(item)), Text(_attention_text(item)))
    return Padding(grid, (0, 0, 0, INDENT))


def _figures(p: PairStatus, compact: bool = False) -> list[Cell]:
    """A pair's figures; `compact` for a narrow terminal: days as `22d`, the date without
    its year, late actions as `+1`, the goals without their bar, trends as arrows."""
    due: list[tuple[str, str]] = [(p.next_due[5:10] if compact else p.next_due[:10], "")]
    if p.planned_id is not None:
        due.append((" planned" if not compact else " •", "green"))
    if p.overdue_days:
        late = f" +{p.overdue_days}d" if compact else f" overdue {p.overdue_days}d"
        due.append((late, "bold red"))
    actions = [(f"{p.open_actions}" if compact else f"{p.open_actions} open", "")]
    if p.overdue_actions:
        actions.append(
            (f" +{p.overdue_actions} late" if compact else f", {p.overdue_actions} late", "red")
        )
    shown_bar = "" if compact else f"{bar(p.goal_progress or 0, 5)} "
    goals = (
        [(f"{shown_bar}{p.goal_progress}% of {p.goals}", "")]
        if p.goal_progress is not None
        else [("-", "dim")]
    )
    since = ago(p.days_since)
    if compact and p.days_since and p.days_since > 1:
        since = f"{p.days_since}d ago"
    return [
        [(since, "")],
        due,
        actions,
        goals,
        _trend(p.rapport, p.rapport_trend, compact),
        _trend(p.engagement, p.engagement_trend, compact),
    ]


# Shorter headings for a narrow terminal, so that a pair still takes one line at 80 columns.
COMPACT_HEADERS = ("last", "due", "actions", "goals", "rapport", "engage")


def _pair_table(status: Status, width: int) -> Lines:
    """One line per pair, columns aligned, the pair's name cut (never its #id) to fit; the
    figures made compact where that lets a pair keep one line; on a terminal too narrow even
    for that, each pair's figures go on as many lines as they need."""
    names = [(visible(p.pair), f" #{p.pair_id}", p.lapsed) for p in status.pairs]
    header: list[Cell] = [[(h, "bold")] for h in HEADERS]
    full = _full_figures(status.pairs, header, width - MIN_PAIR - GAP)
    if full is not None:
        figures, sizes, figure_widths = full
        least = MIN_PAIR
    else:
        figures = [_figures(p, compact=True) for p in status.pairs]
        header = [[(h, "bold")] for h in COMPACT_HEADERS]
        sizes = measured(figures)
        figure_widths = widest([measured([header])[0], *sizes])
        least = MIN_COMPACT_PAIR
    fixed = sum(figure_widths) + GAP * (len(HEADERS) - 1)
    natural = max(len("pair"), *(width_of(name + ref) for name, ref, _ in names))
    if min(natural, least) + GAP + fixed <= width:
        pair_width = min(natural, width - GAP - fixed)
    else:
        pair_width = min(natural, max(least, width // 3))
        # The widest figure must fit beside the pair column: that one gives way first.
        pair_width = max(min(pair_width, width - GAP - max(figure_widths)), len("pair"))
    groups = _groups(figure_widths, width - pair_width - GAP)
    below = " " * (pair_width + GAP)
    table = Lines()
    rows = [([("pair", "bold")], header, measured([header])[0])]
    for (name, ref, lapsed), row, row_sizes in zip(names, figures, sizes, strict=True):
        shown = clip(name, max(pair_width - len(ref), 1)) + ref
        rows.append(([(shown, "bold red" if lapsed else "")], row, row_sizes))
    for pair, row, row_sizes in rows:
        first, last = groups[0]
        table.add_row(
            [pair, *row[first:last]],
            [pair_width, *figure_widths[first:last]],
            sizes=[cell_width(pair), *row_sizes[first:last]],
        )
        for first, last in groups[1:]:
            table.add_row(
                row[first:last], figure_widths[first:last], below, sizes=row_sizes[first:last]
            )
    return table


def _full_figures(
    pairs: Sequence[PairStatus], header: list[Cell], room: int
) -> tuple[list[list[Cell]], list[list[int]], list[int]] | None:
    """Every pair's figures in full, their widths and their columns' widths, or None as soon
    as the columns (each as wide as its widest figure so far, with the gaps between) outgrow
    the room beside the pair column."""
    most = [cell_width(cell) for cell in header]
    gaps = GAP * (len(HEADERS) - 1)
    found, sizes = [], []
    for pair in pairs:
        row = _figures(pair)
        row_sizes = [cell_width(cell) for cell in row]
        most = [max(wide, size) for wide, size in zip(most, row_sizes, strict=True)]
        if sum(most) + gaps > room:
            return None
        found.append(row)
        sizes.append(row_sizes)
    return (found, sizes, most) if sum(most) + gaps <= room else None


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


ARROWS = {"falling": "↘", "rising": "↗", "steady": "→"}


def _trend(
    values: Sequence[int | None], direction: str, compact: bool = False
) -> list[tuple[str, str]]:
    shown = [(sparkline(values) or "-", "")]
    if direction:
        word = ARROWS.get(direction, direction) if compact else direction
        shown.append((f" {word}", "red" if direction == "falling" else "dim"))
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
    strange = "ok" if not health.out_of_range else "; ".join(health.out_of_range[:5])
    grid.add_row("values", Text(visible(strange), style="red" if health.out_of_range else ""))
    grid.add_row(
        "schema",
        Text(f"version {health.schema_version} (this mentor knows {health.known_version})"),
    )
    grid.add_row("application id", Text(f"0x{health.application_id:08X}"))
    counts = ", ".join(f"{n} {table}" for table, n in health.counts.items())
    grid.add_row("records", Text(counts))
    return grid
