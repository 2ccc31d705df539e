"""Sharing a pair through one folder: two and three databases, as their users would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seed_helpers import at, ok

from conftest import Run

MARKER = "PRIVATE-MARKER-51c9"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shared = tmp_path / "Sync"
    shared.mkdir()
    return shared


def dbs(tmp_path: Path, *names: str) -> list[str]:
    return [str(tmp_path / f"{name}.db") for name in names]


def on(run: Run, db: str) -> Run:
    """Another device: its own database and its own settings."""
    settings = {"MENTOR_CONFIG": db + ".toml"}

    def invoke(*args: str) -> object:
        return run("--db", db, *args, env=settings)

    return invoke  # type: ignore[return-value]


def started(people: Run, folder: Path, tmp_path: Path) -> tuple[Run, Run]:
    """rui's database (the people fixture's) shares rui/ana; ana joins from the folder."""
    mentor = people
    ok(mentor, "share", "rui/ana", str(folder))
    ana_db = dbs(tmp_path, "ana")[0]
    mentee = on(people, ana_db)
    ok(mentee, "join", str(folder))
    return mentor, mentee


def session_json(run: Run, ref: str = "rui/ana") -> list[dict[str, object]]:
    return json.loads(ok(run, "sessions", ref, "--json"))  # type: ignore[no-any-return]


def test_the_mentee_starts_from_nothing(people: Run, folder: Path, tmp_path: Path) -> None:
    ok(people, "goal", "add", "rui/ana", "ship the parser", "--due", "2030-01-01")
    ok(people, "log", "rui/ana", "--when", at(1), "--notes", "first", "--minutes", "30")
    _, mentee = started(people, folder, tmp_path)
    goals = json.loads(ok(mentee, "goal", "list", "rui/ana", "--json"))
    assert [g["title"] for g in goals] == ["ship the parser"]
    assert [s["notes"] for s in session_json(mentee)] == ["first"]
    assert ok(mentee, "config", "get", "me").strip() == "ana"
    # Only the pair's people came: not ben, who has nothing to do with ana.
    handles = [p["handle"] for p in json.loads(ok(mentee, "person", "list", "--json"))]
    assert sorted(handles) == ["ana", "rui"]


def test_private_content_never_reaches_the_folder(
    people: Run, folder: Path, tmp_path: Path
) -> None:
    ok(people, "person", "edit", "ana", "--note", f"{MARKER} person note")
    ok(
        people,
        "log",
        "rui/ana",
        "--when",
        at(1),
        "--notes",
        "shared",
        "--private-notes",
        f"{MARKER} private",
        "--rapport",
        "5",
        "--engagement",
        "1",
    )
    mentor, mentee = started(people, folder, tmp_path)
    ok(mentor, "sync")
    for path in folder.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert MARKER.encode() not in raw
            assert b"rapport" not in raw and b"engagement" not in raw
    theirs = session_json(mentee)[0]
    assert theirs["private_notes"] == "" and theirs["rapport"] is None


def test_edits_on_both_sides_converge(people: Run, folder: Path, tmp_path: Path) -> None:
    ok(people, "goal", "add", "rui/ana", "ship the parser")
    mentor, mentee = started(people, folder, tmp_path)
    ok(mentor, "goal", "progress", "1", "40")
    ok(mentee, "topic", "add", "rui/ana", "pairing next time")
    ok(mentee, "action", "add", "rui/ana", "mentee", "write the RFC")
    for side in (mentor, mentee, mentor):
        ok(side, "sync")
    for side in (mentor, mentee):
        goals = json.loads(ok(side, "goal", "list", "rui/ana", "--json"))
        assert goals[0]["progress"] == 40
        topics = json.loads(ok(side, "topic", "list", "rui/ana", "--json"))
        assert [t["text"] for t in topics] == ["pairing next time"]
        actions = json.loads(ok(side, "action", "list", "rui/ana", "--json"))
        assert [a["text"] for a in actions] == ["write the RFC"]


def test_a_note_edited_on_both_sides_keeps_both(people: Run, folder: Path, tmp_path: Path) -> None:
    ok(people, "log", "rui/ana", "--when", at(1), "--notes", "original")
    mentor, mentee = started(people, folder, tmp_path)
    ok(mentor, "session", "edit", "1", "--notes", "mentor's version")
    mine = session_json(mentee)[0]["id"]
    ok(mentee, "session", "edit", str(mine), "--notes", "mentee's version")
    ok(mentor, "sync")
    said = ok(mentee, "sync")
    assert "both kept" in said
    ok(mentor, "sync")
    texts = {session_json(side)[0]["notes"] for side in (mentor, mentee)}
    assert len(texts) == 1  # the same winner on both sides
    loser = ({"mentor's version", "mentee's version"} - texts).pop()
    assert loser in ok(mentor, "session", "show", "1")
    assert loser in ok(mentee, "session", "show", str(mine))


def test_a_deletion_against_an_older_edit_wins(people: Run, folder: Path, tmp_path: Path) -> None:
    ok(people, "log", "rui/ana", "--when", at(1), "--notes", "to go")
    mentor, mentee = started(people, folder, tmp_path)
    mine = str(session_json(mentee)[0]["id"])
    ok(mentee, "session", "edit", mine, "--minutes", "50")
    ok(mentee, "sync")
    ok(mentor, "session", "delete", "1", "--yes")
    ok(mentor, "sync")
    ok(mentee, "sync")
    assert session_json(mentor) == [] and session_json(mentee) == []


def test_a_newer_edit_wins_over_a_deletion(people: Run, folder: Path, tmp_path: Path) -> None:
    ok(people, "log", "rui/ana", "--when", at(1), "--notes", "kept")
    mentor, mentee = started(people, folder, tmp_path)
    ok(mentor, "session", "delete", "1", "--yes")
    ok(mentor, "sync")
    mine = str(session_json(mentee)[0]["id"])
    ok(mentee, "session", "edit", mine, "--minutes", "50")  # not yet seen the deletion
    ok(mentee, "sync")
    ok(mentor, "sync")
    for side in (mentor, mentee):
        assert [(s["notes"], s["minutes"]) for s in session_json(side)] == [("kept", 50)]


def test_a_torn_line_is_read_next_time_and_a_duplicate_changes_nothing(
    people: Run, folder: Path, tmp_path: Path
) -> None:
    mentor, mentee = started(people, folder, tmp_path)
    ok(mentor, "topic", "add", "rui/ana", "one")
    ok(mentor, "sync")
    log = next(p for p in folder.iterdir() if p.read_bytes().count(b"\n") > 1)
    whole = log.read_bytes()
    last = whole.rstrip(b"\n").rfind(b"\n") + 1
    log.write_bytes(whole[: last + 10])  # a copy under way
    said = ok(mentee, "sync")
    assert "mid-line" in said
    assert json.loads(ok(mentee, "topic", "list", "rui/ana", "--json")) == []
    log.write_bytes(whole)
    ok(mentee, "sync")
    ok(mentee, "sync")
    topics = json.loads(ok(mentee, "topic", "list", "rui/ana", "--json"))
    assert [t["text"] for t in topics] == ["one"]


def test_a_damaged_or_newer_or_shrunk_log_is_refused(
    people: Run, folder: Path, tmp_path: Path
) -> None:
    mentor, mentee = started(people, folder, tmp_path)
    ok(mentor, "topic", "add", "rui/ana", "one")
    ok(mentor, "sync")
    log = next(p for p in folder.iterdir() if p.read_bytes().count(b"\n") > 1)
    whole = log.read_bytes()
    log.write_bytes(whole.replace(b"one", b"two"))
    outcome = mentee("sync")
    assert outcome.code == 3 and log.name in outcome.err  # type: ignore[attr-defined]
    assert json.loads(ok(mentee, "topic", "list", "rui/ana", "--json")) == []
    log.write_bytes(whole)
    ok(mentee, "sync")
    log.write_bytes(whole[: whole.rstrip(b"\n").rfind(b"\n") + 1])
    outcome = mentee("sync")
    assert outcome.code == 3 and "shrank or was rewritten" in outcome.err  # type: ignore[attr-defined]


def test_a_log_from_a_newer_mentor_is_refused(people: Run, folder: Path, tmp_path: Path) -> None:
    from mentorcli.sync.log import header, line

    ok(people, "share", "rui/ana", str(folder))
    newer = header("future", "x") | {"version": 99}
    (folder / "future.mentor-log").write_bytes(line(newer))
    outcome = people("sync")
    assert outcome.code == 3 and "future.mentor-log" in outcome.err and "newer" in outcome.err


def test_a_handle_taken_here_gets_a_local_one(people: Run, folder: Path, tmp_path: Path) -> None:
    ok(people, "share", "rui/ana", str(folder))
    other = on(people, dbs(tmp_path, "other")[0])
    ok(other, "person", "add", "ana", "--tz", "UTC", "--name", "Another Ana")
    said = ok(other, "join", str(folder))
    assert "'ana-2'" in said
    handles = {p["handle"]: p["name"] for p in json.loads(ok(other, "person", "list", "--json"))}
    assert handles["ana"] == "Another Ana" and "ana-2" in handles
    ok(other, "sync")
    ok(people, "sync")
    assert json.loads(ok(people, "person", "show", "ana", "--json"))["handle"] == "ana"
    ok(people, "person", "edit", "ana", "--name", "Ana Lima")
    ok(people, "sync")
    said = ok(other, "sync")
    assert "the handle was taken" not in said  # said once, when it happened
    assert json.loads(ok(other, "person", "show", "ana-2", "--json"))["name"] == "Ana Lima"


def test_three_devices_in_any_order(people: Run, folder: Path, tmp_path: Path) -> None:
    ok(people, "log", "rui/ana", "--when", at(1), "--notes", "start")
    mentor, mentee = started(people, folder, tmp_path)
    laptop = on(people, dbs(tmp_path, "laptop")[0])
    ok(laptop, "join", str(folder))
    ok(mentor, "goal", "add", "rui/ana", "from the mentor")
    ok(mentor, "sync")
    ok(mentee, "sync")
    ok(mentee, "goal", "progress", "1", "70")
    ok(mentee, "sync")
    ok(laptop, "sync")  # reads the mentee's change and the mentor's goal in one go
    for side in (laptop, mentor, mentee, laptop):
        ok(side, "sync")
    seen = [
        json.loads(ok(side, "goal", "list", "rui/ana", "--json"))
        for side in (mentor, mentee, laptop)
    ]
    assert {(g[0]["title"], g[0]["progress"]) for g in seen} == {("from the mentor", 70)}


def test_a_duplicate_delivery_changes_nothing(people: Run, folder: Path, tmp_path: Path) -> None:
    mentor, mentee = started(people, folder, tmp_path)
    ok(mentor, "topic", "add", "rui/ana", "once")
    ok(mentor, "sync")
    ok(mentee, "sync")
    log = next(p for p in folder.iterdir() if p.read_bytes().count(b"\n") > 1)
    lines = log.read_bytes().splitlines(keepends=True)
    with log.open("ab") as again:  # a sync tool delivering the same lines twice
        again.writelines(lines[1:])
    ok(mentee, "sync")
    topics = json.loads(ok(mentee, "topic", "list", "rui/ana", "--json"))
    assert [t["text"] for t in topics] == ["once"]


def test_a_deletion_travels_in_a_full_backup_too(people: Run, tmp_path: Path) -> None:
    ok(people, "log", "rui/ana", "--when", at(1), "--notes", "gone soon")
    ok(people, "session", "delete", "1", "--yes")
    backup = tmp_path / "all.json"
    ok(people, "export", "--all", "-o", str(backup))
    assert [d["kind"] for d in json.loads(backup.read_text())["deleted"]] == ["session"]


def test_a_record_that_cannot_land_yet_is_not_sent_back_as_deleted(
    people: Run, folder: Path, tmp_path: Path
) -> None:
    from mentorcli.sync.log import header, line

    mentor, _ = started(people, folder, tmp_path)
    opening = next(iter(folder.iterdir())).read_text().splitlines()[0]
    pair_uid = json.loads(json.loads(opening)["entry"])["pair"]
    orphan = {
        "uid": "0b9e2c1e-96a4-4f0e-8d7e-5a1f2f0c9a11",
        "kind": "topic",
        "pair": pair_uid,
        "at": "2026-01-01T00:00:00.000000+00:00",
        "device": "elsewhere",
        "fields": {
            "pair": "7c3a9b52-0c0e-4b1a-9f0e-2b6c2f1d7e10",
            "text": "waits",
            "covered_session": None,
        },
    }
    (folder / "elsewhere.mentor-log").write_bytes(
        line(header("elsewhere", pair_uid)) + line(orphan)
    )
    ok(mentor, "sync")
    ok(mentor, "sync")
    mine = [p for p in folder.iterdir() if p.name != "elsewhere.mentor-log"]
    entries = [
        json.loads(json.loads(text)["entry"]) for p in mine for text in p.read_text().splitlines()
    ]
    assert not any(entry.get("deleted") for entry in entries)


def test_time_off_and_planned_sessions_travel_but_a_busy_calendar_does_not(
    people: Run, folder: Path, tmp_path: Path
) -> None:
    calendar = tmp_path / "rui-work.ics"
    calendar.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nEND:VCALENDAR\r\n")
    ok(people, "person", "edit", "rui", "--busy", str(calendar))
    ok(people, "away", "rui", "2030-12-01..2030-12-05", "--note", "conference")
    ok(people, "plan", "rui/ana", "--when", "2030-12-18 15:00", "--anyway")
    _, mentee = started(people, folder, tmp_path)
    away = json.loads(ok(mentee, "away", "list", "--all", "--json"))
    assert [(a["handle"], a["note"]) for a in away] == [("rui", "conference")]
    plans = json.loads(ok(mentee, "plan", "list", "--json"))
    assert [p["starts_at"][:10] for p in plans] == ["2030-12-18"]
    assert json.loads(ok(mentee, "person", "show", "rui", "--json"))["busy"] == ""
    assert not any(str(calendar) in path.read_text() for path in folder.iterdir())


def test_what_sharing_kept_survives_the_move_to_one_row_a_record(
    people: Run, folder: Path, tmp_path: Path, db_path: Path
) -> None:
    """A database shared and synced before migration 0010 kept one row per field: opened by
    this mentor its state is carried over, so the next sync sends only what changed since."""
    import sqlite3

    ok(people, "log", "rui/ana", "--when", at(1), "--notes", "first", "--minutes", "30")
    ok(people, "goal", "add", "rui/ana", "ship the parser")
    mentor, mentee = started(people, folder, tmp_path)
    conn = sqlite3.connect(db_path)
    kept = conn.execute("SELECT pair_uid, uid, kind, fields FROM sync_record").fetchall()
    assert kept, "the first sync kept the shared records"
    # Back to how schema 9 kept it: one row per field, the migration not yet applied.
    conn.executescript(
        """
        CREATE TABLE sync_state (pair_uid TEXT NOT NULL, uid TEXT NOT NULL, kind TEXT NOT NULL,
            field TEXT NOT NULL, value TEXT NOT NULL, at TEXT NOT NULL, device TEXT NOT NULL,
            PRIMARY KEY (pair_uid, uid, field));
        INSERT INTO sync_state SELECT pair_uid, uid, kind, key, value -> '$[0]',
            value ->> '$[1]', value ->> '$[2]'
            FROM sync_record, json_each(sync_record.fields);
        DROP TABLE sync_record;
        DELETE FROM _sqlite_migrations WHERE name = '0010_sync_state_per_record';
        PRAGMA user_version = 9;
        """
    )
    conn.commit()
    conn.close()

    assert "sent 0 changes" in ok(mentor, "sync")
    conn = sqlite3.connect(db_path)
    carried = conn.execute("SELECT pair_uid, uid, kind, fields FROM sync_record").fetchall()
    conn.close()
    assert sorted((*r[:3], json.loads(r[3])) for r in carried) == sorted(
        (*r[:3], json.loads(r[3])) for r in kept
    )
    ok(mentor, "goal", "add", "rui/ana", "write the docs")
    assert "sent 1 change" in ok(mentor, "sync")
    ok(mentee, "sync")
    goals = json.loads(ok(mentee, "goal", "list", "rui/ana", "--json"))
    assert sorted(g["title"] for g in goals) == ["ship the parser", "write the docs"]
