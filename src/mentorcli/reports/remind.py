"""What needs doing soon: planned sessions starting, actions due, reviews due, pairs about to
lapse; plain data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from ..when import from_utc_iso
from .due import lapses_at

if TYPE_CHECKING:
    from ..model.plans import PlannedSession
    from ..store.reports import DueReview, OverdueAction, PairActivity

KIND_ORDER = {"session": 0, "action": 1, "review": 2, "lapse": 3}


class Reminder(NamedTuple):
    """One thing to do, and when it is due: an instant (a session, a lapse) or a day."""

    kind: str  # session, action, review or lapse
    pair: str
    at: str  # UTC ISO instant, or an ISO date for an action's or a review's due day
    text: str
    ref: int | None = None  # the planned session, action or expectation id


@dataclass(frozen=True)
class Reminders:
    """Everything due within the window, soonest first."""

    who: str  # the `me` handle they are for, "" for everyone
    zone: str  # where the user is: the zone times are shown in
    now: str  # UTC ISO
    until: str  # UTC ISO: the end of the window
    reminders: tuple[Reminder, ...]

    def json(self) -> object:
        return {
            "who": self.who,
            "zone": self.zone,
            "now": self.now,
            "until": self.until,
            "reminders": [r._asdict() for r in self.reminders],
        }


def parse_within(text: str) -> timedelta:
    """`24h`, `90m`, `2d`, `1w` (a number and a unit) as a length of time."""
    import re

    from ..errors import BadInput

    units = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"}
    match = re.fullmatch(r"\s*([0-9]{1,6})\s*(m|min|h|d|w)\s*", text.lower())
    if match is None or int(match[1]) == 0 or int(match[1]) > 10_000:
        raise BadInput(f"--within {text!r} should be a length like 24h, 90m, 2d or 1w")
    return timedelta(**{units[match[2]]: int(match[1])})


def build_reminders(
    now: datetime,
    within: timedelta,
    last_day: date,
    who: str,
    zone: str,
    starting: Sequence[tuple[str, PlannedSession]],
    actions: Sequence[OverdueAction],
    reviews: Sequence[DueReview],
    activity: Sequence[PairActivity],
) -> Reminders:
    """Everything due before now + `within` (for actions and reviews: on or before
    `last_day`, the window's last day where the user is), soonest first."""
    until = now + within
    found = [
        Reminder(
            "session",
            ref,
            p.starts_at,
            f"planned session #{p.id} starts ({p.minutes} min by {p.channel})"
            + (f": {p.agenda_note}" if p.agenda_note else ""),
            p.id,
        )
        for ref, p in starting
    ]
    for item in actions:
        a = item.action
        if a.due_on is not None and a.due_on <= last_day.isoformat():
            found.append(
                Reminder(
                    "action", item.pair, a.due_on, f"action #{a.id} ({a.owner}): {a.text}", a.id
                )
            )
    for review in reviews:
        e = review.expectation
        text = f"review expectation #{e.id} ({e.topic}): {e.text}"
        found.append(Reminder("review", review.pair, e.review_on or "", text, e.id))
    for pair in activity:
        last = pair.recent[0] if pair.recent else None
        lapse = lapses_at(pair, last)
        if lapse < until:
            verb = "lapsed" if lapse <= now else "lapses"
            text = f"{verb}: no touchpoint for 1.5 x {pair.cadence}"
            at = lapse.astimezone(UTC).isoformat(timespec="seconds")
            found.append(Reminder("lapse", pair.ref, at, text, pair.id))
    found.sort(key=lambda r: (_sort_instant(r.at), KIND_ORDER[r.kind], r.pair, r.ref or 0))
    return Reminders(
        who,
        zone,
        now.astimezone(UTC).isoformat(timespec="seconds"),
        until.astimezone(UTC).isoformat(timespec="seconds"),
        tuple(found),
    )


def _sort_instant(at: str) -> str:
    """A day sorts at its start, among the instants."""
    if len(at) == 10:
        return f"{at}T00:00:00+00:00"
    return from_utc_iso(at).isoformat()
