"""`mentor plan`: booking a session ahead, listing, moving, cancelling; agenda, status and log
reading the plan."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from seed_helpers import ok

from conftest import Run


def tuesday(weeks: int = 0, hour: int = 14) -> str:
    """A Tuesday at least two days ahead (plus `weeks`), `hour`:00 UTC: inside rui's Lisbon
    and ana's New York hours all year round."""
    day = datetime.now(UTC).date() + timedelta(days=2)
    day += timedelta(days=(1 - day.weekday()) % 7, weeks=weeks)
    return f"{day.isoformat()} {hour:02d}:00"


def plan(run: Run, *args: str) -> dict[str, object]:
    found: dict[str, object] = json.loads(ok(run, "plan", *args, "--json"))
    return found


def test_plan_books_a_future_session_and_lists_it(people: Run) -> None:
    run = people
    booked = plan(run, "rui/ana", "--when", tuesday(), "--agenda-note", "CV [bold]review[/]")
    assert booked["status"] == "planned" and booked["sequence"] == 0
    assert booked["starts_at"] == tuesday().replace(" ", "T") + ":00+00:00"
    assert booked["minutes"] == 60 and booked["channel"] == "video"
    assert set(booked["local"]) == {"rui", "ana"}  # type: ignore[arg-type]
    listed = json.loads(ok(run, "plan", "list", "--json"))
    assert [p["id"] for p in listed] == [booked["id"]]
    assert listed[0]["pair"] == "rui/ana"
    table = ok(run, "plan", "list", "rui/ana")
    assert "CV [bold]review[/]" in table
    line = ok(run, "plan", "rui/ana", "--when", tuesday(1), "--minutes", "30")
    assert line.startswith("Planned session #2 of rui/ana:") and "30 min by video" in line


def test_a_past_time_is_refused_and_points_at_log(people: Run) -> None:
    outcome = people("plan", "rui/ana", "--when", "yesterday 14:00")
    assert outcome.code == 2
    assert "already passed" in outcome.err and "mentor log" in outcome.err
    assert json.loads(ok(people, "plan", "list", "--json")) == []


def test_outside_working_hours_is_refused_with_the_reason_unless_anyway(people: Run) -> None:
    run = people
    late = tuesday(hour=22)  # 22:00 Lisbon-ish, 17:00 in New York: both off
    outcome = run("plan", "rui/ana", "--when", late)
    assert outcome.code == 2
    assert "rui's" in outcome.err and "ana's" in outcome.err and "--anyway" in outcome.err
    assert json.loads(ok(run, "plan", "list", "--json")) == []
    booked = plan(run, "rui/ana", "--when", late, "--anyway")
    assert booked["status"] == "planned"


def test_move_bumps_the_sequence_and_cancel_ends_it(people: Run) -> None:
    run = people
    booked = plan(run, "rui/ana", "--when", tuesday())
    moved = plan(run, "move", str(booked["id"]), "--when", tuesday(1))
    assert moved["uid"] == booked["uid"] and moved["sequence"] == 1
    assert moved["starts_at"] == tuesday(1).replace(" ", "T") + ":00+00:00"
    refused = run("plan", "move", str(booked["id"]), "--when", tuesday(hour=3))
    assert refused.code == 2 and "outside" in refused.err
    cancelled = plan(run, "cancel", str(booked["id"]), "--yes")
    assert cancelled["status"] == "cancelled" and cancelled["sequence"] == 2
    assert json.loads(ok(run, "plan", "list", "--json")) == []
    assert len(json.loads(ok(run, "plan", "list", "--all", "--json"))) == 1
    again = run("plan", "cancel", str(booked["id"]), "--yes")
    assert again.code == 2 and "cancelled" in again.err
    assert run("plan", "move", "99", "--when", tuesday()).code == 2


def test_agenda_and_status_use_the_planned_time(people: Run) -> None:
    run = people
    booked = plan(run, "rui/ana", "--when", tuesday(2), "--agenda-note", "mock interview")
    agenda = json.loads(ok(run, "agenda", "rui/ana", "--json"))
    assert agenda["due"] == booked["starts_at"]
    assert agenda["planned"]["id"] == booked["id"]
    assert {t["handle"]: t["zone"] for t in agenda["due_local"]} == {
        "rui": "Europe/Lisbon",
        "ana": "America/New_York",
    }
    shown = ok(run, "agenda", "rui/ana")
    assert f"planned #{booked['id']}" in shown and "mock interview" in shown
    assert "mock interview" in ok(run, "agenda", "rui/ana", "--markdown")
    status = json.loads(ok(run, "status", "--json"))
    row = next(p for p in status["pairs"] if p["pair"] == "rui/ana")
    assert row["next_due"] == booked["starts_at"] and row["planned_id"] == booked["id"]
    other = next(p for p in status["pairs"] if p["pair"] == "rui/ben")
    assert other["planned_id"] is None


def test_log_without_when_near_a_plan_completes_it(people: Run) -> None:
    run = people
    soon = (datetime.now(UTC) + timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M")
    booked = plan(run, "rui/ana", "--when", soon, "--anyway")
    later = plan(run, "rui/ana", "--when", tuesday(3), "--anyway")
    logged = json.loads(ok(run, "log", "rui/ana", "--notes", "went well", "--json"))
    assert logged["plan"]["id"] == booked["id"]
    assert logged["plan"]["status"] == "done"
    assert logged["plan"]["session_id"] == logged["session"]["id"]
    left = json.loads(ok(run, "plan", "list", "--json"))
    assert [p["id"] for p in left] == [later["id"]]


def test_log_with_when_leaves_plans_alone(people: Run) -> None:
    run = people
    soon = (datetime.now(UTC) + timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M")
    plan(run, "rui/ana", "--when", soon, "--anyway")
    logged = json.loads(
        ok(run, "log", "rui/ana", "--when", "yesterday 10:00", "--notes", "x", "--json")
    )
    assert logged["plan"] is None
    assert len(json.loads(ok(run, "plan", "list", "--json"))) == 1


def test_backup_carries_plans_and_an_older_backup_without_them_imports(
    people: Run, tmp_path: Path
) -> None:
    run = people
    booked = plan(run, "rui/ana", "--when", tuesday(), "--agenda-note", "review")
    target = tmp_path / "all.json"
    ok(run, "export", "--all", "-o", str(target))
    document = json.loads(target.read_text())
    assert [p["uid"] for p in document["planned_sessions"]] == [booked["uid"]]
    assert (
        document["planned_sessions"][0]["pair"]
        == json.loads(ok(run, "pair", "show", "rui/ana", "--json"))["uid"]
    )
    older = tmp_path / "older.json"
    del document["planned_sessions"]
    older.write_text(json.dumps(document))
    fresh = {"MENTOR_DB": str(tmp_path / "fresh.db")}
    assert run("import", str(older), env=fresh).code == 0
    assert json.loads(ok_env(run, fresh, "plan", "list", "--json")) == []
    assert run("import", str(target), env=fresh).code == 0
    assert [p["uid"] for p in json.loads(ok_env(run, fresh, "plan", "list", "--json"))] == [
        booked["uid"]
    ]


def ok_env(run: Run, env: dict[str, str], *args: str) -> str:
    outcome = run(*args, env=env)
    assert outcome.code == 0, (args, outcome.err)
    return outcome.out
