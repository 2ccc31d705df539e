"""The listings' tables, laid out in one pass with the bytes Rich's Table would print.

Rich's Table measures every cell several times and renders each one through three layers of
renderables: about a millisecond a row. Here each cell is measured once, the columns are
sized by Rich's own rules (the natural widths, or, on a narrow terminal, Rich's way of
narrowing the widest columns), a cell that fits its column becomes one padded piece of text,
and only a cell that must wrap is rendered by Rich, alone. Every row comes out as the very
segments `Table(box=None, header_style="bold", pad_edge=False)` emits, so the printed bytes
are the same, colour codes and trailing spaces included. A table with a cell whose width Rich
might reckon in more than one way is handed to Rich whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple, Union

from .columns import width_of

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from rich.console import Console, ConsoleOptions
    from rich.measure import Measurement
    from rich.segment import Segment
    from rich.style import Style
    from rich.table import Table as RichTable
    from rich.text import Text

Cell = Union[str, "Text"]
Justify = Literal["left", "right"]
Overflow = Literal["fold", "crop", "ellipsis"]
# Text and its style (None for none): what a line of a cell is made of.
Piece = tuple[str, Union["Style", None]]
HEADER_STYLE = "bold"


class Column(NamedTuple):
    header: str
    justify: Justify = "left"
    overflow: Overflow = "ellipsis"
    no_wrap: bool = False
    min_width: int | None = None


class Table:
    """Rows of cells under headed columns; a cell is a str, or a Text with a style or spans."""

    def __init__(self) -> None:
        self.columns: list[Column] = []
        self.rows: list[Sequence[Cell]] = []

    def add_column(
        self,
        header: str,
        *,
        justify: Justify = "left",
        overflow: Overflow = "ellipsis",
        no_wrap: bool = False,
        min_width: int | None = None,
    ) -> None:
        self.columns.append(Column(header, justify, overflow, no_wrap, min_width))

    def add_row(self, *cells: Cell) -> None:
        self.rows.append(cells)

    def rich_table(self) -> RichTable:
        """The same table as Rich's own."""
        from rich.table import Table as RichTable

        table = RichTable(box=None, header_style=HEADER_STYLE, pad_edge=False)
        for column in self.columns:
            table.add_column(
                column.header,
                justify=column.justify,
                overflow=column.overflow,
                no_wrap=column.no_wrap,
                min_width=column.min_width,
            )
        for row in self.rows:
            table.add_row(*row)
        return table

    def lines(
        self, console: Console, options: ConsoleOptions | None = None
    ) -> list[list[Segment]] | None:
        """The table's lines as segments, or None where Rich must lay it out: a cell of
        characters Rich measures in more than one way, or a column too narrow for any."""
        return _Layout(console, options or console.options).lines(self)

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[Segment | RichTable]:
        from rich.segment import Segment

        lines = self.lines(console, options)
        if lines is None:
            yield self.rich_table()
            return
        newline = Segment.line()
        for line in lines:
            yield from line
            yield newline

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        return Measurement.get(console, options, self.rich_table())


class _Measured(NamedTuple):
    """A cell measured: its text on one line, its width in cells, the text's style, and the
    cell itself for Rich to render where it wraps or has styled spans."""

    plain: str
    width: int
    style: Style | None
    source: Cell
    spanned: bool = False


EMPTY = _Measured("", 0, None, "")


class _Shape(NamedTuple):
    """The columns, their widths with padding and without, and which sides are padded."""

    columns: list[Column]
    widths: list[int]
    inner: list[int]
    edges: list[tuple[bool, bool]]


class _Refused(Exception):
    """A cell this layout cannot promise to lay out as Rich would."""


