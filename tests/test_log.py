"""`mentor log`: one session with its follow-ups, all in one transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from conftest import Run

HOSTILE = (
    "[bold red]boss[/] [link=http://evil]x[/link] :smile: **md** `'; DROP TABLE session;--`"
    " \x1b]8;;http://evil\x07link\x1b]8;;\x07 \x1b[2J bell\x07 \u202eevil"
)


def state(run: Run) -> dict[str, Any]:
    """Everything log could write, to compare before and after a refused command."""
    return {
        "sessions": json.loads(run("sessions", "rui/ana", "--json").out),
        "actions": json.loads(run("action", "list", "--all", "--json").out),
        "goals": json.loads(run("goal", "list", "rui/ana", "--all", "--json").out),
        "topics": json.loads(run("topic", "list", "rui/ana", "--all", "--json").out),
    }


def last_session(run: Run) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(run("sessions", "rui/ana", "--json").out)[0]
    return found


@pytest.fixture
def record(people: Run) -> Run:
    """rui/ana with action #1, goal #1 and topic #1; rui/ben with topic #2."""
    assert people("action", "add", "rui/ana", "mentee", "draft the PR").code == 0
    assert people("goal", "add", "rui/ana", "ship the parser").code == 0
    assert people("topic", "add", "rui/ana", "code review habits").code == 0
    assert people("topic", "add", "rui/ben", "ben's topic").code == 0
    return people


def test_log_with_every_option(record: Run) -> None:
    outcome = record(
        "log",
        "rui/ana",
        "--when",
        "2026-11-20 15:30",
        "--minutes",
        "45",
        "--channel",
        "call",
        "--notes",
        "Talked about reviews.",
        "--rapport",
        "4",
        "--engagement",
        "5",
        "--tech-issue",
        "audio dropped twice",
        "--action",
        "mentee: draft the RFC due 2030-12-01",
        "--action",
        "rui: send examples",
        "--covered",
        "1",
        "--goal",
        "1=40",
    )
    assert outcome.code == 0, outcome.err
    assert outcome.out.startswith("Logged session #1 with rui/ana (call, 45 min)")
    session = last_session(record)
    assert session["started_at"] == "2026-11-20T15:30:00+00:00" and session["zone"] == "UTC"
    assert (session["minutes"], session["channel"], session["rapport"]) == (45, "call", 4)
    assert session["engagement"] == 5 and session["tech_issue"] == "audio dropped twice"
    assert session["notes"] == "Talked about reviews." and session["asynchronous"] is False
    actions = json.loads(record("action", "list", "rui/ana", "--json").out)
    made = [(a["owner"], a["text"], a["due_on"], a["session_id"]) for a in actions]
    assert made == [
        ("mentee", "draft the RFC", "2030-12-01", 1),
        ("mentee", "draft the PR", None, None),
        ("mentor", "send examples", None, 1),
    ]
    topics = json.loads(record("topic", "list", "rui/ana", "--all", "--json").out)
    assert topics[0]["covered_session_id"] == 1
    assert json.loads(record("goal", "list", "rui/ana", "--json").out)[0]["progress"] == 40


def test_defaults_now_and_the_pairs_channel(people: Run) -> None:
    assert people("pair", "add", "ana", "ben", "--channel", "chat").code == 0
    before = datetime.now(UTC).replace(microsecond=0)
    assert people("log", "ana/ben", "--notes", "async check-in").code == 0
    after = datetime.now(UTC)
    session = json.loads(people("sessions", "ana/ben", "--json").out)[0]
    assert session["channel"] == "chat" and session["asynchronous"] is True
    assert before <= datetime.fromisoformat(session["started_at"]) <= after
    assert session["minutes"] is None and session["rapport"] is None


def test_when_is_read_in_the_local_zone(people: Run) -> None:
    outcome = people(
        "log", "ana", "--when", "2026-07-01 09:00", "--notes", "x", env={"TZ": "America/New_York"}
    )
    assert outcome.code == 0, outcome.err
    session = last_session(people)
    assert session["started_at"] == "2026-07-01T13:00:00+00:00"
    assert session["zone"] == "America/New_York"


