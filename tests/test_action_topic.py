"""`mentor action` and `mentor topic`: commitments and queued agenda items."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from conftest import Run


def actions(run: Run, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(run("action", "list", *args, "--json").out)
    return found


def test_add_list_done_drop(people: Run) -> None:
    past = (datetime.now(UTC) - timedelta(days=3)).date().isoformat()
    assert people("action", "add", "rui/ana", "mentee", "draft the PR", "--due", past).code == 0
    assert people("action", "add", "rui/ana", "rui", "send examples").code == 0
    assert (
        people("action", "add", "rui/ben", "ben", "read chapter 1", "--due", "2099-01-01").code == 0
    )
    assert [(a["id"], a["pair"], a["owner"]) for a in actions(people)] == [
        (1, "rui/ana", "mentee"),
        (3, "rui/ben", "mentee"),
        (2, "rui/ana", "mentor"),
    ]
    assert [a["id"] for a in actions(people, "rui/ana")] == [1, 2]
    assert [a["id"] for a in actions(people, "--overdue")] == [1]
    table = people("action", "list").out
    assert "overdue" in table and "rui/ben" in table
    assert "pair" not in people("action", "list", "rui/ben").out
    done = people("action", "done", "1")
    assert done.code == 0
    assert people("action", "drop", "2").code == 0
    assert [a["id"] for a in actions(people)] == [3]
    every = {a["id"]: a for a in actions(people, "--all")}
    assert every[1]["status"] == "done" and every[1]["done_on"]
    assert every[2]["status"] == "dropped" and every[2]["done_on"] is None
    again = people("action", "done", "1")
    assert again.code == 2 and "done already" in again.err


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["add", "rui/ana", "boss", "x"], "boss"),
        (["add", "rui/ana", "mentee", "x", "--due", "2026-02-30"], "2026-02-30"),
        (["add", "rui/ana", "mentee", "  "], "empty"),
        (["add", "ghost", "mentee", "x"], "ghost"),
        (["done", "9"], "#9"),
        (["drop", "9"], "#9"),
        (["list", "nobody/ana"], "nobody/ana"),
    ],
)
def test_action_refusals(people: Run, args: list[str], named: str) -> None:
    outcome = people("action", *args)
    assert outcome.code == 2 and named in outcome.err and outcome.err.count("\n") == 1
    assert actions(people, "--all") == []


def test_topics(people: Run) -> None:
    assert people("topic", "add", "rui/ana", "career ladder").code == 0
    assert people("topic", "add", "ana", "[red]conference talk[/red]").code == 0
    assert people("topic", "add", "rui/ben", "first PR").code == 0
    queued = json.loads(people("topic", "list", "ana", "--json").out)
    assert [t["text"] for t in queued] == ["career ladder", "[red]conference talk[/red]"]
    assert "[red]conference talk[/red]" in people("topic", "list", "ana").out
    assert people("log", "ana", "--notes", "x", "--covered", "1").code == 0
    assert [t["id"] for t in json.loads(people("topic", "list", "ana", "--json").out)] == [2]
    every = people("topic", "list", "ana", "--all")
    assert "covered in session #1" in every.out
    assert people("topic", "drop", "2", "--yes").code == 0
    assert [t["id"] for t in json.loads(people("topic", "list", "ana", "--all", "--json").out)] == [
        1
    ]
    for args, named in ((["drop", "2", "--yes"], "#2"), (["add", "ana", " "], "empty")):
        outcome = people("topic", *args)
        assert outcome.code == 2 and named in outcome.err


def test_empty_listings_say_how_to_start(people: Run) -> None:
    assert "mentor action add" in people("action", "list").out
    assert "mentor topic add" in people("topic", "list", "ana").out
