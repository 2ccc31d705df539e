"""The error boundary: internal failures are short, tracebacks only on --debug."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import Run


def _drift_schema(db_path: Path) -> None:
    """A database whose person table no longer matches the code: a real internal failure."""
    conn = sqlite3.connect(db_path)
    conn.execute("ALTER TABLE person RENAME COLUMN note TO secret_note_column")
    conn.commit()
    conn.close()


def test_internal_failure_is_one_line_exit_1(run: Run, db_path: Path) -> None:
    assert run("person", "add", "ana", "--tz", "UTC", "--note", "private words").code == 0
    _drift_schema(db_path)
    outcome = run("person", "list")
    assert outcome.code == 1
    assert outcome.err.count("\n") == 1 and "--debug" in outcome.err
    assert "Traceback" not in outcome.err and "private words" not in outcome.err


def test_debug_shows_the_traceback_for_internal_failures(run: Run, db_path: Path) -> None:
    assert run("person", "add", "ana", "--tz", "UTC").code == 0
    _drift_schema(db_path)
    outcome = run("--debug", "person", "list")
    assert outcome.code == 1 and "Traceback" in outcome.err


def test_debug_adds_no_traceback_to_bad_input(run: Run) -> None:
    outcome = run("--debug", "person", "add", "ana", "--tz", "Nowhere/Land")
    assert outcome.code == 2 and "Traceback" not in outcome.err
    assert outcome.err.count("\n") == 1


HUGE = "99999999999999999999"


def test_numbers_too_large_for_the_database_are_bad_input(people: Run) -> None:
    assert people("goal", "add", "rui/ana", "ship it").code == 0
    for args in (
        ("log", "rui/ana", "--notes", "x", "--minutes", HUGE),
        ("log", "rui/ana", "--notes", "x", "--goal", f"{HUGE}=5"),
        ("log", "rui/ana", "--notes", "x", "--covered", HUGE),
        ("pair", "show", HUGE),
        ("session", "show", HUGE),
        ("goal", "progress", HUGE, "5"),
        ("sessions", "rui/ana", "--limit", HUGE),
    ):
        outcome = people(*args)
        assert outcome.code == 2, (args, outcome)
        assert HUGE in outcome.err and outcome.err.count("\n") == 1
    assert people("sessions", "rui/ana", "--json").out.strip() == "[]"
