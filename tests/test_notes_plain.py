"""Plain notes are written without the parser: byte for byte as the parser path writes them,
and only when nothing in them could mean more than plain paragraphs, headings and items."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mentorcli.render.markdown import unlinked
from mentorcli.render.notes_markdown import (
    note_markdown,
    parsed_note_markdown,
    plain_note_markdown,
)
from mentorcli.render.text import hidden_escapes


def same_as_parsed(note: str) -> bool:
    """Whether the plain path took the note; either way, what it wrote is the parser's."""
    plain = plain_note_markdown(note)
    assert plain is None or plain == parsed_note_markdown(note), note
    assert note_markdown(note) == parsed_note_markdown(note)
    return plain is not None


# Characters at the edges of what the plain path takes: block and inline syntax, spaces of
# every kind, hidden characters, what a linkify pass reads, digits before `.` and `)`.
BOUNDARY = st.sampled_from(
    [
        *"#>*-+=_`~<>&|[]()!\\:/.@1) \n\t\r\x0b\x0c\x00\x1b\x85\xa0\u2003\u2028\u200b\u3000",
        *("\U000e0041", "\u202e", "ß", "é", "日"),
    ]
)
WORDS = st.sampled_from(["a", "word", "Word", "e.g.", "08:00", "x:y", "a//b", "1.5", "2024"])
FRAGMENTS = st.sampled_from(
    [
        "# ",
        "## ",
        "###### ",
        "####### ",
        "#",
        "- ",
        "-",
        "--",
        "---",
        "+ ",
        "* ",
        "1. ",
        "1) ",
        "2. ",
        "10) ",
        "===",
        "=",
        "    ",
        "  ",
        " ",
        "\n",
        "\n\n",
        "\n\n\n",
        "\n- ",
        "\n## ",
        "http://x.org",
        "example.com",
        "a@b.co",
        "//host",
        "mailto:a@b.co",
        ". ",
        ".",
        ":",
    ]
)
NOTES = st.lists(FRAGMENTS | WORDS | BOUNDARY | st.text(BOUNDARY, max_size=3), max_size=30).map(
    "".join
)


@settings(max_examples=3000, deadline=None)
@given(NOTES)
@example("")
@example("\n\n")
@example("- a\n\n\n- b")
@example("para\n- item\n- item\n\n## Heading\ntext")
def test_any_note_is_written_as_the_parser_writes_it(note: str) -> None:
    same_as_parsed(note)


# Plain prose as people write it: words of letters, digits and the punctuation that means
# nothing in Markdown, in paragraphs, `#` headings and `- ` items.
LETTERS = st.characters(categories=["L"], exclude_characters="\u3164\u115f\u1160\uffa0")
PROSE_WORD = st.text(LETTERS, min_size=1, max_size=8) | st.sampled_from(
    [
        *("e.g.", "v1.2", "08:00", "http://x.org/a", "a//b", "(see", "it)", "don't", '"so"'),
        *("50%", "2024", "12", "a@b.co", "example.com.", "x:", "re:", "$5", "a;", "b?", "c,"),
        *("-", "+1"),
    ]
)
PHRASE = st.builds(
    lambda first, rest: " ".join([first, *rest]),
    st.text(LETTERS, min_size=1, max_size=8),
    st.lists(PROSE_WORD, max_size=6),
)
PROSE_LINE = st.one_of(
    PHRASE,
    PHRASE.map(lambda p: "- " + p),
    st.tuples(st.integers(1, 6), PHRASE).map(lambda h: "#" * h[0] + " " + h[1]),
    st.just(""),
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(PROSE_LINE, max_size=14))
def test_prose_is_written_without_the_parser(lines: list[str]) -> None:
    note = "\n".join(lines)
    # An item's text continues onto a plain line right after it: that one goes to the parser.
    lazy = re.search(r"^- .*\n[^-#\n]", note, re.MULTILINE)
    assert same_as_parsed(note) is (lazy is None)


