"""The record going out and coming in: the full backup document and merging one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store import Store
    from ..store.exchange import Merged


@dataclass(frozen=True)
class Copied:
    """A backup made: of which database, to which file."""

    database: str
    backup: str


def backup_document(store: Store, now: datetime) -> str:
    """Every record as the JSON document `mentor import` merges."""
    from ..reports.backup import build_document, dump

    return dump(build_document(store.exchange().export_records(), now))


def program_export(store: Store, now: datetime, today: date) -> str:
    """Every pair's shared figures for a coordinator: no note text, no ratings, nothing private."""
    from ..reports.backup import dump
    from ..reports.program import pair_figures, program_document

    reports = store.reports()
    pairs = [pair_figures(reports.pair_records(p.id), today) for p in store.pairs.all()]
    return dump(program_document(pairs, now))


def merge_document(
    store: Store, records: dict[str, list[dict[str, Any]]], advance: Callable[[], None]
) -> Merged:
    """Merge checked records by uid in one transaction (`advance` after each record)."""
    return store.exchange().merge_records(records, advance)
