"""`mentor invite ID`: iTIP invitations, updates and cancellations, read back with icalendar; and
booked sessions in the `calendar` feed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from seed_helpers import ok
from test_plan import tuesday

from conftest import Run, file_mode


@pytest.fixture
def mailed(people: Run) -> Run:
    """The `people` fixture with email addresses, and a follow-up and a topic on rui/ana."""
    ok(people, "person", "edit", "rui", "--email", "rui@example.org")
    ok(people, "person", "edit", "ana", "--email", "ana@example.org", "--name", "Ana\nBcc: x@y")
    ok(people, "action", "add", "rui/ana", "mentee", "draft the talk", "--due", "2030-01-10")
    ok(people, "topic", "add", "rui/ana", "conference; travel, budget")
    return people


def invitation(run: Run, plan_id: object, target: Path) -> tuple[Calendar, Any]:
    ok(run, "invite", str(plan_id), "-o", str(target), "--force")
    calendar = Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return calendar, events[0]


def booked(run: Run, *args: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(ok(run, "plan", *args, "--json"))
    return found


def test_invitation_update_and_cancel_keep_the_uid_and_raise_the_sequence(
    mailed: Run, tmp_path: Path
) -> None:
    run = mailed
    plan = booked(run, "rui/ana", "--when", tuesday(), "--agenda-note", "talk rehearsal")
    target = tmp_path / "invite.ics"
    calendar, event = invitation(run, plan["id"], target)
    assert file_mode(target) == 0o600
    assert str(calendar["METHOD"]) == "REQUEST"
    uid = str(event["UID"])
    assert uid == f"{plan['uid']}@mentorcli"
    assert int(event["SEQUENCE"]) == 0
    assert str(event["STATUS"]) == "CONFIRMED" and str(event["TRANSP"]) == "OPAQUE"
    start = event["DTSTART"].dt
    assert str(start.tzinfo) == "Europe/Lisbon" or event["DTSTART"].params["TZID"] == (
        "Europe/Lisbon"
    )
    assert start.astimezone(UTC) == datetime.fromisoformat(plan["starts_at"])
    assert event["DURATION"].dt == timedelta(minutes=60)
    assert {z["TZID"] for z in calendar.walk("VTIMEZONE")} == {"Europe/Lisbon"}
    assert str(event["ORGANIZER"]) == "mailto:rui@example.org"
    assert event["ORGANIZER"].params["CN"] == "Rui Costa"
    attendees = {str(a): a.params for a in event["ATTENDEE"]}
    assert set(attendees) == {"mailto:rui@example.org", "mailto:ana@example.org"}
    ana = attendees["mailto:ana@example.org"]
    assert ana["PARTSTAT"] == "NEEDS-ACTION" and ana["RSVP"] == "TRUE"
    assert "\n" not in ana["CN"]  # a name never breaks a line of the file
    description = str(event["DESCRIPTION"])
    assert description.splitlines()[0] == "talk rehearsal"
    assert "draft the talk (due 2030-01-10)" in description
    assert "conference; travel, budget" in description

    ok(run, "plan", "move", str(plan["id"]), "--when", tuesday(1))
    calendar, event = invitation(run, plan["id"], target)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == uid and int(event["SEQUENCE"]) == 1
    assert event["DTSTART"].dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M") == tuesday(1)

    ok(run, "plan", "cancel", str(plan["id"]), "--yes")
    calendar, event = invitation(run, plan["id"], target)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["UID"]) == uid and int(event["SEQUENCE"]) == 2
    assert str(event["STATUS"]) == "CANCELLED"
    assert len(event["ATTENDEE"]) == 2


def test_invite_needs_both_emails_and_a_plan_still_to_come(people: Run) -> None:
    run = people
    plan = booked(run, "rui/ana", "--when", tuesday())
    outcome = run("invite", str(plan["id"]))
    assert outcome.code == 2 and "rui has no email" in outcome.err
    assert run("invite", "42").code == 2


def test_existing_file_is_kept_without_force(mailed: Run, tmp_path: Path) -> None:
    plan = booked(mailed, "rui/ana", "--when", tuesday())
    target = tmp_path / "x.ics"
    target.write_text("mine")
    assert mailed("invite", str(plan["id"]), "-o", str(target)).code == 5
    assert target.read_text() == "mine"


def test_calendar_feed_projection_is_transparent_and_bookings_opaque(mailed: Run) -> None:
    run = mailed
    plan = booked(run, "rui/ana", "--when", tuesday())
    gone = booked(run, "rui/ana", "--when", tuesday(1))
    ok(run, "plan", "cancel", str(gone["id"]), "--yes")
    calendar = Calendar.from_ical(ok(run, "calendar", "rui/ana", "--count", "3"))
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    pair_uid = json.loads(ok(run, "pair", "show", "rui/ana", "--json"))["uid"]
    assert set(events) == {f"{pair_uid}@mentorcli", f"{plan['uid']}@mentorcli"}
    projection = events[f"{pair_uid}@mentorcli"]
    assert str(projection["TRANSP"]) == "TRANSPARENT" and "RRULE" in projection
    session = events[f"{plan['uid']}@mentorcli"]
    assert str(session["TRANSP"]) == "OPAQUE" and "RRULE" not in session
    assert session["DTSTART"].dt.astimezone(UTC) == datetime.fromisoformat(plan["starts_at"])