class _Layout:
    """One table laid out on one console."""

    def __init__(self, console: Console, options: ConsoleOptions) -> None:
        self.console = console
        self.options = options
        self.styles: dict[str | Style, Style | None] = {}

    def lines(self, table: Table) -> list[list[Segment]] | None:
        from rich.segment import Segment

        columns = table.columns
        count = len(columns)
        if not count or any(len(row) > count for row in table.rows):
            return None
        try:
            header = [self.measure(column.header, column) for column in columns]
            body = [
                [*map(self.measure, row, columns), *[EMPTY] * (count - len(row))]
                for row in table.rows
            ]
        except _Refused:
            return None
        widths = self.column_widths(columns, header, body)
        if widths is None:
            return None
        # Every cell has a space of padding a side, but on the table's outer edges.
        edges = [(index > 0, index < count - 1) for index in range(count)]
        inner = [width - left - right for width, (left, right) in zip(widths, edges, strict=True)]
        # A column with no room inside Rich renders as a blank of its own making.
        if min(inner) < 1:
            return None
        shape = _Shape(columns, widths, inner, edges)
        found = self.row(header, shape, header=self.style(HEADER_STYLE))
        for row in body:
            found += self.row(row, shape)
        return [[Segment(text, style) for text, style in _joined(line)] for line in found]

    def column_widths(
        self, columns: list[Column], header: list[_Measured], body: list[list[_Measured]]
    ) -> list[int] | None:
        """Each column's width, padding included, worked out as Rich's Table works it out."""
        count = len(columns)
        widest = [cell.width for cell in header]
        for row in body:
            widest = [max(most, cell.width) for most, cell in zip(widest, row, strict=True)]
        padding = [(index > 0) + (index < count - 1) for index in range(count)]
        natural = [most + pad for most, pad in zip(widest, padding, strict=True)]
        least = [
            0 if column.min_width is None else max(0, column.min_width + pad)
            for column, pad in zip(columns, padding, strict=True)
        ]
        room = self.options.max_width
        if room < 3:  # Rich measures a cell with no room inside in a way of its own
            return None
        widths = [
            max(min(most, room), at_least) or 1
            for most, at_least in zip(natural, least, strict=True)
        ]
        if sum(widths) <= room:
            return widths
        from rich._ratio import ratio_reduce
        from rich.table import Table as RichTable

        widths = RichTable._collapse_widths(widths, [not c.no_wrap for c in columns], room)
        if sum(widths) > room:
            widths = ratio_reduce(sum(widths) - room, [1] * count, widths, widths)
        # Rich measures again within the narrower widths; a column with no room for its
        # padding Rich measures in a way of its own.
        if any(width - pad < 1 for width, pad in zip(widths, padding, strict=True)):
            return None
        return [
            max(min(most, width), at_least)
            for most, width, at_least in zip(natural, widths, least, strict=True)
        ]

    def style(self, name: str | Style) -> Style | None:
        """The style a name stands for (None for none), found as Rich's Text finds it."""
        if name not in self.styles:
            from rich.style import Style

            self.styles[name] = self.console.get_style(name, default=Style.null()) or None
        return self.styles[name]

    def measure(self, cell: Cell, column: Column) -> _Measured:
        if isinstance(cell, str):
            if "[" in cell or ":" in cell:  # markup or emoji codes, for a console that reads them
                found = self.console.render_str(cell, markup=self.options.markup, highlight=False)
                return self.measure(found, column)
            plain, style, spanned = cell, None, False
        else:
            if cell.justify not in (None, column.justify) or cell.end != "\n":
                raise _Refused
            if cell.overflow == "ignore":
                raise _Refused
            plain = cell.plain
            style = self.style(cell.style) if cell.style else None
            spanned = bool(cell.spans)
        # One line of characters of one width each: Rich reckons tabs, newlines and other
        # control or separator characters, and the variation selector that widens the
        # character before it, in more than one way between measuring and wrapping.
        if not plain.isprintable() or "\ufe0f" in plain:
            raise _Refused
        return _Measured(plain, width_of(plain), style, cell, spanned)

    def row(
        self, cells: list[_Measured], shape: _Shape, header: Style | None = None
    ) -> list[list[Piece]]:
        """A row's lines: each cell's lines between its padding, a shorter cell made up with
        blank lines below its text (above it in the header, whose style covers everything)."""
        rendered: list[list[list[Piece]]] = []
        for cell, column, width, (left, right) in zip(
            cells, shape.columns, shape.inner, shape.edges, strict=True
        ):
            before: list[Piece] = [(" ", None)] if left else []
            after: list[Piece] = [(" ", None)] if right else []
            rendered.append([before + line + after for line in self.cell(cell, column, width)])
        height = max(map(len, rendered))
        if height > 1:
            for lines, width in zip(rendered, shape.widths, strict=True):
                blank: list[list[Piece]] = [[(" " * width, None)]] * (height - len(lines))
                lines[:] = blank + lines if header is not None else lines + blank
        found = [
            [piece for lines in rendered for piece in lines[number]] for number in range(height)
        ]
        if header is None:
            return found
        return [[(text, header + style) for text, style in line] for line in found]

    def cell(self, cell: _Measured, column: Column, width: int) -> list[list[Piece]]:
        """A cell's lines at its column's inner width."""
        if cell.width > width:
            return self.wrapped(cell, column, width)
        if cell.spanned:
            return [self.spanned(cell.source, column, width)]  # type: ignore[arg-type]
        plain = cell.plain
        if column.justify == "left":
            return [[(plain + " " * (width - cell.width), cell.style)]]
        # Rich pads a line it justifies in the text's own style, and drops the trailing
        # spaces of text it justifies right.
        kept = plain.rstrip()
        return [[(" " * (width - cell.width + len(plain) - len(kept)) + kept, cell.style)]]

    def spanned(self, text: Text, column: Column, width: int) -> list[Piece]:
        """Text with styled spans, through Rich's own steps for a line that fits."""
        from rich.text import Text

        line = text.copy()
        if not (column.no_wrap if text.no_wrap is None else text.no_wrap):
            line.rstrip_end(width)
        if column.justify == "left":
            line.truncate(width, pad=True)
        else:
            line.rstrip()
            line.pad_left(width - width_of(line.plain))
        return [
            (segment.text, segment.style or None)
            for segment in Text("\n").join([line]).render(self.console)
        ]

    def wrapped(self, cell: _Measured, column: Column, width: int) -> list[list[Piece]]:
        """A cell too wide for its column, wrapped by Rich as its Table would."""
        options = self.options.update(
            width=width,
            justify=column.justify,
            no_wrap=column.no_wrap,
            overflow=column.overflow,
            height=None,
            highlight=False,
        )
        return [
            [(segment.text, segment.style or None) for segment in line]
            for line in self.console.render_lines(cell.source, options, pad=True)
        ]


def _joined(line: list[Piece]) -> list[Piece]:
    """The line with neighbouring unstyled pieces as one: they print the same, and each
    styled piece stays apart, as Rich prints each with its own codes."""
    joined: list[Piece] = []
    plain = ""
    for text, style in line:
        if style is None:
            plain += text
            continue
        if plain:
            joined.append((plain, None))
            plain = ""
        joined.append((text, style))
    if plain:
        joined.append((plain, None))
    return joined
