"""Rich's ways of fitting text to a width, worked out on plain strings: wrapping, cutting
and padding a line as Rich's Text and Segment do, with Rich's own line breaker and cell
measures, and narrowing a table's columns as Rich's Table does, so that text laid out here
prints as Rich would print it."""

from __future__ import annotations

import re
from typing import Literal

from .columns import one_cell, sized, width_of

Justify = Literal["left", "right", "default"]


def wrap(plain: str, width: int, justify: Justify, overflow: str, no_wrap: bool) -> list[str]:
    """Text wrapped to a width as Rich's Text.wrap wraps it, on plain strings: each line
    broken where Rich breaks it, its whitespace beyond the width dropped, then justified
    ("default" leaves a line as it is) and cut to the width."""
    lines = []
    for paragraph in plain.split("\n"):
        pieces = [paragraph]
        # A line of one-cell characters that fits is neither broken nor stripped.
        fits = len(paragraph) <= width and one_cell(paragraph)
        if not no_wrap and not fits:
            pieces = [rstrip_excess(piece, width) for piece in _broken(paragraph, width, overflow)]
        for piece in pieces:
            if justify == "left":
                piece = truncated(piece, width, overflow, pad=True)
            elif justify == "right":
                piece = truncated(piece.rstrip(), width, overflow)
                piece = " " * (width - width_of(piece)) + piece
            lines.append(truncated(piece, width, overflow))
    return lines


def _broken(paragraph: str, width: int, overflow: str) -> list[str]:
    """The line broken where Rich's line breaker breaks it."""
    from itertools import pairwise

    fold = overflow == "fold"
    if one_cell(paragraph):
        offsets = breaks(paragraph, width, fold)
    else:
        from rich._wrap import divide_line

        offsets = divide_line(paragraph, width, fold=fold)
    if not offsets:
        return [paragraph]
    bounds = [0, *offsets, len(paragraph)]
    return [paragraph[start:end] for start, end in pairwise(bounds)]


# A word as Rich's line breaker takes it: with the spaces before it (at the start of the text)
# and after it.
WORD = re.compile(r"\s*\S+\s*")


def breaks(text: str, width: int, fold: bool) -> list[int]:
    """Where Rich's line breaker (rich._wrap.divide_line) breaks text of one-cell characters:
    a word that does not fit goes on the next line; one longer than a whole line starts a
    line and, with `fold`, goes on over as many lines as it needs, cut every `width`
    characters, the next word going on after its last piece."""
    found: list[int] = []
    used = 0  # cells taken on the line so far
    for word in WORD.finditer(text):
        start, end = word.span()
        length = len(word.group().rstrip())
        if length <= width - used:
            used += end - start
        elif length > width:
            pieces = range(start, end, width) if fold else range(start, start + 1)
            found += [piece for piece in pieces if piece]
            used = end - pieces[-1]
        elif used and start:
            found.append(start)
            used = end - start
    return found


def fitted(plain: str, width: int, justify: Literal["left", "right"], no_wrap: bool) -> str:
    """A line that fits its width, as Rich's steps for text with spans leave its characters:
    whitespace beyond the width dropped, then padded to it on the side away from the text."""
    if justify == "left":
        return truncated(plain if no_wrap else rstrip_excess(plain, width), width, "fold", pad=True)
    kept = plain.rstrip()
    return " " * (width - width_of(kept)) + kept


def rstrip_excess(text: str, width: int) -> str:
    """Rich's Text.rstrip_end: trailing whitespace dropped as far as the text (counted in
    characters) is longer than the width."""
    excess = len(text) - width
    if excess <= 0:
        return text
    trailing = len(text) - len(text.rstrip())
    return text[: -min(trailing, excess)] if trailing else text


def truncated(text: str, width: int, overflow: str, pad: bool = False) -> str:
    """Rich's Text.truncate: cut to the width (with … for "ellipsis"), or padded to it."""
    length = width_of(text)
    if length > width:
        text = sized(text, width - 1) + "…" if overflow == "ellipsis" else sized(text, width)
    if pad and length < width:
        text += " " * (width - length)
    return text


def cut(text: str, width: int) -> str:
    """A line cut to the width as Rich's console cuts a line too long for it."""
    if width_of(text) <= width:
        return text
    return sized(text, width)


def paragraph(text: str, width: int) -> list[str] | None:
    """Text printed on its own as Rich's console prints a Text (words wrapped, a word longer
    than the width folded), or None for characters Rich may reckon otherwise: tabs, the
    variation selector and characters that print nothing of their own."""
    if "\t" in text or "\ufe0f" in text:
        return None
    if not text.isprintable() and not all(line.isprintable() for line in text.split("\n")):
        return None
    return wrap(text, width, "default", "fold", no_wrap=False)


def narrowed(widths: list[int], wrapping: list[bool], room: int) -> list[int]:
    """Rich's first way of fitting a table too wide for the console: the widest of the
    columns that wrap give way together, no narrower than the next widest, and again, until
    the table fits or they are all as narrow as the rest."""
    if not any(wrapping):
        return widths
    while (total := sum(widths)) > room:
        sizes = [width for width, wraps in zip(widths, wrapping, strict=True) if wraps]
        widest = max(sizes)
        step = widest - max((size for size in sizes if size != widest), default=0)
        if not total or not step:
            break
        shares = [
            int(wraps and width == widest) for width, wraps in zip(widths, wrapping, strict=True)
        ]
        most = min(total - room, step)
        widths = taken_off(total - room, shares, [most] * len(widths), widths)
    return widths


def taken_off(excess: int, shares: list[int], most: list[int], widths: list[int]) -> list[int]:
    """The excess taken off the widths in proportion to their shares (rounded half to even,
    as Rich rounds), no width losing more than its most; what one cannot lose, the ones
    after it share."""
    shares = [share if limit else 0 for share, limit in zip(shares, most, strict=True)]
    left, shared = excess, sum(shares)
    found = []
    for share, limit, width in zip(shares, most, widths, strict=True):
        if share and shared > 0:
            taken = min(limit, round(share * left / shared))
            left, shared = left - taken, shared - share
            width -= taken
        found.append(width)
    return found
