"""`mentor goal`: goals, progress and achievement."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from conftest import Run


def goals(run: Run, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(run("goal", "list", "ana", "--json", *args).out)
    return found


def test_add_progress_done_drop(people: Run) -> None:
    added = people(
        "goal",
        "add",
        "ana",
        "lead a design review",
        "--due",
        "2030-03-31",
        "--detail",
        "one real review, with notes",
    )
    assert added.code == 0, added.err
    assert people("goal", "add", "ana", "ship the parser").code == 0
    assert people("goal", "progress", "2", "40").code == 0
    listed = goals(people)
    assert [(g["id"], g["progress"], g["due_on"]) for g in listed] == [
        (1, 0, "2030-03-31"),
        (2, 40, None),
    ]
    assert listed[0]["detail"] == "one real review, with notes"
    table = people("goal", "list", "ana").out
    assert "40%" in table and "one real review" in table
    assert people("goal", "done", "2").code == 0
    assert people("goal", "drop", "1").code == 0
    assert goals(people) == []
    every = {g["id"]: g for g in goals(people, "--all")}
    today = datetime.now(UTC).date().isoformat()
    assert every[2]["status"] == "achieved" and every[2]["progress"] == 100
    assert every[2]["achieved_on"] == today
    assert every[1]["status"] == "dropped" and every[1]["achieved_on"] is None
    later = people("goal", "progress", "2", "50")
    assert later.code == 2 and "achieved" in later.err


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["progress", "1", "101"], "101"),
        (["progress", "1", "-1"], "-1"),
        (["progress", "9", "10"], "#9"),
        (["done", "9"], "#9"),
        (["add", "ana", "x", "--due", "2030-02-30"], "2030-02-30"),
        (["add", "ghost", "x"], "ghost"),
    ],
)
def test_refusals_change_nothing(people: Run, args: list[str], named: str) -> None:
    assert people("goal", "add", "ana", "a goal").code == 0
    outcome = people("goal", *args)
    assert outcome.code == 2 and named in outcome.err and outcome.err.count("\n") == 1
    assert [(g["title"], g["progress"]) for g in goals(people, "--all")] == [("a goal", 0)]


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_an_empty_goal_is_refused_and_nothing_written(people: Run, title: str) -> None:
    outcome = people("goal", "add", "ana", title)
    assert outcome.code == 2
    assert outcome.err == "mentor: the goal is empty: say what the mentee is working towards\n"
    assert goals(people, "--all") == []
