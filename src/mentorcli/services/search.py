"""Search: ranked matches across a pair's records, and the kinds of record it holds."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..errors import BadInput, quoted
from .checks import whole
from .lookup import resolve_pair

if TYPE_CHECKING:
    from ..store import Store
    from ..store.search import Hit


@dataclass(frozen=True)
class Found:
    """Search results, best first, and what was searched for."""

    hits: tuple[Hit, ...]
    query: str

    def json(self) -> object:
        return [asdict(hit) for hit in self.hits]


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
    pair_id = resolve_pair(store, pair_ref).id if pair_ref else None
    start = None
    if since is not None:
        from ..when import local_midnight  # zones are loaded only for --since

        start = local_midnight(since, zone)
    wanted = search_kinds(kinds)
    hits = store.search().search(words, pair_id, whole(limit, "--limit"), wanted, start)
    return Found(tuple(hits), words)
