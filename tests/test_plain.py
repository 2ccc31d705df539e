"""Listings printed plain, without Rich, are the bytes Rich prints without style: paragraphs,
tables, aligned lines and the attention list at every width, and whole commands on a real
database; such a command imports no Rich console; a terminal still gets Rich and colour."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich._ratio import ratio_reduce
from rich._wrap import divide_line
from rich.cells import set_cell_size
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from mentorcli.render import plain
from mentorcli.render.columns import ONE_CELL, Lines, sized, widths
from mentorcli.render.status import NARROWEST, AttentionList
from mentorcli.render.styled import Styled
from mentorcli.render.table import Table
from mentorcli.render.wrap import breaks, narrowed, taken_off
from seed_helpers import day, history, ok
from test_render_table import SIMPLE, STYLES, tables
from test_status_layout import cells as line_cells
from test_status_layout import items

from conftest import Run, mentor_process


def rich_printed(parts: list[Any], width: int) -> str:
    """What Rich's console prints off a terminal, each part as output.show prints it."""
    out = io.StringIO()
    console = Console(file=out, width=width, markup=False, emoji=False, highlight=False)
    assert not console.is_terminal
    for part in parts:
        console.print(part, crop=not getattr(part, "cut_to_width", False))
    return out.getvalue()


@pytest.fixture(autouse=True)
def off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


# Text as the renderers write it, and what Rich's Text drops or folds: control characters,
# blank lines, runs of spaces and words longer than the line.
PARAGRAPH = [*SIMPLE, "\n", "\r", "\x07", "  ", "supercalifragilistic"]


def words(most: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(PARAGRAPH), max_size=most).map("".join)


@st.composite
def styled(draw: st.DrawFn) -> Styled:
    found = Styled(draw(words(12)), draw(st.sampled_from(STYLES)))
    for _ in range(draw(st.integers(0, 4))):
        found.append(draw(words(16)), draw(st.sampled_from(STYLES)))
    return found


# Text of one-cell characters, as the renderers mostly print: words, runs of spaces, words
# longer than a line, the marks they draw with.
ONE_CELL_TEXT = st.lists(
    st.sampled_from(["a", "word", "  ", " ", "supercalifragilistic", "•", "▁▂▃", "…", "-", "."]),
    max_size=14,
).map("".join)


@settings(max_examples=500)
@given(ONE_CELL_TEXT, st.integers(1, 30), st.booleans())
@example("word word", 9, True)  # the second word fits exactly
@example(" supercalifragilistic a", 5, True)
@example("a supercalifragilistic  a", 6, False)
def test_one_cell_text_breaks_where_richs_line_breaker_breaks_it(
    text: str, width: int, fold: bool
) -> None:
    assert breaks(text, width, fold) == divide_line(text, width, fold)


@given(st.text(alphabet=sorted(ONE_CELL), max_size=30), st.integers(0, 40))
def test_one_cell_text_is_cut_and_padded_as_rich_does(text: str, width: int) -> None:
    assert sized(text, width) == set_cell_size(text, width)


@settings(max_examples=300, deadline=None)
@given(st.lists(styled(), min_size=1, max_size=4), st.integers(plain.NARROWEST, 130))
def test_styled_text_prints_plain_as_rich_prints_its_text(parts: list[Styled], width: int) -> None:
    ours = plain.printed(parts, width)
    assert ours is not None
    assert ours == rich_printed([part.rich() for part in parts], width)
    assert ours == rich_printed(parts, width)


@given(styled())
def test_styled_text_holds_what_richs_text_holds(text: Styled) -> None:
    rich = text.rich()
    assert rich.plain == text.plain
    again = Text(style=text.style)
    start = 0
    for begin, end, style in text.spans:
        again.append(text.plain[start:begin])
        again.append(text.plain[begin:end], style=style)
        start = end
    again.append(text.plain[start:])
    assert again.plain == rich.plain and again.spans == rich.spans


