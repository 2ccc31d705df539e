"""The schema as named, append-only migrations, run through sqlite_utils.Migrations."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

# sqlite_utils costs ~60 ms to import: only a database that needs migrating pays for it.
if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

# Each statement runs on its own: executescript() would commit the open
# transaction, and every migration must land whole or not at all.
CORE_TABLES = (
    """
    CREATE TABLE person (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        handle TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        timezone TEXT NOT NULL,
        hours TEXT NOT NULL,
        skills TEXT NOT NULL DEFAULT '[]',
        channels TEXT NOT NULL DEFAULT '[]',
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE pair (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        mentor_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        mentee_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'active'
            CHECK (status IN ('proposed', 'active', 'paused', 'completed', 'ended')),
        focus TEXT NOT NULL DEFAULT '',
        cadence TEXT NOT NULL DEFAULT 'weekly',
        channel TEXT NOT NULL DEFAULT 'video',
        start_date TEXT NOT NULL,
        end_date TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (mentor_id != mentee_id)
    )
    """,
    "CREATE INDEX pair_mentor ON pair(mentor_id, status)",
    "CREATE INDEX pair_mentee ON pair(mentee_id, status)",
    "CREATE INDEX pair_status ON pair(status)",
    """
    CREATE TABLE expectation (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        pair_id INTEGER NOT NULL REFERENCES pair(id) ON DELETE CASCADE,
        topic TEXT NOT NULL CHECK (topic IN ('cadence', 'channel', 'response-time', 'roles',
            'confidentiality', 'logistics', 'other')),
        text TEXT NOT NULL,
        agreed_on TEXT NOT NULL,
        review_on TEXT,
        state TEXT NOT NULL DEFAULT 'active'
            CHECK (state IN ('active', 'superseded', 'dropped')),
        superseded_by INTEGER REFERENCES expectation(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX expectation_pair ON expectation(pair_id, state)",
    """
    CREATE TABLE goal (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        pair_id INTEGER NOT NULL REFERENCES pair(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'achieved', 'dropped')),
        progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        due_on TEXT,
        achieved_on TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX goal_pair ON goal(pair_id, status)",
    """
    CREATE TABLE session (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        pair_id INTEGER NOT NULL REFERENCES pair(id) ON DELETE CASCADE,
        started_at TEXT NOT NULL,
        zone TEXT NOT NULL,
        minutes INTEGER CHECK (minutes IS NULL OR minutes >= 0),
        channel TEXT NOT NULL CHECK (channel IN ('video', 'call', 'chat', 'email', 'doc',
            'in-person')),
        notes TEXT NOT NULL DEFAULT '',
        rapport INTEGER CHECK (rapport IS NULL OR rapport BETWEEN 1 AND 5),
        engagement INTEGER CHECK (engagement IS NULL OR engagement BETWEEN 1 AND 5),
        tech_issue TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX session_pair_started ON session(pair_id, started_at)",
    """
    CREATE TABLE action (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        pair_id INTEGER NOT NULL REFERENCES pair(id) ON DELETE CASCADE,
        owner TEXT NOT NULL CHECK (owner IN ('mentor', 'mentee')),
        text TEXT NOT NULL,
        due_on TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
        session_id INTEGER REFERENCES session(id) ON DELETE SET NULL,
        done_on TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX action_pair ON action(pair_id, status, due_on)",
    "CREATE INDEX action_status_due ON action(status, due_on)",
    "CREATE INDEX action_session ON action(session_id)",
    """
    CREATE TABLE topic (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        pair_id INTEGER NOT NULL REFERENCES pair(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        covered_session_id INTEGER REFERENCES session(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX topic_pair ON topic(pair_id, covered_session_id)",
    "CREATE INDEX topic_session ON topic(covered_session_id)",
)

# One full-text index over every kind of text a user searches. `kind` and `ref`
# point back at the record; triggers keep it in step with the tables.
SEARCHED = {
    "session": "new.notes",
    "action": "new.text",
    "goal": "new.title || ' ' || new.detail",
    "topic": "new.text",
}


def full_text_statements() -> list[str]:
    statements = [
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "body, kind UNINDEXED, ref UNINDEXED, pair_id UNINDEXED, tokenize='porter unicode61')"
    ]
    for table, body in SEARCHED.items():
        delete = f"DELETE FROM search_index WHERE kind = '{table}' AND ref = old.id;"
        insert = (
            "INSERT INTO search_index (body, kind, ref, pair_id) "
            f"VALUES ({body}, '{table}', new.id, new.pair_id);"
        )
        statements += [
            f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {delete} END",
            f"CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table} "
            f"BEGIN {delete} {insert} END",
            "INSERT INTO search_index (body, kind, ref, pair_id) "
            f"SELECT {body.replace('new.', '')}, '{table}', id, pair_id FROM {table}",
        ]
    return statements


def core_tables(db: Database) -> None:
    for statement in CORE_TABLES:
        db.execute(statement)


def full_text_index(db: Database) -> None:
    for statement in full_text_statements():
        db.execute(statement)


# Each indexed record's rowid in search_index is derived from its table and id, so the
# triggers find it by rowid. Matching on `kind` and `ref` (UNINDEXED columns) scanned the whole
# index on every edit: 0.05 s per `action done` at 20,000 sessions, growing with every note.
SEARCHED_CODES = {table: code for code, table in enumerate(SEARCHED)}
# Only a change to the text or the pair reindexes a record; marking an action done does not.
SEARCHED_COLUMNS = {
    "session": "notes, pair_id",
    "action": "text, pair_id",
    "goal": "title, detail, pair_id",
    "topic": "text, pair_id",
}


def search_rowid(table: str, record: str) -> str:
    """The SQL expression for a record's rowid in search_index (record: `new`, `old` or '')."""
    column = f"{record}.id" if record else "id"
    return f"{column} * {len(SEARCHED)} + {SEARCHED_CODES[table]}"


def search_by_rowid_statements() -> list[str]:
    statements = []
    for table, body in SEARCHED.items():
        delete = f"DELETE FROM search_index WHERE rowid = {search_rowid(table, 'old')};"
        insert = (
            "INSERT INTO search_index (rowid, body, kind, ref, pair_id) "
            f"VALUES ({search_rowid(table, 'new')}, {body}, '{table}', new.id, new.pair_id);"
        )
        statements += [
            f"DROP TRIGGER {table}_search_insert",
            f"DROP TRIGGER {table}_search_delete",
            f"DROP TRIGGER {table}_search_update",
            f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {delete} END",
            f"CREATE TRIGGER {table}_search_update AFTER UPDATE OF {SEARCHED_COLUMNS[table]} "
            f"ON {table} BEGIN {delete} {insert} END",
        ]
    statements.append("DELETE FROM search_index")
    for table, body in SEARCHED.items():
        statements.append(
            "INSERT INTO search_index (rowid, body, kind, ref, pair_id) "
            f"SELECT {search_rowid(table, '')}, {body.replace('new.', '')}, '{table}', id, "
            f"pair_id FROM {table}"
        )
    return statements


def search_index_by_rowid(db: Database) -> None:
    for statement in search_by_rowid_statements():
        db.execute(statement)


# The record tables, parents first.
RECORD_TABLES = ("person", "pair", "expectation", "goal", "session", "action", "topic")


def ids_never_reused(db: Database) -> None:
    """Every record table keyed by AUTOINCREMENT, so the id of a deleted record stays a gap
    ("see session #23" in a note never comes to mean another session); and what a pair's
    end and pause need. Each table is rebuilt, its rows, indexes and triggers kept as they
    were; migrate() turns foreign keys off around it, as SQLite's table rebuild requires."""
    for table in RECORD_TABLES:
        row = db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
        ).fetchone()
        attached = [
            found[0]
            for found in db.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
                "AND sql IS NOT NULL ORDER BY type, name",
                [table],
            ).fetchall()
        ]
        create = row[0].replace("id INTEGER PRIMARY KEY,", "id INTEGER PRIMARY KEY AUTOINCREMENT,")
        db.execute(create.replace(f"CREATE TABLE {table} (", f"CREATE TABLE {table}_new (", 1))
        db.execute(f"INSERT INTO {table}_new SELECT * FROM {table}")
        db.execute(f"DROP TABLE {table}")
        db.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
        for statement in attached:
            db.execute(statement)
    db.execute("ALTER TABLE pair ADD COLUMN end_reason TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE pair ADD COLUMN paused_on TEXT")


def availability(db: Database) -> None:
    """Beyond working hours: a person's public holidays and busy calendar, and their time off
    (whole days as ISO dates, or instants) or one-day hours (`hours` set, on `starts`)."""
    db.execute("ALTER TABLE person ADD COLUMN holidays TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE person ADD COLUMN busy TEXT NOT NULL DEFAULT ''")
    db.execute(
        """
        CREATE TABLE time_off (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            starts TEXT NOT NULL,
            ends TEXT NOT NULL,
            hours TEXT,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX time_off_person ON time_off(person_id, starts)")


PLANNED_SESSIONS = (
    """
    CREATE TABLE planned_session (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uid TEXT NOT NULL UNIQUE,
        pair_id INTEGER NOT NULL REFERENCES pair(id) ON DELETE CASCADE,
        starts_at TEXT NOT NULL,
        zone TEXT NOT NULL,
        minutes INTEGER NOT NULL CHECK (minutes > 0),
        channel TEXT NOT NULL CHECK (channel IN ('video', 'call', 'chat', 'email', 'doc',
            'in-person')),
        agenda_note TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'planned'
            CHECK (status IN ('planned', 'done', 'cancelled')),
        sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
        session_id INTEGER REFERENCES session(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX planned_session_pair ON planned_session(pair_id, status, starts_at)",
    "CREATE INDEX planned_session_status ON planned_session(status, starts_at)",
    "CREATE INDEX planned_session_session ON planned_session(session_id)",
)


def planned_sessions(db: Database) -> None:
    """Booked sessions: a future start agreed with the mentee, with what its invitation needs
    (the record's uid is the invitation's UID, `sequence` counts its moves)."""
    for statement in PLANNED_SESSIONS:
        db.execute(statement)


def private_and_shared(db: Database) -> None:
    """A session's private notes, beside the shared ones: never synced, never in a coordinator's
    export, only in the owner's own full backup."""
    db.execute("ALTER TABLE session ADD COLUMN private_notes TEXT NOT NULL DEFAULT ''")


CHANGE_LOG_TABLES = (
    # A pair bound to a folder, and this device's id there.
    """
    CREATE TABLE share (
        pair_uid TEXT PRIMARY KEY,
        folder TEXT NOT NULL,
        device TEXT NOT NULL,
        created_at TEXT NOT NULL
    )
    """,
    # Every shared field of every record as the changes from all devices resolve it, with the
    # change that set it; a deletion is the field `_deleted`.
    """
    CREATE TABLE sync_state (
        pair_uid TEXT NOT NULL,
        uid TEXT NOT NULL,
        kind TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        at TEXT NOT NULL,
        device TEXT NOT NULL,
        PRIMARY KEY (pair_uid, uid, field)
    )
    """,
    # Every edit of a session's notes seen, with the edit it replaced: two edits that did not
    # see each other are both kept.
    """
    CREATE TABLE sync_note (
        pair_uid TEXT NOT NULL,
        uid TEXT NOT NULL,
        at TEXT NOT NULL,
        device TEXT NOT NULL,
        prev_at TEXT,
        prev_device TEXT,
        text TEXT NOT NULL,
        PRIMARY KEY (pair_uid, uid, at, device)
    )
    """,
    "CREATE INDEX sync_note_uid ON sync_note(uid)",
    # How far each other device's log was read, and a digest of the bytes up to there.
    """
    CREATE TABLE sync_read (
        pair_uid TEXT NOT NULL,
        device TEXT NOT NULL,
        offset INTEGER NOT NULL,
        digest TEXT NOT NULL,
        PRIMARY KEY (pair_uid, device)
    )
    """,
    # A person whose handle was taken here: the handle the other side knows them by.
    "CREATE TABLE sync_alias (uid TEXT PRIMARY KEY, handle TEXT NOT NULL)",
    # Every record deleted here, by uid, and when: a backup carries them, so an import of a
    # newer file deletes what was deleted there, and an older file does not bring it back.
    """
    CREATE TABLE tombstone (
        uid TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        deleted_at TEXT NOT NULL
    )
    """,
)
# SQLite's clock in the stored form of a timestamp: microseconds and the UTC offset.
SQL_NOW = "strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000+00:00'"


def tombstone_triggers() -> list[str]:
    """A deleted record leaves its tombstone, however it goes (a cascade too); a record that
    comes back (an import, a sync) takes its tombstone away."""
    return [
        statement
        for table in RECORD_TABLES
        for statement in (
            f"CREATE TRIGGER {table}_tombstone AFTER DELETE ON {table} BEGIN "
            "INSERT INTO tombstone (uid, kind, deleted_at) "
            f"VALUES (old.uid, '{table}', {SQL_NOW}) "
            "ON CONFLICT (uid) DO UPDATE SET deleted_at = excluded.deleted_at; END",
            f"CREATE TRIGGER {table}_untombstone AFTER INSERT ON {table} BEGIN "
            "DELETE FROM tombstone WHERE uid = new.uid; END",
        )
    ]


UNDO_TABLES = (
    # One row per write transaction of this device (a command), and each record it changed
    # with the record as it was before: what `mentor undo` puts back.
    """
    CREATE TABLE undo_command (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'undo'))
    )
    """,
    """
    CREATE TABLE undo_change (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        command INTEGER NOT NULL,
        kind TEXT NOT NULL,
        uid TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        before TEXT
    )
    """,
    "CREATE INDEX undo_change_command ON undo_change(command)",
)


def undo_triggers(db: Database, tables: tuple[str, ...] = RECORD_TABLES) -> list[str]:
    """Each insert, update and delete of a record, logged under the open command with the
    record's columns as they were (as they are when this migration runs: a migration that
    adds a column makes its table's triggers again)."""
    statements = []
    for table in tables:
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()]
        before = "json_object(" + ", ".join(f"'{c}', old.{c}" for c in columns) + ")"
        for op, record, image in (
            ("insert", "new", "NULL"),
            ("update", "old", before),
            ("delete", "old", before),
        ):
            statements.append(
                f"CREATE TRIGGER {table}_undo_{op} AFTER {op.upper()} ON {table} BEGIN "
                "INSERT INTO undo_change (command, kind, uid, op, before) "
                f"SELECT max(id), '{table}', {record}.uid, '{op}', {image} FROM undo_command "
                "HAVING max(id) IS NOT NULL; END"
            )
    return statements


def change_log(db: Database) -> None:
    for statement in (*CHANGE_LOG_TABLES, *tombstone_triggers(), *UNDO_TABLES):
        db.execute(statement)
    for statement in undo_triggers(db):
        db.execute(statement)


def sleep_hours(db: Database) -> None:
    """When each person sleeps, on their own clock: the night a stretch costs more in. Undo's
    triggers are made again, so that they keep the new column too."""
    db.execute("ALTER TABLE person ADD COLUMN sleep TEXT NOT NULL DEFAULT '22:00-07:00'")
    for op in ("insert", "update", "delete"):
        db.execute(f"DROP TRIGGER person_undo_{op}")
    for statement in undo_triggers(db, ("person",)):
        db.execute(statement)


def sync_state_per_record(db: Database) -> None:
    """What sharing keeps of each shared record, one row per record instead of one per field:
    a sync reads and writes a fifth as many rows, and writes only the records it changed."""
    db.execute(
        """
        CREATE TABLE sync_record (
            pair_uid TEXT NOT NULL,
            uid TEXT NOT NULL,
            kind TEXT NOT NULL,
            fields TEXT NOT NULL,
            deleted_at TEXT,
            deleted_device TEXT,
            PRIMARY KEY (pair_uid, uid)
        )
        """
    )
    db.execute("CREATE INDEX sync_record_uid ON sync_record(uid)")
    db.execute(
        "INSERT INTO sync_record (pair_uid, uid, kind, fields, deleted_at, deleted_device) "
        "SELECT pair_uid, uid, min(kind), "
        "COALESCE(json_group_object(field, json_array(json(value), at, device)) "
        "FILTER (WHERE field != '_deleted'), '{}'), "
        "max(CASE WHEN field = '_deleted' THEN at END), "
        "max(CASE WHEN field = '_deleted' THEN device END) "
        "FROM sync_state GROUP BY pair_uid, uid"
    )
    db.execute("DROP TABLE sync_state")


STATUS_INDEXES = (
    # A pair's last few sessions with their ratings, newest first, from the index alone: the
    # session rows, notes and all, stay unread.
    "CREATE INDEX session_pair_recent ON session(pair_id, started_at, id, rapport, engagement)",
    # The open actions alone, not the years of done ones, in the order the overdue ones are
    # listed, with what the list shows of them (and the status, always 'open' here, which
    # SQLite still reads to check a query's WHERE against the index's).
    "CREATE INDEX action_open_due ON action(due_on, id, pair_id, owner, text, status) "
    "WHERE status = 'open'",
)


def status_indexes(db: Database) -> None:
    """What the status screen reads of every active pair, served by indexes alone."""
    for statement in STATUS_INDEXES:
        db.execute(statement)


# Append only, in order: a database's user_version is how many of these it has had, so a
# released migration is never renamed, reordered, changed or removed.
MIGRATIONS: tuple[tuple[str, Callable[[Database], None]], ...] = (
    ("0001_core_tables", core_tables),
    ("0002_full_text_index", full_text_index),
    ("0003_search_index_by_rowid", search_index_by_rowid),
    ("0004_ids_never_reused", ids_never_reused),
    ("0005_availability", availability),
    ("0006_planned_sessions", planned_sessions),
    ("0007_private_and_shared", private_and_shared),
    ("0008_change_log", change_log),
    ("0009_sleep_hours", sleep_hours),
    ("0010_sync_state_per_record", sync_state_per_record),
    ("0011_status_indexes", status_indexes),
)


@cache
def migrations() -> Migrations:
    """MIGRATIONS as a sqlite_utils migration set, built when a database first needs migrating."""
    from sqlite_utils import Migrations

    registered = Migrations("mentorcli")
    for name, migration in MIGRATIONS:
        registered(name=name)(migration)
    return registered


def apply(db: Database, *, stop_before: str | None = None) -> None:
    """Apply every pending migration (the caller holds the write transaction)."""
    migrations().apply(db, stop_before=stop_before)
