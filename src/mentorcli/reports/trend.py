"""Whether a pair's ratings are rising, falling or steady: what status and the summary show.

Apart from reports/status.py so that an export, which shows a trend too, does not define the
status screen's records.
"""

from __future__ import annotations

from collections.abc import Sequence

# A trend compares the mean of the last three ratings with the (up to) three before.
WINDOW = 3
FALL = 1.0


def trend(values: Sequence[int | None]) -> str:
    """rising, falling or steady; "" with fewer than five ratings (two to compare against)."""
    rated = [v for v in values if v is not None]
    if len(rated) < WINDOW + 2:
        return ""
    last, before = rated[-WINDOW:], rated[-2 * WINDOW : -WINDOW]
    change = sum(last) / len(last) - sum(before) / len(before)
    if change <= -FALL:
        return "falling"
    if change >= FALL:
        return "rising"
    return "steady"
