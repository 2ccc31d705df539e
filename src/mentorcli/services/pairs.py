"""Pairs: starting one, how a reference to one resolves, and how its status may change."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, NoReturn

from ..errors import BadInput
from ..model import Pair, Person
from .checks import whole
from .people import person

if TYPE_CHECKING:
    from ..store import Store

# The statuses a pair can be named by one of its people in, and those it is current in.
CURRENT = ("active", "paused", "proposed")

# Which status changes make sense, and the verb the user typed for each.
TRANSITIONS = {
    "pause": ({"active", "proposed"}, "paused"),
    "resume": ({"paused", "proposed"}, "active"),
    "end": ({"proposed", "active", "paused"}, "ended"),
    "complete": ({"proposed", "active", "paused"}, "completed"),
}


@dataclass(frozen=True)
class PairFields:
    focus: str = ""
    cadence: str = "weekly"
    channel: str = "video"
    start_date: str = ""
    status: str = "active"


@dataclass(frozen=True)
class PairList:
    pairs: tuple[Pair, ...]

    def json(self) -> object:
        return [asdict(p) for p in self.pairs]


@dataclass(frozen=True)
class PairView:
    pair: Pair
    mentor: Person
    mentee: Person
    now: datetime

    def json(self) -> object:
        people = {"mentor": asdict(self.mentor), "mentee": asdict(self.mentee)}
        return {**asdict(self.pair), "people": people}


def pair(store: Store, pair_id: int) -> Pair:
    found = store.pairs.get(whole(pair_id, "pair"))
    if found is None:
        raise BadInput(f"no pair #{pair_id}; see 'mentor pair list'")
    return found


def resolve_pair(store: Store, ref: str) -> Pair:
    """A pair from what the user typed: MENTOR/MENTEE, an id, or one handle."""
    text = ref.strip()
    if text.lstrip("#").isdecimal():
        return pair(store, int(text.lstrip("#")))
    if "/" in text:
        mentor, _, mentee = text.partition("/")
        found = store.pairs.by_handles(mentor.strip(), mentee.strip())
        if not found:
            raise BadInput(f"no pair {text!r}; see 'mentor pair list'")
        choices = [p for p in found if p.status in CURRENT] or found
        if len(choices) == 1:
            return choices[0]
        _ambiguous(text, choices)
    active = [p for p in store.pairs.of_person(person(store, text).id) if p.status == "active"]
    if len(active) == 1:
        return active[0]
    if not active:
        raise BadInput(
            f"{text!r} is in no active pair; name it as MENTOR/MENTEE or by id "
            "(see 'mentor pair list')"
        )
    _ambiguous(text, active)


def _ambiguous(text: str, candidates: list[Pair]) -> NoReturn:
    listed = ", ".join(f"{p.ref} (#{p.id})" for p in candidates)
    raise BadInput(f"{text!r} could mean {listed}; name one of them")


def belongs(record_pair_id: int, pair_id: int | None, what: str, store: Store) -> None:
    """Refuse a record of another pair than the one being written to."""
    if pair_id is not None and record_pair_id != pair_id:
        raise BadInput(
            f"{what} belongs to pair {pair(store, record_pair_id).ref}, "
            f"not {pair(store, pair_id).ref}"
        )


def add_pair(store: Store, mentor: str, mentee: str, fields: PairFields) -> Pair:
    with store.write():
        mentor_person, mentee_person = person(store, mentor), person(store, mentee)
        if mentor_person.id == mentee_person.id:
            raise BadInput(f"{mentor} cannot mentor themselves; name two different people")
        values: dict[str, Any] = {
            "mentor_id": mentor_person.id,
            "mentee_id": mentee_person.id,
            **asdict(fields),
        }
        return store.pairs.add(values)


def change_status(store: Store, ref: str, verb: str, today: str) -> Pair:
    allowed, status = TRANSITIONS[verb]
    with store.write():
        found = resolve_pair(store, ref)
        if found.status not in allowed:
            raise BadInput(f"pair {found.ref} is {found.status}; it cannot {verb}")
        values: dict[str, Any] = {"status": status}
        if status in ("ended", "completed"):
            values["end_date"] = today
        return store.pairs.update(found.id, values)


def pairs(store: Store, statuses: tuple[str, ...] = ()) -> PairList:
    return PairList(tuple(store.pairs.all(statuses)))


def show_pair(store: Store, ref: str, now: datetime) -> PairView:
    found = resolve_pair(store, ref)
    return PairView(found, person(store, found.mentor), person(store, found.mentee), now)


def current_refs(store: Store) -> list[str]:
    """MENTOR/MENTEE of every pair that is not over, for completion."""
    return [p.ref for p in store.pairs.all(CURRENT)]
