"""What every command shares in one run: the database path, the open Store, the clock."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Config
    from ..store import Store


class Runtime:
    # A plain class, not a dataclass: every run, `--help` included, builds it at start-up.
    def __init__(self) -> None:
        self.db_option: str | None = None
        self.debug = False
        self._store: Store | None = None
        self._config: Config | None = None

    def reset(self, db_option: str | None, debug: bool) -> None:
        self.close()
        self.db_option = db_option
        self.debug = debug
        self._config = None

    def config(self) -> Config:
        """The settings file, read on first use in this run (a run that needs none reads none)."""
        if self._config is None:
            from ..config import config_path, load

            self._config = load(config_path())
        return self._config

    def reset_config(self, config: Config) -> None:
        """The settings as just saved."""
        self._config = config

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
