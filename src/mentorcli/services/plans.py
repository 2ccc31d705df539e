"""Planned sessions: booking the next one ahead, moving or cancelling it, and what it conflicts
with."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..errors import BadInput
from .checks import channel, whole
from .lookup import listed_pairs, pair, resolve_pair, with_pair

if TYPE_CHECKING:
    from ..model.pairs import Pair
    from ..model.people import Person
    from ..model.plans import PlannedSession
    from ..store import Store

# A planned session lasts this long unless --minutes says otherwise.
DEFAULT_MINUTES = 60


@dataclass(frozen=True)
class PlanRequest:
    """What `plan` and `plan move` were given: the start as typed, and the rest (None: the
    plan's own, or for a new one the pair's channel and an hour)."""

    when: str
    zone: str  # the zone a start without an offset is read in
    minutes: int | None = None
    channel: str | None = None
    agenda_note: str | None = None
    anyway: bool = False


@dataclass(frozen=True)
class PlanView:
    """A planned session with its pair and both people, for the line a write prints and the
    invitation."""

    plan: PlannedSession
    pair: Pair
    mentor: Person
    mentee: Person

    @property
    def local(self) -> dict[str, str]:
        """The start on each person's clock, by handle."""
        from ..when import from_utc_iso
        from ..zones import zone

        moment = from_utc_iso(self.plan.starts_at)
        return {
            p.handle: moment.astimezone(zone(p.timezone)).isoformat(timespec="minutes")
            for p in (self.mentor, self.mentee)
        }

    def json(self) -> object:
        return {**asdict(self.plan), "pair": self.pair.ref, "local": self.local}


@dataclass(frozen=True)
class PlanList:
    pair: Pair | None  # None: every pair that is not over
    plans: tuple[PlannedSession, ...]
    zone: str  # the zone starts are shown in
    pairs: dict[int, str] | None = None  # MENTOR/MENTEE by id, for a listing across pairs

    def json(self) -> object:
        return [with_pair(asdict(p), self.pairs) for p in self.plans]


def _both(store: Store, found: Pair) -> tuple[Person, Person]:
    """The pair's mentor and mentee; the people commands' records are built only here, so a
    `mentor log` that completes no plan does not build them."""
    from .lookup import person

    return person(store, found.mentor), person(store, found.mentee)


def plan_start(text: str, now: datetime, zone: str) -> datetime:
    """When a planned session starts: a time still to come (a past one is `mentor log`'s)."""
    from ..when import parse_datetime

    moment = parse_datetime(text, now, zone, past=False)
    if moment <= now:
        raise BadInput(
            f"--when {text!r} has already passed; plan a time to come "
            "(a session that happened is recorded with 'mentor log')"
        )
    return moment


def conflicts(store: Store, people: tuple[Person, ...], start: datetime, minutes: int) -> list[str]:
    """Why the session may not suit someone, one reason per person: their time off, a public
    holiday, a busy time in their calendar, or their working hours; empty when it suits
    everyone. The one place a plan is checked."""
    from ..hours import parse_hours
    from ..overlap import Participant, available_intervals, to_micros
    from ..zones import zone
    from .availability import Beyond, beyond_hours

    end = start + timedelta(minutes=minutes)
    bare = [Participant(p.handle, p.timezone, parse_hours(p.hours)) for p in people]
    around = Beyond(start.date() - timedelta(days=1), end.date() + timedelta(days=1))
    everyone = beyond_hours(bare, {p.handle: p for p in people}, lambda: store, around)
    reasons = []
    for someone, available in zip(people, everyone, strict=True):
        free = available_intervals(available, start, end)
        if any(a <= start and end <= b for a, b in free):
            continue
        local = start.astimezone(zone(someone.timezone))
        until = end.astimezone(zone(someone.timezone))
        when = f"{someone.handle}'s {local:%a %H:%M}-{until:%H:%M} ({someone.timezone})"
        lo, hi = to_micros(start), to_micros(end)
        why = [a for a in available.absences if a.start < hi and lo < a.end]
        if why:
            note = f" ({why[0].note})" if why[0].note else ""
            reasons.append(f"{when} falls in their {_WORDS[why[0].kind]}{note}")
        else:
            reasons.append(f"{when} is outside their hours {someone.hours}")
    return reasons


_WORDS = {"away": "time off", "holiday": "public holiday", "busy": "busy time"}


def _refuse_conflicts(store: Store, found: Pair, start: datetime, minutes: int) -> None:
    people = _both(store, found)
    reasons = conflicts(store, people, start, minutes)
    if reasons:
        raise BadInput(f"not planned: {'; '.join(reasons)} (add --anyway to plan it all the same)")


def _minutes(value: int | None, default: int) -> int:
    minutes = default if value is None else whole(value, "--minutes")
    if not 1 <= minutes <= 1440:
        raise BadInput(f"--minutes {minutes} should be from 1 to 1440")
    return minutes


def view(store: Store, plan: PlannedSession) -> PlanView:
    found = pair(store, plan.pair_id)
    return PlanView(plan, found, *_both(store, found))


def planned(store: Store, plan_id: int) -> PlannedSession:
    found = store.plans.get(whole(plan_id, "planned session"))
    if found is None:
        raise BadInput(f"no planned session #{plan_id}; see 'mentor plan list'")
    return found


