"""User text made safe to show: control, bidi and zero-width characters made visible."""

from __future__ import annotations

# C0 and C1 controls (but newline and tab), DEL, bidi embeddings/overrides/isolates,
# zero-width and other invisible format characters, line/paragraph separators: inclusive ranges.
HIDDEN_RANGES = (
    ("\x00", "\x08"),
    ("\x0b", "\x1f"),
    ("\x7f", "\x9f"),
    ("\u00ad", "\u00ad"),
    ("\u034f", "\u034f"),
    ("\u061c", "\u061c"),
    ("\u115f", "\u1160"),
    ("\u17b4", "\u17b5"),
    ("\u180e", "\u180e"),
    ("\u200b", "\u200f"),
    ("\u2028", "\u202e"),
    ("\u2060", "\u206f"),
    ("\u3164", "\u3164"),
    ("\ufe00", "\ufe0f"),
    ("\ufeff", "\ufeff"),
    ("\uffa0", "\uffa0"),
    ("\ufff9", "\ufffb"),
)


# Invisible characters beyond the Basic Multilingual Plane: musical-notation format controls
# and the tag characters (which can smuggle text past a reader).
ASTRAL_HIDDEN = ((0x1D173, 0x1D17A), (0xE0000, 0xE007F))


def hidden_escapes() -> dict[int, str]:
    """Every character `visible` escapes, with its escape: a str.translate table."""
    table = {
        code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
        for first, last in HIDDEN_RANGES
        for code in range(ord(first), ord(last) + 1)
    }
    for first_code, last_code in ASTRAL_HIDDEN:
        table.update({code: f"\\U{code:08x}" for code in range(first_code, last_code + 1)})
    return table


# One translate pass: no regex to compile at start-up, and faster than one over long notes.
_ESCAPES = hidden_escapes()


def _json_escape(code: int) -> str:
    if code < 0x10000:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def json_text(data: object) -> str:
    """`data` as indented JSON whose every control, bidi and invisible format character is a
    \\u escape: JSON readers get the text back exactly, a terminal that shows it acts on none."""
    import json

    escapes = {code: _json_escape(code) for code in _ESCAPES}
    return json.dumps(data, ensure_ascii=False, indent=2).translate(escapes) + "\n"


def visible(text: str) -> str:
    """The text with every character that could act on a terminal shown as an escape."""
    return text.translate(_ESCAPES)


def one_line(text: str, width: int = 60) -> str:
    """A visible single-line preview, cut with an ellipsis when longer than width."""
    flat = " ".join(visible(text).split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"
