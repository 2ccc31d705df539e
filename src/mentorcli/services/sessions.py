"""Sessions: logging one with its follow-ups at once, listing, showing, correcting, deleting."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import BadInput
from ..store.sessions import COLUMNS as SESSION_COLUMNS
from .checks import changed, channel, score, whole
from .lookup import listed_pairs, pair, with_pair

if TYPE_CHECKING:
    from ..model.agreement import Goal
    from ..model.followups import Action, Topic
    from ..model.pairs import Pair
    from ..model.people import Person
    from ..model.plans import PlannedSession
    from ..model.sessions import Session
    from ..notes_template import LogAgenda, NewAction
    from ..store import Store

# How far ahead of now a session may be logged (a clock a little off, a session about to end).
AHEAD = timedelta(hours=1)
# Columns `session edit` may change.
EDITABLE = SESSION_COLUMNS


@dataclass(frozen=True)
class SessionRecord:
    """Everything `mentor log` records at once; channel None means the pair's own."""

    started_at: str
    zone: str
    channel: str | None = None
    minutes: int | None = None
    notes: str = ""
    private_notes: str = ""
    rapport: int | None = None
    engagement: int | None = None
    tech_issue: str = ""
    actions: tuple[NewAction, ...] = ()
    done: tuple[int, ...] = ()
    covered: tuple[int, ...] = ()
    progress: tuple[tuple[int, int], ...] = ()
    topics: tuple[str, ...] = ()
    due: tuple[tuple[int, str | None], ...] = ()  # open actions whose due date changed
    holds_plan: bool = False  # logged as it happens (no --when): it holds a planned one near


@dataclass(frozen=True)
class Logged:
    """A logged session and what changed with it."""

    pair: Pair
    session: Session
    actions: tuple[Action, ...]
    done: tuple[Action, ...]
    covered: tuple[Topic, ...]
    goals: tuple[Goal, ...]
    topics: tuple[Topic, ...]
    plan: PlannedSession | None = None  # the planned session it held, now done


@dataclass(frozen=True)
class SessionList:
    pair: Pair | None  # None: every pair that is not over
    sessions: tuple[Session, ...]
    pairs: dict[int, str] | None = None  # MENTOR/MENTEE by id, for a listing across pairs

    def json(self) -> object:
        return [
            with_pair({**asdict(s), "asynchronous": s.asynchronous}, self.pairs)
            for s in self.sessions
        ]


@dataclass(frozen=True)
class TimeSpent:
    """The time given to each pair in a week or a month, as Watson's report gives it."""

    period: str  # week or month
    first: str  # ISO date, the period's first day
    last: str  # ISO date, its last day
    pairs: tuple[tuple[str, int, int], ...]  # (MENTOR/MENTEE, sessions, minutes)

    def json(self) -> object:
        rows = [{"pair": p, "sessions": n, "minutes": m} for p, n, m in self.pairs]
        total = sum(m for _, _, m in self.pairs)
        return {**asdict(self), "pairs": rows, "minutes": total}


@dataclass(frozen=True)
class SessionDetail:
    """One session in full, with its start in both people's local time."""

    session: Session
    pair: Pair
    people: tuple[Person, Person]
    actions: tuple[Action, ...]
    covered: tuple[Topic, ...]
    conflicts: tuple[str, ...] = ()  # other texts of the notes, edited on two devices at once

    @property
    def local(self) -> dict[str, str]:
        from ..when import from_utc_iso
        from ..zones import zone

        moment = from_utc_iso(self.session.started_at)
        return {
            p.handle: moment.astimezone(zone(p.timezone)).isoformat(timespec="minutes")
            for p in self.people
        }

    def json(self) -> object:
        return {
            **asdict(self.session),
            "asynchronous": self.session.asynchronous,
            "pair": self.pair.ref,
            "local": self.local,
            "actions": [asdict(a) for a in self.actions],
            "covered": [asdict(t) for t in self.covered],
            "conflicts": list(self.conflicts),
        }


