"""What a session leaves to do: actions and topics."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Action:
    """A follow-up someone in the pair took on, and whether it got done."""

    id: int
    uid: str
    pair_id: int
    owner: str
    text: str
    due_on: str | None
    status: str
    session_id: int | None
    done_on: str | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Topic:
    """Something to talk about at a coming session, until a session covers it."""

    id: int
    uid: str
    pair_id: int
    text: str
    covered_session_id: int | None
    created_at: str
    updated_at: str
