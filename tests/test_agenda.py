"""`mentor agenda PAIR`: when the next session is due, and what to talk about."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from markdown_it import MarkdownIt

from seed_helpers import at, day, history, ok

from conftest import Run


def test_agenda_shows_what_is_next(people: Run) -> None:
    run = history(people)
    outcome = run("agenda", "rui/ana")
    assert outcome.code == 0, outcome.err
    text = outcome.out
    assert "Agenda for rui/ana (#1)" in text
    assert "Next session:" in text and "Lisbon" in text and "New York" in text
    overdue = text.index("OVERDUE 2d #1 ana: draft the RFC")
    assert overdue < text.index("#2 rui: send examples")
    assert "Lead a design review" in text and "60%" in text and "██████░░░░" in text
    assert "#1 conference talk" in text
    assert "response-time: Answer within two days" in text and "review due" in text
    assert "Weekly video on Tuesdays" not in text  # the cadence is kept: nothing to review
    assert "#4 " in text and "Talked about the RFC." in text and "Next: the review" not in text


def test_agenda_json_is_the_same_data(people: Run) -> None:
    run = history(people)
    agenda = json.loads(ok(run, "agenda", "ana", "--json"))
    assert agenda["pair"] == "rui/ana" and agenda["first_session"] is False
    mentor, mentee = agenda["due_local"]
    assert (mentor["handle"], mentor["zone"]) == ("rui", "Europe/Lisbon")
    assert (mentee["handle"], mentee["zone"]) == ("ana", "America/New_York")
    # A week after the last session, at the same wall-clock time in the mentor's zone.
    last = datetime.fromisoformat(agenda["recap"]["started_at"]).astimezone(
        ZoneInfo("Europe/Lisbon")
    )
    due = datetime.fromisoformat(mentor["at"])
    assert due.replace(tzinfo=None) == last.replace(tzinfo=None) + timedelta(days=7)
    assert datetime.fromisoformat(mentee["at"]) == due
    assert datetime.fromisoformat(agenda["due"]) == due
    assert [f["overdue_days"] for f in agenda["followups"]] == [2, 0]
    assert agenda["followups"][0]["who"] == "ana" and agenda["followups"][1]["owner"] == "mentor"
    assert [g["title"] for g in agenda["goals"]] == ["Lead a design review", "Write an RFC"]
    assert [t["text"] for t in agenda["topics"]] == ["conference talk"]
    assert [r["topic"] for r in agenda["reviews"]] == ["response-time"]
    assert agenda["recap"]["notes"] == "Talked about the RFC." and agenda["recap"]["minutes"] == 50


def test_a_slipping_cadence_is_overdue_and_brings_its_expectation(people: Run) -> None:
    run = history(people)
    ok(run, "expect", "add", "rui/ben", "Every other Monday by chat", "--topic", "cadence")
    agenda = json.loads(ok(run, "agenda", "rui/ben", "--json"))
    assert agenda["overdue_days"] in (25, 26)  # 40 days since, every 2 weeks
    assert [r["reason"] for r in agenda["reviews"]] == ["the cadence is slipping"]
    assert "overdue by" in ok(run, "agenda", "rui/ben")


def test_the_first_session_is_due_on_the_start_date_at_nine(people: Run) -> None:
    run = people
    ok(run, "pair", "add", "ben", "ana", "--start", day(3))
    agenda = json.loads(ok(run, "agenda", "ben/ana", "--json"))
    assert agenda["first_session"] is True and agenda["recap"] is None
    assert agenda["due_local"][0]["at"].startswith(f"{day(3)}T09:00:00+05:30")
    assert agenda["overdue_days"] == 0 and agenda["followups"] == []
    text = ok(run, "agenda", "ben/ana")
    assert "(first session)" in text and "none open" in text and "none yet" in text


def test_markdown_agenda_keeps_user_text_literal(people: Run) -> None:
    run = history(people)
    ok(run, "topic", "add", "rui/ana", "## <b>big</b> [x](javascript:alert(1)) | y")
    ok(run, "log", "rui/ana", "--when", at(1), "--notes", "# heading?\n<script>x</script>")
    markdown = ok(run, "agenda", "rui/ana", "--markdown")
    assert markdown.startswith("# Agenda: rui and ana\n")
    assert "- **OVERDUE** #1 ana: draft the RFC" in markdown
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    titles = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert titles == [
        "Agenda: rui and ana",
        "Follow-ups",
        "Goals",
        "Topics",
        "Expectations to review",
        "Last session",
    ]
    kinds = {c.type for t in tokens for c in [t, *(t.children or [])]}
    assert not kinds & {"html_block", "html_inline", "link_open", "table_open"}


def test_agenda_errors(people: Run) -> None:
    assert people("agenda", "rui").code == 2  # rui is in two active pairs
    assert people("agenda", "nobody").code == 2
    assert people("agenda", "rui/ben", "--json").code == 0
