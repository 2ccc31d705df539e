"""People: adding, changing and removing someone, and finding them by handle."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import BadInput, FileProblem
from ..store.core import handle_key
from .lookup import person

if TYPE_CHECKING:
    from ..model.pairs import Pair
    from ..model.people import Person
    from ..store import Store


@dataclass(frozen=True)
class PersonFields:
    """Checked values for a new person or an edit (None = leave as it is)."""

    name: str | None = None
    email: str | None = None
    timezone: str | None = None
    hours: str | None = None
    sleep: str | None = None
    skills: tuple[str, ...] | None = None
    channels: tuple[str, ...] | None = None
    note: str | None = None
    holidays: str | None = None
    busy: str | None = None

    def columns(self) -> dict[str, Any]:
        return {name: value for name, value in asdict(self).items() if value is not None}


@dataclass(frozen=True)
class Removal:
    """What went with a removed person."""

    person: Person
    pairs: tuple[Pair, ...]
    sessions: int


@dataclass(frozen=True)
class PeopleList:
    people: tuple[Person, ...]
    now: datetime

    def json(self) -> object:
        return [asdict(p) for p in self.people]


@dataclass(frozen=True)
class PersonView:
    person: Person
    pairs: tuple[Pair, ...]
    now: datetime = field(compare=False)

    def json(self) -> object:
        return {**asdict(self.person), "pairs": [asdict(p) for p in self.pairs]}


def holiday_code(text: str | None) -> str | None:
    """A holidays code as the holidays package spells it; "" for none, None to leave it."""
    if not text or not text.strip():
        return None if text is None else ""
    from ..calendars.holidays import check_code

    return check_code(text)


def busy_source(text: str | None) -> str | None:
    """A busy calendar's path, absolute, once it is an .ics file or a folder that exists and
    can be read; "" for none, None to leave it."""
    if not text or not text.strip():
        return None if text is None else ""
    from pathlib import Path

    from ..calendars.busy import calendar_files

    path = Path(text.strip()).expanduser().absolute()
    for file in calendar_files(path):
        if not os.access(file, os.R_OK):
            raise FileProblem(f"cannot read calendar {file}: permission denied")
    return str(path)


def add_person(store: Store, handle: str, fields: PersonFields) -> Person:
    with store.write():
        if store.people.by_handle(handle) is not None:
            raise BadInput(f"handle {handle!r} is taken; choose another or 'mentor person edit'")
        return store.people.add({"handle": handle, **fields.columns()})


def edit_person(store: Store, handle: str, fields: PersonFields, new_handle: str | None) -> Person:
    with store.write():
        found = person(store, handle)
        values = fields.columns()
        renamed = new_handle and handle_key(new_handle) != handle_key(found.handle)
        if renamed and store.people.by_handle(new_handle or "") is not None:
            raise BadInput(f"handle {new_handle!r} is taken; choose another")
        if new_handle:
            values["handle"] = new_handle
        return store.people.update(found.id, values)


def remove_person(store: Store, handle: str, *, force: bool) -> Removal:
    """Remove someone; with `force`, their pairs and everything in them go too."""
    with store.write():
        found = person(store, handle)
        pairs = tuple(store.pairs.of_person(found.id))
        sessions = store.pairs.session_count([p.id for p in pairs])
        if pairs and not force:
            listed = ", ".join(p.ref for p in pairs)
            raise BadInput(
                f"{handle} is in {len(pairs)} pair(s) ({listed}) with {sessions} "
                "session(s); add --force to remove them too"
            )
        store.people.delete(found.id)
        return Removal(found, pairs, sessions)


def people(store: Store, now: datetime) -> PeopleList:
    return PeopleList(tuple(store.people.all()), now)


def show_person(store: Store, handle: str, now: datetime) -> PersonView:
    found = person(store, handle)
    return PersonView(found, tuple(store.pairs.of_person(found.id)), now)
