"""`mentor expect`: the agreement and its history."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import Run


def expectations(run: Run, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(run("expect", "list", "ana", "--json", *args).out)
    return found


def test_add_edit_keeps_history(people: Run) -> None:
    added = people(
        "expect",
        "add",
        "rui/ana",
        "reply within 2 days",
        "--topic",
        "response-time",
        "--review",
        "2030-01-15",
    )
    assert added.code == 0, added.err
    assert people("expect", "add", "ana", "we meet on video, cameras optional").code == 0
    first = expectations(people)[0]
    assert (first["topic"], first["review_on"], first["state"]) == (
        "response-time",
        "2030-01-15",
        "active",
    )
    assert first["agreed_on"]
    edited = people("expect", "edit", "1", "reply within 1 working day")
    assert edited.code == 0 and "#3" in edited.out
    current = expectations(people)
    assert [(e["id"], e["text"]) for e in current] == [
        (3, "reply within 1 working day"),
        (2, "we meet on video, cameras optional"),
    ]
    assert current[0]["review_on"] == "2030-01-15" and current[0]["topic"] == "response-time"
    history = {e["id"]: e for e in expectations(people, "--history")}
    assert history[1]["state"] == "superseded" and history[1]["superseded_by"] == 3
    assert history[1]["text"] == "reply within 2 days"
    table = people("expect", "list", "ana", "--history").out
    assert "superseded by #3" in table and "reply within 2 days" in table
    assert "reply within 2 days" not in people("expect", "list", "ana").out


def test_edit_topic_or_review_only_and_drop(people: Run) -> None:
    assert people("expect", "add", "ana", "weekly on tuesdays", "--topic", "cadence").code == 0
    assert people("expect", "edit", "1", "--review", "2030-06-01").code == 0
    now = expectations(people)
    assert [(e["id"], e["text"], e["review_on"]) for e in now] == [
        (2, "weekly on tuesdays", "2030-06-01")
    ]
    assert people("expect", "drop", "2").code == 0
    assert expectations(people) == []
    assert {e["state"] for e in expectations(people, "--history")} == {"superseded", "dropped"}
    again = people("expect", "edit", "2", "new words")
    assert again.code == 2 and "dropped" in again.err


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["add", "ana", "x", "--topic", "vibes"], "vibes"),
        (["add", "ana", "x", "--review", "31/12/2030"], "31/12/2030"),
        (["add", "ghost", "x"], "ghost"),
        (["edit", "7", "x"], "#7"),
        (["edit", "1"], "nothing to change"),
        (["drop", "7"], "#7"),
    ],
)
def test_refusals_write_nothing(people: Run, args: list[str], named: str) -> None:
    assert people("expect", "add", "ana", "keep it").code == 0
    outcome = people("expect", *args)
    assert outcome.code == 2 and named in outcome.err and outcome.err.count("\n") == 1
    assert [e["text"] for e in expectations(people, "--history")] == ["keep it"]


def test_text_is_shown_literally(people: Run) -> None:
    hostile = "[bold]always[/bold] :thumbsup: \x1b[2J"
    assert people("expect", "add", "ana", hostile).code == 0
    shown = people("expect", "list", "ana").out
    assert "[bold]always[/bold] :thumbsup: \\x1b[2J" in shown and "\x1b" not in shown
    assert expectations(people)[0]["text"] == hostile


@pytest.mark.parametrize("text", ["", "  ", "\n"])
def test_an_empty_expectation_is_refused_and_nothing_written(people: Run, text: str) -> None:
    outcome = people("expect", "add", "ana", text)
    assert outcome.code == 2
    assert outcome.err == "mentor: the expectation is empty: say what was agreed\n"
    assert people("expect", "list", "ana", "--json", "--history").out.strip() == "[]"
    assert people("expect", "add", "ana", "reply within a day").code == 0
    edited = people("expect", "edit", "1", "   ")
    assert edited.code == 2 and "empty" in edited.err
    listed = json.loads(people("expect", "list", "ana", "--json", "--history").out)
    assert [(e["id"], e["text"], e["state"]) for e in listed] == [
        (1, "reply within a day", "active")
    ]
