"""What the report commands read and build: agenda, status, summary, calendar, remind, check."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from ..errors import BadInput
from .lookup import resolve_pair

if TYPE_CHECKING:
    from ..overlap import Interval
    from ..reports.agenda import Agenda
    from ..reports.remind import Reminders
    from ..reports.status import Status
    from ..reports.summary import Summary
    from ..services.availability import PairOfPeople
    from ..store import Store
    from ..store.health import Health


def agenda(store: Store, pair_ref: str, now: datetime, today: date) -> Agenda:
    from ..reports.agenda import build_agenda
    from ..when import to_utc_iso

    pair = resolve_pair(store, pair_ref)
    planned = store.plans.next_of(pair.id, to_utc_iso(now))
    off = _time_off(store, [pair], *_around(today))[pair.id]
    records = store.reports().pair_records(pair.id, history=False)
    return build_agenda(records, now, today, planned, off)


def status(store: Store, now: datetime, today: date, zone: str, *, every: bool = True) -> Status:
    """Every active pair and what needs attention; without `every` (the screen, not --json)
    only the overdue actions and reviews the screen can show are read, the rest counted."""
    from ..reports.status import SHOWN, build_status
    from ..when import to_utc_iso

    reads, day = store.reports(), today.isoformat()
    activity = reads.active_activity(day)
    overdue = reads.late_actions(day, None if every else SHOWN)
    reviews = reads.reviews_due(day, None if every else SHOWN)
    beyond = 0
    if not every:
        beyond = reads.late_action_count(day) - len(overdue)
        beyond += reads.review_count(day) - len(reviews)
    paused = reads.paused_pairs()
    planned = reads.next_planned(to_utc_iso(now))
    off = _time_off(store, activity, *_around(today))
    found = build_status(activity, overdue, reviews, now, today, zone, paused, planned, off)
    return replace(found, beyond=beyond) if beyond else found


@contextmanager
def summary(
    store: Store,
    pair_ref: str,
    now: datetime,
    since: date | None,
    zone: str,
    for_whom: str = "mentor",
) -> Iterator[Summary]:
    """The pair's progress summary, its sessions and actions read from one snapshot of the
    database as the block iterates them."""
    from ..reports.summary import PairHead, build_summary

    if for_whom not in ("mentor", "mentee"):
        raise BadInput(f"--for {for_whom!r}: say mentor or mentee")
    from ..when import local_midnight

    start = local_midnight(since, zone) if since else None
    history = store.history(resolve_pair(store, pair_ref).id, start)
    with history.reading():
        pair = store.pairs.get(history.pair_id)
        assert pair is not None, "the pair was resolved before its history is read"
        mentor, mentee = store.people.get(pair.mentor_id), store.people.get(pair.mentee_id)
        assert mentor is not None and mentee is not None
        expectations = tuple(store.expectations.of_pair(pair.id))
        goals = tuple(store.goals.of_pair(pair.id, every=True))
        head = PairHead(pair, mentor, mentee, expectations, goals)
        yield build_summary(head, history, now, since, for_whom)


def calendar(store: Store, pair_ref: str, count: int, first: date | None, now: datetime) -> bytes:
    from ..reports.calendar import calendar_ics
    from .plans import view

    pair = resolve_pair(store, pair_ref)
    records = store.reports().pair_records(pair.id)

    def off(start: date, end: date) -> tuple[Interval, ...]:
        # A day either side: the mentee's day may begin or end on another date of the mentor's.
        day = timedelta(days=1)
        around = (max(start, date.min + day) - day, min(end, date.max - day) + day)
        return _time_off(store, [pair], *around)[pair.id]

    booked = tuple(view(store, p) for p in store.plans.listing(pair.id))
    return calendar_ics(records, count, first, now, booked, off)


def _time_off(
    store: Store, pairs: Sequence[PairOfPeople], first: date, last: date
) -> dict[int, tuple[Interval, ...]]:
    """When each pair's mentor or mentee is away or on a holiday from `first` to `last`: what
    the due dates, lapses and the calendar leave out."""
    if not store.reports().time_off_in_use():
        return {pair.id: () for pair in pairs}
    from ..services.availability import pairs_time_off

    return pairs_time_off(store, pairs, first, last)


def _around(today: date) -> tuple[date, date]:
    """A year either side of today: as far back as a lapse is reckoned, as far ahead as a due
    date moves."""
    return today - timedelta(days=366), today + timedelta(days=366)


def reminders(store: Store, now: datetime, within: str, me: str, zone: str) -> Reminders:
    """What needs doing before now + `within`, in the pairs of `me` (a handle), or of everyone
    for "": planned sessions starting, actions and reviews due, pairs that lapse."""
    from datetime import timedelta

    from ..reports.remind import build_reminders, parse_within
    from ..when import to_utc_iso
    from ..zones import zone as _zone
    from .lookup import person

    length = parse_within(within)
    who = person(store, me) if me else None
    handle, who_id = (who.handle.lower(), who.id) if who is not None else ("", None)
    last_day = (now + length).astimezone(_zone(zone)).date()
    reads = store.reports()
    pairs = store.pairs.all() if who_id is None else store.pairs.of_person(who_id)
    refs = {p.id: p.ref for p in pairs}
    # The plans are read for every pair; only those of the pairs named above are kept.
    starting = [
        (refs[p.pair_id], p)
        for p in store.plans.starting(to_utc_iso(now), to_utc_iso(now + length))
        if p.pair_id in refs
    ]
    actions = reads.overdue_actions((last_day + timedelta(days=1)).isoformat(), who_id)
    reviews = reads.due_reviews(last_day.isoformat(), who_id)
    today = now.astimezone(_zone(zone)).date().isoformat()
    return build_reminders(
        now,
        length,
        last_day,
        handle,
        zone,
        starting,
        actions,
        reviews,
        reads.active_activity(today, who_id),
    )


def health(store: Store) -> Health:
    return store.reports().health()
