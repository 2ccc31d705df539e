"""`mentor status`: every active pair at a glance, and what needs attention first."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from seed_helpers import at, bulk, history, ok

from conftest import Run


def test_status_rows_and_attention(people: Run) -> None:
    run = history(people)
    outcome = run("status")
    assert outcome.code == 0, outcome.err
    text = outcome.out
    # rui/ben has lapsed (40 days, every 2 weeks): it comes first.
    assert text.index("rui/ben #2") < text.index("rui/ana #1")
    assert "7 days ago" in text and "40 days ago" in text
    assert "▄▅▄▄" in text  # rapport 4, 5, 4, 4
    assert "2 open, 1 late" in text
    attention = text[text.index("Needs attention") :]
    lines = [line.strip() for line in attention.splitlines()[1:]]
    assert lines[0].startswith("lapsed") and "rui/ben" in lines[0]
    assert "no touchpoint in 40 days" in lines[0]
    assert lines[1].startswith("overdue-action") and "draft the RFC" in lines[1]
    assert lines[2].startswith("review") and "Answer within two days" in lines[2]


def test_status_json(people: Run) -> None:
    run = history(people)
    status = json.loads(ok(run, "status", "--json"))
    pairs = {p["pair"]: p for p in status["pairs"]}
    assert [p["pair"] for p in status["pairs"]] == ["rui/ben", "rui/ana"]
    ana = pairs["rui/ana"]
    assert ana["days_since"] == 7 and ana["lapsed"] is False and ana["overdue_days"] == 0
    assert ana["open_actions"] == 2 and ana["overdue_actions"] == 1
    assert ana["goals"] == 2 and ana["goal_progress"] == 30
    assert ana["rapport"] == [4, 5, 4, 4] and ana["engagement"] == [4, 4, 4, 5]
    assert ana["rapport_trend"] == ""  # four ratings are too few to call a trend
    ben = pairs["rui/ben"]
    assert ben["lapsed"] is True and ben["rapport"] == [None] and ben["goal_progress"] is None
    kinds = [a["kind"] for a in status["attention"]]
    assert kinds == ["lapsed", "overdue-action", "review"]
    assert status["attention"][1]["ref"] == 1 and status["attention"][1]["days"] == 2


def table_lines(out: str) -> list[str]:
    return out[: out.index("Needs attention")].rstrip("\n").splitlines()


def test_a_wide_terminal_shows_one_aligned_line_per_pair(
    people: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = history(people)
    monkeypatch.setenv("COLUMNS", "160")
    header, *rows = table_lines(ok(run, "status"))
    assert header.split() == [
        *("pair", "last", "touch", "next", "due", "actions", "goals", "rapport", "engagement")
    ]
    assert [row.split()[0:2] for row in rows] == [["rui/ben", "#2"], ["rui/ana", "#1"]]
    column = header.index("actions")
    assert rows[1][column:].startswith("2 open, 1 late")
    assert all(len(line) <= 160 and line == line.rstrip() for line in [header, *rows])


@pytest.mark.parametrize("width", [40, 60, 80])
def test_a_narrow_terminal_keeps_every_figure_in_its_column(
    people: Run, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    run = history(people)
    handle = "a-mentor-with-a-long-handle-1234"
    ok(run, "person", "add", handle, "--tz", "UTC")
    ok(run, "pair", "add", handle, "ana")
    monkeypatch.setenv("COLUMNS", str(width))
    out = ok(run, "status")
    lines = table_lines(out)
    assert all(len(line) <= width for line in lines)
    # Each pair starts a line at the left edge; its figures go on, indented, below it.
    starts = [
        next(word for word in line.split() if word.startswith("#"))
        for line in lines[1:]
        if not line.startswith(" ")
    ]
    assert sorted(starts) == ["#1", "#2", "#3"]
    # Narrow, the figures are compact (one line per pair at 80 columns): "2 +1 late", "7d ago".
    assert "2 +1 late" in out and "▄▅▄▄" in out and "7d ago" in out
    assert "a-mentor-" in out and "…" in out  # the long name cut, its #id kept


def test_falling_rapport_needs_attention(people: Run) -> None:
    run = people
    for days_ago, rapport in ((36, 5), (29, 5), (22, 4), (15, 3), (8, 3), (1, 3)):
        ok(
            run,
            "log",
            "rui/ana",
            "--when",
            at(days_ago),
            "--rapport",
            str(rapport),
            "--engagement",
            "4",
            "--notes",
            "x",
        )
    status = json.loads(ok(run, "status", "--json"))
    ana = next(p for p in status["pairs"] if p["pair"] == "rui/ana")
    assert ana["rapport_trend"] == "falling" and ana["engagement_trend"] == "steady"
    falling = [a for a in status["attention"] if a["kind"] == "falling"]
    assert [(a["pair"], a["text"]) for a in falling] == [("rui/ana", "rapport falling")]
    assert "rapport falling" in ok(run, "status")
    assert "▅▅▄▃▃▃ falling" in ok(run, "status")


def test_only_active_pairs_and_an_empty_screen(people: Run, run: Run) -> None:
    ok(people, "pair", "pause", "rui/ben")
    status = json.loads(ok(people, "status", "--json"))
    assert [p["pair"] for p in status["pairs"]] == ["rui/ana"]
    ok(people, "pair", "end", "rui/ana", "--yes")
    assert "No active pairs" in ok(people, "status")
    assert json.loads(ok(people, "status", "--json"))["pairs"] == []


def test_status_on_a_large_database(people: Run, db_path: Path) -> None:
    """2,000 pairs and 100,000 sessions: every pair with its six latest sessions, and the
    screen. How long it takes is measured by `make bench`; which indexes it reads through,
    by tests/test_query_plans.py."""
    bulk(db_path, pairs=2000, sessions_per_pair=50)
    outcome = people("status", "--json")
    assert outcome.code == 0, outcome.err
    status = json.loads(outcome.out)
    assert len(status["pairs"]) == 2002
    bulky = next(p for p in status["pairs"] if p["pair"] == "p0/p1")
    assert len(bulky["rapport"]) == 6 and bulky["days_since"] in (6, 7)
    screen = people("status")
    assert screen.code == 0, screen.err
    assert screen.out.count("\n") > 2002


def test_the_screen_reads_only_the_overdue_actions_it_shows(people: Run, db_path: Path) -> None:
    """Many overdue actions, ties on their due dates across pairs: the screen's attention
    list is the first of --json's (which reads them all), in the same order, and counts the
    rest."""
    conn = sqlite3.connect(db_path)
    with conn:
        _open_actions(
            conn,
            [(f"late-{n}", 2 - n % 2, f"task {n:02d}", f"2026-0{1 + n % 3}-01") for n in range(40)],
        )
    conn.close()
    every, _ = _screen_begins_json(people)
    assert sum(item["kind"] == "overdue-action" for item in every) == 40


# created_at and updated_at of the rows written straight into the database.
STAMPS = ("2026-01-01T00:00:00+00:00",) * 2


def _open_actions(conn: sqlite3.Connection, rows: list[tuple[str, int, str, str]]) -> None:
    """Open actions of the mentee, each (uid, pair id, text, due date)."""
    conn.executemany(
        "INSERT INTO action (uid, pair_id, owner, text, due_on, status, created_at, "
        "updated_at) VALUES (?, ?, 'mentee', ?, ?, 'open', ?, ?)",
        [(*row, *STAMPS) for row in rows],
    )


def _screen_begins_json(people: Run) -> tuple[list[dict[str, Any]], list[str]]:
    """--json's attention list and the screen's lines of it: the screen shows the first 25
    in the same order and counts the rest."""
    every = json.loads(ok(people, "status", "--json"))["attention"]
    screen = people("status", env={"COLUMNS": "200"})
    assert screen.code == 0, screen.err
    attention = screen.out[screen.out.index("Needs attention") :].splitlines()[1:]
    for line, item in zip(attention[:25], every[:25], strict=True):
        assert line.split()[0] == item["kind"] and item["text"] in line
    assert attention[25].strip() == (
        f"… and {len(every) - 25} more (mentor status --json lists them all)"
    )
    return every, attention[:25]


def test_the_screen_reads_only_the_reviews_it_shows(people: Run, db_path: Path) -> None:
    """Many expectations come to review, ties on their dates across pairs, and a few late
    actions before them: the screen's attention list is the first of --json's, in the same
    order, and counts the rest of both."""
    conn = sqlite3.connect(db_path)
    with conn:
        conn.executemany(
            "INSERT INTO expectation (uid, pair_id, topic, text, agreed_on, review_on, "
            "created_at, updated_at) VALUES (?, ?, 'other', ?, '2025-12-01', ?, ?, ?)",
            [
                (f"review-{n}", 2 - n % 2, f"agreement {n:02d}", f"2026-0{1 + n % 3}-01", *STAMPS)
                for n in range(40)
            ],
        )
        _open_actions(conn, [(f"late-{n}", 1 + n % 2, f"task {n}", "2026-02-01") for n in range(5)])
    conn.close()
    every, shown = _screen_begins_json(people)
    assert sum(item["kind"] == "review" for item in every) == 40
    assert any(line.split()[0] == "review" for line in shown)


def _status_loads(db: Path) -> tuple[str, list[str]]:
    """What `mentor status` prints, and the dateutil modules its run loads."""
    code = (
        "import sys\n"
        "from mentorcli.cli.app import main\n"
        "sys.argv = ['mentor', 'status']\n"
        "main()\n"
        "print(sorted(m for m in sys.modules if m.startswith('dateutil')), file=sys.stderr)\n"
    )
    env = {**os.environ, "MENTOR_DB": str(db), "NO_COLOR": "1", "TZ": "UTC"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout, done.stderr.splitlines()[-1]


def test_a_stored_rrule_is_not_tried_again_where_status_needs_no_occurrence(
    people: Run, db_path: Path
) -> None:
    """A pair's RRULE was tried out with dateutil when it was stored: status, whose next due
    date comes from a planned session, reckons its lapse from FREQ and INTERVAL alone."""
    ok(people, "pair", "edit", "rui/ana", "--cadence", "FREQ=MONTHLY;BYDAY=1MO")
    ok(people, "plan", "rui/ana", "--when", "2030-01-07 10:00", "--anyway")
    ok(people, "plan", "rui/ben", "--when", "2030-01-08 10:00", "--anyway")
    shown, loaded = _status_loads(db_path)
    assert "rui/ana #1" in shown and "2030-01-07" in shown
    assert loaded == "[]"
    # Without a planned session the next due date is the rule's next occurrence.
    ok(people, "plan", "cancel", "1")
    shown, loaded = _status_loads(db_path)
    assert "dateutil.rrule" in loaded and "rui/ana #1" in shown


def test_a_stored_rrule_that_never_fires_is_refused_when_its_occurrence_is_needed(
    people: Run, db_path: Path
) -> None:
    """Written by hand into the database: status says what is wrong with it, as at input."""
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE pair SET cadence = 'FREQ=MONTHLY;BYMONTHDAY=40' WHERE id = 1")
    conn.close()
    outcome = people("status")
    assert outcome.code == 2 and "never repeats" in outcome.err, outcome
