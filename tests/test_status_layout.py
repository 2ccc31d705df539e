"""`mentor status` laid out in one pass prints what Rich's own layout printed: the attention
grid, cut lines, paused pairs; and its reads and --json keep their answers."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.text import Text

from mentorcli.render.columns import ONE_CELL, Lines, cell_width, widths
from mentorcli.render.status import NARROWEST, AttentionList, _attention_grid, _paused
from mentorcli.reports.status import Attention, Paused, Status
from seed_helpers import at, ok

from conftest import Run


def printed(parts: list[RenderableType], width: int, *, colour: bool, crop: bool = True) -> str:
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        markup=False,
        emoji=False,
        highlight=False,
        force_terminal=colour,
        color_system="truecolor" if colour else None,
    )
    for part in parts:
        console.print(part, crop=crop)
    return out.getvalue()


words = st.text(st.sampled_from("abc xyz 日本語 é-/#:()[]…"), min_size=1, max_size=120).filter(
    lambda text: text.strip() != ""
)
items = st.lists(
    st.builds(
        Attention,
        st.sampled_from(["lapsed", "falling", "overdue-action", "review"]),
        st.integers(1, 999),
        st.from_regex(r"[a-z日本]{1,12}/[a-z.]{1,20}", fullmatch=True),
        words,
        st.integers(0, 400),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(items, st.integers(NARROWEST, 160), st.booleans())
def test_the_attention_list_is_laid_out_as_rich_lays_out_its_grid(
    shown: list[Attention], width: int, colour: bool
) -> None:
    ours = printed([AttentionList(shown)], width, colour=colour, crop=False)
    assert ours == printed([_attention_grid(shown)], width, colour=colour)


cells = st.lists(
    st.lists(
        st.lists(
            st.tuples(
                st.text(st.sampled_from("ab 日·▁█"), max_size=9), st.sampled_from(["", "red"])
            ),
            min_size=1,
            max_size=2,
        ),
        min_size=3,
        max_size=3,
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=150, deadline=None)
@given(cells, st.integers(1, 30), st.booleans())
def test_lines_cut_to_the_width_as_rich_crops_them(
    rows: list[list[list[tuple[str, str]]]], width: int, colour: bool
) -> None:
    lines = Lines()
    column_widths = widths(rows)
    for row in rows:
        lines.add_row(row, column_widths, "  ")
    ours = printed([lines], width, colour=colour, crop=False)
    assert ours == printed([lines], width, colour=colour, crop=True)
    assert all(len(line) <= width * 2 for line in ours.splitlines())


@pytest.mark.parametrize("width", [10, 30, 80])
@pytest.mark.parametrize("colour", [False, True])
def test_paused_pairs_print_as_one_line_each(width: int, colour: bool) -> None:
    paused = (
        Paused(1, "rui/ana", "2026-11-01", 28),
        Paused(2, "日本語の長い名前のメンターさんです/ben", None, None),
        Paused(3, "a-long-handle-of-thirty-two-1234/zoe", "2026-11-29", 0),
    )
    status = Status("2026-11-29", (), (), paused)
    alone = [
        Text("\nPaused", style="bold"),
        Text("  rui/ana: since 2026-11-01 (28 days ago)", style="dim"),
        Text("  日本語の長い名前のメンターさんです/ben: paused", style="dim"),
        Text("  a-long-handle-of-thirty-two-1234/zoe: since 2026-11-29 (today)", style="dim"),
    ]
    assert printed(_paused(status), width, colour=colour) == printed(alone, width, colour=colour)


def test_status_json_names_every_field() -> None:
    """--json has every field of each record by name, but not the count of what the screen
    did not read, which is 0 whenever --json reads (it reads everything)."""
    attention = (Attention("lapsed", 1, "rui/ana", "no touchpoint", 3),)
    status = Status("2026-11-29", (), attention, (Paused(2, "rui/ben", None, None),))
    expected = {
        "today": "2026-11-29",
        "pairs": [],
        "attention": [
            {
                "kind": "lapsed",
                "pair_id": 1,
                "pair": "rui/ana",
                "text": "no touchpoint",
                "days": 3,
                "ref": None,
            }
        ],
        "paused": [{"pair_id": 2, "pair": "rui/ben", "since": None, "days": None}],
    }
    assert json.loads(json.dumps(status.json())) == expected


def test_sessions_at_the_same_instant_keep_their_order_and_the_newest_six(people: Run) -> None:
    """Of more than six sessions the newest six are kept, the later ids of a tie at the sixth;
    ratings run oldest first, sessions logged for one instant in the order status has always
    shown them: the later id first."""
    run = people
    rapport = [1, 2, 3, 4, 5, 1, 2, 3]
    moments = [at(20), at(18), at(16), at(16), at(12), at(10), at(10), at(10)]
    for number, (when, rating) in enumerate(zip(moments, rapport, strict=True)):
        ok(run, "log", "rui/ana", "--when", when, "--rapport", str(rating), "--notes", f"n{number}")
    row = next(p for p in json.loads(ok(run, "status", "--json"))["pairs"] if p["pair_id"] == 1)
    assert row["rapport"] == [4, 3, 5, 3, 2, 1]
    assert row["last_touch"].startswith(moments[-1].replace(" ", "T"))


def test_what_is_measured_by_its_length_takes_one_cell_a_character() -> None:
    assert all(cell_len(c) == 1 for c in ONE_CELL)
    assert cell_width([("▁▂▃·█ ↘", ""), (" 日本", "red")]) == 12 == cell_len("▁▂▃·█ ↘ 日本")
