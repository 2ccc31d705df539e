"""Every write command takes --json and prints the record it wrote, ids included, so a script
never parses a sentence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import Run


def wrote(run: Run, *args: str) -> Any:
    outcome = run(*args, "--json")
    assert outcome.code == 0, (args, outcome.err)
    return json.loads(outcome.out)


def test_each_write_prints_its_record(run: Run, tmp_path: Path) -> None:
    assert wrote(run, "person", "add", "rui", "--tz", "Europe/Lisbon")["handle"] == "rui"
    assert wrote(run, "person", "add", "ana", "--tz", "UTC")["id"] == 2
    assert wrote(run, "person", "edit", "ana", "--name", "Ana Lima")["name"] == "Ana Lima"
    pair = wrote(run, "pair", "add", "rui", "ana")
    assert (pair["id"], pair["mentor"], pair["mentee"]) == (1, "rui", "ana")
    assert wrote(run, "pair", "edit", "1", "--focus", "talks")["focus"] == "talks"
    assert wrote(run, "pair", "pause", "1")["status"] == "paused"
    assert wrote(run, "pair", "resume", "1")["status"] == "active"
    assert wrote(run, "expect", "add", "1", "reply in a day")["id"] == 1
    assert wrote(run, "expect", "edit", "1", "reply in two days")["id"] == 2
    assert wrote(run, "expect", "drop", "2")["state"] == "dropped"
    assert wrote(run, "goal", "add", "1", "give a talk")["title"] == "give a talk"
    assert wrote(run, "goal", "edit", "1", "--detail", "ten minutes")["detail"] == "ten minutes"
    assert wrote(run, "goal", "progress", "1", "40")["progress"] == 40
    assert wrote(run, "topic", "add", "1", "slides")["id"] == 1
    assert wrote(run, "topic", "edit", "1", "the slides")["text"] == "the slides"
    assert wrote(run, "action", "add", "1", "mentee", "draft")["owner"] == "mentee"
    assert wrote(run, "action", "edit", "1", "--text", "draft it")["text"] == "draft it"
    logged = wrote(run, "log", "1", "--notes", "hi", "--action", "mentor: review")
    assert (logged["session"]["id"], [a["id"] for a in logged["actions"]]) == (1, [2])
    assert wrote(run, "session", "edit", "1", "--minutes", "30")["minutes"] == 30
    assert wrote(run, "action", "done", "1")["status"] == "done"
    assert wrote(run, "action", "drop", "2")["status"] == "dropped"
    assert wrote(run, "goal", "done", "1")["status"] == "achieved"
    assert wrote(run, "topic", "drop", "1", "--yes")["id"] == 1
    assert wrote(run, "session", "delete", "1", "--yes")["id"] == 1
    ended = wrote(run, "pair", "end", "1", "--yes", "--reason", "done")
    assert (ended["status"], ended["end_reason"]) == ("ended", "done")
    assert wrote(run, "pair", "reopen", "1")["status"] == "active"
    backup = tmp_path / "all.json"
    assert run("export", "--all", "-o", str(backup)).code == 0
    merged = wrote(run, "import", str(backup))
    assert merged["added"] == {} and merged["unchanged"]["people"] == 2
    removed = wrote(run, "person", "remove", "ana", "--force", "--yes")
    assert removed["person"]["handle"] == "ana" and [p["id"] for p in removed["pairs"]] == [1]


def test_settings_and_backups_print_json_too(run: Run, tmp_path: Path) -> None:
    assert wrote(run, "config", "set", "me", "ana")["settings"]["me"] == "ana"
    assert wrote(run, "config", "unset", "me")["settings"]["me"] == ""
    assert run("person", "add", "ana", "--tz", "UTC").code == 0
    target = tmp_path / "copy.db"
    assert wrote(run, "db", "backup", str(target))["backup"] == str(target)
