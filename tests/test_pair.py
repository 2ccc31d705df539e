"""`mentor pair` and how pair references resolve."""

from __future__ import annotations

import json

from conftest import Run


def test_pairs_listed_with_status_and_cadence(people: Run) -> None:
    pairs = json.loads(people("pair", "list", "--json").out)
    assert [(p["id"], p["mentor"], p["mentee"], p["status"]) for p in pairs] == [
        (1, "rui", "ana", "active"),
        (2, "rui", "ben", "active"),
    ]
    assert pairs[1]["cadence"] == "every 2 weeks"
    assert pairs[0]["focus"] == "career growth"
    table = people("pair", "list").out
    assert "rui/ana" in table and "every 2 weeks" in table


def test_references_by_handles_id_and_single_handle(people: Run) -> None:
    by_handles = json.loads(people("pair", "show", "rui/ana", "--json").out)
    by_id = json.loads(people("pair", "show", "2", "--json").out)
    by_one = json.loads(people("pair", "show", "ana", "--json").out)
    assert by_handles["id"] == 1 and by_id["mentee"] == "ben" and by_one["id"] == 1
    assert by_handles["people"]["mentee"]["timezone"] == "America/New_York"


def test_ambiguous_reference_lists_candidates(people: Run) -> None:
    outcome = people("pair", "show", "rui")
    assert outcome.code == 2
    assert "rui/ana (#1)" in outcome.err and "rui/ben (#2)" in outcome.err


def test_unknown_references(people: Run) -> None:
    for ref in ("99", "ana/rui", "ghost"):
        outcome = people("pair", "show", ref)
        assert outcome.code == 2 and ref in outcome.err, (ref, outcome.err)


def test_pause_resume_end(people: Run) -> None:
    assert people("pair", "pause", "rui/ben").code == 0
    assert json.loads(people("pair", "show", "2", "--json").out)["status"] == "paused"
    # rui is now in one active pair, so the handle alone resolves.
    assert json.loads(people("pair", "show", "rui", "--json").out)["id"] == 1
    again = people("pair", "pause", "2")
    assert again.code == 2 and "paused" in again.err
    assert people("pair", "resume", "2").code == 0
    ended = people("pair", "end", "rui/ana", "--completed", "--yes")
    assert ended.code == 0, ended.err
    shown = json.loads(people("pair", "show", "1", "--json").out)
    assert shown["status"] == "completed" and shown["end_date"]
    only_active = json.loads(people("pair", "list", "--status", "active", "--json").out)
    assert [p["id"] for p in only_active] == [2]


def test_pair_add_refusals_write_nothing(people: Run) -> None:
    cases = [
        (["pair", "add", "rui", "ghost"], "ghost"),
        (["pair", "add", "rui", "ana", "--cadence", "sometimes"], "sometimes"),
        (["pair", "add", "rui", "ana", "--channel", "pigeon"], "pigeon"),
        (["pair", "add", "rui", "rui"], "rui"),
        (["pair", "add", "rui", "ana", "--start", "2026-02-30"], "2026-02-30"),
    ]
    for args, named in cases:
        outcome = people(*args)
        assert outcome.code == 2, (args, outcome)
        assert named in outcome.err and outcome.err.count("\n") == 1
    assert len(json.loads(people("pair", "list", "--json").out)) == 2


def test_pair_add_with_rrule_and_start(people: Run) -> None:
    outcome = people(
        "pair",
        "add",
        "ana",
        "ben",
        "--cadence",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        "--start",
        "2026-11-02",
        "--proposed",
    )
    assert outcome.code == 0, outcome.err
    pair = json.loads(people("pair", "show", "ana/ben", "--json").out)
    assert pair["cadence"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert pair["start_date"] == "2026-11-02" and pair["status"] == "proposed"