def started_at(text: str | None, now: datetime, zone: str) -> tuple[str, str]:
    """When a session started, as (UTC ISO instant, the zone it was typed in); a session is
    logged once it has happened, so a start in the future is refused."""
    from ..when import parse_datetime, to_utc_iso

    moment = parse_datetime(text or "now", now, zone, past=True)
    if moment - now > AHEAD:
        raise BadInput(f"--when {text!r} is in the future; log a session once it has happened")
    return to_utc_iso(moment), zone


def session(store: Store, session_id: int) -> Session:
    found = store.sessions.get(whole(session_id, "session"))
    if found is None:
        raise BadInput(f"no session #{session_id}; see 'mentor sessions PAIR'")
    return found


def session_day(started_at: str, zone_name: str) -> str:
    """The day a session happened, where it was logged: what it ticks is done that day."""
    from ..when import from_utc_iso
    from ..zones import zone

    return from_utc_iso(started_at).astimezone(zone(zone_name)).date().isoformat()


def log_session(
    store: Store, pair_id: int, record: SessionRecord, *, force: bool = False
) -> Logged:
    """The session, its new and finished actions, covered topics and goal progress: all
    land in one transaction, or (on any bad id) none of it does. What it ticks takes the
    session's own day, so a session typed in weeks later keeps the record's dates true."""
    day = session_day(record.started_at, record.zone)
    values: dict[str, Any] = {
        "started_at": record.started_at,
        "zone": record.zone,
        "minutes": record.minutes,
        "notes": record.notes,
        "private_notes": record.private_notes,
        "rapport": score("rapport", record.rapport),
        "engagement": score("engagement", record.engagement),
        "tech_issue": record.tech_issue,
    }
    with store.write():
        found = pair(store, pair_id)
        if not force:
            _refuse_a_repeat(store, found.id, record)
        channel_used = channel(record.channel) or found.channel
        logged = store.sessions.add({"pair_id": found.id, "channel": channel_used, **values})
        added, done, covered = _follow_ups(store, found.id, logged.id, record, day)
        goals = [
            _progress(store, g, pct, found.id, day) for g, pct in dict(record.progress).items()
        ]
        queued = [store.topics.add({"pair_id": found.id, "text": t}) for t in record.topics]
        held = _hold_plan(store, found.id, logged) if record.holds_plan else None
        return Logged(
            found,
            logged,
            added,
            done,
            covered,
            tuple(goals),
            tuple(queued),
            held,
        )


def _follow_ups(
    store: Store, pair_id: int, session_id: int, record: SessionRecord, day: str
) -> tuple[tuple[Action, ...], tuple[Action, ...], tuple[Topic, ...]]:
    """The actions a session adds and finishes (and the due dates it moves), and the topics
    it covers; the follow-up services load only for a session that has some."""
    if not (record.actions or record.due or record.done or record.covered):
        return (), (), ()
    from .followups import cover_topic, new_action, open_action, ticked

    added = tuple(new_action(store, pair_id, a, session_id) for a in record.actions)
    for action_id, due_on in record.due:
        store.actions.update(open_action(store, action_id, pair_id).id, {"due_on": due_on})
    done = tuple(
        store.actions.update(open_action(store, a, pair_id).id, ticked(day))
        for a in dict.fromkeys(record.done)
    )
    covered = tuple(
        cover_topic(store, t, pair_id, session_id) for t in dict.fromkeys(record.covered)
    )
    return added, done, covered


# `mentor log` with no --when completes a planned session that started this close to now.
NEAR = timedelta(hours=6)


