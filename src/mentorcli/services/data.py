"""The record going out and coming in: the full backup document and merging one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import BadInput

if TYPE_CHECKING:
    from ..store import Store
    from ..store.exchange import Merged


def backup_document(store: Store, now: datetime) -> str:
    """Every record as the JSON document `mentor import` merges."""
    from ..reports.backup import build_document, dump

    return dump(build_document(store.exchange().export_records(), now))


def merge_document(
    store: Store, records: dict[str, list[dict[str, Any]]], advance: Callable[[], None]
) -> Merged:
    """Merge checked records by uid in one transaction (`advance` after each record)."""
    from ..store.exchange import HandleClash

    try:
        return store.exchange().merge_records(records, advance)
    except HandleClash as clash:
        raise BadInput(
            f"handle {clash.handle!r} belongs to a different person here (uid {clash.here}) "
            f"than in the file (uid {clash.there}); rename one of them (mentor person edit "
            f"{clash.handle} --handle NEW) and import again; nothing was imported"
        ) from None
