"""A reader that goes away early (`mentor status | head -1`) ends a run quietly, with exit 0."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import MENTOR, Run


@pytest.fixture
def busy(people: Run) -> Run:
    """Two pairs with sessions, goals and actions: every command below has lines to print."""
    for pair in ("rui/ana", "rui/ben"):
        for day in ("2026-11-02", "2026-11-09", "2026-11-16"):
            notes = f"talked about the roadmap on {day}"
            assert people("log", pair, "--when", f"{day} 10:00", "--notes", notes).code == 0
        assert people("goal", "add", pair, "Lead a design review").code == 0
    return people


COMMANDS = [
    ("status",),
    ("person", "list"),
    ("person", "list", "--json"),
    ("sessions", "rui/ana"),
    ("agenda", "rui/ana"),
    ("export", "rui/ana"),
    ("export", "--all"),
    ("schedule", "rui", "ana", "ben"),
    ("--help",),
    (),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args) or "no-args")
def test_a_pipe_closed_before_the_first_write(busy: Run, args: tuple[str, ...]) -> None:
    read, write = os.pipe()
    os.close(read)  # nobody will read: the command's first write fails (EPIPE)
    try:
        done = subprocess.run(
            [MENTOR, *args],
            stdout=write,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (0, "")


def test_status_into_head(busy: Run) -> None:
    done = subprocess.run(
        ["bash", "-c", f"'{MENTOR}' status | head -1 >/dev/null; exit ${{PIPESTATUS[0]}}"],
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    assert (done.returncode, done.stderr) == (0, "")
