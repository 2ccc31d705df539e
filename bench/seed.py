"""Seed a realistic mentor database through the project's own Store, deterministically.

    python bench/seed.py --db PATH --people 1000 --pairs 500 --sessions 100000 --seed 1

Years of mentoring are replayed in time order across every pair: people and
pairs start, expectations and goals are agreed, sessions are logged with notes,
actions and covered topics, actions are done or dropped (or left overdue),
goals progress and are achieved, pairs pause, complete or end. Every record is
written by the Store methods `mentor` itself uses, under a clock that follows
the replay, so timestamps are realistic and the same seed gives the same file.
The last line on stdout is the reference (MENTOR/MENTEE) of the busiest pair.
"""

from __future__ import annotations

import argparse
import heapq
import math
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from words import FIRST_NAMES, LAST_NAMES, vocabulary, zipf_weights

from mentorcli.cadence import parse_cadence
from mentorcli.hours import format_hours, parse_hours
from mentorcli.notes_template import NewAction
from mentorcli.services.agreement import (
    add_expectation,
    add_goal,
    edit_expectation,
    expectation,
    finish_goal,
)
from mentorcli.services.followups import add_topic, finish_action
from mentorcli.services.pairs import PairFields, add_pair, change_status
from mentorcli.services.people import PersonFields, add_person
from mentorcli.services.sessions import SessionRecord, log_session
from mentorcli.store import Store
from mentorcli.vocabulary import CHANNELS
from mentorcli.when import to_utc_iso
from mentorcli.zones import resolve_zone

# The replay ends here, whatever day the seed runs on.
BASE = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
YEARS = 8

# Where people live, with rough weights: the big remote-work hubs, and the zones that make
# scheduling hard (half- and quarter-hour offsets, southern-hemisphere and odd DST rules).
ZONES = {
    "America/New_York": 9,
    "America/Chicago": 5,
    "America/Denver": 2,
    "America/Los_Angeles": 7,
    "America/Toronto": 3,
    "America/Mexico_City": 3,
    "America/Bogota": 2,
    "America/Sao_Paulo": 5,
    "America/Argentina/Buenos_Aires": 3,
    "America/Santiago": 1,
    "America/St_Johns": 1,
    "America/Halifax": 1,
    "America/Anchorage": 1,
    "Pacific/Honolulu": 1,
    "Europe/London": 8,
    "Europe/Dublin": 2,
    "Europe/Lisbon": 4,
    "Europe/Madrid": 3,
    "Europe/Paris": 4,
    "Europe/Berlin": 6,
    "Europe/Rome": 3,
    "Europe/Helsinki": 2,
    "Europe/Warsaw": 3,
    "Europe/Athens": 1,
    "Europe/Kyiv": 2,
    "Europe/Istanbul": 2,
    "Africa/Lagos": 3,
    "Africa/Nairobi": 2,
    "Africa/Johannesburg": 2,
    "Africa/Cairo": 1,
    "Asia/Tehran": 1,
    "Asia/Dubai": 2,
    "Asia/Kabul": 1,
    "Asia/Karachi": 2,
    "Asia/Kolkata": 8,
    "Asia/Kathmandu": 1,
    "Asia/Dhaka": 1,
    "Asia/Yangon": 1,
    "Asia/Bangkok": 2,
    "Asia/Singapore": 3,
    "Asia/Shanghai": 3,
    "Asia/Manila": 2,
    "Asia/Seoul": 2,
    "Asia/Tokyo": 3,
    "Australia/Perth": 1,
    "Australia/Eucla": 1,
    "Australia/Darwin": 1,
    "Australia/Adelaide": 1,
    "Australia/Brisbane": 1,
    "Australia/Sydney": 3,
    "Australia/Lord_Howe": 1,
    "Pacific/Auckland": 2,
    "Pacific/Chatham": 1,
    "Pacific/Marquesas": 1,
    "UTC": 1,
}

