"""Every active pair at a glance, and what needs attention, most urgent first; plain data.

A pair's row, an item needing attention and a paused pair are named tuples: hundreds of them
are built each run, and a run defines a named tuple in a tenth of the time of a frozen
dataclass, whose methods Python compiles as the module loads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, NamedTuple

from ..when import from_utc_iso as instant
from ..zones import zone as _zone
from .due import lapsed, next_due
from .trend import trend

if TYPE_CHECKING:
    from ..overlap import Interval
    from ..store.reports import LateAction, PairActivity, PausedPair, ReviewDue


class PairStatus(NamedTuple):
    """One active pair's row: when it was last touched, when it is due, its open work and how
    its ratings go."""

    pair_id: int
    pair: str
    cadence: str
    last_touch: str | None  # UTC ISO of the latest session or touchpoint
    days_since: int | None
    next_due: str  # UTC ISO: the next planned session's start, else when the cadence is due
    overdue_days: int
    lapsed: bool
    open_actions: int
    overdue_actions: int
    goals: int
    goal_progress: int | None  # mean % over goals not dropped
    rapport: tuple[int | None, ...]  # oldest first, the last few sessions
    engagement: tuple[int | None, ...]
    rapport_trend: str
    engagement_trend: str
    planned_id: int | None = None  # the planned session next_due is the start of

    def urgency(self) -> tuple[int, int, int, int]:
        falling = (self.rapport_trend == "falling") + (self.engagement_trend == "falling")
        return (int(self.lapsed), falling, self.overdue_days, self.overdue_actions)


class Attention(NamedTuple):
    """One thing that needs doing, with how long it has waited."""

    kind: str  # lapsed, falling, overdue-action, review
    pair_id: int
    pair: str
    text: str
    days: int
    ref: int | None = None  # the action or expectation id


KIND_ORDER = {"lapsed": 0, "falling": 1, "overdue-action": 2, "review": 3}
# The attention list shows this many items; --json has them all.
SHOWN = 25


class Paused(NamedTuple):
    """A paused pair: no cadence is expected of it, but it is not forgotten."""

    pair_id: int
    pair: str
    since: str | None  # the day it was paused (None when paused before that was recorded)
    days: int | None


@dataclass(frozen=True)
class Status:
    """Every active pair, what needs attention and the paused pairs, as of a day."""

    today: str
    pairs: tuple[PairStatus, ...]
    attention: tuple[Attention, ...]
    paused: tuple[Paused, ...] = ()
    # Overdue actions past what the screen shows, counted but not read (0 for --json, which
    # reads them all).
    beyond: int = 0

    def json(self) -> object:
        return {
            "today": self.today,
            "pairs": [p._asdict() for p in self.pairs],
            "attention": [a._asdict() for a in self.attention],
            "paused": [p._asdict() for p in self.paused],
        }


def paused_pairs(pairs: Sequence[PausedPair], today: date) -> tuple[Paused, ...]:
    """Paused pairs, the longest paused first."""
    found = [
        Paused(
            p.id,
            p.ref,
            p.paused_on,
            (today - date.fromisoformat(p.paused_on)).days if p.paused_on else None,
        )
        for p in pairs
    ]
    return tuple(sorted(found, key=lambda p: (p.since or "", p.pair)))


def pair_status(
    activity: PairActivity,
    now: datetime,
    today: date,
    zone: str,
    planned: tuple[int, str] | None = None,
    off: Sequence[Interval] = (),
) -> PairStatus:
    """One pair's row; `today` and `zone` are the user's, for "how many days ago"; `planned`
    the (id, start) of its next planned session, which is then when the next one is due;
    `off` when the mentor or mentee is away or on a holiday."""
    newest_first = activity.recent
    last = newest_first[0] if newest_first else None
    due = instant(planned[1]) if planned else next_due(activity, activity.mentor_zone, last, off)
    late = now - due
    oldest_first = tuple(reversed(newest_first))
    rapport = tuple(s.rapport for s in oldest_first)
    engagement = tuple(s.engagement for s in oldest_first)
    return PairStatus(
        pair_id=activity.id,
        pair=activity.ref,
        cadence=activity.cadence,
        last_touch=last.started_at if last else None,
        days_since=(today - instant(last.started_at).astimezone(_zone(zone)).date()).days
        if last
        else None,
        next_due=due.astimezone(UTC).isoformat(),
        overdue_days=late.days if late.total_seconds() > 0 else 0,
        lapsed=lapsed(activity, last, now, off),
        open_actions=activity.open_actions,
        overdue_actions=activity.overdue_actions,
        goals=activity.goals,
        goal_progress=round(activity.goal_progress) if activity.goal_progress is not None else None,
        rapport=rapport,
        engagement=engagement,
        rapport_trend=trend(rapport),
        engagement_trend=trend(engagement),
        planned_id=planned[0] if planned else None,
    )


def build_status(
    activity: Sequence[PairActivity],
    overdue: Sequence[LateAction],
    reviews: Sequence[ReviewDue],
    now: datetime,
    today: date,
    zone: str,
    paused: Sequence[PausedPair] = (),
    planned: Mapping[int, tuple[int, str]] | None = None,
    off: Mapping[int, Sequence[Interval]] | None = None,
) -> Status:
    booked = planned or {}
    pairs = sorted(
        (
            pair_status(a, now, today, zone, booked.get(a.id), (off or {}).get(a.id, ()))
            for a in activity
        ),
        key=lambda p: (tuple(-k for k in p.urgency()), p.pair),
    )
    attention: list[Attention] = []
    for p in pairs:
        if p.lapsed:
            since = f"in {p.days_since} days" if p.days_since is not None else "since it started"
            days = p.days_since if p.days_since is not None else p.overdue_days
            text = f"no touchpoint {since} (cadence {p.cadence})"
            attention.append(Attention("lapsed", p.pair_id, p.pair, text, days))
        for name, direction in (("rapport", p.rapport_trend), ("engagement", p.engagement_trend)):
            if direction == "falling":
                attention.append(
                    Attention("falling", p.pair_id, p.pair, f"{name} falling", p.overdue_days)
                )
    for action in overdue:
        days = (today - date.fromisoformat(action.due_on)).days
        text = f"action #{action.id} ({action.owner}) {days} days overdue: {action.text}"
        attention.append(
            Attention("overdue-action", action.pair_id, action.pair, text, days, action.id)
        )
    for e in reviews:
        days = (today - date.fromisoformat(e.review_on)).days
        text = f"review expectation #{e.id} ({e.topic}, due {e.review_on}): {e.text}"
        attention.append(Attention("review", e.pair_id, e.pair, text, days, e.id))
    attention.sort(key=lambda a: (KIND_ORDER[a.kind], -a.days, a.pair, a.ref or 0))
    return Status(
        today=today.isoformat(),
        pairs=tuple(pairs),
        attention=tuple(attention),
        paused=paused_pairs(paused, today),
    )
