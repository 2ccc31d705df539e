"""Every statement the hot commands run is served by an index: no full scans of the big tables.

The commands run for real on a small database seeded by bench/seed.py; each statement they
send to SQLite is captured with the connection's trace callback and explained with
EXPLAIN QUERY PLAN. mentor never runs ANALYZE, so the planner has no table statistics and
chooses the same plans on this small file as on the 100,000-session benchmark database.
Nothing here is timed.
"""

from __future__ import annotations

import re
import sqlite3
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

import mentorcli.store
from mentorcli.store.core import handle_key

from conftest import Run

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from seed import seed

# Tables that grow with every session: a plan that walks all of one is a bug at scale.
BIG_TABLES = ("session", "action", "topic", "search_index")
FULL_SCAN = re.compile(rf"^SCAN ({'|'.join(BIG_TABLES)})\b(?! VIRTUAL TABLE INDEX \d+:[^ ]+)")
NOT_QUERIES = ("--", "PRAGMA", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("plans") / "mentor.db"
    ref = seed(path, people=16, pairs=8, sessions=240, seed_value=5)
    return path, ref


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every SQL statement the Store sends while the test runs."""
    captured: list[str] = []
    real_open = mentorcli.store.open_connection

    def traced(path: Path, clock: Callable[[], datetime] | None = None) -> sqlite3.Connection:
        conn = real_open(path, clock)
        conn.set_trace_callback(captured.append)
        return conn

    monkeypatch.setattr(mentorcli.store, "open_connection", traced)
    yield captured


def full_scans(db: Path, sql: str, scan: re.Pattern[str] = FULL_SCAN) -> list[str]:
    """The full-scan steps of a statement's plan (explained on a read-only connection): of
    the big tables, or the steps `scan` matches."""
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    conn.create_function("handle_key", 1, handle_key, deterministic=True)
    try:
        plan = conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
    finally:
        conn.close()
    return [row[3] for row in plan if scan.match(row[3])]


def queries(captured: list[str]) -> list[str]:
    return [s for s in captured if not s.lstrip().upper().startswith(NOT_QUERIES)]


COMMANDS = {
    "status": lambda ref: ["status"],
    "status --json": lambda ref: ["status", "--json"],
    "agenda": lambda ref: ["agenda", ref],
    "sessions": lambda ref: ["sessions", ref, "--limit", "10", "--json"],
    "search": lambda ref: ["search", "kubernetes", "--json"],
    "search --pair": lambda ref: ["search", "feedback", "--pair", ref, "--json"],
    "log": lambda ref: [
        *("log", ref, "--notes", "we talked about kubernetes", "--rapport", "4"),
        *("--action", "mentee: read the kubernetes chapter due 2026-12-01"),
    ],
    "export markdown": lambda ref: ["export", ref, "--format", "markdown"],
    "export json": lambda ref: ["export", ref, "--format", "json"],
    "action list --overdue": lambda ref: ["action", "list", "--overdue"],
    "plan list": lambda ref: ["plan", "list", ref, "--json"],
    "plan list, every pair": lambda ref: ["plan", "list"],
    "remind": lambda ref: ["remind", "--within", "2d", "--json"],
    "remind, a week": lambda ref: ["remind", "--within", "1w"],
    "action list --owner": lambda ref: ["action", "list", "--owner", ref.split("/")[1]],
}
# What sharing keeps per shared record: it grows with the pair's history.
SYNC_TABLES = ("sync_record", "sync_note")
SYNC_SCAN = re.compile(rf"^SCAN ({'|'.join(SYNC_TABLES)})\b")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_hot_command_uses_indexes(
    name: str, seeded: tuple[Path, str], statements: list[str], run: Run
) -> None:
    db, ref = seeded
    outcome = run("--db", str(db), *COMMANDS[name](ref))
    assert outcome.code == 0, outcome.err
    ran = queries(statements)
    assert ran, f"{name} ran no query"
    scans = {sql: found for sql in ran if (found := full_scans(db, sql))}
    assert scans == {}


def test_logging_with_follow_ups_uses_indexes(
    seeded: tuple[Path, str], statements: list[str], run: Run
) -> None:
    """`mentor log` covering a topic and moving a goal: the updates find rows by id."""
    db, _ = seeded
    conn = sqlite3.connect(db)
    try:
        topic, goal = (
            conn.execute(sql).fetchone()[0]
            for sql in (
                "SELECT min(id) FROM topic WHERE covered_session_id IS NULL",
                "SELECT min(id) FROM goal WHERE status = 'open'",
            )
        )
        topic_pair, goal_pair = (
            conn.execute(f"SELECT pair_id FROM {table} WHERE id = ?", (rid,)).fetchone()[0]
            for table, rid in (("topic", topic), ("goal", goal))
        )
    finally:
        conn.close()
    statements.clear()
    covered = run("--db", str(db), "log", str(topic_pair), "--notes", "x", "--covered", str(topic))
    assert covered.code == 0, covered.err
    progressed = run("--db", str(db), "log", str(goal_pair), "--notes", "y", "--goal", f"{goal}=60")
    assert progressed.code == 0, progressed.err
    ran = queries(statements)
    assert any(sql.startswith("UPDATE topic") for sql in ran)
    assert any(sql.startswith("UPDATE goal") for sql in ran)
    assert {sql: found for sql in ran if (found := full_scans(db, sql))} == {}


def test_sharing_a_pair_uses_indexes(
    seeded: tuple[Path, str], statements: list[str], run: Run, tmp_path: Path
) -> None:
    """A first sync (every record of the pair sent), a second one (nothing new), and a join
    from the folder into a new database: each statement finds its rows by index."""
    db, ref = seeded
    device, joined, folder = tmp_path / "device.db", tmp_path / "joined.db", tmp_path / "shared"
    source = sqlite3.connect(db)
    target = sqlite3.connect(device)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    folder.mkdir()
    assert run("--db", str(device), "share", ref, str(folder)).code == 0
    statements.clear()
    for args in (("--db", str(device), "sync"), ("--db", str(device), "sync")):
        outcome = run(*args)
        assert outcome.code == 0, outcome.err
    sent = queries(statements)
    statements.clear()
    outcome = run("--db", str(joined), "join", str(folder))
    assert outcome.code == 0, outcome.err
    received = queries(statements)
    assert any(sql.startswith("INSERT INTO session") for sql in received)
    for where, ran in ((device, sent), (joined, received)):
        scans = {sql: found for sql in ran if (found := full_scans(where, sql))}
        scans |= {sql: found for sql in ran if (found := full_scans(where, sql, SYNC_SCAN))}
        assert scans == {}


def trigger_statements(db: Path) -> list[tuple[str, str]]:
    """The statements inside the full-text triggers, with old./new. made literal."""
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    conn.create_function("handle_key", 1, handle_key, deterministic=True)
    try:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    finally:
        conn.close()
    found = []
    for name, sql in rows:
        body = sql[sql.upper().index(" BEGIN ") + 7 : sql.upper().rindex("END")]
        for statement in body.split(";"):
            if statement.strip():
                found.append((name, re.sub(r"\b(old|new)\.\w+", "1", statement.strip())))
    return found


def test_full_text_triggers_find_rows_by_rowid(seeded: tuple[Path, str]) -> None:
    """Editing a session, marking an action done: the index row is found, not scanned for."""
    db, _ = seeded
    found = trigger_statements(db)
    assert {name for name, _ in found} >= {
        f"{table}_search_{event}"
        for table in ("session", "action", "goal", "topic")
        for event in ("insert", "delete", "update")
    }
    scans = {name: full_scans(db, sql) for name, sql in found if full_scans(db, sql)}
    assert scans == {}


def test_a_scan_is_caught(seeded: tuple[Path, str]) -> None:
    """The check itself: a query that reads every session is reported."""
    db, _ = seeded
    assert full_scans(db, "SELECT * FROM session WHERE notes LIKE '%x%'")
    assert full_scans(db, "DELETE FROM search_index WHERE kind = 'session' AND ref = 1")
    assert not full_scans(db, "SELECT * FROM session WHERE pair_id = 1 ORDER BY started_at")
    assert not full_scans(db, "SELECT * FROM search_index WHERE search_index MATCH 'kubernetes'")
    assert full_scans(db, "SELECT * FROM sync_record WHERE fields = '1'", SYNC_SCAN)
    assert not full_scans(db, "SELECT * FROM sync_record WHERE pair_uid = 'x'", SYNC_SCAN)


# A plan step that reads session or action rows themselves, not only an index of them.
ROW_READ = re.compile(
    r"^(SEARCH|SCAN) \w+ USING INDEX (session|action)_\w+"
    r"|^SEARCH (session|action) USING INTEGER PRIMARY KEY"
)


def row_reads(db: Path, sql: str) -> list[str]:
    return full_scans(db, sql, ROW_READ)


@pytest.mark.parametrize("args", [["status"], ["status", "--json"]])
def test_status_reads_sessions_and_actions_from_indexes_alone(
    args: list[str], seeded: tuple[Path, str], statements: list[str], run: Run
) -> None:
    """Each active pair's last sessions and ratings, its action counts and the overdue actions
    come from covering indexes: status reads no session row (notes and all) and no action
    row, so its cost follows the active pairs and their open actions, not the history."""
    db, _ = seeded
    outcome = run("--db", str(db), *args)
    assert outcome.code == 0, outcome.err
    ran = queries(statements)
    assert any("session_pair_recent" in sql for sql in ran)
    assert any("action_open_due" in sql for sql in ran)
    assert {sql: found for sql in ran if (found := row_reads(db, sql))} == {}


def test_a_row_read_is_caught(seeded: tuple[Path, str]) -> None:
    db, _ = seeded
    assert row_reads(db, "SELECT notes FROM session WHERE pair_id = 1 ORDER BY started_at")
    assert row_reads(db, "SELECT text FROM action WHERE pair_id = 1 AND status = 'done'")
    assert not row_reads(db, "SELECT started_at FROM session WHERE pair_id = 1")
