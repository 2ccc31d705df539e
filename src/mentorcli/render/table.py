"""The listings' tables, laid out in one pass with the bytes Rich's Table would print.

Rich's Table measures every cell several times and renders each one through three layers of
renderables: about a millisecond a row. Here each cell is measured once and the columns are
sized by Rich's own rules (the natural widths or, on a narrow terminal, Rich's way of
narrowing the widest columns); a cell that fits its column becomes one padded piece of text,
and a cell that does not is broken where Rich's Text breaks it, by Rich's own line breaker.
Every row comes out as the very segments `Table(box=None, header_style="bold",
pad_edge=False)` emits, so the printed bytes are the same, colour codes and trailing spaces
included. A table with a cell whose width Rich might reckon in more than one way, or a column
with no room inside, is handed to Rich whole; tests/test_render_table.py holds the two to the
same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple, Union

from .columns import sized, width_of
from .styled import Styled
from .wrap import fitted, narrowed, taken_off, wrap

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from rich.console import Console, ConsoleOptions
    from rich.measure import Measurement
    from rich.segment import Segment
    from rich.style import Style
    from rich.table import Table as RichTable
    from rich.text import Text

Cell = Union[str, "Text", Styled]
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
            table.add_row(*(cell.rich() if isinstance(cell, Styled) else cell for cell in row))
        return table

    def lines(
        self, console: Console, options: ConsoleOptions | None = None
    ) -> list[list[Segment]] | None:
        """The table's lines as segments, or None where Rich must lay it out: a cell of
        characters Rich measures in more than one way, or a column too narrow for any."""
        from rich.segment import Segment

        options = options or console.options
        found = _Layout(console, options.max_width, options).pieces(self)
        if found is None:
            return None
        return [[Segment(text, style) for text, style in _joined(line)] for line in found]

    def plain_lines(self, width: int) -> list[str] | None:
        """The table's lines as a console without colour prints them at that width (None
        where Rich must lay it out), worked out without Rich's console."""
        found = _Layout(None, width).pieces(self)
        if found is None:
            return None
        return ["".join(text for text, _ in line) for line in found]

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
    """A cell measured: its text, its width in cells, the text's style, the cell itself for
    Rich to render where it has several lines, wraps or has styled spans, and its lines."""

    plain: str
    width: int
    style: Style | None
    source: Cell
    spanned: Text | Styled | None = None
    lines: int = 1


EMPTY = _Measured("", 0, None, "")


class _Shape(NamedTuple):
    """The columns, their widths with padding and without, and which sides are padded."""

    columns: list[Column]
    widths: list[int]
    inner: list[int]
    edges: list[tuple[bool, bool]]


def _justified(cell: _Measured, column: Column, width: int) -> str:
    """A cell of one line that fits its column, without styled spans, padded to the width."""
    plain = cell.plain
    if column.justify == "left":
        return plain + " " * (width - cell.width)
    # Rich pads a line it justifies in the text's own style, and drops the trailing spaces of
    # text it justifies right.
    kept = plain.rstrip()
    return " " * (width - cell.width + len(plain) - len(kept)) + kept


class _Refused(Exception):
    """A cell this layout cannot promise to lay out as Rich would."""


