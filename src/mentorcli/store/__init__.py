"""The Store: every SQL statement mentorcli runs, behind one class."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from .base import system_clock
from .connection import open_connection
from .exchange import ExchangeStore
from .pairs import PairStore
from .reports import ReportStore
from .search import SearchStore
from .sessions import SessionStore


class Store(SessionStore, SearchStore, ReportStore, ExchangeStore, PairStore):
    """The mentor database, opened (and migrated if needed) once per command."""

    @classmethod
    def open(cls, path: Path, clock: Callable[[], datetime] = system_clock) -> Store:
        return cls(open_connection(path, clock), path, clock)


__all__ = ["Store"]