HOURS = {
    "09:00-17:00": 30,
    "08:00-16:00": 10,
    "10:00-18:00": 10,
    "mon-thu 08:00-16:00, fri 08:00-12:00": 5,
    "mon-fri 07:30-11:30, mon-fri 13:00-17:00": 4,
    "mon+wed+fri 09:00-13:00": 3,
    "tue-sat 09:00-17:00": 3,
    "sun-thu 09:00-17:00": 4,
    "sun-thu 22:00-06:00": 2,
    "mon-fri 20:00-02:00": 2,
    "mon-fri 18:00-22:00, sat 10:00-14:00": 3,
    "mon-fri 06:00-10:00, mon-fri 16:00-20:00": 2,
    "mon-fri 12:00-20:30": 2,
    "fri-mon 10:00-16:00": 1,
}

CADENCES = {
    "weekly": 10,
    "every 2 weeks": 12,
    "every 3 weeks": 3,
    "monthly": 6,
    "every 2 months": 1,
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU": 2,
    "FREQ=MONTHLY;BYDAY=1TH": 1,
}

STATUS_END = {"active": 70, "paused": 8, "completed": 10, "ended": 7, "proposed": 5}

FOCUS = [
    "career growth into a staff role",
    "first year as an engineering manager",
    "moving from support into software engineering",
    "public speaking and conference talks",
    "open-source maintainership",
    "system design interviews",
    "data science fundamentals",
    "leading a remote team across time zones",
    "writing a first research paper",
    "negotiating a promotion",
    "product thinking for engineers",
    "security engineering basics",
    "returning to work after parental leave",
    "building a freelance practice",
    "technical writing and documentation",
]

SKILLS = [
    *("python", "rust", "go", "java", "typescript", "sql", "kubernetes", "terraform"),
    *("security", "design", "writing", "leadership", "hiring", "data", "ml", "career"),
    *("speaking", "product", "research", "accessibility"),
]

ACCOMMODATIONS = [
    "captions on",
    "prefers async",
    "camera off on low-bandwidth days",
    "no meetings on Fridays",
    "written agenda a day ahead, please",
    "screen reader user: share documents, not screenshots",
    "school run 15:00-16:00 local",
    "observes Ramadan: shorter sessions in that month",
]

GOALS = [
    "Give a talk at a regional conference",
    "Lead the design review for the {w} service",
    "Ship the {w} migration end to end",
    "Get promoted to senior engineer",
    "Publish three blog posts about {w}",
    "Mentor an intern through their first project",
    "Pass the {w} certification",
    "Run a retrospective without help",
    "Write the team's on-call handbook",
    "Contribute a feature to {w}",
    "Build a portfolio site with two case studies",
    "Negotiate a four-day week",
]

ACTIONS = [
    "send the draft of the {w} proposal",
    "read the chapter on {w}",
    "book a practice interview",
    "share the {w} dashboard",
    "write up notes on {w}",
    "ask the manager about the {w} budget",
    "review the pull request for {w}",
    "introduce to someone working on {w}",
    "try the {w} exercise and report back",
    "update the CV with the {w} project",
    "set up a pairing hour on {w}",
    "prepare three questions about {w}",
]

TOPICS = [
    "How to say no to {w} work",
    "Feedback on the {w} talk outline",
    "Salary bands and the {w} offer",
    "Dealing with a difficult {w} review",
    "Time-zone fatigue: moving our slot?",
    "What to read next on {w}",
    "Career path: {w} or management?",
    "Preparing for the {w} interview loop",
]

EXPECTATIONS = {
    "cadence": ["Meet every other Tuesday; reschedule at least a day ahead"],
    "channel": ["Video by default, chat for quick questions", "Async doc when bandwidth is low"],
    "response-time": ["Reply to messages within two working days"],
    "roles": ["The mentee sets the agenda; the mentor asks questions before giving advice"],
    "confidentiality": ["What we discuss stays between us unless we agree otherwise"],
    "logistics": ["Rotate the slot each quarter so nobody always takes the late call"],
    "other": ["Review these expectations together every six months"],
}

