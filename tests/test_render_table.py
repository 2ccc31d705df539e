"""The listings' table prints exactly what Rich's Table prints, wrapped or not, colour or not."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, RenderableType
from rich.text import Text

from mentorcli.render.table import Table

from conftest import Run

# The consoles a listing meets: colour on a terminal, NO_COLOR on a terminal, and a pipe.
CONSOLES: dict[str, dict[str, Any]] = {
    "colour": {"force_terminal": True, "color_system": "truecolor", "no_color": False},
    "no colour": {"force_terminal": True, "color_system": "truecolor", "no_color": True},
    "pipe": {"force_terminal": False},
}
STYLES = ["", "bold", "dim", "red", "bold red", "green"]
# ASCII, spaces, wide characters (CJK, emoji), combining marks and a precomposed letter.
SIMPLE = [*"abcxyzABC0189 -_./#()…", "漢", "字", "😀", "é", "\u0301", "\u0308"]
# What Rich measures or wraps in ways of its own: line breaks, tabs, a joiner, the
# variation selector, a no-break space, an escape; and markup and emoji-code characters.
AWKWARD = ["\n", "\t", "\u200d", "\ufe0f", "\xa0", "\x1b", "\u2028", "[", "]", ":"]


def printed(renderable: RenderableType, width: int, console: str, **options: Any) -> str:
    settings = {"markup": False, "emoji": False, "highlight": False, **options}
    out = Console(width=width, file=io.StringIO(), record=False, **CONSOLES[console], **settings)
    out.print(renderable)
    assert isinstance(out.file, io.StringIO)
    return out.file.getvalue()


def assert_same(table: Table, width: int, **options: Any) -> None:
    for console in CONSOLES:
        fast = printed(table, width, console, **dict(options))
        assert fast == printed(table.rich_table(), width, console, **dict(options)), console


def laid_out(table: Table, width: int) -> bool:
    """Whether the table was laid out here rather than by Rich."""
    return table.lines(Console(width=width, file=io.StringIO())) is not None


@st.composite
def cells(draw: st.DrawFn, alphabet: list[str], longest: int = 12) -> str | Text:
    words = st.text(st.sampled_from(alphabet), max_size=longest)
    kind = draw(st.sampled_from(["str", "text", "spans"]))
    if kind == "str":
        return draw(words)
    if kind == "text":
        return Text(draw(words), style=draw(st.sampled_from(STYLES)))
    text = Text(style=draw(st.sampled_from(STYLES)))
    for _ in range(draw(st.integers(1, 4))):
        text.append(draw(words), style=draw(st.sampled_from(STYLES)))
    return text


@st.composite
def tables(draw: st.DrawFn, alphabet: list[str], headed: bool = False, longest: int = 12) -> Table:
    """Random tables; `headed`: every column with a header of letters, as the listings'."""
    table = Table()
    count = draw(st.integers(1, 7))
    headers = (
        st.text(st.sampled_from("abcdefgh"), min_size=1)
        if headed
        else st.text(st.sampled_from(alphabet), max_size=8)
    )
    for _ in range(count):
        table.add_column(
            draw(headers),
            justify=draw(st.sampled_from(["left", "right"])),
            overflow=draw(st.sampled_from(["fold", "ellipsis", "crop"])),
            no_wrap=draw(st.booleans()),
            min_width=draw(st.none() | st.integers(0, 30)),
        )
    for _ in range(draw(st.integers(0, 8))):
        length = draw(st.sampled_from([count, count, count, max(0, count - 1)]))
        table.add_row(*(draw(cells(alphabet, longest)) for _ in range(length)))
    return table


@settings(max_examples=400, deadline=None)
@given(tables(SIMPLE), st.integers(40, 200))
def test_one_line_rows_print_as_rich_prints_them(table: Table, width: int) -> None:
    assert_same(table, width)


@settings(max_examples=300, deadline=None)
@given(tables(SIMPLE + AWKWARD), st.integers(40, 200))
def test_any_table_prints_as_rich_prints_it(table: Table, width: int) -> None:
    assert_same(table, width)


