"""What a pair agreed: expectations and goals."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Expectation:
    """Something mentor and mentee agreed to expect of each other, with its review date."""

    id: int
    uid: str
    pair_id: int
    topic: str
    text: str
    agreed_on: str
    review_on: str | None
    state: str
    superseded_by: int | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Goal:
    """What the mentee is working towards, and how far along it is."""

    id: int
    uid: str
    pair_id: int
    title: str
    detail: str
    status: str
    progress: int
    due_on: str | None
    achieved_on: str | None
    created_at: str
    updated_at: str
