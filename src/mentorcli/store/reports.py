"""Reads behind the reports (agenda, status, summary) and the database's own upkeep."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .core import PAIR_PEOPLE, PAIR_REF, Db

# The records these reads return are built in store/records.py and store/activity.py,
# imported by the reads that need them: every run imports the Store, few run a report.
if TYPE_CHECKING:
    from .activity import LateAction as LateAction
    from .activity import PairActivity as PairActivity
    from .activity import PausedPair as PausedPair
    from .activity import ReviewDue as ReviewDue
    from .activity import Touch as Touch
    from .health import Health as Health
    from .records import PairRecords as PairRecords
    from .reminders import DueReview as DueReview
    from .reminders import OverdueAction as OverdueAction

# How many recent sessions per pair the status screen reads for its trend.
RECENT = 6
# What active_activity reads of each active pair (of `who`, with WHOSE), in PairActivity's
# order: what its due date and lapse are reckoned from, and counts each through an index on
# the pair's own rows (action_pair, goal_pair): open actions, those due before today, goals
# not dropped and their mean progress.
ACTIVITY = (
    f"SELECT pair.id, {PAIR_REF}, pair.mentor_id, pair.mentee_id, "
    "pair.cadence, pair.start_date, mentor.timezone, "
    "(SELECT count(*) FROM action WHERE action.pair_id = pair.id AND action.status = 'open') "
    "AS open_actions, "
    "(SELECT count(*) FROM action WHERE action.pair_id = pair.id AND action.status = 'open' "
    "AND action.due_on < :today) AS overdue_actions, "
    "(SELECT count(*) FROM goal WHERE goal.pair_id = pair.id AND goal.status != 'dropped') "
    "AS goals, "
    "(SELECT avg(goal.progress) FROM goal WHERE goal.pair_id = pair.id "
    "AND goal.status != 'dropped') AS goal_progress "
    f"FROM pair{PAIR_PEOPLE}"
    "WHERE pair.status = 'active'{whose} ORDER BY pair.id"
)
# Each active pair's sessions from its RECENT-th latest on, from session_pair_recent alone:
# sessions that started at the same instant as that one come too, and are left in Python.
RECENT_TOUCHES = (
    "SELECT session.pair_id, session.id, session.started_at, session.rapport, "
    "session.engagement FROM pair JOIN session INDEXED BY session_pair_recent "
    "ON session.pair_id = pair.id AND session.started_at >= ifnull(("
    "  SELECT s.started_at FROM session AS s WHERE s.pair_id = pair.id"
    f"  ORDER BY s.started_at DESC LIMIT 1 OFFSET {RECENT - 1}), '') "
    "WHERE pair.status = 'active'{whose} "
    "ORDER BY session.pair_id, session.started_at DESC, session.id DESC"
)
# The open actions of active pairs due before a day (`?`): what status calls overdue.
LATE = (
    f"JOIN pair ON pair.id = action.pair_id AND pair.status = 'active'{PAIR_PEOPLE}"
    "WHERE action.status = 'open' AND action.due_on < ?"
)
# Active expectations of active pairs whose review date (the parameter) has come.
REVIEWS = (
    f"JOIN pair ON pair.id = expectation.pair_id AND pair.status = 'active'{PAIR_PEOPLE}"
    "WHERE expectation.state = 'active' AND expectation.review_on <= ?"
)
# The pairs of one person (`:who`, a person's id): what `remind` reads for `me`.
WHOSE = " AND (pair.mentor_id = :who OR pair.mentee_id = :who)"
TABLES = (
    "person",
    "pair",
    "expectation",
    "goal",
    "session",
    "action",
    "topic",
    "planned_session",
)


# Stored values outside what mentor works with (dates 1900-2200, 0-1440 minutes a session):
# written by hand or by an older version, they are found here rather than by a crash.
_DATES = {
    "session": ("started_at",),
    "pair": ("start_date", "end_date", "paused_on"),
    "expectation": ("agreed_on", "review_on"),
    "goal": ("due_on", "achieved_on"),
    "action": ("due_on", "done_on"),
}
OUT_OF_RANGE = " UNION ALL ".join(
    [
        f"SELECT '{table} #' || id || ' {column} ' || {column} FROM {table} "
        f"WHERE {column} IS NOT NULL AND ({column} < '1900-01-01' OR {column} >= '2201-01-01')"
        for table, columns in _DATES.items()
        for column in columns
    ]
    + [
        "SELECT 'session #' || id || ' minutes ' || minutes FROM session "
        "WHERE minutes IS NOT NULL AND (minutes < 0 OR minutes > 1440)"
    ]
)


class Reports:
    """The reads behind the reports, a few queries each, and the database's own upkeep."""

    def __init__(self, db: Db, path: Path) -> None:
        self._db = db
        self.path = path

    def pair_records(
        self, pair_id: int, since: str | None = None, *, history: bool = True
    ) -> PairRecords:
        """The pair and its records; `since` (a UTC ISO instant) limits the sessions. Without
        `history` only the open goals and actions are read and no sessions but the last: the
        agenda's needs, a few rows whatever the pair's years on record."""
        from ..model.agreement import Expectation, Goal
        from ..model.followups import Action, Topic
        from ..model.sessions import Session
        from .pairs import Pairs
        from .people import People
        from .records import PairRecords

        pair = Pairs(self._db).get(pair_id)
        assert pair is not None, "the pair was resolved before its records are read"
        mentor, mentee = People(self._db).get(pair.mentor_id), People(self._db).get(pair.mentee_id)
        assert mentor is not None and mentee is not None
        expectations = self._db.all(
            "SELECT * FROM expectation WHERE pair_id = ? AND state = 'active' "
            "ORDER BY CASE topic WHEN 'other' THEN 1 ELSE 0 END, topic, id",
            (pair_id,),
        )
        # Without history, `status = 'open'` narrows the (pair_id, status) indexes.
        only_open = "" if history else " AND status = 'open'"
        goals = self._db.all(
            f"SELECT * FROM goal WHERE pair_id = ?{only_open} "
            "ORDER BY status = 'open' DESC, due_on IS NULL, due_on, id",
            (pair_id,),
        )
        sessions = (
            self._db.all(
                "SELECT * FROM session WHERE pair_id = ? AND started_at >= ? "
                "ORDER BY started_at, id",
                (pair_id, since or ""),
            )
            if history
            else []
        )
        actions = self._db.all(
            f"SELECT * FROM action WHERE pair_id = ?{only_open} "
            "ORDER BY status = 'open' DESC, due_on IS NULL, due_on, id",
            (pair_id,),
        )
        topics = self._db.all(
            "SELECT * FROM topic WHERE pair_id = ? AND covered_session_id IS NULL ORDER BY id",
            (pair_id,),
        )
        last = self._db.one(
            "SELECT * FROM session WHERE pair_id = ? ORDER BY started_at DESC, id DESC LIMIT 1",
            (pair_id,),
        )
        return PairRecords(
            pair=pair,
            mentor=mentor,
            mentee=mentee,
            expectations=tuple(Expectation(**dict(r)) for r in expectations),
            goals=tuple(Goal(**dict(r)) for r in goals),
            sessions=tuple(Session(**dict(r)) for r in sessions),
            actions=tuple(Action(**dict(r)) for r in actions),
            topics=tuple(Topic(**dict(r)) for r in topics),
            last_session=Session(**dict(last)) if last else None,
        )

    def active_activity(self, today: str, who: int | None = None) -> list[PairActivity]:
        """Every active pair (of the person `who`, when given) with its recent sessions and
        counts: two queries, each row found through an index, the same few per pair whatever
        the years of sessions behind it."""
        from .activity import PairActivity, Touch

        whose = WHOSE if who is not None else ""
        pairs = self._db.all(ACTIVITY.format(whose=whose), {"today": today, "who": who})
        # The sessions come from session_pair_recent alone. One step into the session table
        # itself (its last row, found from the root down) makes a damaged one stop status with
        # exit 3, as it stops every other reader of sessions.
        self._db.one("SELECT max(id) FROM session")
        recent: dict[int, list[Touch]] = {}
        tied: set[int] = set()
        touches_of = RECENT_TOUCHES.format(whose=whose)
        for pair_id, session_id, started_at, rapport, engagement in self._db.all(
            touches_of, {"who": who}
        ):
            touches = recent.setdefault(pair_id, [])
            if len(touches) < RECENT:  # sessions that started with the last one kept are left
                if touches and touches[-1].started_at == started_at:
                    tied.add(pair_id)
                touches.append(Touch(session_id, started_at, rapport, engagement))
        # Sessions that started at the same instant have always been listed lowest id first.
        for pair_id in tied:
            recent[pair_id].sort(key=lambda touch: touch.id)
            recent[pair_id].sort(key=lambda touch: touch.started_at, reverse=True)
        # Each row is the pair's fields before its recent sessions, then its counts.
        return [
            PairActivity._make((*row[:7], tuple(recent.get(row[0], ())), *row[7:])) for row in pairs
        ]

    def paused_pairs(self) -> list[PausedPair]:
        """The paused pairs, by id."""
        from .activity import PausedPair

        return [
            PausedPair(*row)
            for row in self._db.all(
                f"SELECT pair.id, {PAIR_REF}, pair.paused_on FROM pair{PAIR_PEOPLE}"
                "WHERE pair.status = 'paused' ORDER BY pair.id"
            )
        ]

    def next_planned(self, since: str) -> dict[int, tuple[int, str]]:
        """(id, start) of each pair's first planned session starting at or after `since`."""
        rows = self._db.all(
            "SELECT pair_id, id, min(starts_at) AS starts_at FROM planned_session "
            "WHERE status = 'planned' AND starts_at >= ? GROUP BY pair_id",
            (since,),
        )
        return {int(r["pair_id"]): (int(r["id"]), str(r["starts_at"])) for r in rows}

    def time_off_in_use(self) -> bool:
        """Whether anyone has time off, day hours or public holidays at all."""
        row = self._db.one(
            "SELECT EXISTS(SELECT 1 FROM time_off) "
            "OR EXISTS(SELECT 1 FROM person WHERE holidays != '') AS used"
        )
        return bool(row and row["used"])

    def late_actions(self, today: str, limit: int | None = None) -> list[LateAction]:
        """Open actions of active pairs due before today, in the screen's own order (due date,
        pair, id): only what the status screen shows of them, read from the index of open
        actions. With `limit`, only the first that many."""
        from .activity import LateAction

        return [
            LateAction(*row)
            for row in self._db.all(
                f"SELECT action.pair_id, {PAIR_REF}, action.id, "
                "action.owner, action.text, action.due_on FROM action INDEXED BY action_open_due "
                f"{LATE} ORDER BY action.due_on, 2, action.id LIMIT ?",
                (today, -1 if limit is None else limit),
            )
        ]

    def late_action_count(self, today: str) -> int:
        """How many open actions of active pairs are due before today."""
        # CROSS JOIN keeps the open actions the outer loop: left to itself, SQLite walks the
        # active pairs and scans every overdue action for each. Every pair has its people.
        row = self._db.one(
            "SELECT count(*) FROM action INDEXED BY action_open_due CROSS JOIN pair "
            "ON pair.id = action.pair_id AND pair.status = 'active' "
            "WHERE action.status = 'open' AND action.due_on < ?",
            (today,),
        )
        return 0 if row is None else int(row[0])

    def reviews_due(self, today: str, limit: int | None = None) -> list[ReviewDue]:
        """Active expectations of active pairs whose review date has come, in the screen's own
        order (review date, pair, id): what the status screen shows of them. With `limit`, only
        the first that many."""
        from .activity import ReviewDue

        return [
            ReviewDue(*row)
            for row in self._db.all(
                f"SELECT expectation.pair_id, {PAIR_REF}, "
                "expectation.id, expectation.topic, expectation.text, expectation.review_on "
                f"FROM expectation {REVIEWS} ORDER BY expectation.review_on, 2, expectation.id "
                "LIMIT ?",
                (today, -1 if limit is None else limit),
            )
        ]

    def review_count(self, today: str) -> int:
        """How many active expectations of active pairs have come to their review date."""
        row = self._db.one(f"SELECT count(*) FROM expectation {REVIEWS}", (today,))
        return 0 if row is None else int(row[0])

    def overdue_actions(self, today: str, who: int | None = None) -> list[OverdueAction]:
        """Open actions of active pairs (of the person `who`, when given) due before today,
        the longest overdue first."""
        from ..model.followups import Action
        from .reminders import OverdueAction

        rows = self._in_active_pairs(
            "action",
            "action.status = 'open' AND action.due_on < :today",
            "action.due_on, action.id",
            today,
            who,
        )
        return [OverdueAction(values["pair_id"], ref, Action(**values)) for ref, values in rows]

    def due_reviews(self, today: str, who: int | None = None) -> list[DueReview]:
        """Active expectations of active pairs (of the person `who`, when given) whose review
        date has come."""
        from ..model.agreement import Expectation
        from .reminders import DueReview

        rows = self._in_active_pairs(
            "expectation",
            "expectation.state = 'active' AND expectation.review_on <= :today",
            "expectation.review_on, expectation.id",
            today,
            who,
        )
        return [DueReview(values["pair_id"], ref, Expectation(**values)) for ref, values in rows]

    def _in_active_pairs(
        self, table: str, where: str, order: str, today: str, who: int | None
    ) -> list[tuple[str, dict[str, Any]]]:
        """Rows of `table` that belong to active pairs (of the person `who`, when given), each
        with its pair's MENTOR/MENTEE."""
        whose = WHOSE if who is not None else ""
        rows = self._db.all(
            f"SELECT {table}.*, {PAIR_REF} AS pair_ref FROM {table} "
            f"JOIN pair ON pair.id = {table}.pair_id AND pair.status = 'active'{whose}"
            f"{PAIR_PEOPLE}WHERE {where} ORDER BY {order}",
            {"today": today, "who": who},
        )
        found = []
        for row in rows:
            values = dict(row)
            found.append((values.pop("pair_ref"), values))
        return found

    # The database itself.

    def health(self) -> Health:
        from .connection import SCHEMA_VERSION
        from .health import Health

        # Damage bad enough stops the checks themselves; that is their finding too.
        try:
            rows = self._db.conn.execute("PRAGMA integrity_check").fetchall()
            integrity = tuple(str(r[0]) for r in rows)
        except sqlite3.DatabaseError as error:
            integrity = (f"the check itself failed: {error}",)
        try:
            broken = tuple(
                f"{r[0]} row {r[1]} points at a missing {r[2]}"
                for r in self._db.conn.execute("PRAGMA foreign_key_check").fetchall()
            )
        except sqlite3.DatabaseError as error:
            broken = (f"the check itself failed: {error}",)
        counts: dict[str, int] = {}
        for table in TABLES:
            try:
                row = self._db.one(f"SELECT count(*) FROM {table}")
            except sqlite3.DatabaseError:
                continue  # a damaged table: integrity_check has said so already
            counts[table] = row[0] if row else 0
        version = self._db.conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = self._db.conn.execute("PRAGMA application_id").fetchone()[0]
        try:
            strange = tuple(str(r[0]) for r in self._db.all(OUT_OF_RANGE))
        except sqlite3.DatabaseError as error:
            strange = (f"the check itself failed: {error}",)
        return Health(
            out_of_range=strange,
            path=str(self.path),
            integrity=integrity,
            foreign_keys=broken,
            schema_version=version,
            known_version=SCHEMA_VERSION,
            application_id=app_id,
            counts=counts,
        )
