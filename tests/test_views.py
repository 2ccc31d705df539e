"""Views across all pairs: listings without a pair, what I promised, time spent per pair."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest

from mentorcli.cli.runtime import runtime

from conftest import Run


def shown(run: Run, *args: str) -> Any:
    outcome = run(*args, "--json")
    assert outcome.code == 0, outcome.err
    return json.loads(outcome.out)


def test_listings_without_a_pair_show_every_pair_not_over(people: Run) -> None:
    assert people("person", "add", "cy", "--tz", "UTC").code == 0
    assert people("pair", "add", "rui", "cy").code == 0
    for ref in ("rui/ana", "rui/ben", "rui/cy"):
        assert people("goal", "add", ref, f"goal of {ref}").code == 0
        assert people("topic", "add", ref, f"topic of {ref}").code == 0
        assert people("expect", "add", ref, f"expectation of {ref}").code == 0
        assert people("log", ref, "--notes", f"notes of {ref}").code == 0
    assert people("pair", "end", "rui/cy", "--yes").code == 0
    for listing in (("goal", "list"), ("topic", "list"), ("expect", "list"), ("sessions",)):
        found = shown(people, *listing)
        assert sorted(r["pair"] for r in found) == ["rui/ana", "rui/ben"], listing
        table = people(*listing).out
        assert "rui/ana" in table and "rui/ben" in table and "rui/cy" not in table, listing
        one = shown(people, *listing, "rui/cy")
        assert len(one) == 1 and "pair" not in one[0], listing


def test_sessions_since_until_and_limit(people: Run) -> None:
    for day in ("2026-09-01", "2026-09-15", "2026-10-01"):
        assert people("log", "ana", "--when", f"{day} 10:00", "--notes", day).code == 0
    found = shown(people, "sessions", "--since", "2026-09-10", "--until", "2026-10-01")
    assert [s["notes"] for s in found] == ["2026-09-15"]
    assert [s["notes"] for s in shown(people, "sessions", "--limit", "1")] == ["2026-10-01"]


def test_what_did_i_promise(people: Run) -> None:
    assert people("action", "add", "rui/ana", "mentee", "send the CV").code == 0
    assert people("action", "add", "rui/ana", "mentor", "share the checklist").code == 0
    assert people("action", "add", "rui/ben", "mentor", "review the PR").code == 0
    assert people("action", "add", "rui/ben", "mentee", "read the RFC").code == 0
    by = {o: [a["id"] for a in shown(people, "action", "list", "--owner", o)] for o in
          ("rui", "ana", "mentee", "mentor")}  # fmt: skip
    assert by == {"rui": [2, 3], "ana": [1], "mentee": [1, 4], "mentor": [2, 3]}
    assert people("config", "set", "me", "ben").code == 0
    assert [a["text"] for a in shown(people, "action", "list", "--owner", "me")] == ["read the RFC"]
    ghost = people("action", "list", "--owner", "ghost")
    assert ghost.code == 2 and "ghost" in ghost.err


@pytest.mark.parametrize("now", ["2026-11-25T12:00:00+00:00", "2026-11-30T12:00:00+00:00"])
def test_time_spent_this_week_and_month(
    people: Run, now: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a Wednesday, and on a Monday, when the week has only begun."""
    monkeypatch.setattr(runtime, "now", lambda: datetime.fromisoformat(now))
    monkeypatch.setattr(runtime, "local_zone", lambda: "UTC")
    today = datetime.fromisoformat(now).date()
    monday = today - timedelta(days=today.weekday())
    assert (
        people("log", "ana", "--when", f"{monday} 00:30", "--minutes", "45", "--notes", "a").code
        == 0
    )
    assert (
        people("log", "ana", "--when", f"{today} 00:10", "--minutes", "30", "--notes", "b").code
        == 0
    )
    assert (
        people("log", "ben", "--when", f"{today} 00:20", "--minutes", "60", "--notes", "c").code
        == 0
    )
    before = monday - timedelta(days=1)
    assert (
        people("log", "ben", "--when", f"{before} 10:00", "--minutes", "90", "--notes", "d").code
        == 0
    )
    week = shown(people, "sessions", "--week")
    rows = {r["pair"]: (r["sessions"], r["minutes"]) for r in week["pairs"]}
    assert rows["rui/ana"] == (2, 75)
    assert rows["rui/ben"] == (1, 60)  # not the Sunday before
    assert week["first"] == monday.isoformat()
    assert week["last"] == (monday + timedelta(days=6)).isoformat()
    month = shown(people, "sessions", "--month")
    assert month["first"] == today.replace(day=1).isoformat()
    assert "rui/ben" in people("sessions", "--week").out
    both = people("sessions", "--week", "--month")
    assert both.code == 2 and "not both" in both.err
    assert people("config", "set", "week_start", "sun").code == 0
    sunday = today - timedelta(days=(today.weekday() + 1) % 7)
    assert shown(people, "sessions", "--week")["first"] == sunday.isoformat()


def test_action_list_takes_a_limit(people: Run) -> None:
    for n, due in enumerate(("2030-01-03", "2030-01-01", "2030-01-02")):
        assert people("action", "add", "ana", "mentee", f"step {n}", "--due", due).code == 0
    assert [a["id"] for a in shown(people, "action", "list", "--limit", "2")] == [2, 3]
