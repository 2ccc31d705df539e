"""Seeding for report tests: a realistic record through the real CLI, and bulk rows for scale."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import Run


def now() -> datetime:
    return datetime.now(UTC)


def at(days_ago: float, hour: int = 15) -> str:
    """A UTC time `days_ago` days before today at `hour`:00, as `mentor log --when` takes it
    (the tests run with TZ=UTC)."""
    moment = (now() - timedelta(days=days_ago)).replace(hour=hour, minute=0)
    return moment.strftime("%Y-%m-%d %H:%M")


def day(days_from_today: int) -> str:
    return (now() + timedelta(days=days_from_today)).date().isoformat()


def ok(run: Run, *args: str) -> str:
    outcome = run(*args)
    assert outcome.code == 0, (args, outcome.err)
    return outcome.out


# What the `people` fixture in conftest.py runs, for module-wide fixtures of its own.
PEOPLE = (
    ("person", "add", "rui", "--tz", "Europe/Lisbon", "--name", "Rui Costa"),
    ("person", "add", "ana", "--tz", "America/New_York", "--hours", "mon-thu 08:00-16:00"),
    ("person", "add", "ben", "--tz", "Asia/Kolkata"),
    ("pair", "add", "rui", "ana", "--focus", "career growth"),
    ("pair", "add", "rui", "ben", "--cadence", "every 2 weeks"),
)


def history(run: Run) -> Run:
    """On top of the `people` fixture: rui/ana with a few weeks of sessions, actions, goals,
    topics and expectations; rui/ben with one old chat."""
    ok(run, "expect", "add", "rui/ana", "Weekly video on Tuesdays", "--topic", "cadence")
    ok(
        run,
        "expect",
        "add",
        "rui/ana",
        "Answer within two days",
        "--topic",
        "response-time",
        "--review",
        day(-3),
    )
    ok(run, "goal", "add", "rui/ana", "Lead a design review", "--due", day(40))
    ok(run, "goal", "add", "rui/ana", "Write an RFC", "--detail", "for the queue")
    ok(run, "goal", "progress", "2", "60")
    for days_ago, channel, rapport in ((28, "video", 4), (21, "video", 5), (14, "chat", 4)):
        ok(
            run,
            "log",
            "rui/ana",
            "--when",
            at(days_ago),
            "--channel",
            channel,
            "--minutes",
            "45",
            "--notes",
            f"session {days_ago} days ago",
            "--rapport",
            str(rapport),
            "--engagement",
            "4",
        )
    ok(
        run,
        "log",
        "rui/ana",
        "--when",
        at(7),
        "--minutes",
        "50",
        "--notes",
        "Talked about the RFC.\nNext: the review.",
        "--rapport",
        "4",
        "--engagement",
        "5",
        "--action",
        f"ana: draft the RFC due {day(-2)}",
        "--action",
        f"rui: send examples due {day(5)}",
    )
    ok(run, "topic", "add", "rui/ana", "conference talk")
    ok(run, "log", "rui/ben", "--when", at(40), "--channel", "chat", "--notes", "hello")
    return run


def bulk(path: Path, pairs: int, sessions_per_pair: int) -> None:
    """Many people, pairs and sessions written straight into an existing mentor database."""
    conn = sqlite3.connect(path)
    stamp = now().isoformat()
    start = now() - timedelta(days=sessions_per_pair * 7)
    with conn:
        people = [
            (str(uuid.uuid4()), f"p{i}", "Europe/Berlin", "mon-fri 09:00-17:00", stamp, stamp)
            for i in range(pairs * 2)
        ]
        conn.executemany(
            "INSERT INTO person (uid, handle, timezone, hours, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            people,
        )
        ids = [
            r[0] for r in conn.execute("SELECT id FROM person WHERE handle LIKE 'p%' ORDER BY id")
        ]
        conn.executemany(
            "INSERT INTO pair (uid, mentor_id, mentee_id, start_date, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    str(uuid.uuid4()),
                    ids[2 * i],
                    ids[2 * i + 1],
                    start.date().isoformat(),
                    stamp,
                    stamp,
                )
                for i in range(pairs)
            ],
        )
        pair_ids = [r[0] for r in conn.execute("SELECT id FROM pair ORDER BY id")][-pairs:]
        rows = []
        for pair_id in pair_ids:
            for k in range(sessions_per_pair):
                when = (start + timedelta(days=7 * k)).isoformat(timespec="seconds")
                rows.append(
                    (
                        str(uuid.uuid4()),
                        pair_id,
                        when,
                        "UTC",
                        60,
                        "video",
                        1 + k % 5,
                        3,
                        stamp,
                        stamp,
                    )
                )
        conn.executemany(
            "INSERT INTO session (uid, pair_id, started_at, zone, minutes, channel, rapport, "
            "engagement, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()