@settings(max_examples=500, deadline=None)
@given(tables(SIMPLE + [" "] * 6, headed=True, longest=40), st.integers(10, 80))
def test_rows_too_wide_wrap_as_rich_wraps_them(table: Table, width: int) -> None:
    assert_same(table, width)


@settings(max_examples=200, deadline=None)
@given(tables(SIMPLE + AWKWARD + [" "] * 6, longest=40), st.integers(1, 60))
def test_narrow_consoles_print_as_rich_prints(table: Table, width: int) -> None:
    assert_same(table, width)


@settings(max_examples=100, deadline=None)
@given(tables(SIMPLE), st.integers(40, 200))
def test_markup_in_plain_cells_is_read_as_rich_reads_it(table: Table, width: int) -> None:
    table.add_row("[bold]x[/bold] :smile:", *[""] * (len(table.columns) - 1))
    assert_same(table, width, markup=True, emoji=True)


@settings(max_examples=200, deadline=None)
@given(tables(SIMPLE, headed=True), st.integers(40, 200))
def test_rows_that_fit_are_laid_out_in_one_pass(table: Table, width: int) -> None:
    edges = 2 * (len(table.columns) - 1)
    natural = sum(
        max(
            [len(c.header) * 2, c.min_width or 0]
            + [len(str(row[i])) * 2 for row in table.rows if i < len(row)]
        )
        for i, c in enumerate(table.columns)
    )
    if natural + edges <= width:  # wide characters counted two, so surely narrower than this
        assert laid_out(table, width)


def listing() -> Table:
    table = Table()
    for header in ("id", "starts", "min", "agenda"):
        table.add_column(header, overflow="fold")
    table.add_row("1", Text("Tue 2026-12-01 15:00"), "45", Text("roadmap"))
    table.add_row("12", Text("Wed 2026-12-02 09:00", style="dim"), "30", Text(""))
    table.add_row("7", Text("2026-12-01 overdue", style="bold red"), "60", Text("漢字 notes 😀"))
    return table


def test_a_listing_pads_every_column_and_keeps_rich_trailing_spaces() -> None:
    table = listing()
    assert laid_out(table, 80)
    assert printed(table, 80, "pipe").splitlines() == [
        "id  starts                min  agenda       ",
        "1   Tue 2026-12-01 15:00  45   roadmap      ",
        "12  Wed 2026-12-02 09:00  30                ",
        "7   2026-12-01 overdue    60   漢字 notes 😀",
    ]
    assert_same(table, 80)


def test_colour_codes_are_rich_codes_segment_by_segment() -> None:
    shown = printed(listing(), 80, "colour")
    assert shown.startswith("\x1b[1mid\x1b[0m\x1b[1m \x1b[0m\x1b[1m \x1b[0m\x1b[1mstarts")
    assert "\x1b[2mWed 2026-12-02 09:00\x1b[0m" in shown
    assert "\x1b[1;31m2026-12-01 overdue  \x1b[0m" in shown  # the padding in the cell's style
    assert_same(listing(), 80)


@pytest.mark.parametrize(
    "rows",
    [
        [],  # the header alone
        [("", "")],  # empty cells
        [("a", Text("", style="red"))],  # an empty styled cell in the last column
        [("wide 漢字漢字", "e\u0301\u0301 combining  ")],
        [("trailing   ", Text("spaces   ", style="green"))],
        [("short",)],  # fewer cells than columns
    ],
)
def test_edge_cases_match_rich(rows: list[tuple[str | Text, ...]]) -> None:
    table = Table()
    table.add_column("one")
    table.add_column("two", justify="right", min_width=9)
    for row in rows:
        table.add_row(*row)
    assert laid_out(table, 60)
    assert_same(table, 60)


