"""`mentor export PAIR`: the progress summary, read back with a CommonMark parser."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from mentorcli.render.markdown import block_start, both, cell, inline, quoted_block, unlinked
from mentorcli.render.text import visible
from mentorcli.reports.clock import LocalTime
from mentorcli.zones import city
from seed_helpers import at, day, history, ok

from conftest import Run, file_mode

EVIL = "\n".join(
    [
        "## Not a heading",
        "<script>alert(1)</script>",
        "[x](javascript:alert(1)) and ![img](http://x/y.png)",
        "| a | b |",
        "| --- | --- |",
        "    indented code",
        "```python",
        "- list item",
        "1. ordered",
        "> quote",
        "***",
        "Setext",
        "===",
        "<!-- comment -->",
        "&lt;entity&gt; &amp;",
        "<http://autolink.example>",
        "[ref]: javascript:alert(2)",
        "\x1b[31mred\x1b[0m \u202eevil",
        "# Also not a heading",
        "Title",
        "---",
    ]
)
HEADINGS = {
    "The pair",
    "The agreement",
    "Goals",
    "Figures",
    "Sessions",
    "Actions",
    "Done",
    "Open",
}


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def headings(tokens: list[Token]) -> list[str]:
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


def every_token(tokens: list[Token]) -> list[Token]:
    found = []
    for token in tokens:
        found.append(token)
        found.extend(every_token(token.children or []))
    return found


def test_summary_content(people: Run) -> None:
    run = history(people)
    outcome = run("export", "rui/ana")
    assert outcome.code == 0, outcome.err
    text = outcome.out
    for expected in (
        "# Mentoring progress: rui and ana",
        "covering every session on record.",
        "Mentor: rui (Rui Costa), Europe/Lisbon",
        "Mentee: ana, America/New_York, working hours mon-thu 08:00-16:00",
        "Cadence: weekly",
        "Focus: career growth",
        "response-time: Answer within two days",
        "| Write an RFC | open | ██████░░░░ 60% | - |",
        "| Sessions and touchpoints | 4 |",
        "| Hours together | 3.1 |",
        "| Asynchronous touchpoints | 1 (25%) |",
        "| Cadence kept | 100% of 3 intervals |",
        "> Talked about the RFC.",
        "> Next: the review.",
        "- draft the RFC (mentee, due",
    ):
        assert expected in text, expected
    tokens = parser().parse(text)
    found = headings(tokens)
    assert found[0] == "Mentoring progress: rui and ana"
    sessions = [h for h in found if h[0].isdigit()]
    assert len(sessions) == 4
    # Both clocks: 15:00 UTC is 15:00 in Lisbon (winter) or 16:00 (summer), 10:00 or 11:00 NY.
    assert "Lisbon" in sessions[0] and "New York" in sessions[0]
    assert "rui/ben" not in text and "hello" not in text


def test_note_text_never_breaks_the_structure(people: Run) -> None:
    run = people
    ok(run, "pair", "add", "ben", "ana", "--focus", "## focus <b>bold</b> | pipe")
    ok(run, "goal", "add", "ben/ana", "| evil | goal <img src=x onerror=alert(1)>")
    ok(
        run,
        "log",
        "ben/ana",
        "--when",
        at(3),
        "--notes",
        EVIL,
        "--tech-issue",
        "[a](javascript:x)",
        "--action",
        "ana: # do <i>it</i> | now [x](javascript:y)",
    )
    outcome = run("export", "ben/ana")
    assert outcome.code == 0, outcome.err
    tokens = parser().parse(outcome.out)
    every = every_token(tokens)
    kinds = {t.type for t in every}
    assert not kinds & {"html_block", "html_inline", "link_open", "image"}
    # The note's own Markdown shows: its heading as a bold line, the fence it left open closed
    # inside its quote.
    assert {"fence", "strong_open"} <= kinds
    linkified = MarkdownIt("gfm-like").enable(["linkify", "table", "strikethrough"])
    assert not {t.type for t in every_token(linkified.parse(outcome.out))} & {
        "html_block",
        "html_inline",
        "link_open",
        "image",
    }
    found = headings(tokens)
    assert set(found) - HEADINGS == {found[0], *[h for h in found if h[0].isdigit()]}
    assert len([h for h in found if h[0].isdigit()]) == 1
    assert found[0] == "Mentoring progress: ben and ana"
    # Exactly our two tables, each cell where we put it.
    assert [t.type for t in tokens].count("table_open") == 2
    rows = [t for t in tokens if t.type == "tr_open"]
    cells_per_row = []
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            end = next(j for j in range(i, len(tokens)) if tokens[j].type == "tr_close")
            cells_per_row.append(sum(1 for t in tokens[i:end] if t.type in ("td_open", "th_open")))
    assert set(cells_per_row[:2]) == {4} and set(cells_per_row[2:]) == {2}, cells_per_row
    assert len(rows) == 2 + 8
    # The note is one block quote, and the document goes on after it.
    quotes = [t for t in tokens if t.type == "blockquote_open" and t.level == 0]
    assert len(quotes) == 1
    html = parser().render(outcome.out)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "\x1b" not in outcome.out and "\\x1b[31mred" in html
    assert "\u202e" not in outcome.out


def _paragraphs(markdown: str) -> list[str]:
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)
    types = {t.type for t in tokens}
    assert types <= {
        "blockquote_open",
        "blockquote_close",
        "paragraph_open",
        "paragraph_close",
        "inline",
    }, types
    found = []
    for token in tokens:
        if token.type == "inline":
            parts = []
            for child in token.children or []:
                assert child.type in ("text", "softbreak"), child.type
                parts.append("\n" if child.type == "softbreak" else child.content)
            found.append("".join(parts))
    return found


def _expected_paragraphs(text: str) -> list[str]:
    paragraphs, current = [], []
    for line in visible(text).split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


MARKDOWN_ALPHABET = st.sampled_from(list("#>*-+=_`~<>&|[]()!\\:/.1) \n\tax")) | st.characters(
    codec="utf-8"
)


@settings(max_examples=400, deadline=None)
@given(st.text(MARKDOWN_ALPHABET, max_size=80))
def test_quoted_block_is_always_literal_text(text: str) -> None:
    markdown = "\n".join(quoted_block(text))
    assert _paragraphs(markdown) == _expected_paragraphs(text)


@settings(max_examples=300, deadline=None)
@given(st.text(MARKDOWN_ALPHABET, max_size=60))
def test_inline_and_cells_are_always_literal_text(text: str) -> None:
    flat = " ".join(visible(text).split())
    if flat:
        assert _paragraphs(f"> {inline(text)}") == [flat]
    table = f"| a | b |\n| --- | --- |\n| {cell(text)} | x |\n"
    tokens = parser().parse(table)
    cells = [tokens[i + 1] for i, t in enumerate(tokens) if t.type == "td_open"]
    assert len(cells) == 2
    assert {c.type for child in cells for c in child.children or []} <= {"text"}
    assert "".join(c.content for c in cells[0].children or []) == (flat or "")


def test_json_format_and_since(people: Run) -> None:
    run = history(people)
    whole = json.loads(ok(run, "export", "rui/ana", "--format", "json"))
    assert whole["pair"]["mentor"] == "rui" and len(whole["timeline"]) == 4
    assert whole["figures"]["sessions"] == 4 and whole["figures"]["async_share"] == 0.25
    assert whole["timeline"][0]["local"][1]["zone"] == "America/New_York"
    ok(run, "action", "done", "1")  # due two days ago: late
    ok(run, "action", "done", "2")  # due in five days: on time
    figures = json.loads(ok(run, "export", "rui/ana", "--format", "json"))["figures"]
    assert (figures["actions_with_due_date_done"], figures["actions_done_on_time"]) == (2, 1)
    assert figures["on_time_share"] == 0.5 and figures["cadence_kept"] == 1.0
    assert figures["rapport_mean"] == 4.25 and figures["hours"] == 3.1
    recent = json.loads(ok(run, "export", "rui/ana", "--format", "json", "--since", day(-10)))
    assert recent["since"] == day(-10) and len(recent["timeline"]) == 1
    assert recent["figures"]["intervals"] == 0 and recent["figures"]["cadence_kept"] is None
    markdown = ok(run, "export", "rui/ana", "--since", day(-10))
    assert f"since {day(-10)}" in markdown and markdown.count("\n### 1.") == 1
    bad = run("export", "rui/ana", "--format", "pdf")
    assert bad.code == 2 and "markdown or json" in bad.err
    assert run("export", "rui/ana", "--since", "2026-02-30").code == 2
    assert run("export", "nobody/ana").code == 2


def test_written_to_a_file_owner_only(people: Run, tmp_path: Path) -> None:
    run = history(people)
    target = tmp_path / "summary.md"
    outcome = run("export", "rui/ana", "-o", str(target))
    assert outcome.code == 0 and outcome.out == ""
    assert target.read_text().startswith("# Mentoring progress") and file_mode(target) == 0o600
    again = run("export", "rui/ana", "-o", str(target))
    assert again.code == 5 and "--force" in again.err
    assert run("export", "rui/ana", "-o", str(target), "--force").code == 0
    assert run("export", "rui/ana", "-o", "-").out.startswith("# Mentoring progress")


def test_a_pair_with_nothing_yet(people: Run) -> None:
    text = ok(people, "export", "rui/ben")
    assert "No expectations recorded." in text and "No sessions in this period." in text
    assert "| Cadence kept | - of 0 intervals |" in text


# What `inline` was before one translate pass did both of its passes.
_ESCAPED = str.maketrans({c: "\\" + c for c in "\\`*_[]<>&|~!"})


@settings(max_examples=600, deadline=None)
@given(st.text(MARKDOWN_ALPHABET, max_size=40))
def test_inline_is_the_visible_text_escaped(text: str) -> None:
    flat = " ".join(visible(text).split()).strip().translate(_ESCAPED)
    assert inline(text) == block_start(unlinked(flat))


ZONES = st.sampled_from(
    ["UTC", "Asia/Tehran", "America/St_Johns", "Pacific/Kiritimati", "Europe/Lisbon"]
)


@settings(max_examples=600, deadline=None)
@given(
    st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31)),
    st.tuples(ZONES, ZONES),
)
def test_both_clocks_read_as_strftime_writes_them(moment: datetime, zones: tuple[str, str]) -> None:
    local = tuple(
        LocalTime("x", name, moment.replace(tzinfo=UTC).astimezone(ZoneInfo(name)).isoformat())
        for name in zones
    )
    first, second = (datetime.fromisoformat(clock.at) for clock in local)
    later = "%H:%M" if first.date() == second.date() else "%a %d %b %Y %H:%M"
    expected = (
        f"{first.strftime('%a %d %b %Y %H:%M')} {city(zones[0])} · "
        f"{second.strftime(later)} {city(zones[1])}"
    )
    assert both((local[0], local[1])) == expected
