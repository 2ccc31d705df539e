"""The Store: every SQL statement mentorcli runs, one object per table group."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .agreement import Expectations, Goals
from .connection import open_connection
from .core import Db, system_clock
from .followups import Actions, Topics
from .pairs import Pairs
from .people import People, TimeOffs
from .plans import Plans
from .sessions import Sessions

if TYPE_CHECKING:
    import sqlite3

    from .exchange import Exchange
    from .history import History
    from .reports import Reports
    from .search import SearchIndex
    from .sync import SyncTables
    from .undo import UndoLog


class Store:
    """The mentor database, opened (and migrated if needed) once per command: storage keyed
    by ids. The rules (what may change, and what a change means) live in the services."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        clock: Callable[[], datetime] = system_clock,
        uids: Callable[[], str] | None = None,
    ) -> None:
        self._db = Db(conn, clock, uids)
        self.path = path
        self.people = People(self._db)
        self.time_off = TimeOffs(self._db)
        self.pairs = Pairs(self._db)
        self.expectations = Expectations(self._db)
        self.goals = Goals(self._db)
        self.sessions = Sessions(self._db)
        self.actions = Actions(self._db)
        self.topics = Topics(self._db)
        self.plans = Plans(self._db)

    @classmethod
    def open(
        cls,
        path: Path,
        clock: Callable[[], datetime] = system_clock,
        uids: Callable[[], str] | None = None,
    ) -> Store:
        """Open the database; `uids` makes new uids reproducible (the benchmark's seed)."""
        return cls(open_connection(path, clock), path, clock, uids)

    @property
    def conn(self) -> sqlite3.Connection:
        return self._db.conn

    def close(self) -> None:
        self._db.conn.close()

    def write(self) -> AbstractContextManager[None]:
        """One immediate transaction: everything inside lands together or not at all."""
        return self._db.write()

    def backup_into(self, target: Path) -> None:
        """Copy the whole database into `target` with SQLite's online backup API."""
        import sqlite3

        dest = sqlite3.connect(str(target))
        try:
            self._db.conn.backup(dest)
        finally:
            dest.close()

    # The reads behind reports, search and exchange are built when a command uses them:
    # defining their records costs every other command.

    def reports(self) -> Reports:
        from .reports import Reports

        return Reports(self._db, self.path)

    def history(self, pair_id: int, since: str | None = None) -> History:
        from .history import History

        return History(self._db, pair_id, since)

    def search(self) -> SearchIndex:
        from .search import SearchIndex

        return SearchIndex(self._db)

    def sync(self) -> SyncTables:
        from .sync import SyncTables

        return SyncTables(self._db)

    def undo(self) -> UndoLog:
        from .undo import UndoLog

        return UndoLog(self._db)

    def exchange(self) -> Exchange:
        from .exchange import Exchange

        return Exchange(self._db)


__all__ = ["Store"]