def test_highlighted_spans_and_right_justified_text_match_rich() -> None:
    snippet = Text("the ")
    snippet.append("match", style="bold")
    snippet.append(" and more  ")
    table = Table()
    table.add_column("text")
    table.add_column("time", justify="right")
    table.add_row(snippet, Text("1 h 30  ", style="dim"))
    table.add_row(Text("x", style="dim"), "12 h")
    assert laid_out(table, 50)
    assert_same(table, 50)


def test_cells_of_several_lines_match_rich() -> None:
    table = Table()
    table.add_column("id")
    table.add_column("goal", overflow="fold")
    table.add_column("due", justify="right")
    table.add_row("1", Text("Ship it\nwith two case studies and a long, long tail"), "soon")
    table.add_row("2", Text("\nblank first\n", style="dim"), Text("2026-12-01\n", style="red"))
    for width in (20, 40, 80):
        assert laid_out(table, width)
        assert_same(table, width)


@pytest.mark.parametrize(
    "cell",
    ["a\ttab", "joined\u200dcharacters", "heart\u2764\ufe0f", "no\xa0break"],
)
def test_cells_rich_measures_otherwise_go_to_rich(cell: str) -> None:
    table = Table()
    table.add_column("id")
    table.add_column("text")
    table.add_row("1", Text(cell))
    assert not laid_out(table, 80)
    assert_same(table, 80)


def test_rows_wider_than_the_console_wrap_as_in_rich() -> None:
    table = Table()
    table.add_column("id", overflow="fold")
    table.add_column("text", overflow="fold")
    table.add_column("status")
    table.add_row("1", Text("word " * 20, style="dim"), Text("open", style="bold red"))
    table.add_row("2", Text("a-very-long-word-that-must-fold " * 2), "done 2026-11-29")
    for width in (30, 60, 103, 121, 122):
        assert laid_out(table, width)
        assert_same(table, width)
    assert printed(table, 30, "pipe").splitlines()[10:14] == [
        "    word word                 ",
        "2   a-very-long-  done        ",
        "    word-that-mu  2026-11-29  ",
        "    st-fold                   ",
    ]


def test_columns_with_no_room_inside_go_to_rich() -> None:
    table = Table()
    for header in ("id", "pair", "text"):
        table.add_column(header, no_wrap=header == "id")
    table.add_row("123456", "someone/someone-else", "words " * 10)
    assert not laid_out(table, 8)
    for width in (1, 2, 5, 8, 12):
        assert_same(table, width)


def test_a_table_a_min_width_makes_wider_than_the_console_goes_to_rich() -> None:
    # The console cuts such a table's lines segment by segment; a mark of no width where
    # the cut falls shows whether the segments were Rich's own.
    table = Table()
    table.add_column("a", no_wrap=True)
    table.add_column("b", min_width=10)
    table.add_row("x" * 20, "\u0308y")
    table.add_row("x" * 22, Text("\u0308", style="red"))
    assert not laid_out(table, 25)
    assert laid_out(table, 40)
    for width in (25, 40):
        assert_same(table, width)


def test_more_cells_than_columns_go_to_rich() -> None:
    table = Table()
    table.add_column("id")
    table.add_row("1", "extra")
    assert not laid_out(table, 80)
    assert_same(table, 80)


def test_a_table_inside_another_renderable_measures_as_rich_does() -> None:
    from rich.padding import Padding

    table = listing()
    for console in CONSOLES:
        inside = printed(Padding(table, (0, 4), expand=False), 80, console)
        assert inside == printed(Padding(table.rich_table(), (0, 4), expand=False), 80, console)


def test_a_narrow_terminal_wraps_a_listing(people: Run) -> None:
    assert people("topic", "add", "rui/ana", "a long topic " * 6).code == 0
    wide = people("topic", "list", env={"COLUMNS": "120"})
    narrow = people("topic", "list", env={"COLUMNS": "40"})
    assert wide.code == narrow.code == 0
    assert len(wide.out.splitlines()) == 2
    assert len(narrow.out.splitlines()) > 2
    assert all(len(line) <= 40 for line in narrow.out.splitlines())