class _Layout:
    """One table laid out on one console, or with no console as plain text: no styles, and
    text the console would print through Rich's own steps worked out on plain strings."""

    def __init__(
        self, console: Console | None, room: int, options: ConsoleOptions | None = None
    ) -> None:
        self.console = console
        self.room = room
        self.options = options
        self.styles: dict[str | Style, Style | None] = {}

    def pieces(self, table: Table) -> list[list[Piece]] | None:
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
        found = self.row(header, shape, header=True)
        for row in body:
            found += self.row(row, shape)
        return found

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
        room = self.room
        if room < 3:  # Rich measures a cell with no room inside in a way of its own
            return None
        widths = [
            max(min(most, room), at_least) or 1
            for most, at_least in zip(natural, least, strict=True)
        ]
        if sum(widths) <= room:
            return widths
        widths = narrowed(widths, [not column.no_wrap for column in columns], room)
        if sum(widths) > room:
            widths = taken_off(sum(widths) - room, [1] * count, widths, widths)
        # Rich measures again within the narrower widths; a column with no room for its
        # padding Rich measures in a way of its own.
        if any(width - pad < 1 for width, pad in zip(widths, padding, strict=True)):
            return None
        widths = [
            max(min(most, width), at_least)
            for most, width, at_least in zip(natural, widths, least, strict=True)
        ]
        # A min_width may leave the table wider than the console, which then cuts each line
        # segment by segment: where Rich's segments and these differ, so may the cut.
        return widths if sum(widths) <= room else None

    def style(self, name: str | Style) -> Style | None:
        """The style a name stands for (None for none), found as Rich's Text finds it."""
        if self.console is None:
            return None
        if name not in self.styles:
            from rich.style import Style

            self.styles[name] = self.console.get_style(name, default=Style.null()) or None
        return self.styles[name]

    def measure(self, cell: Cell, column: Column) -> _Measured:
        if isinstance(cell, str):
            # Markup or emoji codes, for a console that reads them (printed plain: none does).
            if self.console is not None and ("[" in cell or ":" in cell):
                markup = self.options.markup if self.options else False
                found = self.console.render_str(cell, markup=markup, highlight=False)
                return self.measure(found, column)
            plain, style, spanned = cell, None, None
        else:
            if cell.justify not in (None, column.justify) or cell.end != "\n":
                raise _Refused
            if cell.overflow == "ignore":
                raise _Refused
            plain = cell.plain
            style = self.style(cell.style) if cell.style else None
            spanned = cell if cell.spans else None
        # Lines of characters of one width each: Rich reckons tabs, other line breaks and
        # control or separator characters, and the variation selector that widens the
        # character before it, in more than one way between measuring and wrapping.
        if "\ufe0f" in plain:
            raise _Refused
        if plain.isprintable():
            return _Measured(plain, width_of(plain), style, cell, spanned)
        lines = plain.split("\n")
        if not all(line.isprintable() for line in lines):
            raise _Refused
        return _Measured(plain, max(map(width_of, lines)), style, cell, spanned, len(lines))

    def row(self, cells: list[_Measured], shape: _Shape, header: bool = False) -> list[list[Piece]]:
        """A row's lines: each cell's lines between its padding, a shorter cell made up with
        blank lines below its text (above it in the header, whose style covers everything)."""
        if self.console is None and all(
            cell.lines == 1 and cell.width <= width
            for cell, width in zip(cells, shape.inner, strict=True)
        ):
            return [[(self.plain_line(cells, shape), None)]]
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
                lines[:] = blank + lines if header else lines + blank
        found = [
            [piece for lines in rendered for piece in lines[number]] for number in range(height)
        ]
        heading = self.style(HEADER_STYLE) if header else None
        if heading is None:
            return found
        return [[(text, heading + style) for text, style in line] for line in found]

    def plain_line(self, cells: list[_Measured], shape: _Shape) -> str:
        """A row whose every cell fits its column on one line, printed plain: each cell's
        text between its padding, on one line."""
        texts = []
        for cell, column, width, (left, right) in zip(
            cells, shape.columns, shape.inner, shape.edges, strict=True
        ):
            if cell.spanned is None:
                text = _justified(cell, column, width)
            else:
                text = "".join(piece for piece, _ in self.spanned(cell.spanned, column, width))
            texts.append(" " * left + text + " " * right)
        return "".join(texts)

    def cell(self, cell: _Measured, column: Column, width: int) -> list[list[Piece]]:
        """A cell's lines at its column's inner width."""
        if cell.width > width or cell.lines > 1:
            return self.wrapped(cell, column, width)
        if cell.spanned is not None:
            return [self.spanned(cell.spanned, column, width)]
        return [[(_justified(cell, column, width), cell.style)]]

    def spanned(self, text: Text | Styled, column: Column, width: int) -> list[Piece]:
        """Text with styled spans, through Rich's own steps for a line that fits."""
        no_wrap = column.no_wrap if text.no_wrap is None else text.no_wrap
        if self.console is None:
            return [(fitted(text.plain, width, column.justify, no_wrap), None)]
        from rich.text import Text

        line = text.rich() if isinstance(text, Styled) else text.copy()
        if not no_wrap:
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
        """A cell of several lines or too wide for its column, wrapped as Rich's Table wraps
        it; each line of text without spans is one piece in the text's style, as Rich
        renders it (printed plain, one with spans too: its characters are the same)."""
        if cell.spanned is not None and self.console is not None:
            return self.rendered(cell.spanned, column, width)
        source = cell.source
        overflow = (None if isinstance(source, str) else source.overflow) or column.overflow
        no_wrap = None if isinstance(source, str) else source.no_wrap
        lines = wrap(
            cell.plain,
            width,
            column.justify,
            overflow,
            column.no_wrap if no_wrap is None else no_wrap,
        )
        style = cell.style
        if self.console is None:
            return [
                [(line if width_of(line) == width else sized(line, width), None)] for line in lines
            ]
        from rich.segment import Segment

        return [
            [(line, style)]
            if width_of(line) == width
            else [
                (segment.text, segment.style)
                for segment in Segment.adjust_line_length([Segment(line, style)], width, pad=True)
            ]
            for line in lines
        ]

    def rendered(self, text: Text | Styled, column: Column, width: int) -> list[list[Piece]]:
        """A cell with styled spans that wraps, rendered by Rich alone."""
        assert self.console is not None and self.options is not None
        if isinstance(text, Styled):
            text = text.rich()
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
            for line in self.console.render_lines(text, options, pad=True)
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
