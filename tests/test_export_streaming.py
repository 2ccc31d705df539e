"""`mentor export PAIR` reads a pair's history as it writes it: the figures before the list
count what the list holds, and a pair's years take no more memory than its first months."""

from __future__ import annotations

import json
import re
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mentorcli.store import Store

from conftest import Run

START = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
HEADING = re.compile(r"^### (\d+)\. ", re.MULTILINE)


def logged(db_path: Path, pair_id: int, count: int, notes: str = "", hours: int = 24) -> None:
    """`count` sessions of a pair, `hours` apart (0: all at one instant), each with an action
    done, written straight into the database file."""
    store = Store.open(db_path)
    try:
        with store.write():
            for number in range(count):
                at = START + timedelta(hours=hours * number)
                session = store.sessions.add(
                    {
                        "pair_id": pair_id,
                        "started_at": at.isoformat(),
                        "zone": "UTC",
                        "minutes": 30 + number % 45,
                        "channel": ("video", "chat", "call")[number % 3],
                        "notes": notes or f"Session {number} went well.\n\n- next: step {number}",
                        "rapport": 1 + number % 5,
                        "engagement": 1 + (number * 7) % 5,
                        "tech_issue": "",
                        "private_notes": f"private {number}",
                    }
                )
                store.actions.add(
                    {
                        "pair_id": pair_id,
                        "owner": ("mentor", "mentee")[number % 2],
                        "text": f"step {number}",
                        "due_on": (at + timedelta(days=2)).date().isoformat(),
                        "status": "done",
                        "session_id": session.id,
                        "done_on": (at + timedelta(days=number % 4)).date().isoformat(),
                    }
                )
    finally:
        store.close()


def test_figures_and_list_agree_across_batches(people: Run, db_path: Path) -> None:
    count = 515
    logged(db_path, 1, count)
    logged(db_path, 1, 5, hours=0)  # five at one instant: listed by id
    for args in ((), ("--since", "2024-06-01"), ("--for", "mentee")):
        markdown = people("export", "rui/ana", *args)
        document = json.loads(people("export", "rui/ana", "--format", "json", *args).out)
        assert markdown.code == 0, markdown.err
        numbers = [int(n) for n in HEADING.findall(markdown.out)]
        timeline = document["timeline"]
        assert numbers == list(range(1, len(timeline) + 1))
        assert document["figures"]["sessions"] == len(timeline) > 300
        assert f"| Sessions and touchpoints | {len(timeline)} |" in markdown.out
        starts = [(entry["started_at"], entry["id"]) for entry in timeline]
        assert starts == sorted(starts) and len(set(starts)) == len(starts)
        done = markdown.out.split("### Done\n\n")[1].split("\n\n### Open")[0].split("\n")
        assert len(done) == len(document["actions_done"])
        assert "private" not in markdown.out
    whole = json.loads(people("export", "rui/ana", "--format", "json").out)
    assert len(whole["timeline"]) == count + 5 and len(whole["actions_done"]) == count + 5
    assert whole["figures"]["intervals"] == count + 4
    assert whole["figures"]["rapport_mean"] == round(
        sum(1 + n % 5 for n in (*range(count), *range(5))) / (count + 5), 2
    )


def test_the_figures_and_the_list_read_one_snapshot(people: Run, db_path: Path) -> None:
    logged(db_path, 1, 3)
    reader, writer = Store.open(db_path), Store.open(db_path)
    try:
        history = reader.history(1)
        with history.reading():
            counted = history.totals().sessions
            logged_meanwhile = writer.sessions.add
            with writer.write():
                logged_meanwhile(
                    {
                        "pair_id": 1,
                        "started_at": START.isoformat(),
                        "zone": "UTC",
                        "minutes": 10,
                        "channel": "chat",
                        "notes": "",
                        "rapport": None,
                        "engagement": None,
                        "tech_issue": "",
                        "private_notes": "",
                    }
                )
            assert len(list(history.sessions())) == len(list(history.starts())) == counted == 3
        assert len(list(reader.history(1).sessions())) == 4
    finally:
        reader.close()
        writer.close()


def peak_memory(run: Run, target: Path) -> int:
    """The most memory Python held while exporting rui/ana into `target`."""
    tracemalloc.start()
    try:
        outcome = run("export", "rui/ana", "-o", str(target), "--force")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert outcome.code == 0, outcome.err
    return peak


def test_memory_does_not_grow_with_the_history(people: Run, db_path: Path, tmp_path: Path) -> None:
    notes = "We went through the plan for the quarter and what comes next. " * 64  # 4 kB
    target = tmp_path / "summary.md"
    logged(db_path, 1, 300, notes)
    peak_memory(people, target)  # modules loaded, caches filled
    first = peak_memory(people, target)
    logged(db_path, 1, 3 * (300), notes)
    later = peak_memory(people, target)
    assert len(HEADING.findall(target.read_text())) == 4 * (300)
    # Held whole, four times the notes would take well over twice the memory.
    assert later < 1.5 * first, (first, later)


def test_actions_are_listed_by_due_date_none_last(people: Run, db_path: Path) -> None:
    store = Store.open(db_path)
    try:
        with store.write():
            for due_on, status in [
                (None, "done"),
                ("2026-03-01", "done"),
                ("", "open"),
                (None, "open"),
                ("2026-01-01", "done"),
                ("2026-03-01", "open"),
                (None, "done"),
                ("2026-01-01", "open"),
            ]:
                done_on = "2026-02-01" if status == "done" else None
                dates = {"due_on": due_on, "done_on": done_on}
                text = f"due {due_on}"
                store.actions.add(
                    {"pair_id": 1, "owner": "mentee", "text": text, **dates, "status": status}
                )
    finally:
        store.close()
    document = json.loads(people("export", "rui/ana", "--format", "json").out)
    for listed in (document["actions_done"], document["actions_open"]):
        order = [(a["due_on"] is None, a["due_on"] or "", a["id"]) for a in listed]
        assert order == sorted(order) and len(order) == 4
    markdown = people("export", "rui/ana").out
    assert markdown.index("- due 2026-01-01 (mentee, done") < markdown.index("- due None (mentee")
