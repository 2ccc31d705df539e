"""Pairs (mentorships): who mentors whom, how often, and how references to them resolve."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from ..errors import BadInput
from ..model import Pair, Person
from .people import PeopleStore

PAIR_SELECT = """
    SELECT pair.*, mentor.handle AS mentor, mentee.handle AS mentee
    FROM pair
    JOIN person AS mentor ON mentor.id = pair.mentor_id
    JOIN person AS mentee ON mentee.id = pair.mentee_id
"""

# Which status changes make sense, and the verb the user typed for each.
TRANSITIONS = {
    "pause": ({"active", "proposed"}, "paused"),
    "resume": ({"paused", "proposed"}, "active"),
    "end": ({"proposed", "active", "paused"}, "ended"),
    "complete": ({"proposed", "active", "paused"}, "completed"),
}


def pair_from_row(row: sqlite3.Row) -> Pair:
    return Pair(**dict(row))


@dataclass(frozen=True)
class PairFields:
    focus: str = ""
    cadence: str = "weekly"
    channel: str = "video"
    start_date: str = ""
    status: str = "active"


@dataclass(frozen=True)
class Removal:
    """What went with a removed person."""

    person: Person
    pairs: tuple[Pair, ...]
    sessions: int


class PairStore(PeopleStore):
    def add_pair(self, mentor: str, mentee: str, fields: PairFields) -> Pair:
        with self.write():
            mentor_person = self.person(mentor)
            mentee_person = self.person(mentee)
            if mentor_person.id == mentee_person.id:
                raise BadInput(f"{mentor} cannot mentor themselves; name two different people")
            values: dict[str, Any] = {
                "mentor_id": mentor_person.id,
                "mentee_id": mentee_person.id,
                "status": fields.status,
                "focus": fields.focus,
                "cadence": fields.cadence,
                "channel": fields.channel,
                "start_date": fields.start_date,
            }
            return self.pair(self.insert("pair", values))

    def pair(self, pair_id: int) -> Pair:
        row = self.one(PAIR_SELECT + " WHERE pair.id = ?", (pair_id,))
        if row is None:
            raise BadInput(f"no pair #{pair_id}; see 'mentor pair list'")
        return pair_from_row(row)

    def pairs(self, statuses: tuple[str, ...] = ()) -> list[Pair]:
        if statuses:
            marks = ", ".join("?" for _ in statuses)
            rows = self.all(
                PAIR_SELECT + f" WHERE pair.status IN ({marks}) ORDER BY pair.id", statuses
            )
        else:
            rows = self.all(PAIR_SELECT + " ORDER BY pair.id")
        return [pair_from_row(r) for r in rows]

    def pairs_of(self, person_id: int) -> list[Pair]:
        rows = self.all(
            PAIR_SELECT + " WHERE pair.mentor_id = ? OR pair.mentee_id = ? ORDER BY pair.id",
            (person_id, person_id),
        )
        return [pair_from_row(r) for r in rows]

    def resolve_pair(self, ref: str) -> Pair:
        """A pair from what the user typed: MENTOR/MENTEE, an id, or one handle."""
        text = ref.strip()
        if text.lstrip("#").isdigit():
            return self.pair(int(text.lstrip("#")))
        if "/" in text:
            mentor, _, mentee = text.partition("/")
            rows = self.all(
                PAIR_SELECT + " WHERE mentor.handle = ? AND mentee.handle = ? ORDER BY pair.id",
                (mentor.strip(), mentee.strip()),
            )
            found = [pair_from_row(r) for r in rows]
            if not found:
                raise BadInput(f"no pair {text!r}; see 'mentor pair list'")
            current = [p for p in found if p.status in ("active", "paused", "proposed")]
            choices = current or found
            if len(choices) == 1:
                return choices[0]
            return self._ambiguous(text, choices)
        person = self.person(text)
        active = [p for p in self.pairs_of(person.id) if p.status == "active"]
        if len(active) == 1:
            return active[0]
        if not active:
            raise BadInput(
                f"{text!r} is in no active pair; name it as MENTOR/MENTEE or by id "
                "(see 'mentor pair list')"
            )
        return self._ambiguous(text, active)

    @staticmethod
    def _ambiguous(text: str, candidates: list[Pair]) -> Pair:
        listed = ", ".join(f"{p.ref} (#{p.id})" for p in candidates)
        raise BadInput(f"{text!r} could mean {listed}; name one of them")

    def change_status(self, ref: str, verb: str, today: str) -> Pair:
        allowed, status = TRANSITIONS[verb]
        with self.write():
            pair = self.resolve_pair(ref)
            if pair.status not in allowed:
                raise BadInput(f"pair {pair.ref} is {pair.status}; it cannot {verb}")
            values: dict[str, Any] = {"status": status}
            if status in ("ended", "completed"):
                values["end_date"] = today
            self.update("pair", pair.id, values)
            return self.pair(pair.id)

    def remove_person(self, handle: str, *, force: bool) -> Removal:
        with self.write():
            person = self.person(handle)
            pairs = tuple(self.pairs_of(person.id))
            sessions = 0
            if pairs:
                marks = ", ".join("?" for _ in pairs)
                row = self.one(
                    f"SELECT count(*) FROM session WHERE pair_id IN ({marks})",
                    tuple(p.id for p in pairs),
                )
                sessions = row[0] if row else 0
                if not force:
                    listed = ", ".join(p.ref for p in pairs)
                    raise BadInput(
                        f"{handle} is in {len(pairs)} pair(s) ({listed}) with {sessions} "
                        "session(s); add --force to remove them too"
                    )
            self.conn.execute("DELETE FROM person WHERE id = ?", (person.id,))
            return Removal(person, pairs, sessions)