TECH_ISSUES = [
    "audio dropped twice; switched to phone",
    "video froze on the mentee's side, low bandwidth",
    "VPN blocked the call link; used the backup room",
    "screen sharing failed, sent the slides instead",
    "calendar invite landed an hour off after the DST change",
    "echo until the headset was plugged in",
]

CHANNEL_WEIGHTS = {"video": 60, "call": 10, "chat": 12, "email": 8, "doc": 6, "in-person": 4}


@dataclass
class ReplayClock:
    """The Store's clock, moved along by the replay so timestamps follow simulated time."""

    at: datetime

    def __call__(self) -> datetime:
        return self.at


def seeded_uids(source: random.Random) -> Callable[[], str]:
    """Uids drawn from the seed, so the file is reproducible."""
    return lambda: str(uuid.UUID(int=source.getrandbits(128), version=4))


@dataclass
class PairPlan:
    mentor: str
    mentee: str
    mentor_zone: str
    start: datetime
    end: datetime
    final_status: str
    cadence: str
    channel: str
    focus: str
    sessions: int = 0
    rapport: float = 3.5
    trend: float = 0.0
    pair_id: int = 0
    open_actions: list[tuple[int, str | None, date]] = field(default_factory=list)
    queued_topics: list[int] = field(default_factory=list)
    goals: dict[int, int] = field(default_factory=dict)
    expectations: list[int] = field(default_factory=list)
    logged: int = 0


COMMON = 150


