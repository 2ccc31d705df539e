"""`mentor recap SESSION_ID`: the follow-up message, read back with the standard email package."""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from icalendar import Calendar

from seed_helpers import at, ok
from test_plan import tuesday

from conftest import Run, file_mode


@pytest.fixture
def mailed(people: Run) -> Run:
    ok(people, "person", "edit", "rui", "--email", "rui@example.org")
    ok(people, "person", "edit", "ana", "--email", "ana@example.org", "--name", "Ana\nBcc: x@y")
    return people


def logged(run: Run) -> int:
    result = json.loads(
        ok(
            run,
            "log",
            "rui/ana",
            "--when",
            at(1, 14),
            "--rapport",
            "2",
            "--notes",
            "We reviewed the **CV**.\nSubject: not a header\n\x1b[31mred",
            "--action",
            "mentee: rewrite the summary due 2030-01-10",
            "--action",
            "mentor: introduce Sam",
            "--json",
        )
    )
    session_id: int = result["session"]["id"]
    return session_id


def read(path: Path) -> EmailMessage:
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_recap_with_next_session_and_invitation(mailed: Run, tmp_path: Path) -> None:
    run = mailed
    ok(run, "action", "add", "rui/ana", "mentee", "older promise", "--due", "2030-02-01")
    session_id = logged(run)
    plan = json.loads(
        ok(run, "plan", "rui/ana", "--when", tuesday(), "--agenda-note", "talk", "--json")
    )
    target = tmp_path / "recap.eml"
    ok(run, "recap", str(session_id), "-o", str(target))
    assert file_mode(target) == 0o600
    message = read(target)
    assert message["From"].addresses[0].addr_spec == "rui@example.org"
    assert message["From"].addresses[0].display_name == "Rui Costa"
    (to,) = message["To"].addresses
    assert to.addr_spec == "ana@example.org" and "\n" not in to.display_name
    assert message["Bcc"] is None and message["Cc"] is None
    assert message["Subject"].startswith("Recap of our mentoring session on ")
    assert message["Date"].datetime.tzinfo is not None
    assert message["Message-ID"]
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "We reviewed the **CV**." in text
    assert "Subject: not a header" in text and "\x1b" not in text
    assert "rapport" not in text.lower()  # ratings are private
    assert "Hi Ana Bcc: x@y," in text  # a name stays on one line
    assert "- rewrite the summary (Ana Bcc: x@y, due 2030-01-10)" in text
    assert "introduce Sam (Rui Costa)" in text
    assert "older promise" in text
    assert "Agenda: talk" in text
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    calendar = Calendar.from_ical(attachment.get_content())
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{plan['uid']}@mentorcli"
    assert str(calendar["METHOD"]) == "REQUEST"


def test_recap_without_a_plan_has_no_attachment(mailed: Run, tmp_path: Path) -> None:
    session_id = logged(mailed)
    target = tmp_path / "recap.eml"
    ok(mailed, "recap", str(session_id), "-o", str(target))
    message = read(target)
    assert list(message.iter_attachments()) == []
    body = message.get_body(("plain",))
    assert body is not None and "Not planned yet." in body.get_content()
    assert mailed("recap", str(session_id), "-o", str(target)).code == 5


def test_recap_needs_emails_and_a_session(people: Run) -> None:
    session_id = logged(people)
    outcome = people("recap", str(session_id))
    assert outcome.code == 2 and "no email" in outcome.err
    assert people("recap", "999").code == 2
