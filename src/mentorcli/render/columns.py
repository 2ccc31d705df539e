"""Aligned columns laid out here, in one pass, as plain styled lines for Rich to print.

Rich's Table measures every cell of every row several times to share out the width; for the
hundreds of rows of `mentor status` that was most of the command's time. Here each cell is
measured once, the widths are fixed, and every row becomes one pre-padded line of styled
pieces, which Rich prints as segments without measuring anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console, ConsoleOptions
    from rich.segment import Segment
    from rich.style import Style

# A cell: pieces of text, each with its Rich style ("" for none).
Cell = Sequence[tuple[str, str]]
GAP = 2


def one_cell(text: str) -> bool:
    """Whether every character of the text takes one cell: its width is its length, and it is
    measured, cut and broken into lines here without Rich's tables of character widths."""
    return (text.isascii() and text.isprintable()) or ONE_CELL.issuperset(text)


@lru_cache(maxsize=4096)
def width_of(text: str) -> int:
    """Terminal cells the text takes (wide characters count two); rows repeat their cells."""
    if one_cell(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def sized(text: str, width: int) -> str:
    """The text cut, or padded with spaces, to exactly `width` cells (0 or more), as Rich's
    set_cell_size makes it (a wide character cut in half leaves a space)."""
    if one_cell(text):
        return text[:width] if len(text) >= width else text + " " * (width - len(text))
    from rich.cells import set_cell_size

    return set_cell_size(text, width)


def clip(text: str, width: int) -> str:
    """The text cut to at most `width` cells, ending with … when cut."""
    if width_of(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    return sized(text, width - 1).rstrip() + "…"


def plain(cell: Cell) -> str:
    return cell[0][0] if len(cell) == 1 else "".join(piece for piece, _ in cell)


# Characters the renderers draw with (sparklines, bars, marks, arrows, the ellipsis) and printable
# ASCII, one cell each: text of these alone is measured by its length, without Rich looking up
# each character.
ONE_CELL = frozenset("▁▂▃▄▅·•█░▲↘↗→…") | frozenset(map(chr, range(32, 127)))


def cell_width(cell: Cell) -> int:
    """The cell's width: its length where every piece is of one-cell characters (measured
    piece by piece, without joining them), else what Rich measures of the whole text."""
    total = 0
    for text, _ in cell:
        if not one_cell(text):
            return width_of(plain(cell))
        total += len(text)
    return total


def measured(rows: Sequence[Sequence[Cell]]) -> list[list[int]]:
    """Each cell's width, row by row: measured once, for the columns and for the padding."""
    return [[cell_width(cell) for cell in row] for row in rows]


def widest(sizes: Sequence[Sequence[int]]) -> list[int]:
    """Each column's width: its widest cell, of cells measured."""
    found = [0] * max((len(row) for row in sizes), default=0)
    for row in sizes:
        for index, size in enumerate(row):
            if size > found[index]:
                found[index] = size
    return found


def widths(rows: Sequence[Sequence[Cell]]) -> list[int]:
    """Each column's width: its widest cell."""
    return widest(measured(rows))


class Lines:
    """Ready-made lines of styled pieces, handed to Rich as segments: nothing to measure,
    wrap or parse again, however many lines there are. A line wider than the console is cut
    here as Rich cuts it, so that Rich may print them with `crop=False`."""

    cut_to_width = True  # printed with crop=False: no line is wider than the console

    def __init__(self) -> None:
        self.lines: list[list[tuple[str, str]]] = []
        self.widths: list[int] = []  # each line's width, or more where it ends in spaces

    def add_row(
        self,
        row: Sequence[Cell],
        column_widths: Sequence[int],
        indent: str = "",
        sizes: Sequence[int] | None = None,
    ) -> None:
        """One row as one line: every cell padded to its column's width, the last one not;
        `sizes` are the cells' widths where they were measured already."""
        pieces: list[tuple[str, str]] = [(indent, "")]
        used = len(indent)
        last = len(row) - 1
        for index, cell in enumerate(row):
            pieces += cell
            taken = cell_width(cell) if sizes is None else sizes[index]
            if index < last:
                pad = max(column_widths[index] - taken + GAP, 0)
                pieces.append((" " * pad, ""))
                taken += pad
            used += taken
        # Neighbours in the same style become one piece: fewer segments for Rich to print.
        line: list[tuple[str, str]] = []
        for piece, style in pieces:
            if line and line[-1][1] == style:
                line[-1] = (line[-1][0] + piece, style)
            elif piece:
                line.append((piece, style))
        if line and not line[-1][1]:  # no padding after the last cell with something in it
            line[-1] = (line[-1][0].rstrip(), "")
        self.lines.append(line)
        self.widths.append(used)

    def plain_lines(self, width: int) -> list[str]:
        """The lines as a console without colour prints them at that width."""
        from .wrap import cut

        return [
            cut(text, width) if used > width else text
            for text, used in zip(
                ("".join(piece for piece, _ in line) for line in self.lines),
                self.widths,
                strict=True,
            )
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.segment import Segment

        styles: dict[str, Style | None] = {"": None}
        newline = Segment.line()
        most = options.max_width
        for line, used in zip(self.lines, self.widths, strict=True):
            segments = []
            for piece, style in line:
                if style not in styles:
                    styles[style] = console.get_style(style)
                segments.append(Segment(piece, styles[style]))
            if used > most:
                segments = Segment.adjust_line_length(segments, most, pad=False)
            yield from segments
            yield newline