@settings(max_examples=1500, deadline=None)
@given(st.lists(PROSE_LINE | NOTES, max_size=14))
def test_prose_with_markdown_in_it_is_written_as_the_parser_writes_it(lines: list[str]) -> None:
    same_as_parsed("\n".join(lines))


@pytest.mark.parametrize(
    "note",
    [
        "Talked about the roadmap.",
        "Two paragraphs.\n\nThe second one, with 08:00 and 1.5 hours.",
        "A line\nand the next one",
        "\n\nBlank lines around\n\n\n",
        "## Heading\nright after it a paragraph",
        "# One\n###### Six",
        "Paragraph\n- an item interrupting it\n- another",
        "- tight\n- list\n\nthen text",
        "- loose\n\n- list\n- third",
        "- a list\n## then a heading",
        "See example.com, http://x.org/a//b and a@b.co: linkish text, escaped.",
        "A year. 10 people came in 2024",
        "Ünïcödé, 日本語 and emoji 🎉",
        "x:y and re: things; (parentheses) and 'quotes' and \"doubles\" and 50% and $5",
        "a - b + c = d",
    ],
)
def test_plain_notes_take_the_plain_path(note: str) -> None:
    assert same_as_parsed(note)


@pytest.mark.parametrize(
    "note",
    [
        "1. ordered",
        "1) ordered",
        "text\n2. not a list but close",
        "2024 was a year: lines starting with digits go to the parser",
        "- 1. nested",
        "## 1) heading",
        "+ plus list",
        "* star list",
        "Setext\n===",
        "Setext\n---",
        "---",
        "- - -",
        "- ",
        "-",
        "-no space",
        "- item\nlazy continuation",
        "    indented code",
        " one leading space",
        "trailing space ",
        "hard break  \nnext",
        "a\tb",
        "a\r\nb",
        "non\xa0breaking",
        "em\u2003space",
        "line\u2028separator",
        "zero\u200bwidth",
        "bidi\u202eoverride",
        "esc\x1b[31m",
        "nul\x00",
        "#no space",
        "####### seven",
        "## closing ##",
        "a # inside",
        "## ",
        "#",
        "*emphasis*",
        "_under_",
        "`code`",
        "~~strike~~",
        "[link](x)",
        "![image](x)",
        "<b>html</b>",
        "&amp; entity",
        "a | b",
        "back\\slash",
        "> quote",
        "- > quote in item",
        "## - heading with a dash",
        "- = item with equals",
    ],
)
def test_notes_with_markdown_go_to_the_parser(note: str) -> None:
    assert not same_as_parsed(note)


def test_every_space_but_space_and_newline_goes_to_the_parser() -> None:
    """Python strips Unicode whitespace at a line's edges, and the parser's paragraphs with
    it: none but the two the plain path writes may pass it."""
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace() and chr(c) not in " \n"]
    assert spaces
    for space in spaces:
        assert plain_note_markdown(f"a{space}b") is None, hex(ord(space))


def test_every_hidden_character_goes_to_the_parser() -> None:
    for code in hidden_escapes():
        assert plain_note_markdown(f"a{chr(code)}b") is None, hex(code)


# The single pattern the link-breaking escapes had before they were split in three.
ONE_PATTERN = re.compile(r"\.(?=\S)|(?<=[A-Za-z]):(?=\S)|/(?=/)")


@settings(max_examples=1500, deadline=None)
@given(st.text(st.sampled_from(list(".:/ aZ\n\t\\\xa0\u3000é1")), max_size=24))
def test_link_breaking_escapes_are_those_of_one_pattern(text: str) -> None:
    assert unlinked(text) == ONE_PATTERN.sub(r"\\\g<0>", text)


def test_which_ascii_characters_go_to_the_parser() -> None:
    syntax = set("\\`*_[]<>&|~!#") | {chr(c) for c in (*range(32), 127)} - {"\n"}
    for code in range(128):
        character = chr(code)
        assert (plain_note_markdown(f"a{character}b") is None) is (character in syntax), code
