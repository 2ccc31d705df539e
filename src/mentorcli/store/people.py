"""People: who takes part, where they live in time, and when they work."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from ..errors import BadInput
from ..model import Person
from .base import StoreBase


def person_from_row(row: sqlite3.Row) -> Person:
    values = dict(row)
    values["skills"] = tuple(json.loads(values["skills"]))
    values["channels"] = tuple(json.loads(values["channels"]))
    return Person(**values)


@dataclass(frozen=True)
class PersonFields:
    """Checked values for a new person or an edit (None = leave as it is)."""

    name: str | None = None
    email: str | None = None
    timezone: str | None = None
    hours: str | None = None
    skills: tuple[str, ...] | None = None
    channels: tuple[str, ...] | None = None
    note: str | None = None

    def columns(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name in ("name", "email", "timezone", "hours", "note"):
            value = getattr(self, name)
            if value is not None:
                values[name] = value
        for name in ("skills", "channels"):
            value = getattr(self, name)
            if value is not None:
                values[name] = json.dumps(list(value), ensure_ascii=False)
        return values


class PeopleStore(StoreBase):
    def add_person(self, handle: str, fields: PersonFields) -> Person:
        with self.write():
            if self.find_person(handle) is not None:
                raise BadInput(
                    f"handle {handle!r} is taken; choose another or 'mentor person edit'"
                )
            self.insert("person", {"handle": handle, **fields.columns()})
            return self.person(handle)

    def find_person(self, handle: str) -> Person | None:
        row = self.one("SELECT * FROM person WHERE handle = ?", (handle,))
        return person_from_row(row) if row else None

    def person(self, handle: str) -> Person:
        found = self.find_person(handle)
        if found is None:
            raise BadInput(f"no person with handle {handle!r}; see 'mentor person list'")
        return found

    def people(self) -> list[Person]:
        return [person_from_row(r) for r in self.all("SELECT * FROM person ORDER BY handle")]

    def handles(self, prefix: str = "") -> list[str]:
        rows = self.all(
            "SELECT handle FROM person WHERE handle LIKE ? ESCAPE '\\' ORDER BY handle",
            (prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
        )
        return [r["handle"] for r in rows]

    def edit_person(self, handle: str, fields: PersonFields, new_handle: str | None) -> Person:
        with self.write():
            person = self.person(handle)
            values = fields.columns()
            renamed = new_handle and new_handle.lower() != handle.lower()
            if renamed and self.find_person(new_handle or "") is not None:
                raise BadInput(f"handle {new_handle!r} is taken; choose another")
            if new_handle:
                values["handle"] = new_handle
            if values:
                self.update("person", person.id, values)
            return self.person(new_handle or handle)
