"""The coordinator's export (`mentor export --program`): every pair's shared figures, no text."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model.people import Person
    from ..store.records import PairRecords

FORMAT = "mentorcli-program"
VERSION = 1


def _person(person: Person) -> dict[str, str]:
    # A person's public fields a coordinator needs to tell pairs apart: no email, no note.
    return {
        "uid": person.uid,
        "handle": person.handle,
        "name": person.name,
        "zone": person.timezone,
    }


def pair_figures(records: PairRecords, today: date) -> dict[str, Any]:
    """One pair as figures: dates, minutes, channels, statuses, progress, counts, due dates.
    No note text of any kind (notes, focus, titles, action text), no ratings, nothing private."""
    pair = records.pair
    statuses = Counter(action.status for action in records.actions)
    due = sorted(a.due_on for a in records.actions if a.status == "open" and a.due_on)
    return {
        "uid": pair.uid,
        "mentor": _person(records.mentor),
        "mentee": _person(records.mentee),
        "status": pair.status,
        "cadence": pair.cadence,
        "channel": pair.channel,
        "start_date": pair.start_date,
        "end_date": pair.end_date,
        "paused_on": pair.paused_on,
        "sessions": [
            {
                "uid": s.uid,
                "started_at": s.started_at,
                "minutes": s.minutes,
                "channel": s.channel,
                "asynchronous": s.asynchronous,
            }
            for s in records.sessions
        ],
        "goals": [
            {
                "uid": g.uid,
                "status": g.status,
                "progress": g.progress,
                "due_on": g.due_on,
                "achieved_on": g.achieved_on,
            }
            for g in records.goals
        ],
        "actions": {
            "open": statuses["open"],
            "done": statuses["done"],
            "dropped": statuses["dropped"],
            "overdue": sum(1 for day in due if day < today.isoformat()),
            "open_due_dates": due,
        },
        "expectations": len(records.expectations),
        "topics_queued": len(records.topics),
    }


def program_document(pairs: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.astimezone(UTC).isoformat(timespec="seconds"),
        "pairs": pairs,
    }
