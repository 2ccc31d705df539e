"""Pairs: starting one, how a reference to one resolves, and how its status may change."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, NoReturn

from ..errors import BadInput
from .checks import changed, whole

if TYPE_CHECKING:
    from ..model.pairs import Pair
    from ..model.people import Person
    from ..store import Store

# The statuses of a pair that is not over.
CURRENT = ("active", "paused", "proposed")
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
    from .people import person  # the people commands' records, only for a handle alone

    theirs = store.pairs.of_person(person(store, text).id)
    active = [p for p in theirs if p.status == "active"]
    if len(active) == 1:
        return active[0]
    if not active:
        # A paused (or proposed) pair is meant when it is the person's only one not over.
        current = [p for p in theirs if p.status in CURRENT]
        if len(current) == 1:
            return current[0]
        if not current:
            raise BadInput(
                f"{text!r} is in no active pair; name it as MENTOR/MENTEE or by id "
                "(see 'mentor pair list')"
            )
        active = current
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
    from .people import person

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
    from .people import person

    found = resolve_pair(store, ref)
    return PairView(found, person(store, found.mentor), person(store, found.mentee), now)


def listed_pairs(store: Store, pair_ref: str | None) -> tuple[int | None, dict[int, str] | None]:
    """For a listing: one pair's id (and no names), or for none named, None and the names of
    every pair, to show which pair each record belongs to."""
    if pair_ref is not None:
        return resolve_pair(store, pair_ref).id, None
    return None, {p.id: p.ref for p in store.pairs.all()}


def with_pair(record: dict[str, Any], pairs: dict[int, str] | None) -> dict[str, Any]:
    """A record's JSON, with its pair's MENTOR/MENTEE in a listing across pairs."""
    return record if pairs is None else {**record, "pair": pairs[record["pair_id"]]}


def current_refs(store: Store) -> list[str]:
    """MENTOR/MENTEE of every pair that is not over, for completion."""
    return [p.ref for p in store.pairs.all(CURRENT)]
