"""Finding what a user names: a person by handle, a pair by MENTOR/MENTEE, id or one
handle; and the pairs a listing across pairs names. Every service finds records through
these, without the records and rules of the people and pair commands themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from ..errors import BadInput
from .checks import whole

if TYPE_CHECKING:
    from ..model.pairs import Pair
    from ..model.people import Person
    from ..store import Store

# The statuses of a pair that is not over.
CURRENT = ("active", "paused", "proposed")


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


def listed_pairs(store: Store, pair_ref: str | None) -> tuple[int | None, dict[int, str] | None]:
    """For a listing: one pair's id (and no names), or for none named, None and the names of
    every pair, to show which pair each record belongs to."""
    if pair_ref is not None:
        return resolve_pair(store, pair_ref).id, None
    return None, store.pairs.refs()


def with_pair(record: dict[str, Any], pairs: dict[int, str] | None) -> dict[str, Any]:
    """A record's JSON, with its pair's MENTOR/MENTEE in a listing across pairs."""
    return record if pairs is None else {**record, "pair": pairs[record["pair_id"]]}


def current_refs(store: Store) -> list[str]:
    """MENTOR/MENTEE of every pair that is not over, for completion."""
    return [p.ref for p in store.pairs.all(CURRENT)]


def person(store: Store, handle: str) -> Person:
    found = store.people.by_handle(handle)
    if found is None:
        raise BadInput(f"no person with handle {handle!r}; see 'mentor person list'")
    return found