def add_plan(store: Store, pair_ref: str, request: PlanRequest, now: datetime) -> PlanView:
    """Book a session of the pair ahead, unless it falls where someone cannot make it."""
    from ..when import to_utc_iso

    start = plan_start(request.when, now, request.zone)
    minutes = _minutes(request.minutes, DEFAULT_MINUTES)
    with store.write():
        found = resolve_pair(store, pair_ref)
        if found.status in ("ended", "completed"):
            raise BadInput(f"pair {found.ref} is {found.status}; reopen it to plan a session")
        if not request.anyway:
            _refuse_conflicts(store, found, start, minutes)
        plan = store.plans.add(
            {
                "pair_id": found.id,
                "starts_at": to_utc_iso(start),
                "zone": request.zone,
                "minutes": minutes,
                "channel": channel(request.channel) or found.channel,
                "agenda_note": request.agenda_note or "",
            }
        )
        return view(store, plan)


def move_plan(store: Store, plan_id: int, request: PlanRequest, now: datetime) -> PlanView:
    """A planned session at a new time (and length, channel or note): the same invitation, its
    SEQUENCE one higher, so calendars replace the old time."""
    from ..when import to_utc_iso

    start = plan_start(request.when, now, request.zone)
    with store.write():
        plan = _still_planned(store, plan_id, "move")
        minutes = _minutes(request.minutes, plan.minutes)
        found = pair(store, plan.pair_id)
        if not request.anyway:
            _refuse_conflicts(store, found, start, minutes)
        values = {
            "starts_at": to_utc_iso(start),
            "zone": request.zone,
            "minutes": minutes,
            "channel": channel(request.channel) or plan.channel,
            "agenda_note": plan.agenda_note if request.agenda_note is None else request.agenda_note,
            "sequence": plan.sequence + 1,
        }
        return view(store, store.plans.update(plan.id, values))


def cancel_plan(store: Store, plan_id: int) -> PlanView:
    """Call a planned session off; its invitation becomes a cancellation."""
    with store.write():
        plan = _still_planned(store, plan_id, "cancel")
        changed = store.plans.update(
            plan.id, {"status": "cancelled", "sequence": plan.sequence + 1}
        )
        return view(store, changed)


def _still_planned(store: Store, plan_id: int, verb: str) -> PlannedSession:
    plan = planned(store, plan_id)
    if plan.status != "planned":
        raise BadInput(f"planned session #{plan.id} is {plan.status}; there is nothing to {verb}")
    return plan


def plans(store: Store, pair_ref: str | None, zone: str, *, every: bool = False) -> PlanList:
    """Planned sessions, soonest first: one pair's or every pair's; with `every`, also the ones
    done or cancelled."""
    pair_id, pairs = listed_pairs(store, pair_ref)
    found = pair(store, pair_id) if pair_id is not None else None
    statuses: tuple[str, ...] = () if every else ("planned",)
    return PlanList(found, tuple(store.plans.listing(pair_id, statuses=statuses)), zone, pairs)


def invitation(store: Store, plan_id: int, now: datetime) -> bytes:
    """The iTIP message for a planned session: an invitation, or an update once moved, or a
    cancellation once cancelled. Both people need an email address."""
    from ..reports.invite import invitation_ics

    plan = planned(store, plan_id)
    if plan.status == "done":
        raise BadInput(
            f"planned session #{plan.id} has happened (session #{plan.session_id}); "
            "there is nothing to invite to"
        )
    shown = view(store, plan)
    for someone in (shown.mentor, shown.mentee):
        if not someone.email:
            raise BadInput(
                f"{someone.handle} has no email, and an invitation goes from the mentor's to the "
                f"mentee's: mentor person edit {someone.handle} --email ADDRESS"
            )
    return invitation_ics(shown, now, agenda_lines(store, plan.pair_id))


def agenda_lines(store: Store, pair_id: int) -> list[str]:
    """What the pair has to talk about, for an invitation's DESCRIPTION: the open follow-ups
    and the queued topics."""
    found = pair(store, pair_id)
    handles = {"mentor": found.mentor, "mentee": found.mentee}
    lines = [
        f"Follow-up #{a.id} ({handles[a.owner]}): {a.text}"
        + (f" (due {a.due_on})" if a.due_on else "")
        for a in store.actions.listing(pair_id)
    ]
    lines += [f"Topic #{t.id}: {t.text}" for t in store.topics.of_pair(pair_id)]
    return lines


def recap(store: Store, session_id: int, now: datetime) -> bytes:
    """The follow-up to a session as an email message from the mentor to the mentee: the
    notes shared with the pair, the actions, the next planned session and its invitation."""
    from ..reports.recap import RecapParts, recap_message
    from ..when import to_utc_iso
    from .sessions import session

    held = session(store, session_id)
    found = pair(store, held.pair_id)
    mentor, mentee = _both(store, found)
    for someone in (mentor, mentee):
        if not someone.email:
            raise BadInput(
                f"{someone.handle} has no email, and a recap goes from the mentor's to the "
                f"mentee's: mentor person edit {someone.handle} --email ADDRESS"
            )
    agreed = tuple(store.actions.of_session(held.id))
    ids = {a.id for a in agreed}
    still_open = tuple(a for a in store.actions.listing(found.id) if a.id not in ids)
    upcoming = store.plans.next_of(found.id, to_utc_iso(now))
    next_plan = view(store, upcoming) if upcoming else None
    invite = None if upcoming is None else invitation(store, upcoming.id, now)
    parts = RecapParts(held, mentor, mentee, agreed, still_open, next_plan, invite)
    return recap_message(parts, now)
