"""Private notes and ratings: kept in this database, shown to its owner, never handed over."""

from __future__ import annotations

import json
from pathlib import Path

from seed_helpers import at, ok

from conftest import Run

MARKER = "PRIVATE-MARKER-7f3a"


def logged_with_private(run: Run) -> str:
    out = ok(
        run,
        "log",
        "rui/ana",
        "--when",
        at(2),
        "--minutes",
        "45",
        "--notes",
        "shared: talked about the RFC",
        "--private-notes",
        f"{MARKER} seemed tired, ask gently",
        "--rapport",
        "4",
        "--engagement",
        "2",
        "--json",
    )
    return str(json.loads(out)["session"]["id"])


def test_session_show_has_both_notes(people: Run) -> None:
    session = logged_with_private(people)
    shown = ok(people, "session", "show", session)
    assert "shared: talked about the RFC" in shown
    assert MARKER in shown and "Private" in shown
    detail = json.loads(ok(people, "session", "show", session, "--json"))
    assert detail["notes"] == "shared: talked about the RFC"
    assert detail["private_notes"].startswith(MARKER)


def test_private_notes_edited_alone(people: Run) -> None:
    session = logged_with_private(people)
    ok(people, "session", "edit", session, "--private-notes", "rewritten")
    detail = json.loads(ok(people, "session", "show", session, "--json"))
    assert detail["private_notes"] == "rewritten"
    assert detail["notes"] == "shared: talked about the RFC"


def test_the_owners_full_backup_keeps_them(people: Run, tmp_path: Path) -> None:
    logged_with_private(people)
    backup = tmp_path / "all.json"
    ok(people, "export", "--all", "-o", str(backup))
    assert MARKER in backup.read_text()
    other = str(tmp_path / "other.db")
    ok(people, "--db", other, "import", str(backup))
    listed = json.loads(ok(people, "--db", other, "sessions", "rui/ana", "--json"))
    assert listed[0]["private_notes"].startswith(MARKER)


def test_an_older_backup_without_private_notes_imports(people: Run, tmp_path: Path) -> None:
    logged_with_private(people)
    backup = tmp_path / "all.json"
    ok(people, "export", "--all", "-o", str(backup))
    document = json.loads(backup.read_text())
    for session in document["sessions"]:
        del session["private_notes"]
    backup.write_text(json.dumps(document))
    other = str(tmp_path / "other.db")
    ok(people, "--db", other, "import", str(backup))
    assert json.loads(ok(people, "--db", other, "sessions", "--json"))[0]["private_notes"] == ""


def test_a_summary_for_the_mentee_has_no_private_notes_and_no_ratings(
    people: Run, tmp_path: Path
) -> None:
    logged_with_private(people)
    ok(people, "person", "edit", "ana", "--note", f"{MARKER} captions on")
    for format_ in ("markdown", "json"):
        target = tmp_path / f"summary.{format_}"
        ok(people, "export", "rui/ana", "--for", "mentee", "--format", format_, "-o", str(target))
        text = target.read_text()
        assert MARKER not in text
        assert "shared: talked about the RFC" in text
        assert "Rapport" not in text and "rapport 4" not in text
    document = json.loads((tmp_path / "summary.json").read_text())
    assert all(entry["rapport"] is None for entry in document["timeline"])
    assert document["figures"]["engagement_mean"] is None
    mentor = tmp_path / "mentor.md"
    ok(people, "export", "rui/ana", "-o", str(mentor))
    assert MARKER not in mentor.read_text()
    assert "rapport 4/5" in mentor.read_text()


def test_for_takes_mentor_or_mentee(people: Run) -> None:
    outcome = people("export", "rui/ana", "--for", "coordinator")
    assert outcome.code == 2 and "mentor or mentee" in outcome.err


def test_the_coordinators_export_holds_figures_and_nothing_private(
    people: Run, tmp_path: Path
) -> None:
    logged_with_private(people)
    ok(people, "person", "edit", "ana", "--note", f"{MARKER} captions on")
    ok(people, "goal", "add", "rui/ana", f"{MARKER} goal title", "--due", "2030-01-01")
    ok(people, "action", "add", "rui/ana", "mentee", f"{MARKER} action", "--due", "2020-01-02")
    ok(people, "topic", "add", "rui/ana", f"{MARKER} topic")
    ok(people, "expect", "add", "rui/ana", f"{MARKER} expectation")
    target = tmp_path / "program.json"
    ok(people, "export", "--program", "-o", str(target))
    raw = target.read_bytes()
    assert MARKER.encode() not in raw
    assert b"shared: talked about the RFC" not in raw
    assert b"career growth" not in raw  # the pair's focus is text too
    document = json.loads(raw)
    assert document["format"] == "mentorcli-program"
    ana = next(p for p in document["pairs"] if p["mentee"]["handle"] == "ana")
    assert "rapport" not in json.dumps(ana) and "engagement" not in json.dumps(ana)
    assert ana["sessions"][0]["minutes"] == 45
    assert ana["goals"][0]["due_on"] == "2030-01-01"
    assert ana["actions"] == {
        "open": 1,
        "done": 0,
        "dropped": 0,
        "overdue": 1,
        "open_due_dates": ["2020-01-02"],
    }
    assert (ana["expectations"], ana["topics_queued"]) == (1, 1)


def test_program_stands_alone(people: Run) -> None:
    assert people("export", "--program", "rui/ana").code == 2
    assert people("export", "--program", "--all").code == 2
    assert people("export", "--program", "--for", "mentee").code == 2
