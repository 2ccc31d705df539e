"""Hostile characters in every machine format: JSON escapes every control and invisible
format character (and gives the text back exactly), iCalendar carries no control
characters, and an argument that is not UTF-8 is bad input naming it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import MENTOR, Run, mentor_process

# C1 CSI, DEL, bidi override and isolate, zero-width space and joiner, BOM, a tag character,
# ESC and BEL: each acts on a terminal, or hides text from a reader.
SNEAKY = "a\x9b31mb\x7fc\u202ed\u2066e\u200bf\u200dg\ufeffh\U000e0041i\x1b[2Jj\x07k"
RAW = ("\x9b", "\x7f", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\U000e0041", "\x1b")


def _no_raw(text: str) -> None:
    for char in RAW:
        assert char not in text, f"raw {char!r} in the output"


@pytest.fixture
def sneaky(people: Run) -> Run:
    run = people
    for step in (
        ("person", "edit", "ana", "--name", SNEAKY, "--note", SNEAKY),
        ("pair", "add", "ana", "ben", "--focus", SNEAKY),
        ("goal", "add", "rui/ana", SNEAKY, "--detail", SNEAKY),
        ("topic", "add", "rui/ana", SNEAKY),
        ("action", "add", "rui/ana", "mentee", SNEAKY),
        ("expect", "add", "rui/ana", SNEAKY),
        ("log", "rui/ana", "--when", "2026-11-20 15:00", "--notes", SNEAKY),
    ):
        outcome = run(*step)
        assert outcome.code == 0, (step, outcome.err)
    return run


JSON_OUTPUTS = [
    ("person", "list", "--json"),
    ("person", "show", "ana", "--json"),
    ("pair", "list", "--json"),
    ("pair", "show", "ana/ben", "--json"),
    ("goal", "list", "rui/ana", "--json"),
    ("topic", "list", "rui/ana", "--json"),
    ("action", "list", "--json"),
    ("expect", "list", "rui/ana", "--json"),
    ("sessions", "rui/ana", "--json"),
    ("session", "show", "1", "--json"),
    ("agenda", "rui/ana", "--json"),
    ("status", "--json"),
    ("export", "rui/ana", "--format", "json"),
    ("export", "--all"),
]


@pytest.mark.parametrize("command", JSON_OUTPUTS, ids=" ".join)
def test_json_escapes_every_control_and_format_character(
    sneaky: Run, command: tuple[str, ...]
) -> None:
    outcome = sneaky(*command)
    assert outcome.code == 0, outcome.err
    _no_raw(outcome.out)
    if command[0] != "status":  # the one output that quotes no free text
        assert "\\u009b" in outcome.out and "\\u202e" in outcome.out
        assert SNEAKY in _strings(json.loads(outcome.out))


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in _strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return []


def test_escaped_json_reads_back_exactly(sneaky: Run) -> None:
    session = json.loads(sneaky("session", "show", "1", "--json").out)
    assert session["notes"] == SNEAKY
    backup = sneaky("export", "--all").out
    assert "\\udb40\\udc41" in backup  # the tag character, as a surrogate pair
    assert json.loads(backup)["sessions"][0]["notes"] == SNEAKY


def test_an_escaped_backup_imports_into_the_same_text(
    sneaky: Run, tmp_path: Path, db_path: Path
) -> None:
    backup = tmp_path / "all.json"
    assert sneaky("export", "--all", "-o", str(backup)).code == 0
    fresh = tmp_path / "fresh.db"
    assert sneaky("--db", str(fresh), "import", str(backup)).code == 0
    again = json.loads(sneaky("--db", str(fresh), "session", "show", "1", "--json").out)
    assert again["notes"] == SNEAKY


def test_calendar_text_holds_no_control_characters(sneaky: Run) -> None:
    outcome = sneaky("calendar", "ana/ben")
    assert outcome.code == 0, outcome.err
    text = outcome.out  # the test runner reads CRLF line ends as newlines
    bad = [c for c in text if (ord(c) < 0x20 and c not in "\t\r\n") or 0x7F <= ord(c) <= 0x9F]
    assert bad == []
    _no_raw(text)
    assert "DESCRIPTION:" in text


NOT_UTF8 = "\udcff"  # how Python keeps the byte 0xff of a command-line argument


@pytest.mark.parametrize(
    "args",
    [
        ("topic", "add", "rui/ana", f"x{NOT_UTF8}"),
        ("person", "edit", "ana", "--name", NOT_UTF8),
        ("log", "rui/ana", "--notes", f"ok {NOT_UTF8}"),
        ("pair", "add", "ana", "ben", "--focus", NOT_UTF8),
        ("goal", "add", "rui/ana", NOT_UTF8),
        ("person", "edit", "ana", f"--name={NOT_UTF8}"),
    ],
    ids=["topic", "name", "notes", "focus", "goal", "name="],
)
def test_an_argument_that_is_not_utf8_is_bad_input_naming_it(
    people: Run, args: tuple[str, ...]
) -> None:
    outcome = people(*args)
    assert outcome.code == 2, outcome
    assert "not UTF-8" in outcome.err and outcome.err.count("\n") == 1
    assert "--" in outcome.err or '"' in outcome.err  # the option, or the argument shown


def test_raw_bytes_from_a_real_shell_are_bad_input(tmp_path: Path) -> None:
    db = tmp_path / "mentor.db"
    made = mentor_process("person", "add", "ana", "--tz", "UTC", db=db)
    assert made.returncode == 0
    raw = [MENTOR.encode(), b"--db", bytes(db), b"person", b"edit", b"ana", b"--name", b"\xff"]
    done = subprocess.run(raw, capture_output=True)
    assert done.returncode == 2, done.stderr
    assert b"--name" in done.stderr and b"UTF-8" in done.stderr