def _hold_plan(store: Store, pair_id: int, logged: Session) -> PlannedSession | None:
    """The planned session a session holds, marked done by it: the pair's planned one
    nearest to its start, within NEAR either side."""
    from ..when import from_utc_iso, to_utc_iso

    moment = from_utc_iso(logged.started_at)
    near = store.plans.between(pair_id, to_utc_iso(moment - NEAR), to_utc_iso(moment + NEAR))
    plan = min(near, key=lambda p: abs(from_utc_iso(p.starts_at) - moment), default=None)
    if plan is None:
        return None
    return store.plans.update(plan.id, {"status": "done", "session_id": logged.id})


def _progress(store: Store, goal_id: int, percent: int, pair_id: int, day: str) -> Goal:
    """A goal moved by a session; at 100% it is achieved, on the session's day."""
    from .agreement import set_goal_progress

    moved = set_goal_progress(store, goal_id, percent, pair_id)
    if percent < 100:
        return moved
    return store.goals.update(goal_id, {"status": "achieved", "achieved_on": day})


def _refuse_a_repeat(store: Store, pair_id: int, record: SessionRecord) -> None:
    """The same pair, start and notes again is almost certainly the same session twice."""
    same = store.sessions.same(pair_id, record.started_at, record.notes)
    if same is not None:
        raise BadInput(
            f"session #{same} of this pair has the same start and notes; "
            "nothing logged (add --force to log it again)"
        )


def log_agenda(store: Store, found: Pair) -> LogAgenda:
    """What the `log` template offers: the pair's open actions, open goals, queued topics."""
    from ..notes_template import LogAgenda

    return LogAgenda(
        pair=found.ref,
        mentor=found.mentor,
        mentee=found.mentee,
        actions=tuple(store.actions.listing(found.id)),
        goals=tuple(store.goals.of_pair(found.id)),
        topics=tuple(store.topics.of_pair(found.id)),
    )


def sessions(
    store: Store, pair_ref: str | None, since: str | None, until: str | None, limit: int
) -> SessionList:
    """One pair's sessions, or (no pair) those of every pair that is not over, newest first."""
    pair_id, pairs = listed_pairs(store, pair_ref)
    found = pair(store, pair_id) if pair_id is not None else None
    listed = store.sessions.of_pair(
        pair_id, since=since, until=until, limit=whole(limit, "--limit")
    )
    return SessionList(found, tuple(listed), pairs)


def time_spent(store: Store, period: str, first: date, last: date, zone_name: str) -> TimeSpent:
    """Sessions and minutes with each pair from `first` to `last`, days in `zone_name`."""
    from ..when import local_midnight

    since = local_midnight(first, zone_name)
    until = local_midnight(last + timedelta(days=1), zone_name)
    refs = store.pairs.refs()
    rows = tuple((refs[p], n, m) for p, n, m in store.sessions.time_spent(since, until))
    return TimeSpent(period, first.isoformat(), last.isoformat(), rows)


def session_detail(store: Store, session_id: int) -> SessionDetail:
    from .lookup import person
    from .share import note_conflicts

    found = session(store, session_id)
    owner = pair(store, found.pair_id)
    people = (person(store, owner.mentor), person(store, owner.mentee))

    actions = tuple(store.actions.of_session(found.id))
    covered = tuple(store.topics.covered_by(found.id))
    conflicts = tuple(note_conflicts(store, found.uid))
    return SessionDetail(found, owner, people, actions, covered, conflicts)


def edit_session(store: Store, session_id: int, changes: dict[str, Any]) -> Session:
    """Correct some fields of a session; None means leave it as it is."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not session fields: {sorted(unknown)}")
    values = changed(changes, "--notes, --when, --minutes, --channel, … (--help)")
    channel(values.get("channel"))
    for name in ("rapport", "engagement"):
        score(name, values.get(name))
    with store.write():
        return store.sessions.update(session(store, session_id).id, values)


def delete_session(store: Store, session_id: int) -> Session:
    """Delete a session; its actions stay (unlinked) and its covered topics are queued again."""
    with store.write():
        found = session(store, session_id)
        store.sessions.delete(found.id)
        return found