class NoteWriter:
    """Markdown notes of a few hundred words drawn from a Zipf-like vocabulary."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = vocabulary()
        self.weights = zipf_weights(len(self.words))
        # Names for goals and actions come from past the commonest words.
        offset = self.weights[COMMON - 1]
        self.rarer_weights = [weight - offset for weight in self.weights[COMMON:]]

    def sentence(self, low: int = 6, high: int = 22) -> str:
        count = self.rng.randint(low, high)
        words = self.rng.choices(self.words, cum_weights=self.weights, k=count)
        if len(words) > 8 and self.rng.random() < 0.4:
            words[self.rng.randint(3, len(words) - 3)] += ","
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def word(self) -> str:
        rarer = self.words[COMMON:]
        return self.rng.choices(rarer, cum_weights=self.rarer_weights, k=1)[0].lower()

    def note(self) -> str:
        target = self.rng.randint(120, 480)
        parts: list[str] = []
        written = 0
        while written < target:
            roll = self.rng.random()
            if roll < 0.2:
                items = [self.sentence(3, 10) for _ in range(self.rng.randint(2, 5))]
                parts.append("\n".join(f"- {item}" for item in items))
                written += sum(item.count(" ") + 1 for item in items)
            elif roll < 0.25:
                parts.append(f"## {self.sentence(2, 5).rstrip('.')}")
                written += 3
            else:
                paragraph = " ".join(self.sentence() for _ in range(self.rng.randint(2, 6)))
                parts.append(paragraph)
                written += paragraph.count(" ") + 1
        return "\n\n".join(parts)


def weighted(rng: random.Random, table: dict[str, int]) -> str:
    return rng.choices(list(table), weights=list(table.values()), k=1)[0]


def checked_tables() -> None:
    """Every zone, hours text and cadence above must be what `mentor` itself accepts."""
    for zone in ZONES:
        resolve_zone(zone)
    for hours in HOURS:
        format_hours(parse_hours(hours))
    for cadence in CADENCES:
        parse_cadence(cadence)


class Seeder:
    def __init__(self, store: Store, clock: ReplayClock, rng: random.Random) -> None:
        self.store = store
        self.clock = clock
        self.rng = rng
        self.notes = NoteWriter(rng)

    def people(self, count: int) -> list[tuple[str, str]]:
        rng = self.rng
        self.clock.at = BASE - timedelta(days=365 * YEARS + 60)
        made: list[tuple[str, str]] = []
        taken: set[str] = set()
        with self.store.write():
            while len(made) < count:
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                handle = f"{first}.{last}"
                suffix = 2
                while handle in taken:
                    handle = f"{first}.{last}{suffix}"
                    suffix += 1
                taken.add(handle)
                # Stored as `mentor person add --tz` stores it: the current canonical name.
                zone = resolve_zone(weighted(rng, ZONES))
                fields = PersonFields(
                    name=f"{first.capitalize()} {last.capitalize()}",
                    email=f"{handle}@example.org",
                    timezone=zone,
                    hours=format_hours(parse_hours(weighted(rng, HOURS))),
                    skills=tuple(rng.sample(SKILLS, rng.randint(1, 4))),
                    channels=tuple(rng.sample(CHANNELS[:5], rng.randint(1, 3))),
                    note=rng.choice(ACCOMMODATIONS) if rng.random() < 0.25 else "",
                )
                self.clock.at += timedelta(minutes=rng.randint(1, 60))
                add_person(self.store, handle, fields)
                made.append((handle, zone))
        return made

    def plan_pairs(self, people: list[tuple[str, str]], count: int) -> list[PairPlan]:
        rng = self.rng
        mentors = people[: max(2, len(people) // 3)]
        used: set[tuple[str, str]] = set()
        plans: list[PairPlan] = []
        while len(plans) < count:
            mentor, zone = rng.choice(mentors)
            mentee = rng.choice(people)[0]
            if mentee == mentor or (mentor, mentee) in used:
                continue
            used.add((mentor, mentee))
            start = BASE - timedelta(days=rng.randint(20, 365 * YEARS), minutes=rng.randint(0, 600))
            status = weighted(rng, STATUS_END)
            end = BASE
            if status in ("completed", "ended", "paused"):
                end = start + timedelta(days=(BASE - start).days * rng.uniform(0.3, 0.95) // 1)
            plan = PairPlan(
                mentor=mentor,
                mentee=mentee,
                mentor_zone=zone,
                start=start,
                end=end,
                final_status=status,
                cadence=parse_cadence(weighted(rng, CADENCES)).text,
                channel=weighted(rng, {"video": 8, "call": 1, "chat": 1}),
                focus=rng.choice(FOCUS),
                rapport=rng.uniform(2.6, 4.6),
                trend=rng.uniform(-1.0, 1.0),
            )
            plans.append(plan)
        return plans

    def allocate_sessions(self, plans: list[PairPlan], total: int) -> PairPlan:
        """Share the sessions by lifetime, cadence and a per-pair zeal; the busiest is active."""
        rng = self.rng
        weights = []
        for plan in plans:
            if plan.final_status == "proposed":
                weights.append(0.0)
                continue
            days = (plan.end - plan.start).total_seconds() / 86400
            cadence_days = parse_cadence(plan.cadence).approx_days()
            weights.append(days / cadence_days * math.exp(rng.gauss(0, 0.6)))
        for index in rng.choices(range(len(plans)), weights=weights, k=total):
            plans[index].sessions += 1
        busiest = max(plans, key=lambda p: p.sessions)
        if busiest.final_status != "active":
            active = max((p for p in plans if p.final_status == "active"), key=lambda p: p.sessions)
            active.sessions, busiest.sessions = busiest.sessions, active.sessions
            busiest = active
        return busiest

    def events(self, plans: list[PairPlan]) -> Iterator[tuple[datetime, int, str, PairPlan]]:
        """Every pair's start, sessions and end, merged into one timeline."""
        rng = self.rng
        timeline: list[tuple[datetime, int, str, PairPlan]] = []
        serial = 0
        for plan in plans:
            timeline.append((plan.start, serial, "start", plan))
            serial += 1
            span = (plan.end - plan.start).total_seconds()
            zone = ZoneInfo(plan.mentor_zone)
            for _ in range(plan.sessions):
                moment = plan.start + timedelta(seconds=rng.uniform(3600, span))
                local = moment.astimezone(zone)
                wall = local.replace(
                    hour=rng.randint(8, 18),
                    minute=rng.choice((0, 0, 15, 30, 45)),
                    second=0,
                    microsecond=0,
                )
                latest = min(plan.end, BASE) - timedelta(hours=2)
                at = max(plan.start + timedelta(minutes=1), min(wall.astimezone(UTC), latest))
                timeline.append((at, serial, "session", plan))
                serial += 1
            if plan.final_status not in ("active", "proposed"):
                timeline.append((plan.end, serial, "end", plan))
                serial += 1
        heapq.heapify(timeline)
        while timeline:
            yield heapq.heappop(timeline)

    def start_pair(self, plan: PairPlan) -> None:
        rng, store = self.rng, self.store
        today = plan.start.date().isoformat()
        fields = PairFields(
            focus=plan.focus,
            cadence=plan.cadence,
            channel=plan.channel,
            start_date=today,
            status="proposed" if plan.final_status == "proposed" else "active",
        )
        plan.pair_id = add_pair(store, plan.mentor, plan.mentee, fields).id
        ref = str(plan.pair_id)
        for topic in rng.sample(list(EXPECTATIONS), rng.randint(2, 4)):
            review = None
            if rng.random() < 0.5:
                review = (plan.start.date() + timedelta(days=rng.choice((90, 180)))).isoformat()
            text = rng.choice(EXPECTATIONS[topic])
            agreed = add_expectation(store, ref, topic, text, review, today)
            plan.expectations.append(agreed.id)
        for _ in range(rng.randint(2, 5)):
            due = None
            if rng.random() < 0.7:
                due = (plan.start.date() + timedelta(days=rng.randint(60, 540))).isoformat()
            title = rng.choice(GOALS).format(w=self.notes.word())
            detail = self.notes.sentence(8, 30)
            plan.goals[add_goal(store, ref, title, detail, due).id] = 0
        for _ in range(rng.randint(0, 3)):
            text = rng.choice(TOPICS).format(w=self.notes.word())
            plan.queued_topics.append(add_topic(store, ref, text).id)

    def log(self, plan: PairPlan, at: datetime) -> None:
        rng, store = self.rng, self.store
        day = at.date()
        today = day.isoformat()
        done: list[int] = []
        still_open: list[tuple[int, str | None, date]] = []
        for action_id, due, made in plan.open_actions:
            ripe = (due is not None and due <= today) or (day - made).days > 30
            roll = rng.random()
            if ripe and roll < 0.8:
                done.append(action_id)
            elif ripe and roll < 0.87:
                finish_action(store, action_id, "dropped", today)
            else:
                still_open.append((action_id, due, made))
        covered = [t for t in plan.queued_topics if rng.random() < 0.6]
        progress: list[tuple[int, int]] = []
        for goal_id, percent in plan.goals.items():
            if rng.random() < 0.12:
                progress.append((goal_id, min(100, percent + rng.randint(5, 25))))
        channel = plan.channel if rng.random() < 0.7 else weighted(rng, CHANNEL_WEIGHTS)
        asynchronous = channel in ("chat", "email", "doc")
        age = min(1.0, plan.logged / max(1, plan.sessions))
        mood = plan.rapport + plan.trend * age

        def score() -> int | None:
            if rng.random() < 0.08:
                return None
            return max(1, min(5, round(mood + rng.gauss(0, 0.7))))

        actions = []
        for _ in range(rng.choices((0, 1, 2, 3), weights=(30, 40, 20, 10), k=1)[0]):
            due_day = day + timedelta(days=rng.randint(5, 28)) if rng.random() < 0.85 else None
            actions.append(
                NewAction(
                    owner="mentor" if rng.random() < 0.35 else "mentee",
                    text=rng.choice(ACTIONS).format(w=self.notes.word()),
                    due_on=due_day.isoformat() if due_day else None,
                )
            )
        topics = ()
        if rng.random() < 0.25:
            topics = (rng.choice(TOPICS).format(w=self.notes.word()),)
        record = SessionRecord(
            started_at=to_utc_iso(at),
            zone=plan.mentor_zone,
            channel=channel,
            minutes=(rng.randint(5, 20) if rng.random() < 0.5 else None)
            if asynchronous
            else rng.choice((30, 45, 60, 60, 90)),
            notes=self.notes.note(),
            rapport=score(),
            engagement=score(),
            tech_issue=rng.choice(TECH_ISSUES) if not asynchronous and rng.random() < 0.06 else "",
            actions=tuple(actions),
            done=tuple(done),
            covered=tuple(covered),
            progress=tuple(progress),
            topics=topics,
        )
        logged = log_session(store, plan.pair_id, record)
        plan.logged += 1
        plan.open_actions = still_open + [(a.id, a.due_on, day) for a in logged.actions]
        plan.queued_topics = [t for t in plan.queued_topics if t not in covered] + [
            t.id for t in logged.topics
        ]
        for goal_id, percent in progress:
            plan.goals[goal_id] = percent
            if percent >= 100:  # the session achieved it
                del plan.goals[goal_id]
        if plan.expectations and rng.random() < 0.02:
            old = plan.expectations.pop(rng.randrange(len(plan.expectations)))
            was = expectation(store, old).text
            text = f"{was} (revisited: {self.notes.sentence(4, 10)})"
            edited = edit_expectation(store, old, text, None, None, today)
            plan.expectations.append(edited.id)
        if rng.random() < 0.01:
            title = rng.choice(GOALS).format(w=self.notes.word())
            detail = self.notes.sentence(8, 30)
            goal = add_goal(store, str(plan.pair_id), title, detail, None)
            plan.goals[goal.id] = 0

    def finish(self, plan: PairPlan) -> None:
        verb = {"paused": "pause", "completed": "complete", "ended": "end"}[plan.final_status]
        today = plan.end.date().isoformat()
        change_status(self.store, str(plan.pair_id), verb, today)
        if plan.final_status != "paused":
            for goal_id in list(plan.goals):
                status = "achieved" if self.rng.random() < 0.4 else "dropped"
                finish_goal(self.store, goal_id, status, today)
                del plan.goals[goal_id]


