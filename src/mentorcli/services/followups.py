"""Follow-ups: actions someone in the pair took on, and topics queued for a coming session."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import BadInput
from .checks import changed, said, whole
from .lookup import belongs, listed_pairs, pair, resolve_pair, with_pair

if TYPE_CHECKING:
    from ..model.followups import Action, Topic
    from ..notes_template import NewAction
    from ..store import Store

EMPTY_ACTION = "the action's text is empty: say what will be done"
EMPTY_TOPIC = "the topic is empty: say what to talk about"


@dataclass(frozen=True)
class ActionList:
    actions: tuple[Action, ...]
    pairs: dict[int, str]  # MENTOR/MENTEE by pair id
    today: date
    one_pair: bool

    def json(self) -> object:
        return [{**asdict(a), "pair": self.pairs[a.pair_id]} for a in self.actions]


@dataclass(frozen=True)
class TopicList:
    topics: tuple[Topic, ...]
    pairs: dict[int, str] | None = None  # MENTOR/MENTEE by id, for a listing across pairs

    def json(self) -> object:
        return [with_pair(asdict(t), self.pairs) for t in self.topics]


# Actions.


def action(store: Store, action_id: int) -> Action:
    found = store.actions.get(whole(action_id, "action"))
    if found is None:
        raise BadInput(f"no action #{action_id}; see 'mentor action list'")
    return found


def open_action(store: Store, action_id: int, pair_id: int | None = None) -> Action:
    found = action(store, action_id)
    belongs(found.pair_id, pair_id, f"action #{action_id}", store)
    if found.status != "open":
        raise BadInput(f"action #{action_id} is {found.status} already")
    return found


def new_action(store: Store, pair_id: int, action: NewAction, session_id: int | None) -> Action:
    values: dict[str, Any] = {
        "pair_id": pair_id,
        "owner": action.owner,
        "text": said(action.text, EMPTY_ACTION),
        "due_on": action.due_on,
        "session_id": session_id,
    }
    return store.actions.add(values)


def add_action(store: Store, pair_ref: str, owner: str, text: str, due_on: str | None) -> Action:
    """A new open action; owner is mentor, mentee, or one of the pair's handles."""
    from ..notes_template import NewAction, owner_role

    with store.write():
        pair = resolve_pair(store, pair_ref)
        role = owner_role(owner, pair.mentor, pair.mentee)
        if role is None:
            raise BadInput(
                f"unknown owner {owner!r}: use mentor, mentee, {pair.mentor} or {pair.mentee}"
            )
        return new_action(store, pair.id, NewAction(role, text, due_on), None)


def ticked(day: str) -> dict[str, Any]:
    """What marking an action done on `day` changes."""
    return {"status": "done", "done_on": day}


def edit_action(store: Store, action_id: int, changes: dict[str, Any]) -> Action:
    """Correct an action's text, owner or due date (a due of "" clears it); None leaves a
    field as it is. The id stays; updated_at moves, so a merge carries the change."""
    from ..notes_template import owner_role

    values = changed(changes, "--text, --owner, --due or --no-due")
    if "text" in values:
        said(values["text"], EMPTY_ACTION)
    with store.write():
        found = action(store, action_id)
        if "owner" in values:
            owning = pair(store, found.pair_id)
            role = owner_role(values["owner"], owning.mentor, owning.mentee)
            if role is None:
                raise BadInput(
                    f"unknown owner {values['owner']!r}: use mentor, mentee, "
                    f"{owning.mentor} or {owning.mentee}"
                )
            values["owner"] = role
        return store.actions.update(found.id, values)


def finish_action(store: Store, action_id: int, status: str, today: str) -> Action:
    """Mark an open action done (today) or dropped."""
    with store.write():
        found = open_action(store, action_id)
        values = ticked(today) if status == "done" else {"status": status}
        return store.actions.update(found.id, values)


def actions(
    store: Store,
    pair_ref: str | None,
    today: date,
    *,
    statuses: tuple[str, ...],
    overdue: bool,
    owner: str | None = None,
) -> ActionList:
    """Actions of one pair or of all, with one of `statuses` (every status when empty);
    `overdue`: only open ones past their due date, in pairs that are not over; `owner`:
    only the mentor's, the mentee's, or one person's (by handle)."""
    from ..vocabulary import ACTION_STATUSES

    for status in statuses:
        if status not in ACTION_STATUSES:
            raise BadInput(f"unknown status {status!r}: use one of {', '.join(ACTION_STATUSES)}")
    pair_id = resolve_pair(store, pair_ref).id if pair_ref else None
    whose = _owner(store, owner)
    if overdue:
        found = store.actions.listing(pair_id, due_before=today.isoformat(), **whose)
    else:
        found = store.actions.listing(pair_id, statuses=statuses, **whose)
    refs = store.pairs.refs()
    return ActionList(tuple(found), refs, today, one_pair=pair_id is not None)


def _owner(store: Store, owner: str | None) -> dict[str, Any]:
    """--owner as a filter: a role, or a person's handle."""
    from .lookup import person

    if owner is None:
        return {}
    if owner.lower() in ("mentor", "mentee"):
        return {"role": owner.lower()}
    return {"person_id": person(store, owner).id}


# Topics.


def topic(store: Store, topic_id: int) -> Topic:
    found = store.topics.get(whole(topic_id, "topic"))
    if found is None:
        raise BadInput(f"no topic #{topic_id}; see 'mentor topic list PAIR'")
    return found


def add_topic(store: Store, pair_ref: str, text: str) -> Topic:
    said(text, EMPTY_TOPIC)
    with store.write():
        return store.topics.add({"pair_id": resolve_pair(store, pair_ref).id, "text": text})


def cover_topic(store: Store, topic_id: int, pair_id: int, session_id: int) -> Topic:
    found = topic(store, topic_id)
    belongs(found.pair_id, pair_id, f"topic #{topic_id}", store)
    if found.covered_session_id is not None:
        raise BadInput(
            f"topic #{topic_id} was covered already, in session #{found.covered_session_id}"
        )
    return store.topics.update(found.id, {"covered_session_id": session_id})


def edit_topic(store: Store, topic_id: int, text: str) -> Topic:
    said(text, EMPTY_TOPIC)
    with store.write():
        return store.topics.update(topic(store, topic_id).id, {"text": text})


def drop_topic(store: Store, topic_id: int) -> Topic:
    with store.write():
        found = topic(store, topic_id)
        store.topics.delete(found.id)
        return found


def topics(store: Store, pair_ref: str | None, *, every: bool) -> TopicList:
    """One pair's topics, or (no pair) those of every pair that is not over."""
    pair_id, pairs = listed_pairs(store, pair_ref)
    return TopicList(tuple(store.topics.of_pair(pair_id, every=every)), pairs)