def test_text_rich_would_reckon_otherwise_goes_to_rich() -> None:
    for awkward in ("a\tb", "flag \u2764\ufe0f", "no\xa0break", "zero\u200bwidth"):
        assert plain.printed([Styled(awkward)], 80) is None
    assert plain.printed([Styled("fine"), object()], 80) is None
    assert plain.printed([Styled("fine")], plain.NARROWEST - 1) is None


@settings(max_examples=300, deadline=None)
@given(tables(SIMPLE), st.integers(plain.NARROWEST, 130))
def test_tables_print_plain_as_rich_prints_its_table(table: Table, width: int) -> None:
    laid_out = table.plain_lines(width)
    segments = table.lines(Console(width=width, file=io.StringIO()))
    # Plain text is laid out here exactly where the styled layout is.
    assert (laid_out is None) == (segments is None)
    if laid_out is not None:
        assert "".join(line + "\n" for line in laid_out) == rich_printed(
            [table.rich_table()], width
        )


def as_styled(cell: str | Text) -> str | Styled:
    if isinstance(cell, str):
        return cell
    found = Styled(style=str(cell.style))
    start = 0
    for span in sorted(cell.spans, key=lambda span: span.start):
        if span.start < start:  # overlapping spans: only Rich's Text holds them
            return cell.plain
        found.append(cell.plain[start : span.start])
        found.append(cell.plain[span.start : span.end], str(span.style))
        start = span.end
    return found.append(cell.plain[start:])


@settings(max_examples=200, deadline=None)
@given(tables(SIMPLE), st.integers(plain.NARROWEST, 130), st.booleans())
def test_a_table_of_styled_cells_prints_as_one_of_richs_text(
    table: Table, width: int, colour: bool
) -> None:
    ours = Table()
    ours.columns = table.columns
    ours.rows = [[as_styled(cell) for cell in row] for row in table.rows]  # type: ignore[arg-type]
    out = Console(width=width, file=io.StringIO(), force_terminal=colour, markup=False)
    out.print(ours)
    again = Console(width=width, file=io.StringIO(), force_terminal=colour, markup=False)
    again.print(ours.rich_table())
    assert out.file.getvalue() == again.file.getvalue()  # type: ignore[attr-defined]


@settings(max_examples=200, deadline=None)
@given(line_cells, st.integers(1, 40))
def test_aligned_lines_print_plain_as_rich_prints_them(
    rows: list[list[list[tuple[str, str]]]], width: int
) -> None:
    lines = Lines()
    column_widths = widths(rows)
    for row in rows:
        lines.add_row(row, column_widths, "  ")
    assert "".join(line + "\n" for line in lines.plain_lines(width)) == rich_printed([lines], width)


@settings(max_examples=200, deadline=None)
@given(items, st.integers(NARROWEST, 160))
def test_the_attention_list_prints_plain_as_rich_prints_it(shown: Any, width: int) -> None:
    attention = AttentionList(shown)
    assert "".join(line + "\n" for line in attention.plain_lines(width)) == rich_printed(
        [attention], width
    )


@given(st.lists(st.integers(0, 60), min_size=1, max_size=8), st.data())
def test_a_table_too_wide_narrows_as_richs_table_narrows(widths: list[int], data: Any) -> None:
    wrapping = data.draw(st.lists(st.booleans(), min_size=len(widths), max_size=len(widths)))
    room = data.draw(st.integers(3, 200))
    assert narrowed(widths, wrapping, room) == RichTable._collapse_widths(widths, wrapping, room)
    excess = data.draw(st.integers(0, sum(widths)))
    shares = data.draw(st.lists(st.integers(0, 3), min_size=len(widths), max_size=len(widths)))
    most = data.draw(st.lists(st.integers(0, 30), min_size=len(widths), max_size=len(widths)))
    assert taken_off(excess, shares, most, widths) == ratio_reduce(excess, shares, most, widths)


class Stream(io.StringIO):
    def __init__(self, tty: bool | None) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        if self.tty is None:
            raise ValueError("I/O operation on closed file")
        return self.tty


