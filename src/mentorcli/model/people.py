"""People: who they are, where and when they work."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    """Someone who mentors, is mentored, or both: who they are, where and when they work."""

    id: int
    uid: str
    handle: str
    name: str
    email: str
    timezone: str
    hours: str
    sleep: str  # when they sleep on their own clock, as HH:MM-HH:MM every day
    skills: tuple[str, ...]
    channels: tuple[str, ...]
    note: str
    created_at: str
    updated_at: str
    holidays: str = ""  # a country code with its subdivision (BR, IN-KA, US-CA), or none
    busy: str = ""  # an .ics file or a folder of them, or none
