"""Pairs: starting one, how a reference to one resolves, and how its status may change."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import BadInput
from .checks import changed
from .lookup import person, resolve_pair

if TYPE_CHECKING:
    from ..model.pairs import Pair
    from ..model.people import Person
    from ..store import Store

OVER = ("completed", "ended")

# Which status changes make sense, and the verb the user typed for each.
TRANSITIONS = {
    "pause": ({"active", "proposed"}, "paused"),
    "resume": ({"paused", "proposed"}, "active"),
    "end": ({"proposed", "active", "paused"}, "ended"),
    "complete": ({"proposed", "active", "paused"}, "completed"),
    "reopen": (set(OVER), "active"),
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


def add_pair(store: Store, mentor: str, mentee: str, fields: PairFields) -> Pair:
    with store.write():
        mentor_person, mentee_person = person(store, mentor), person(store, mentee)
        if mentor_person.id == mentee_person.id:
            raise BadInput(f"{mentor} cannot mentor themselves; name two different people")
        _refuse_a_second(store, mentor_person.handle, mentee_person.handle)
        values: dict[str, Any] = {
            "mentor_id": mentor_person.id,
            "mentee_id": mentee_person.id,
            **asdict(fields),
        }
        return store.pairs.add(values)


def change_status(store: Store, ref: str, verb: str, today: str, reason: str = "") -> Pair:
    """Pause, resume, end, complete or reopen a pair; `today` is the day it happens (an end
    can be dated back), `reason` why it ended."""
    allowed, status = TRANSITIONS[verb]
    with store.write():
        found = resolve_pair(store, ref)
        if found.status not in allowed:
            raise BadInput(f"pair {found.ref} is {found.status}; it cannot {verb}")
        if status == "active" and found.status in OVER:
            _refuse_a_second(store, found.mentor, found.mentee, found.id)
        values: dict[str, Any] = {"status": status, "paused_on": None}
        if status == "paused":
            values["paused_on"] = today
        if status in OVER:
            if today < found.start_date:
                raise BadInput(f"{found.ref} started on {found.start_date}; it cannot end before")
            values.update(end_date=today, end_reason=reason)
        elif found.status in OVER:
            values.update(end_date=None, end_reason="")
        return store.pairs.update(found.id, values)


def _refuse_a_second(store: Store, mentor: str, mentee: str, pair_id: int = 0) -> None:
    """One running pair per mentor and mentee: a second is almost certainly a mistake."""
    same = store.pairs.by_handles(mentor, mentee)
    running = [p for p in same if p.status in ("active", "paused") and p.id != pair_id]
    if running:
        raise BadInput(
            f"{running[0].ref} is a pair already (#{running[0].id}, {running[0].status}); "
            f"change it with 'mentor pair edit {running[0].id}'"
        )


def pairs(store: Store, statuses: tuple[str, ...] = ()) -> PairList:
    from ..vocabulary import PAIR_STATUSES

    for status in statuses:
        if status not in PAIR_STATUSES:
            raise BadInput(f"unknown status {status!r}: use one of {', '.join(PAIR_STATUSES)}")
    return PairList(tuple(store.pairs.all(statuses)))


def edit_pair(store: Store, ref: str, changes: dict[str, Any]) -> Pair:
    """Change a pair's focus, cadence, channel or start date; None leaves a field as it is."""
    values = changed(changes, "--cadence, --channel, --focus or --start")
    with store.write():
        found = resolve_pair(store, ref)
        start = values.get("start_date", found.start_date)
        if found.end_date and start > found.end_date:
            raise BadInput(f"{found.ref} ended on {found.end_date}; it cannot start after that")
        return store.pairs.update(found.id, values)


def show_pair(store: Store, ref: str, now: datetime) -> PairView:
    found = resolve_pair(store, ref)
    return PairView(found, person(store, found.mentor), person(store, found.mentee), now)
