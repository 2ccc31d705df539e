"""`mentor undo`: the last command of this device reverted, and the revert synced."""

from __future__ import annotations

import json
from pathlib import Path

from seed_helpers import at, ok

from conftest import Run


def sessions(run: Run) -> list[dict[str, object]]:
    return json.loads(ok(run, "sessions", "rui/ana", "--json"))  # type: ignore[no-any-return]


def test_undo_removes_what_the_last_command_added(people: Run) -> None:
    ok(people, "log", "rui/ana", "--when", at(1), "--notes", "oops", "--action", "mentee: x")
    said = ok(people, "undo", "--yes")
    assert "session #1: removed" in said and "action #1: removed" in said
    assert sessions(people) == []
    assert json.loads(ok(people, "action", "list", "--json")) == []


def test_undo_restores_a_deleted_session_with_its_links(people: Run) -> None:
    ok(people, "topic", "add", "rui/ana", "pairing")
    ok(people, "log", "rui/ana", "--when", at(1), "--notes", "kept", "--covered", "1")
    ok(people, "session", "delete", "1", "--yes")
    said = ok(people, "undo", "--yes")
    assert "session #1: restored" in said
    assert [(s["id"], s["notes"]) for s in sessions(people)] == [(1, "kept")]
    topics = json.loads(ok(people, "topic", "list", "rui/ana", "--all", "--json"))
    assert topics[0]["covered_session_id"] == 1


def test_undo_goes_back_one_command_at_a_time(people: Run) -> None:
    ok(people, "goal", "add", "rui/ana", "ship it")
    ok(people, "goal", "progress", "1", "30")
    ok(people, "goal", "progress", "1", "60")
    ok(people, "undo", "--yes")
    assert json.loads(ok(people, "goal", "list", "rui/ana", "--json"))[0]["progress"] == 30
    ok(people, "undo", "--yes")
    assert json.loads(ok(people, "goal", "list", "rui/ana", "--json"))[0]["progress"] == 0


def test_nothing_to_undo(run: Run) -> None:
    outcome = run("undo", "--yes")
    assert outcome.code == 2 and "nothing to undo" in outcome.err


def test_an_undo_syncs(people: Run, tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    ok(people, "goal", "add", "rui/ana", "ship it")
    ok(people, "share", "rui/ana", str(folder))
    settings = {"MENTOR_CONFIG": str(tmp_path / "ana.toml")}

    def ana(*args: str) -> object:
        return people("--db", str(tmp_path / "ana.db"), *args, env=settings)

    ok(ana, "join", str(folder))  # type: ignore[arg-type]
    ok(people, "goal", "progress", "1", "80")
    ok(people, "sync")
    ok(ana, "sync")  # type: ignore[arg-type]
    ok(people, "undo", "--yes")  # the sync itself changed no record here: this is the progress
    ok(people, "sync")
    ok(ana, "sync")  # type: ignore[arg-type]
    goals = json.loads(ok(ana, "goal", "list", "rui/ana", "--json"))  # type: ignore[arg-type]
    assert goals[0]["progress"] == 0