def test_when_in_a_dst_gap_or_future_is_refused(record: Run) -> None:
    gap = record(
        "log", "ana", "--when", "2026-03-08 02:30", "--notes", "x", env={"TZ": "America/New_York"}
    )
    assert gap.code == 2 and "does not exist" in gap.err
    soon = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    future = record("log", "ana", "--when", f"{soon} 10:00", "--notes", "x")
    assert future.code == 2 and "future" in future.err
    assert state(record)["sessions"] == []


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--goal", "99=50"], "goal #99"),
        (["--goal", "1=150"], "1=150"),
        (["--goal", "one=5"], "one=5"),
        (["--covered", "2"], "topic #2"),
        (["--covered", "77"], "topic #77"),
        (["--action", "fix it"], "fix it"),
        (["--action", "bob: fix it"], "bob"),
        (["--action", "mentee: fix it due 2026-02-30"], "2026-02-30"),
        (["--rapport", "7"], "rapport 7"),
        (["--engagement", "0"], "engagement 0"),
        (["--channel", "pigeon"], "pigeon"),
        (["--when", "2026-02-30 10:00"], "2026-02-30"),
        (["--when", "12/01/2026 10:00"], "ambiguous"),
        (["--minutes", "-5"], "-5"),
    ],
)
def test_bad_input_writes_nothing(record: Run, args: list[str], named: str) -> None:
    before = state(record)
    outcome = record(
        "log", "rui/ana", "--notes", "n", "--action", "mentee: good one", "--covered", "1", *args
    )
    assert outcome.code == 2, outcome
    assert named in outcome.err and outcome.err.count("\n") == 1, outcome.err
    assert "Traceback" not in outcome.err
    assert state(record) == before


def test_a_done_action_of_another_pair_rolls_everything_back(record: Run) -> None:
    assert record("action", "add", "rui/ben", "mentor", "ben's action").code == 0
    assert record("goal", "done", "1").code == 0
    before = state(record)
    refused = record("log", "rui/ana", "--notes", "n", "--covered", "1", "--goal", "1=50")
    assert refused.code == 2 and "achieved" in refused.err
    assert state(record) == before


def test_unknown_pair(record: Run) -> None:
    outcome = record("log", "ghost/ana", "--notes", "x")
    assert outcome.code == 2 and "ghost/ana" in outcome.err


def test_without_notes_or_terminal_it_says_how(record: Run) -> None:
    outcome = record("log", "ana")
    assert outcome.code == 2
    assert outcome.err == (
        "mentor: no notes given: pass --notes TEXT, --notes - to read stdin, "
        "or run in a terminal to use $EDITOR\n"
    )


def test_notes_from_stdin(record: Run) -> None:
    text = "line one\n\n## heading\n- [ ] not a template\n"
    assert record("log", "ana", "--notes", "-", input=text).code == 0
    assert last_session(record)["notes"] == "line one\n\n## heading\n- [ ] not a template"


def test_stdin_that_is_not_utf8_is_refused(record: Run) -> None:
    outcome = record("log", "ana", "--notes", "-", input=b"caf\xe9 notes")  # type: ignore[arg-type]
    assert outcome.code == 2 and "UTF-8" in outcome.err and outcome.err.count("\n") == 1
    assert state(record)["sessions"] == []


def test_nul_and_controls_are_stored_and_shown_escaped(record: Run) -> None:
    notes = "before\x00after \x1b[31mred\x1b[0m"
    assert record("log", "ana", "--notes", "-", input=notes).code == 0
    assert last_session(record)["notes"] == notes
    shown = record("session", "show", "1")
    assert shown.code == 0
    assert "before\\x00after \\x1b[31mred\\x1b[0m" in shown.out
    assert "\x00" not in shown.out and "\x1b" not in shown.out


def test_ten_megabyte_notes(record: Run) -> None:
    notes = ("word " * 200_000 + "\n") * 10
    assert len(notes) > 10_000_000
    assert record("log", "ana", "--notes", "-", input=notes).code == 0
    assert last_session(record)["notes"] == notes.rstrip("\n")
    listing = record("sessions", "ana")
    assert listing.code == 0 and "…" in listing.out and len(listing.out) < 2000
    shown = record("session", "show", "1")
    assert shown.code == 0 and shown.out.count("word") == 2_000_000
    hits = json.loads(record("search", "word", "--json").out)
    assert hits[0]["kind"] == "session" and len(hits[0]["snippet"]) < 200


def test_hostile_text_end_to_end(record: Run) -> None:
    outcome = record(
        "log",
        "ana",
        "--notes",
        HOSTILE,
        "--tech-issue",
        HOSTILE,
        "--action",
        f"mentee: {HOSTILE}",
    )
    assert outcome.code == 0, outcome.err
    session = last_session(record)
    assert session["notes"] == HOSTILE and session["tech_issue"] == HOSTILE
    actions = json.loads(record("action", "list", "--json").out)
    assert HOSTILE.strip() in [a["text"] for a in actions]
    for args in (
        ["session", "show", "1"],
        ["sessions", "ana"],
        ["action", "list"],
        ["search", "boss"],
    ):
        shown = record(*args)
        assert shown.code == 0, args
        assert "\x1b" not in shown.out and "\x07" not in shown.out and "\u202e" not in shown.out
        assert "[bold red]boss[/]" in shown.out, args
    full = record("session", "show", "1").out
    assert ":smile:" in full and "😄" not in full and "[link=http://evil]x[/link]" in full
    assert "DROP TABLE session" in full and "\\x1b]8;;http://evil\\x07" in full
    assert "\\u202e" in full
    assert record("sessions", "ana", "--json").code == 0
