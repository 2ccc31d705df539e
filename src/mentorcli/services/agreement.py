"""Expectations (edits supersede, so the agreement keeps its history) and goals."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import BadInput
from .checks import changed, expectation_topic, percent, said, whole
from .lookup import belongs, listed_pairs, resolve_pair, with_pair

if TYPE_CHECKING:
    from ..model.agreement import Expectation, Goal
    from ..store import Store

EMPTY_EXPECTATION = "the expectation is empty: say what was agreed"
EMPTY_GOAL = "the goal is empty: say what the mentee is working towards"


@dataclass(frozen=True)
class ExpectationList:
    expectations: tuple[Expectation, ...]
    today: date
    pairs: dict[int, str] | None = None  # MENTOR/MENTEE by id, for a listing across pairs

    def json(self) -> object:
        return [with_pair(asdict(e), self.pairs) for e in self.expectations]


@dataclass(frozen=True)
class GoalList:
    goals: tuple[Goal, ...]
    today: date
    pairs: dict[int, str] | None = None  # MENTOR/MENTEE by id, for a listing across pairs

    def json(self) -> object:
        return [with_pair(asdict(g), self.pairs) for g in self.goals]


# Expectations.


def expectation(store: Store, expectation_id: int) -> Expectation:
    found = store.expectations.get(whole(expectation_id, "expectation"))
    if found is None:
        raise BadInput(f"no expectation #{expectation_id}; see 'mentor expect list PAIR'")
    return found


def _active(store: Store, expectation_id: int, verb: str) -> Expectation:
    current = expectation(store, expectation_id)
    if current.state != "active":
        raise BadInput(
            f"expectation #{expectation_id} is {current.state}; only an active one can be "
            f"{verb} (see 'mentor expect list --history')"
        )
    return current


def add_expectation(
    store: Store, pair_ref: str, topic: str, text: str, review_on: str | None, today: str
) -> Expectation:
    values: dict[str, Any] = {
        "topic": expectation_topic(topic),
        "text": said(text, EMPTY_EXPECTATION),
        "agreed_on": today,
        "review_on": review_on,
    }
    with store.write():
        return store.expectations.add({"pair_id": resolve_pair(store, pair_ref).id, **values})


def edit_expectation(
    store: Store,
    expectation_id: int,
    text: str | None,
    topic: str | None,
    review_on: str | None,
    today: str,
) -> Expectation:
    """Supersede an active expectation with a new version; the old one stays as history."""
    if text is None and topic is None and review_on is None:
        raise BadInput("nothing to change: give new TEXT, --topic or --review")
    with store.write():
        old = _active(store, expectation_id, "edited")
        new = store.expectations.add(
            {
                "pair_id": old.pair_id,
                "topic": old.topic if topic is None else expectation_topic(topic),
                "text": old.text if text is None else said(text, EMPTY_EXPECTATION),
                "agreed_on": today,
                "review_on": old.review_on if review_on is None else review_on,
            }
        )
        store.expectations.update(old.id, {"state": "superseded", "superseded_by": new.id})
        return new


def drop_expectation(store: Store, expectation_id: int) -> Expectation:
    with store.write():
        old = _active(store, expectation_id, "dropped")
        return store.expectations.update(old.id, {"state": "dropped"})


def expectations(
    store: Store, pair_ref: str | None, today: date, *, history: bool
) -> ExpectationList:
    """One pair's expectations, or (no pair) those of every pair that is not over."""
    pair_id, pairs = listed_pairs(store, pair_ref)
    found = store.expectations.of_pair(pair_id, history=history)
    return ExpectationList(tuple(found), today, pairs)


# Goals.


def goal(store: Store, goal_id: int) -> Goal:
    found = store.goals.get(whole(goal_id, "goal"))
    if found is None:
        raise BadInput(f"no goal #{goal_id}; see 'mentor goal list PAIR'")
    return found


def open_goal(store: Store, goal_id: int, pair_id: int | None = None) -> Goal:
    """A goal that can still change; with pair_id, it must belong to that pair."""
    found = goal(store, goal_id)
    belongs(found.pair_id, pair_id, f"goal #{goal_id}", store)
    if found.status != "open":
        raise BadInput(f"goal #{goal_id} is {found.status}; only an open goal can change")
    return found


def add_goal(store: Store, pair_ref: str, title: str, detail: str, due_on: str | None) -> Goal:
    values = {"title": said(title, EMPTY_GOAL), "detail": detail, "due_on": due_on}
    with store.write():
        return store.goals.add({"pair_id": resolve_pair(store, pair_ref).id, **values})


def edit_goal(store: Store, goal_id: int, changes: dict[str, Any]) -> Goal:
    """Correct a goal's title, detail or due date (a due of "" clears it); None leaves a
    field as it is."""
    values = changed(changes, "--title, --detail, --due or --no-due")
    if "title" in values:
        said(values["title"], EMPTY_GOAL)
    with store.write():
        return store.goals.update(goal(store, goal_id).id, values)


def set_goal_progress(
    store: Store, goal_id: int, progress: int, pair_id: int | None = None
) -> Goal:
    values = {"progress": percent(progress)}
    with store.write():
        return store.goals.update(open_goal(store, goal_id, pair_id).id, values)


def finish_goal(store: Store, goal_id: int, status: str, today: str) -> Goal:
    """Mark an open goal achieved (progress 100, achieved today) or dropped."""
    with store.write():
        found = open_goal(store, goal_id)
        values: dict[str, Any] = {"status": status}
        if status == "achieved":
            values.update(progress=100, achieved_on=today)
        return store.goals.update(found.id, values)


def goals(store: Store, pair_ref: str | None, today: date, *, every: bool) -> GoalList:
    """One pair's goals, or (no pair) those of every pair that is not over."""
    pair_id, pairs = listed_pairs(store, pair_ref)
    return GoalList(tuple(store.goals.of_pair(pair_id, every=every)), today, pairs)