@pytest.mark.parametrize("compatible", [None, "0", "1", "yes"])
@pytest.mark.parametrize("forced", [None, "", "1"])
@pytest.mark.parametrize("tty", [True, False, None])
def test_a_terminal_is_what_rich_takes_for_one(
    compatible: str | None, forced: str | None, tty: bool | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if compatible is not None:
        monkeypatch.setenv("TTY_COMPATIBLE", compatible)
    if forced is not None:
        monkeypatch.setenv("FORCE_COLOR", forced)
    monkeypatch.setattr(sys, "stdout", Stream(tty))
    rich = Console()
    assert plain.terminal() == rich.is_terminal
    if not plain.terminal():
        assert rich.color_system is None  # Rich would print no style: plain text is the same


@pytest.mark.parametrize("columns", [None, "57", "wide", "200"])
def test_the_width_off_a_terminal_is_richs(
    columns: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    if columns is not None:
        monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr(sys, "stdout", Stream(False))
    assert plain.width() == Console().width


# Every listing of the agreement and follow-ups, the agenda, status and reminders.
LISTINGS = [
    ("status",),
    ("agenda", "rui/ana"),
    ("agenda", "rui/ben"),
    ("action", "list"),
    ("action", "list", "--all"),
    ("action", "list", "--owner", "me"),
    ("goal", "list", "rui/ana"),
    ("expect", "list", "rui/ana"),
    ("topic", "list", "rui/ana"),
    ("plan", "list"),
    ("remind", "--within", "2w"),
    ("sessions",),
    ("sessions", "rui/ana"),
    ("sessions", "--month"),
    ("search", "RFC"),
    ("person", "list"),
    ("pair", "list"),
    ("away", "list"),
]


@pytest.fixture
def listed(people: Run, tmp_path: Path) -> Path:
    """A database with something in every listing: long, wide and awkward text, late actions,
    a review due, a paused pair, booked sessions, and `me` set."""
    history(people)
    ok(people, "person", "add", "日本語の長い名前のメンターさん", "--tz", "Asia/Tokyo")
    ok(people, "pair", "add", "日本語の長い名前のメンターさん", "ben", "--focus", "論文 " * 30)
    ok(people, "pair", "pause", "rui/ben")
    ok(
        people,
        "action",
        "add",
        "rui/ana",
        "mentee",
        "a long thing " * 12 + "\u202eevil",
        "--due",
        day(-9),
    )
    ok(people, "topic", "add", "rui/ana", "[bold]not markup[/] :smile: \x1b[31m")
    ok(
        people,
        "plan",
        "rui/ana",
        "--when",
        f"{day(3)} 15:00",
        "--agenda-note",
        "talk about 漢字 " * 8,
        "--anyway",
    )
    ok(people, "config", "set", "me", "ana")
    ok(people, "away", "ben", f"{day(2)}..{day(9)}", "--note", "conférence 東京 " * 6)
    ok(people, "log", "rui/ana", "--notes", "RFC review went well; next: the RFC's 漢字 section")
    return tmp_path


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_a_listing_printed_plain_is_what_rich_prints_without_colour(
    listed: Path, args: tuple[str, ...]
) -> None:
    piped = mentor_process(*args, COLUMNS="80")
    # A dumb terminal: Rich prints it, without style, 80 columns wide.
    by_rich = mentor_process(*args, TTY_COMPATIBLE="1", TERM="dumb")
    assert piped.returncode == by_rich.returncode == 0, piped.stderr + by_rich.stderr
    assert piped.stdout.strip()
    assert piped.stdout == by_rich.stdout
    assert "\x1b" not in piped.stdout


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_a_listing_piped_imports_no_rich_console(listed: Path, args: tuple[str, ...]) -> None:
    code = (
        "import sys\n"
        "from mentorcli.cli.app import main\n"
        f"sys.argv = ['mentor', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('rich.')), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert done.stdout.strip()
    loaded = done.stderr.strip().splitlines()[-1]
    for heavy in ("rich.console", "rich.text", "rich.table", "rich.segment"):
        assert f"'{heavy}'" not in loaded, loaded


def test_a_terminal_still_gets_colour(listed: Path) -> None:
    coloured = mentor_process("action", "list", FORCE_COLOR="1", NO_COLOR="")
    assert coloured.returncode == 0
    assert "\x1b[" in coloured.stdout
