"""`mentor sessions` and `mentor session show/edit/delete`."""

from __future__ import annotations

import json
from typing import Any

import pytest

from mentorcli.cli.runtime import runtime

from conftest import Run


def listed(run: Run, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(run("sessions", "rui/ana", "--json", *args).out)
    return found


@pytest.fixture
def history(people: Run) -> Run:
    """Three sessions of rui/ana (#1-#3, oldest first) and one of rui/ben (#4)."""
    for when, notes in (
        ("2026-10-01 15:00", "first: " + "long words " * 30),
        ("2026-10-15 15:00", "second"),
        ("2026-11-02 09:00", "third"),
    ):
        assert people("log", "rui/ana", "--when", when, "--notes", notes).code == 0
    assert people("log", "rui/ben", "--when", "2026-10-20 10:00", "--notes", "ben").code == 0
    return people


def test_newest_first_since_and_limit(history: Run) -> None:
    assert [s["id"] for s in listed(history)] == [3, 2, 1]
    assert [s["id"] for s in listed(history, "--since", "2026-10-15")] == [3, 2]
    assert [s["id"] for s in listed(history, "--limit", "1")] == [3]
    bad = history("sessions", "rui/ana", "--since", "2026-13-01")
    assert bad.code == 2 and "2026-13-01" in bad.err


def test_listing_truncates_notes_with_a_marker(history: Run) -> None:
    table = history("sessions", "rui/ana").out
    assert "first: long words" in table and "…" in table
    assert table.count("long words") < 30
    assert "Mon 2026-11-02 09:00" in table


def test_empty_history(people: Run) -> None:
    outcome = people("sessions", "rui/ben")
    assert outcome.code == 0 and "No sessions" in outcome.out


def test_show_has_full_notes_and_both_local_times(history: Run) -> None:
    shown = history("session", "show", "1")
    assert shown.code == 0
    assert shown.out.count("long words") == 30
    assert "Thu 2026-10-01 16:00 Europe/Lisbon" in shown.out
    assert "Thu 2026-10-01 11:00 America/New_York" in shown.out
    data = json.loads(history("session", "show", "1", "--json").out)
    assert data["local"] == {"rui": "2026-10-01T16:00+01:00", "ana": "2026-10-01T11:00-04:00"}
    assert data["pair"] == "rui/ana" and data["notes"].startswith("first: ")
    missing = history("session", "show", "99")
    assert missing.code == 2 and "#99" in missing.err


def test_edit_changes_only_what_is_given(history: Run) -> None:
    outcome = history(
        "session", "edit", "2", "--rapport", "3", "--channel", "email", "--minutes", "20"
    )
    assert outcome.code == 0, outcome.err
    session = next(s for s in listed(history) if s["id"] == 2)
    assert (session["rapport"], session["channel"], session["minutes"]) == (3, "email", 20)
    assert session["notes"] == "second" and session["asynchronous"] is True
    moved = history(
        "session", "edit", "2", "--when", "2026-10-16 08:00", "--notes", "-", input="new notes\n"
    )
    assert moved.code == 0, moved.err
    session = next(s for s in listed(history) if s["id"] == 2)
    assert session["started_at"] == "2026-10-16T08:00:00+00:00"
    assert session["notes"] == "new notes"


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["2", "--rapport", "6"], "rapport 6"),
        (["2", "--channel", "fax"], "fax"),
        (["2", "--when", "2026-02-30 10:00"], "2026-02-30"),
        (["2"], "nothing to change"),
        (["42", "--rapport", "3"], "#42"),
    ],
)
def test_bad_edits_change_nothing(history: Run, args: list[str], named: str) -> None:
    before = listed(history)
    outcome = history("session", "edit", *args)
    assert outcome.code == 2 and named in outcome.err and outcome.err.count("\n") == 1
    assert listed(history) == before


def test_delete_asks_on_a_terminal(history: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    assert history("topic", "add", "ana", "a topic").code == 0
    assert (
        history(
            "log",
            "ana",
            "--when",
            "2026-11-03 10:00",
            "--notes",
            "x",
            "--covered",
            "1",
            "--action",
            "mentee: keep me",
        ).code
        == 0
    )
    monkeypatch.setattr(runtime, "interactive", lambda: True)
    refused = history("session", "delete", "5", input="n\n")
    assert refused.code == 2 and "nothing was changed" in refused.err
    assert listed(history)[0]["id"] == 5
    accepted = history("session", "delete", "5", input="y\n")
    assert accepted.code == 0 and "Deleted session #5" in accepted.out
    assert [s["id"] for s in listed(history)] == [3, 2, 1]
    topics = json.loads(history("topic", "list", "ana", "--json").out)
    assert [t["covered_session_id"] for t in topics] == [None]
    actions = json.loads(history("action", "list", "ana", "--json").out)
    assert [(a["text"], a["session_id"]) for a in actions] == [("keep me", None)]


def test_delete_with_yes_and_unknown_id(history: Run) -> None:
    assert history("session", "delete", "1", "--yes").code == 0
    assert [s["id"] for s in listed(history)] == [3, 2]
    missing = history("session", "delete", "1", "--yes")
    assert missing.code == 2 and "#1" in missing.err
