"""What every command shares in one run: the database path, the open Store, the clock."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store


class Runtime:
    # A plain class, not a dataclass: every run, `--help` included, builds it at start-up.
    def __init__(self) -> None:
        self.db_option: str | None = None
        self.debug = False
        self._store: Store | None = None

    def reset(self, db_option: str | None, debug: bool) -> None:
        self.close()
        self.db_option = db_option
        self.debug = debug

    @property
    def db_path(self) -> Path:
        from ..store.connection import resolve_db_path

        return resolve_db_path(self.db_option)

    def store(self) -> Store:
        """The Store, opened (and migrated if needed) on first use in this run."""
        if self._store is None:
            from ..store import Store

            self._store = Store.open(self.db_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @staticmethod
    def now() -> datetime:
        return datetime.now(UTC)

    @staticmethod
    def local_zone() -> str:
        from ..zones import local_zone_name

        return local_zone_name()

    @staticmethod
    def interactive() -> bool:
        return sys.stdin is not None and sys.stdin.isatty()


runtime = Runtime()
