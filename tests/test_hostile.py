"""Hostile text end to end: stored literally, shown harmlessly in every human output."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Run

MARKUP = "[bold red]boss[/bold red] [link=https://evil.example]click[/link] :smile:"
ESCAPES = "\x1b[2J\x1b]8;;https://evil.example\x07x\x1b]8;;\x07\x07\x1b]0;title\x07"
INVISIBLE = "\u202eevil\u202c zero\u200bwidth"
SQL = "Robert'); DROP TABLE session;--"
HOSTILE = f"{MARKUP} {ESCAPES} {INVISIBLE} {SQL} # not a heading"
RAW = ("\x1b", "\x07", "\u202e", "\u200b", "\x00")


def _harmless(text: str) -> None:
    for char in RAW:
        assert char not in text, f"raw {char!r} reached the terminal"


@pytest.fixture
def record(people: Run) -> Run:
    """Every kind of user text, hostile, in one pair's record."""
    run = people
    steps = [
        ("person", "edit", "ana", "--name", HOSTILE, "--note", HOSTILE),
        ("expect", "add", "rui/ana", HOSTILE, "--topic", "roles"),
        ("goal", "add", "rui/ana", HOSTILE, "--detail", HOSTILE),
        ("topic", "add", "rui/ana", HOSTILE),
        ("action", "add", "rui/ana", "mentee", HOSTILE),
        (
            "log",
            "rui/ana",
            "--when",
            "2026-11-20 15:00",
            "--notes",
            HOSTILE + " evil",
            "--tech-issue",
            HOSTILE,
            "--action",
            f"mentor: {HOSTILE}",
        ),
    ]
    for step in steps:
        outcome = run(*step)
        assert outcome.code == 0, (step, outcome.err)
        _harmless(outcome.out + outcome.err)
    return run


HUMAN_OUTPUTS = [
    ("person", "list"),
    ("person", "show", "ana"),
    ("pair", "list"),
    ("pair", "show", "rui/ana"),
    ("expect", "list", "rui/ana"),
    ("goal", "list", "rui/ana"),
    ("topic", "list", "rui/ana"),
    ("action", "list"),
    ("sessions", "rui/ana"),
    ("session", "show", "1"),
    ("search", "evil"),
    ("agenda", "rui/ana"),
    ("agenda", "rui/ana", "--markdown"),
    ("status",),
]


@pytest.mark.parametrize("command", HUMAN_OUTPUTS, ids=" ".join)
def test_every_human_output_is_harmless(record: Run, command: tuple[str, ...]) -> None:
    outcome = record(*command)
    assert outcome.code == 0, outcome.err
    _harmless(outcome.out)


def test_markup_and_emoji_codes_are_shown_literally(record: Run) -> None:
    shown = record("session", "show", "1").out
    assert "[bold red]boss[/bold red]" in shown and ":smile:" in shown
    assert "\\x1b[2J" in shown and "\\u202e" in shown
    person = record("person", "show", "ana").out
    assert "[link=https://evil.example]click[/link]" in person


def test_json_keeps_the_exact_text(record: Run) -> None:
    session = json.loads(record("session", "show", "1", "--json").out)
    assert session["notes"] == HOSTILE + " evil"
    ana = json.loads(record("person", "show", "ana", "--json").out)
    assert ana["name"] == HOSTILE


def test_sql_looking_text_leaves_every_table_intact(record: Run, db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"person", "pair", "session", "action", "goal", "topic", "expectation"} <= tables
    assert conn.execute("SELECT count(*) FROM session").fetchone()[0] == 1
    conn.close()


def test_hostile_values_in_error_messages_are_escaped(people: Run) -> None:
    for args in (
        ("person", "show", ESCAPES),
        ("pair", "show", f"{ESCAPES}/ana"),
        ("person", "add", "x", "--tz", ESCAPES),
        ("person", "add", "x", "--tz", "UTC", "--hours", ESCAPES),
        ("log", "rui/ana", "--notes", "x", "--when", ESCAPES),
    ):
        outcome = people(*args)
        assert outcome.code == 2, (args, outcome)
        _harmless(outcome.err)
        assert outcome.err.count("\n") == 1


def test_nul_and_invalid_utf8_on_stdin(people: Run) -> None:
    stored = people("log", "rui/ana", "--notes", "-", input="before\x00after")
    assert stored.code == 0, stored.err
    shown = people("session", "show", "1")
    _harmless(shown.out)
    assert "before\\x00after" in shown.out
    assert json.loads(people("session", "show", "1", "--json").out)["notes"] == "before\x00after"


def test_a_ten_megabyte_note_is_stored_whole_and_listed_briefly(people: Run) -> None:
    note = ("lorem ipsum dolor sit amet " * 400_000)[:10_000_000]
    assert people("log", "rui/ana", "--notes", "-", input=note).code == 0
    listing = people("sessions", "rui/ana")
    assert listing.code == 0 and len(listing.out) < 5_000
    stored = json.loads(people("session", "show", "1", "--json").out)["notes"]
    assert stored == note
    found = people("search", "lorem", "--json")
    assert found.code == 0 and len(found.out) < 20_000


def test_invalid_utf8_on_stdin_is_refused_and_writes_nothing(people: Run) -> None:
    from typer.testing import CliRunner

    from mentorcli.cli.app import app

    result = CliRunner().invoke(app, ["log", "rui/ana", "--notes", "-"], input=b"ok \xff\xfe bad")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "UTF-8" in result.stderr
    assert json.loads(people("sessions", "rui/ana", "--json").out) == []
