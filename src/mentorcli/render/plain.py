"""Output printed as plain text, without importing Rich, where Rich would print no style.

Rich styles its output only for a terminal. Piped or redirected, a listing is its characters
alone, laid out at a width, and importing Rich's console to print them costs more than laying
them out. What the renderers build for a listing (Styled text, tables and aligned lines)
knows how to print itself at a width as Rich would; anything else, or a terminal, and Rich
prints it all. tests/test_plain.py holds the two to the same bytes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from .styled import Styled
from .wrap import paragraph


def terminal() -> bool:
    """Whether Rich takes stdout for a terminal, and so may style what it prints: its own
    reading of TTY_COMPATIBLE and FORCE_COLOR, then whether stdout is a tty."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    forced = os.environ.get("FORCE_COLOR")
    if forced is not None:
        return forced != ""
    isatty = getattr(sys.stdout, "isatty", None)
    try:
        return False if isatty is None else bool(isatty())
    except ValueError:  # a closed stream
        return False


def width() -> int:
    """The width Rich gives its console off a terminal: COLUMNS, else the size of the first
    of stdin, stdout and stderr that is a terminal, else 80."""
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    found = 0
    for descriptor in (0, 1, 2):
        try:
            found = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    return found or 80


# Narrower than this, Rich lays out in ways of its own (a table with no room inside its
# columns, a grid instead of the attention list): leave it to Rich.
NARROWEST = 20


def printed(parts: Iterable[object], at: int | None = None) -> str | None:
    """The text of the parts printed one after another, each as Rich's console prints it
    without style at the width (the console's own unless given), or None where Rich must
    print them: on a terminal, or a part that cannot lay itself out as Rich would."""
    if terminal():
        return None
    room = width() if at is None else at
    if room < NARROWEST:
        return None
    lines: list[str] = []
    for part in parts:
        found = lines_of(part, room)
        if found is None:
            return None
        lines += found
    return "".join(line + "\n" for line in lines)


def lines_of(part: object, room: int) -> list[str] | None:
    if isinstance(part, str):
        part = Styled(part)
    if isinstance(part, Styled):
        return paragraph(part.plain, room)
    plain_lines = getattr(part, "plain_lines", None)
    return None if plain_lines is None else plain_lines(room)
