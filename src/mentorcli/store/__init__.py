"""The Store: every SQL statement mentorcli runs, behind one class."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .base import system_clock
from .connection import open_connection
from .pairs import PairStore
from .reports import ReportStore
from .search import SearchStore
from .sessions import SessionStore

if TYPE_CHECKING:
    from .exchange import ExchangeStore


class Store(SessionStore, SearchStore, ReportStore, PairStore):
    """The mentor database, opened (and migrated if needed) once per command."""

    @classmethod
    def open(cls, path: Path, clock: Callable[[], datetime] = system_clock) -> Store:
        return cls(open_connection(path, clock), path, clock)

    def exchange(self) -> ExchangeStore:
        """Whole-database export and merge, on the same connection.

        Kept out of the Store's bases because only `export --all` and `import`
        need it, and defining its record layouts costs every other command.
        """
        from .exchange import ExchangeStore

        return ExchangeStore(self.conn, self.path, self.clock)


__all__ = ["Store"]
