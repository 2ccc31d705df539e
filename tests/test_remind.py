"""`mentor remind`: what needs doing soon, for me or for everyone, and the desktop notice."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from seed_helpers import at, day, ok

from conftest import Run, mentor_process


def soon(hours: float) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M")


def reminders(run: Run, *args: str) -> dict[str, object]:
    found: dict[str, object] = json.loads(ok(run, "remind", *args, "--json"))
    return found


def kinds(found: dict[str, object]) -> list[tuple[str, str]]:
    return [(r["kind"], r["pair"]) for r in found["reminders"]]  # type: ignore[attr-defined]


def test_sessions_actions_reviews_and_lapses_within_the_window(people: Run) -> None:
    run = people
    ok(run, "plan", "rui/ana", "--when", soon(3), "--anyway", "--agenda-note", "mock interview")
    ok(run, "plan", "rui/ben", "--when", soon(24 * 5), "--anyway")  # outside 24h
    ok(run, "action", "add", "rui/ana", "mentee", "send the CV", "--due", day(1))
    ok(run, "action", "add", "rui/ana", "mentor", "read the CV", "--due", day(10))
    ok(
        run,
        "expect",
        "add",
        "rui/ben",
        "reply within a day",
        "--topic",
        "response-time",
        "--review",
        day(0),
    )
    # rui/ben (every 2 weeks) last met 20 days ago: lapsed after 21, so within the next 2 days.
    ok(run, "log", "rui/ben", "--when", at(20, 12), "--notes", "check-in")
    found = reminders(run, "--within", "2d")
    assert found["who"] == ""
    assert set(kinds(found)) == {
        ("session", "rui/ana"),
        ("action", "rui/ana"),
        ("review", "rui/ben"),
        ("lapse", "rui/ben"),
    }
    texts = " ".join(r["text"] for r in found["reminders"])  # type: ignore[attr-defined]
    assert "mock interview" in texts and "send the CV" in texts and "read the CV" not in texts
    wider = reminders(run, "--within", "1w")
    assert ("session", "rui/ben") in kinds(wider)
    assert "read the CV" not in json.dumps(wider)
    shown = ok(run, "remind", "--within", "2d")
    assert "mock interview" in shown and "lapse" in shown


def test_only_my_pairs_when_me_is_set(people: Run) -> None:
    run = people
    ok(run, "plan", "rui/ana", "--when", soon(2), "--anyway")
    ok(run, "plan", "rui/ben", "--when", soon(3), "--anyway")
    ok(run, "config", "set", "me", "ben")
    found = reminders(run)
    assert found["who"] == "ben"
    assert kinds(found) == [("session", "rui/ben")]
    assert len(reminders(run, "--all")["reminders"]) == 2  # type: ignore[arg-type]


def test_nothing_due_and_bad_windows(people: Run) -> None:
    assert "Nothing due" in ok(people, "remind")
    for bad in ("0h", "soon", "24", "-1h"):
        outcome = people("remind", "--within", bad)
        assert outcome.code == 2 and "--within" in outcome.err


def test_notify_without_notify_send_is_a_note(people: Run, tmp_path: Path) -> None:
    ok(people, "plan", "rui/ana", "--when", soon(2), "--anyway")
    empty = tmp_path / "bin"
    empty.mkdir()
    outcome = people("remind", "--notify", env={"PATH": str(empty)})
    assert outcome.code == 0
    assert "planned session" in outcome.out
    assert outcome.err.count("\n") == 1 and "notify-send not found" in outcome.err


def test_notify_sends_escaped_text(people: Run, tmp_path: Path) -> None:
    ok(people, "plan", "rui/ana", "--when", soon(2), "--anyway", "--agenda-note", "<b>CV</b> & co")
    folder = tmp_path / "bin"
    folder.mkdir()
    record = tmp_path / "sent"
    script = folder / "notify-send"
    script.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n--\\n" "$a"; done > {record}\n')
    os.chmod(script, 0o755)
    outcome = people("remind", "--notify", env={"PATH": f"{folder}:{os.environ['PATH']}"})
    assert outcome.code == 0, outcome.err
    sent = record.read_text()
    assert "mentor: 1 thing(s) due soon" in sent
    assert "&lt;b&gt;CV&lt;/b&gt; &amp; co" in sent and "<b>" not in sent


def test_on_a_terminal_only_the_heading_is_bold(people: Run) -> None:
    ok(people, "action", "add", "rui/ana", "mentee", "send the CV", "--due", day(1))
    coloured = mentor_process("remind", "--within", "2d", FORCE_COLOR="1", NO_COLOR="")
    assert coloured.returncode == 0, coloured.stderr
    heading, *rest = coloured.stdout.splitlines()
    assert heading.startswith("\x1b[1mDue before")
    assert "send the CV" in coloured.stdout
    assert not any("\x1b[1m" in line for line in rest), rest
