"""The follow-up a mentor sends after a session, as an RFC 5322 message (.eml); nothing is sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..errors import BadInput
from ..render.text import visible

if TYPE_CHECKING:
    from email.message import EmailMessage

    from ..model.followups import Action
    from ..model.people import Person
    from ..model.sessions import Session
    from ..services.plans import PlanView


@dataclass(frozen=True)
class RecapParts:
    """What the message says: the session, its shared notes, the actions, the next session."""

    session: Session
    mentor: Person
    mentee: Person
    agreed: tuple[Action, ...]  # the actions this session set
    open: tuple[Action, ...]  # the pair's other open actions
    next_plan: PlanView | None
    invitation: bytes | None  # the next session's invitation, attached when there is one


def _one_line(text: str) -> str:
    """User text for a header: control characters escaped, no line breaks."""
    return " ".join(visible(text).split())


def _address(person: Person) -> object:
    from email.headerregistry import Address

    try:
        return Address(display_name=_name(person), addr_spec=person.email)
    except (ValueError, IndexError) as error:
        raise BadInput(
            f"{person.handle}'s email {person.email!r} is not an address a message can go to "
            f"({error}): mentor person edit {person.handle} --email ADDRESS"
        ) from None


def _local(moment: datetime, person: Person) -> str:
    from ..zones import zone

    return f"{moment.astimezone(zone(person.timezone)):%a %d %b %Y %H:%M} {person.timezone}"


def _action_line(action: Action, parts: RecapParts) -> str:
    owner = parts.mentor if action.owner == "mentor" else parts.mentee
    due = f", due {action.due_on}" if action.due_on else ""
    return f"- {action.text} ({_name(owner)}{due})"


def _name(person: Person) -> str:
    return _one_line(person.name or person.handle)


def recap_body(parts: RecapParts) -> str:
    """The message's text: plain, so any mail client shows it as written."""
    from ..when import from_utc_iso

    session, mentee = parts.session, parts.mentee
    started = from_utc_iso(session.started_at)
    how = session.channel + (f", {session.minutes} min" if session.minutes else "")
    lines = [
        f"Hi {_name(mentee)},",
        "",
        f"Thank you for our session on {_local(started, mentee)} ({how}).",
        "",
        "Notes",
        "-----",
        session.notes.strip() or "(no notes)",
        "",
        "Actions",
        "-------",
    ]
    lines += [_action_line(a, parts) for a in parts.agreed] or ["(none agreed this time)"]
    if parts.open:
        lines += ["", "Still open:"] + [_action_line(a, parts) for a in parts.open]
    lines += ["", "Next session", "------------"]
    plan = parts.next_plan
    if plan is None:
        lines.append("Not planned yet.")
    else:
        starts = from_utc_iso(plan.plan.starts_at)
        lines.append(f"{_local(starts, mentee)} ({_local(starts, parts.mentor)} for me),")
        lines.append(f"{plan.plan.minutes} min by {plan.plan.channel}.")
        if plan.plan.agenda_note:
            lines.append(f"Agenda: {plan.plan.agenda_note}")
        if parts.invitation is not None:
            lines.append("The invitation is attached.")
    lines += ["", _name(parts.mentor), ""]
    return "\n".join(visible(line) for line in lines)


def recap_message(parts: RecapParts, now: datetime) -> bytes:
    """The recap as an RFC 5322 message from the mentor to the mentee, the invitation to the
    next session attached (text/calendar; method=REQUEST) when there is one."""
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime, make_msgid

    from ..when import from_utc_iso
    from ..zones import zone

    message: EmailMessage = EmailMessage(policy=SMTP)
    started = from_utc_iso(parts.session.started_at)
    day = started.astimezone(zone(parts.mentee.timezone)).date().isoformat()
    message["From"] = _address(parts.mentor)
    message["To"] = _address(parts.mentee)
    message["Subject"] = f"Recap of our mentoring session on {day}"
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain="mentorcli.invalid")
    message.set_content(recap_body(parts))
    if parts.invitation is not None:
        _attach(message, parts.invitation)
    return message.as_bytes()


def _attach(message: EmailMessage, invitation: bytes) -> None:
    message.add_attachment(
        invitation,
        maintype="text",
        subtype="calendar",
        filename="invite.ics",
        params={"method": "REQUEST", "charset": "utf-8"},
    )
