"""The Store: every SQL statement mentorcli runs, one object per table group."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .connection import open_connection
from .core import Db, system_clock

if TYPE_CHECKING:
    import sqlite3

    from .agreement import Expectations, Goals
    from .away import TimeOffs
    from .exchange import Exchange
    from .followups import Actions, Topics
    from .history import History
    from .pairs import Pairs
    from .people import People
    from .plans import Plans
    from .reports import Reports
    from .search import SearchIndex
    from .sessions import Sessions
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

    # Each table group is built the first time a command uses it: importing it defines its
    # records' dataclasses, which the commands that never read that table need not pay for.

    @cached_property
    def people(self) -> People:
        from .people import People

        return People(self._db)

    @cached_property
    def time_off(self) -> TimeOffs:
        from .away import TimeOffs

        return TimeOffs(self._db)

    @cached_property
    def pairs(self) -> Pairs:
        from .pairs import Pairs

        return Pairs(self._db)

    @cached_property
    def expectations(self) -> Expectations:
        from .agreement import Expectations

        return Expectations(self._db)

    @cached_property
    def goals(self) -> Goals:
        from .agreement import Goals

        return Goals(self._db)

    @cached_property
    def sessions(self) -> Sessions:
        from .sessions import Sessions

        return Sessions(self._db)

    @cached_property
    def actions(self) -> Actions:
        from .followups import Actions

        return Actions(self._db)

    @cached_property
    def topics(self) -> Topics:
        from .followups import Topics

        return Topics(self._db)

    @cached_property
    def plans(self) -> Plans:
        from .plans import Plans

        return Plans(self._db)

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
