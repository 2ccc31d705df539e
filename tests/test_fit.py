"""Output that fits where it is read: at 80 columns a listing gives each record one row (a
long text may wrap within its own column), no line runs past the edge, ids are never cut."""

from __future__ import annotations

import pytest

from mentorcli.render.columns import width_of

from conftest import Run

LONG = "a very long text that the mentee typed about what was agreed and why it matters to both"


@pytest.fixture
def long_names(run: Run) -> Run:
    assert run("person", "add", "rui", "--tz", "Europe/Lisbon").code == 0
    assert run("person", "add", "anastasia.longname", "--tz", "America/New_York").code == 0
    assert run("pair", "add", "rui", "anastasia.longname", "--focus", LONG).code == 0
    for n in range(12):
        when = f"2026-11-{n + 1:02d} 10:00"
        notes = f"{LONG} {n}"
        args = ("--minutes", "60", "--rapport", "4", "--tech-issue", "video froze")
        assert run("log", "1", "--notes", notes, "--when", when, *args).code == 0
    assert run("expect", "add", "1", LONG, "--review", "2026-11-20").code == 0
    assert run("goal", "add", "1", LONG, "--due", "2026-11-20").code == 0
    assert run("action", "add", "1", "mentee", LONG, "--due", "2026-11-20").code == 0
    assert run("topic", "add", "1", LONG).code == 0
    return run


@pytest.mark.parametrize(
    "args",
    [
        ("sessions",),
        ("sessions", "1"),
        ("status",),
        ("action", "list"),
        ("goal", "list"),
        ("expect", "list"),
        ("topic", "list"),
        ("pair", "list"),
        ("person", "list"),
    ],
)
def test_at_80_columns_nothing_runs_past_the_edge(long_names: Run, args: tuple[str, ...]) -> None:
    outcome = long_names(*args, env={"COLUMNS": "80"})
    assert outcome.code == 0, outcome.err
    lines = outcome.out.splitlines()
    assert all(width_of(line.rstrip()) <= 80 for line in lines), "\n".join(lines)


def test_one_row_per_session_and_per_pair_at_80_columns(long_names: Run) -> None:
    sessions = long_names("sessions", "--limit", "12", env={"COLUMNS": "80"}).out.splitlines()
    assert len(sessions) == 13  # the heading and one row each
    assert [line.split()[0] for line in sessions[1:]] == [str(n) for n in range(12, 0, -1)]
    status = long_names("status", env={"COLUMNS": "80"}).out.splitlines()
    assert status[1].startswith("rui/anastasia") and "#1" in status[1]
    assert "engage" in status[0] and len(status[0].split()) == 7  # every column on one line
