"""render/columns.py: cells measured once, cut to fit, laid out as pre-padded lines."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from mentorcli.render.columns import Lines, clip, width_of, widths


@given(st.text(max_size=40), st.integers(min_value=1, max_value=30))
def test_clip_fits_and_marks_a_cut(text: str, width: int) -> None:
    cut = clip(text, width)
    assert width_of(cut) <= width
    assert cut == text or cut.endswith("…")


def test_wide_characters_count_two_cells() -> None:
    assert width_of("日本語") == 6 == cell_len("日本語")
    assert clip("日本語テキスト", 7) == "日本語…"


def test_rows_align_in_columns_without_trailing_spaces() -> None:
    rows = [
        [[("pair", "bold")], [("due", "")], [("", "")]],
        [[("日本/ana #1", "")], [("2026-01-01", "red"), (" late", "bold red")], [("x", "")]],
    ]
    lines = Lines()
    column_widths = widths(rows)
    for row in rows:
        lines.add_row(row, column_widths)
    out = io.StringIO()
    Console(file=out, width=80, color_system=None, markup=False).print(lines)
    first, second = out.getvalue().splitlines()
    assert first == "pair         due"
    assert second == "日本/ana #1  2026-01-01 late  x"
