"""One instant on one person's clock: how the agenda and the summary show a time to both of a
pair, apart from either so that each defines only its own records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LocalTime:
    """One instant on one person's clock."""

    handle: str
    zone: str
    at: str  # ISO 8601 with that zone's offset