def seed(
    path: Path,
    *,
    people: int,
    pairs: int,
    sessions: int,
    seed_value: int,
    progress: Callable[[str], None] = lambda _: None,
) -> str:
    """Build the database at `path` (which must not exist); return the busiest pair's ref."""
    if path.exists():
        raise FileExistsError(f"{path} exists; seed into a new file")
    if people < 2 or pairs < 1 or pairs > people * (people - 1) // 2:
        raise ValueError("need at least 2 people and between 1 and people*(people-1)/2 pairs")
    checked_tables()
    rng = random.Random(seed_value)
    clock = ReplayClock(BASE)
    store = Store.open(path, clock=clock, uids=seeded_uids(random.Random(f"uid-{seed_value}")))
    try:
        seeder = Seeder(store, clock, rng)
        made = seeder.people(people)
        progress(f"{len(made)} people")
        plans = seeder.plan_pairs(made, pairs)
        busiest = seeder.allocate_sessions(plans, sessions)
        logged = 0
        began = time.monotonic()
        timeline = seeder.events(plans)
        # Big transactions: one commit (and fsync) per few thousand records, not per record.
        while chunk := list(islice(timeline, 3000)):
            with store.write():
                for at, _, kind, plan in chunk:
                    clock.at = at
                    if kind == "start":
                        seeder.start_pair(plan)
                    elif kind == "end":
                        seeder.finish(plan)
                    else:
                        clock.at = at + timedelta(minutes=rng.randint(30, 120))
                        seeder.log(plan, at)
                        logged += 1
                        if logged % 10000 == 0:
                            rate = logged / (time.monotonic() - began)
                            progress(f"{logged} sessions ({rate:.0f}/s)")
        progress(f"{logged} sessions in {len(plans)} pairs")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return f"{busiest.mentor}/{busiest.mentee}"
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the new database file")
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=500)
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    began = time.monotonic()

    def progress(text: str) -> None:
        print(f"seed: {text} [{time.monotonic() - began:.0f} s]", file=sys.stderr, flush=True)

    ref = seed(
        args.db,
        people=args.people,
        pairs=args.pairs,
        sessions=args.sessions,
        seed_value=args.seed,
        progress=progress,
    )
    print(ref)
    return 0


if __name__ == "__main__":
    sys.exit(main())
