"""A record that can be corrected and trusted: ids never reused, one running pair per two
people, and a pair's end, reopening and pause as mentorships really go."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from mentorcli.store import Store
from mentorcli.store.connection import migrate

from conftest import Run


def shown(run: Run, *args: str) -> Any:
    outcome = run(*args, "--json")
    assert outcome.code == 0, outcome.err
    return json.loads(outcome.out)


def test_a_deleted_session_leaves_a_gap(people: Run) -> None:
    for n in range(3):
        assert people("log", "rui/ana", "--notes", f"session {n}").code == 0
    assert people("session", "delete", "3", "--yes").code == 0
    assert people("log", "rui/ana", "--notes", "after the deletion").code == 0
    assert [s["id"] for s in shown(people, "sessions", "rui/ana")] == [4, 2, 1]
    assert people("topic", "add", "ana", "first").code == 0
    assert people("topic", "drop", "1", "--yes").code == 0
    assert people("topic", "add", "ana", "second").code == 0
    assert [t["id"] for t in shown(people, "topic", "list", "ana")] == [2]


def test_the_migration_keeps_every_row_and_stops_reuse(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, db_path, backup=False, stop_before="0004_ids_never_reused")
    stamp = "2026-01-01T00:00:00+00:00"
    for n, handle in enumerate(("ana", "rui", "ben"), start=1):
        conn.execute(
            "INSERT INTO person (uid, handle, timezone, hours, created_at, updated_at) "
            "VALUES (?, ?, 'UTC', '09:00-17:00', ?, ?)",
            (f"u{n}", handle, stamp, stamp),
        )
    conn.execute(
        "INSERT INTO pair (uid, mentor_id, mentee_id, start_date, created_at, updated_at) "
        "VALUES ('p1', 2, 1, '2026-01-01', ?, ?)",
        (stamp, stamp),
    )
    for n in range(1, 6):
        conn.execute(
            "INSERT INTO session (uid, pair_id, started_at, zone, channel, notes, created_at,"
            " updated_at) VALUES (?, 1, ?, 'UTC', 'video', ?, ?, ?)",
            (f"s{n}", stamp, f"note {n}", stamp, stamp),
        )
    conn.execute("UPDATE session SET notes = 'kept' WHERE id = 4")
    conn.close()
    before = _rows(db_path)

    store = Store.open(db_path)
    store.close()
    after = _rows(db_path)
    # Every row with its id as it was; a person gains (0005) two columns, empty, and (0009)
    # the usual night as their sleep hours; a session (0007) its private notes, empty.
    assert [row[:-3] for row in after["person"]] == before["person"]
    assert [row[-3:] for row in after["person"]] == [("", "", "22:00-07:00")] * 3
    assert [row[:-1] for row in after["session"]] == before["session"]
    assert {row[-1] for row in after["session"]} == {""}
    assert [row[:-2] for row in after["pair"]] == before["pair"]
    assert [row[-2:] for row in after["pair"]] == [("", None)]
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = ON")
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT ref FROM search_index WHERE search_index MATCH 'kept'").fetchall()
    conn.close()

    store = Store.open(db_path)
    try:
        with store.write():
            store.sessions.delete(5)
        again = store.sessions.add(
            {"pair_id": 1, "started_at": stamp, "zone": "UTC", "channel": "video"}
        )
        assert again.id == 6
        pair = store.pairs.get(1)
        assert pair is not None and pair.end_reason == "" and pair.paused_on is None
    finally:
        store.close()


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        tables = ("person", "pair", "session")
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}
    finally:
        conn.close()


def test_one_running_pair_per_two_people(people: Run) -> None:
    second = people("pair", "add", "rui", "ana")
    assert second.code == 2
    assert "rui/ana is a pair already (#1, active)" in second.err
    assert "mentor pair edit 1" in second.err
    assert people("pair", "pause", "rui/ana").code == 0
    assert people("pair", "add", "rui", "ana", "--proposed").code == 2
    assert people("pair", "end", "rui/ana", "--yes").code == 0
    assert people("pair", "add", "rui", "ana").code == 0
    # Two ended pairs of the same people: reopening the old one would make two running.
    reopened = people("pair", "reopen", "1")
    assert reopened.code == 2 and "#3" in reopened.err
    assert [p["id"] for p in shown(people, "pair", "list")] == [1, 2, 3]


def test_end_needs_a_yes_without_a_terminal(people: Run) -> None:
    refused = people("pair", "end", "rui/ana")
    assert refused.code == 2 and "--yes" in refused.err
    assert shown(people, "pair", "show", "1")["status"] == "active"


def test_end_with_a_reason_and_a_date_then_reopen(people: Run) -> None:
    day = (date.today() - timedelta(days=3)).isoformat()
    start = (date.today() - timedelta(days=30)).isoformat()
    assert people("pair", "edit", "1", "--start", start).code == 0
    ended = people("pair", "end", "rui/ana", "--yes", "--reason", "ana changed teams", "--on", day)
    assert ended.code == 0, ended.err
    pair = shown(people, "pair", "show", "1")
    assert (pair["status"], pair["end_date"], pair["end_reason"]) == (
        "ended",
        day,
        "ana changed teams",
    )
    assert f"{day}: ana changed teams" in people("pair", "show", "1").out
    assert "(ana changed teams)" in people("export", "1").out
    early = people("pair", "end", "rui/ben", "--yes", "--on", "2001-01-01")
    assert early.code == 2 and "cannot end before" in early.err
    assert people("pair", "reopen", "rui/ana").code == 0
    pair = shown(people, "pair", "show", "1")
    assert (pair["status"], pair["end_date"], pair["end_reason"]) == ("active", None, "")
    again = people("pair", "reopen", "1")
    assert again.code == 2 and "active" in again.err


def test_paused_pairs_stay_in_view(people: Run) -> None:
    assert people("pair", "end", "rui/ana", "--yes").code == 0
    assert people("pair", "pause", "rui/ben").code == 0
    # ben's only pair that is not over is paused: his handle names it.
    assert shown(people, "pair", "show", "ben")["id"] == 2
    assert shown(people, "pair", "show", "2")["paused_on"] == date.today().isoformat()
    status = shown(people, "status")
    assert status["pairs"] == []
    assert [(p["pair"], p["days"]) for p in status["paused"]] == [("rui/ben", 0)]
    screen = people("status").out
    assert "Paused" in screen and "rui/ben: since" in screen
    assert people("pair", "resume", "2").code == 0
    assert shown(people, "pair", "show", "2")["paused_on"] is None
    assert shown(people, "status")["paused"] == []


def test_overdue_leaves_out_pairs_that_are_over(people: Run) -> None:
    past = (date.today() - timedelta(days=5)).isoformat()
    assert people("action", "add", "rui/ana", "mentee", "send the CV", "--due", past).code == 0
    assert people("action", "add", "rui/ben", "mentee", "read the RFC", "--due", past).code == 0
    assert [a["id"] for a in shown(people, "action", "list", "--overdue")] == [1, 2]
    assert people("pair", "end", "rui/ana", "--yes").code == 0
    assert [a["id"] for a in shown(people, "action", "list", "--overdue")] == [2]
    assert people("action", "done", "2").code == 0
    assert [a["id"] for a in shown(people, "action", "list", "--status", "done")] == [2]
    both = shown(people, "action", "list", "--status", "done", "--status", "open")
    assert [a["id"] for a in both] == [1, 2]
    bad = people("action", "list", "--status", "finished")
    assert bad.code == 2 and "finished" in bad.err


@pytest.mark.parametrize("status", ["actve", "ACTIVE", ""])
def test_pair_list_takes_only_real_statuses(people: Run, status: str) -> None:
    outcome = people("pair", "list", "--status", status)
    assert outcome.code == 2 and "unknown status" in outcome.err
