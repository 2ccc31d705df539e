"""render/text.py: every character that could act on a terminal comes out as an escape."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from mentorcli.render.text import HIDDEN_RANGES, one_line, visible

# The same set, spelled as a regex, as the one the translate table replaced.
REFERENCE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]"
)


def reference(text: str) -> str:
    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return REFERENCE.sub(escape, text)


def test_every_code_point_is_escaped_as_before() -> None:
    every = "".join(chr(code) for code in range(0x10000) if not 0xD800 <= code < 0xE000)
    assert visible(every) == reference(every)


@given(st.text())
def test_visible_text_holds_no_control_or_bidi_character(text: str) -> None:
    shown = visible(text)
    assert shown == reference(text)
    assert all(unicodedata.category(c) not in ("Cc",) or c in "\n\t" for c in shown)
    assert not any(first <= c <= last for c in shown for first, last in HIDDEN_RANGES)


def test_one_line_flattens_and_cuts() -> None:
    assert one_line("a\n\tb\x1b[2J", 60) == "a b\\x1b[2J"
    assert one_line("word " * 30, 20) == "word word word word…"
