"""What the report commands read and build: agenda, status, summary, calendar, search, check."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..errors import BadInput, quoted
from .checks import whole
from .pairs import resolve_pair

if TYPE_CHECKING:
    from ..reports.agenda import Agenda
    from ..reports.status import Status
    from ..reports.summary import Summary
    from ..store import Store
    from ..store.records import Health, Hit


@dataclass(frozen=True)
class Found:
    """Search results, best first, and what was searched for."""

    hits: tuple[Hit, ...]
    query: str

    def json(self) -> object:
        return [asdict(hit) for hit in self.hits]


def agenda(store: Store, pair_ref: str, now: datetime, today: date) -> Agenda:
    from ..reports.agenda import build_agenda

    pair_id = resolve_pair(store, pair_ref).id
    return build_agenda(store.reports().pair_records(pair_id, history=False), now, today)


def status(store: Store, now: datetime, today: date, zone: str) -> Status:
    from ..reports.status import build_status

    reads, day = store.reports(), today.isoformat()
    activity, overdue = reads.active_activity(day), reads.overdue_actions(day)
    paused = store.pairs.all(("paused",))
    return build_status(activity, overdue, reads.due_reviews(day), now, today, zone, paused)


def summary(
    store: Store,
    pair_ref: str,
    now: datetime,
    since: date | None,
    zone: str,
    for_whom: str = "mentor",
) -> Summary:
    from ..reports.summary import build_summary

    if for_whom not in ("mentor", "mentee"):
        raise BadInput(f"--for {for_whom!r}: say mentor or mentee")
    from ..when import local_midnight

    start = local_midnight(since, zone) if since else None
    records = store.reports().pair_records(resolve_pair(store, pair_ref).id, start)
    return build_summary(records, now, since, for_whom)


def calendar(store: Store, pair_ref: str, count: int, first: date | None, now: datetime) -> bytes:
    from ..reports.calendar import calendar_ics

    records = store.reports().pair_records(resolve_pair(store, pair_ref).id)
    return calendar_ics(records, count, first, now)


SEARCH_KINDS = ("session", "action", "goal", "topic")


def search_kinds(typed: list[str] | None) -> tuple[str, ...]:
    """--kind as given (repeated, or a comma list) checked against what search holds."""
    kinds = [k.strip().lower() for text in typed or () for k in text.split(",") if k.strip()]
    for kind in kinds:
        if kind not in SEARCH_KINDS:
            raise BadInput(
                f"unknown kind {quoted(kind)}: use {', '.join(SEARCH_KINDS[:-1])} or topic, "
                "or several, e.g. --kind session,action"
            )
    return tuple(dict.fromkeys(kinds))


def search(
    store: Store,
    words: str,
    pair_ref: str | None,
    limit: int,
    *,
    kinds: list[str] | None = None,
    since: date | None = None,
    zone: str = "UTC",
) -> Found:
    """Ranked matches, narrowed to one pair, some kinds, or records from a date on (that
    day's midnight in `zone`)."""
    from ..when import local_midnight

    pair_id = resolve_pair(store, pair_ref).id if pair_ref else None
    wanted, start = search_kinds(kinds), local_midnight(since, zone) if since else None
    hits = store.search().search(words, pair_id, whole(limit, "--limit"), wanted, start)
    return Found(tuple(hits), words)


def health(store: Store) -> Health:
    return store.reports().health()
