"""Time whole `mentor` processes on a big seeded database and write docs/performance.md.

    python bench/run.py [--sessions 100000] [--runs 15] [--no-jrnl]

Every command runs as its own process, as a user (or the shell's TAB completion)
runs it, against two floors measured in the same run: a one-command Typer
program that opens the same database and runs one query, and a bare
`python -c "import sqlite3"`. hyperfine does the timing when it is installed; a
small Python harness does otherwise. Peak memory (ru_maxrss) always comes from
the harness, one process at a time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CACHE = BENCH / ".cache"
VENV_BIN = Path(sys.executable).parent
JRNL_VERSION = "4.6"
SEARCH_WORD = "kubernetes"
BUSY_EVENTS = 5000
# Eight participants, half- and quarter-hour zones, a past-midnight span, and three DST
# changes inside the 90 days (US, EU and Australia all move between January and April).
SCHEDULE_ZONES = (
    "lis=Europe/Lisbon 09:00-17:00",
    "ber=Europe/Berlin 08:00-16:00",
    "nyc=America/New_York 06:00-14:00",
    "sao=America/Sao_Paulo 08:00-17:00",
    "kol=Asia/Kolkata 12:00-21:00",
    "ktm=Asia/Kathmandu 13:00-22:00",
    "syd=Australia/Sydney sun-thu 22:00-06:00",
    "nfl=America/St_Johns 08:00-16:00",
)


@dataclass(frozen=True)
class Goal:
    typer: float
    interpreter: float


@dataclass
class Command:
    name: str
    argv: list[str]
    goal: Goal | None = None
    # Run before every run of the command (untimed): what puts its input back as it was.
    prepare: list[str] | None = None
    runs: int = 0
    warmup: int = 0
    times: list[float] = field(default_factory=list)
    peak_kib: int = 0
    error: str = ""

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def mean_ms(self) -> float:
        return statistics.fmean(self.times) * 1000


def seed_key(people: int, pairs: int, sessions: int, seed: int) -> str:
    """The cache name: the parameters, and the seeder's own code (a changed seeder reseeds)."""
    digest = hashlib.sha256()
    for name in ("seed.py", "words.py"):
        digest.update((BENCH / name).read_bytes())
    code = digest.hexdigest()[:10]
    return f"mentor-seed{seed}-people{people}-pairs{pairs}-sessions{sessions}-{code}"


def seeded_database(people: int, pairs: int, sessions: int, seed: int) -> tuple[Path, str]:
    """The cached database for these parameters (seeded now if missing) and its busiest pair."""
    CACHE.mkdir(parents=True, exist_ok=True)
    key = seed_key(people, pairs, sessions, seed)
    db, ref_file = CACHE / f"{key}.db", CACHE / f"{key}.ref"
    if db.exists() and ref_file.exists():
        print(f"bench: using the cached database {db.name}", file=sys.stderr)
        return db, ref_file.read_text().strip()
    # Same parameters, an older seeder: that file can never be used again.
    for stale in CACHE.glob(key.rsplit("-", 1)[0] + "-*"):
        if not stale.name.startswith(key):
            stale.unlink()
    partial = CACHE / f"{key}.partial.db"
    for stale in CACHE.glob(f"{key}.partial.db*"):
        stale.unlink()
    print(f"bench: seeding {db.name} (once; later runs reuse it)", file=sys.stderr)
    argv = [sys.executable, str(BENCH / "seed.py"), "--db", str(partial)]
    argv += ["--people", str(people), "--pairs", str(pairs), "--sessions", str(sessions)]
    argv += ["--seed", str(seed)]
    began = time.monotonic()
    done = subprocess.run(argv, check=True, stdout=subprocess.PIPE, text=True)
    ref = done.stdout.strip().splitlines()[-1]
    partial.rename(db)
    (CACHE / f"{key}.seconds").write_text(f"{time.monotonic() - began:.0f}\n")
    ref_file.write_text(ref + "\n")
    return db, ref


def working_copy(db: Path, name: str = "work.db") -> Path:
    """A copy to run against, so `mentor log` never grows the cached database."""
    copy = CACHE / name
    for old in CACHE.glob(f"{name}*"):
        old.unlink()
    shutil.copyfile(db, copy)
    os.chmod(copy, 0o600)
    return copy


def ready(db: Path, env: dict[str, str]) -> None:
    """Open the copy once, untimed: a seed made before the newest migration is migrated now,
    not in the first timed run; the copy migration keeps beside it is removed."""
    mentor = str(VENV_BIN / "mentor")
    subprocess.run(
        [mentor, "--db", str(db), "pair", "list", "--json"],
        env=env,
        check=True,
        capture_output=True,
    )
    for backup in db.parent.glob(f"{db.name}.schema*.bak"):
        backup.unlink()


# Two planned sessions ahead for every running pair, booked through the same service as
# `mentor plan add` (the seed predates planning): what `plan list` and `remind` read.
_BOOK_PLANS = """
import sys
from pathlib import Path
from datetime import UTC, datetime, timedelta
from mentorcli.services.plans import PlanRequest, add_plan
from mentorcli.store import Store

store = Store.open(Path(sys.argv[1]))
now = datetime.now(UTC)
for pair in store.pairs.all(("active",)):
    for days in (2, 9):
        at = (now + timedelta(days=days, hours=pair.id % 12)).replace(minute=0, second=0)
        when = at.strftime("%Y-%m-%d %H:%M")
        add_plan(store, pair.ref, PlanRequest(when, "UTC", 45, anyway=True), now)
store.close()
"""


def book_plans(db: Path, env: dict[str, str]) -> None:
    python = str(VENV_BIN / "python")
    subprocess.run([python, "-c", _BOOK_PLANS, str(db)], env=env, check=True)


def settings(mentee: str) -> Path:
    """The benchmark's own settings, `me` the busiest pair's mentee (what a join would set)."""
    path = CACHE / "settings.toml"
    path.write_text(f'me = "{mentee}"\n')
    os.chmod(path, 0o600)
    return path


def compile_bytecode(env: dict[str, str]) -> None:
    """Byte-compile mentorcli as `pip install` would, so no run pays for compiling source."""
    code = (
        "import compileall, mentorcli, os; "
        "compileall.compile_dir(os.path.dirname(mentorcli.__file__), quiet=1)"
    )
    subprocess.run([str(VENV_BIN / "python"), "-c", code], env=env, check=True)


def mentor_commands(
    db: Path, ref: str, note: str, busy: Path, shared: Shared | None
) -> list[Command]:
    mentor = str(VENV_BIN / "mentor")
    schedule = [mentor, "schedule", "--from", "2027-01-04", "--days", "90", "--tz", "UTC"]
    for zone in SCHEDULE_ZONES:
        schedule += ["--zone", zone]
    commands = [
        Command("mentor --help", [mentor, "--help"], Goal(1.3, 5)),
        Command("mentor status", [mentor, "status"], Goal(1.5, 6)),
        Command(f"mentor agenda {ref}", [mentor, "agenda", ref], Goal(1.5, 6)),
        Command(
            f"mentor sessions {ref} --limit 10 --json",
            [mentor, "sessions", ref, "--limit", "10", "--json"],
            Goal(1.5, 6),
        ),
        Command(
            f"mentor search {SEARCH_WORD} --json",
            [mentor, "search", SEARCH_WORD, "--json"],
            Goal(1.5, 6),
        ),
        Command(
            "mentor action list --owner me",
            [mentor, "action", "list", "--owner", "me"],
            Goal(1.5, 6),
        ),
        Command("mentor plan list", [mentor, "plan", "list"], Goal(1.5, 6)),
        Command("mentor remind --within 1w", [mentor, "remind", "--within", "1w"], Goal(1.5, 6)),
        Command(
            f"mentor log {ref} --notes '<{len(note.split())} words>'",
            [mentor, "log", ref, "--notes", note, "--rapport", "4", "--engagement", "4", "--force"],
            Goal(1.6, 6.5),
        ),
        Command(
            "mentor schedule --zone \u00d78 --days 90 --json", [*schedule, "--json"], Goal(2.0, 8)
        ),
        # The same with a 5,000-event busy calendar: within twice the goal of the one above.
        Command(
            f"mentor schedule --zone \u00d78 --days 90 --busy lis=<{BUSY_EVENTS:,} events> --json",
            [*schedule, "--busy", f"lis={busy}", "--buffer", "10", "--json"],
            Goal(4.0, 16),
        ),
        Command(
            f"mentor export {ref} --format markdown",
            [mentor, "export", ref, "--format", "markdown"],
            Goal(2.5, 10),
        ),
    ]
    if shared is not None:
        commands += shared.commands(mentor, ref)
    return commands


@dataclass(frozen=True)
class Shared:
    """The busiest pair's folder a mentee joins, and a device's first sync of the busiest
    pairs (each shared to a folder of its own, never synced): what `join` and `sync` time."""

    folder: Path
    changes: int
    device: Path  # the database that shares the pairs of `sync`
    folders: tuple[Path, ...]
    sent: int

    def storage_floor(self, mentor: str, env: dict[str, str]) -> Command:
        """The join's rows inserted again by plain sqlite3 into an empty copy of its schema
        (bench/floor_join.py): what storing them costs, whoever does it."""
        source, template = CACHE / "join-once.db", CACHE / "join-template.db"
        scratch = CACHE / "join-floor.db"
        for old in (source, template, scratch):
            for path in old.parent.glob(f"{old.name}*"):
                path.unlink()
        subprocess.run(
            [mentor, "--db", str(source), "join", str(self.folder)],
            env=env,
            check=True,
            capture_output=True,
        )
        floor = str(BENCH / "floor_join.py")
        python = str(VENV_BIN / "python")
        subprocess.run([python, floor, "template", str(source), str(template)], check=True)
        copy = [python, "-c", _COPY, str(template), str(scratch)]
        return Command(
            "storage floor of the join (its rows inserted by sqlite3 executemany)",
            [python, floor, "insert", str(source), str(scratch)],
            prepare=copy,
        )

    def commands(self, mentor: str, ref: str) -> list[Command]:
        joined = CACHE / "joined.db"
        python = str(VENV_BIN / "python")
        # A mentee joining from nothing: every run starts on a new database.
        new = [python, "-c", _REMOVE, str(joined), f"{joined}-wal", f"{joined}-shm"]
        # The device before its first sync: what a sync read and wrote is forgotten.
        fresh = [python, "-c", _UNSYNC, str(self.device), *map(str, self.folders)]
        return [
            Command(
                f"mentor join <{self.changes:,} changes of {ref}> (a new database)",
                [mentor, "--db", str(joined), "join", str(self.folder)],
                Goal(2.5, 10),
                prepare=new,
            ),
            Command(
                f"mentor sync <{self.sent:,} changes of {len(self.folders)} pairs> (a first sync)",
                [mentor, "--db", str(self.device), "sync"],
                Goal(2.5, 10),
                prepare=fresh,
            ),
        ]


_COPY = "import shutil, sys\nshutil.copyfile(sys.argv[1], sys.argv[2])"
_REMOVE = "import os, sys\nfor p in sys.argv[1:]:\n    os.path.exists(p) and os.remove(p)"
_UNSYNC = """
import pathlib, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.executescript("DELETE FROM sync_record; DELETE FROM sync_note; DELETE FROM sync_read;")
conn.close()
for folder in sys.argv[2:]:
    for log in pathlib.Path(folder).glob("*.mentor-log"):
        log.unlink()
"""
SYNC_CHANGES = 10_000


def _logged(folder: Path) -> int:
    return sum(len(log.read_text().splitlines()) - 1 for log in folder.glob("*.mentor-log"))


def shared(db: Path, ref: str, env: dict[str, str]) -> Shared:
    """Two copies of the database: one shares the busiest pair and syncs (the log a join
    applies); the other shares the busiest pairs, one folder each, until they hold at least
    SYNC_CHANGES changes, and is left unsynced (what the timed sync sends)."""
    mentor = str(VENV_BIN / "mentor")

    def run(source: Path, *args: str) -> None:
        subprocess.run(
            [mentor, "--db", str(source), *args], env=env, check=True, capture_output=True
        )

    source = working_copy(db, "sync-source.db")
    ready(source, env)
    folder = CACHE / "sync-folder"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    run(source, "share", ref, str(folder))
    run(source, "sync")
    changes = _logged(folder)

    device = working_copy(db, "sync-device.db")
    ready(device, env)
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        busiest = conn.execute(
            "SELECT m.handle || '/' || e.handle, "
            "(SELECT count(*) FROM session WHERE pair_id = pair.id) "
            "+ (SELECT count(*) FROM action WHERE pair_id = pair.id) "
            "+ (SELECT count(*) FROM topic WHERE pair_id = pair.id) AS records "
            "FROM pair JOIN person AS m ON m.id = pair.mentor_id "
            "JOIN person AS e ON e.id = pair.mentee_id ORDER BY records DESC, pair.id LIMIT 20"
        ).fetchall()
    finally:
        conn.close()
    folders: list[Path] = []
    sent = 0
    for pair_ref, _ in busiest:
        if sent >= SYNC_CHANGES:
            break
        target = CACHE / f"sync-send-{len(folders) + 1}"
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
        run(device, "share", pair_ref, str(target))
        folders.append(target)
        run(device, "sync")
        sent = sum(_logged(f) for f in folders)
    return Shared(folder, changes, device, tuple(folders), sent)


def floor_commands(db: Path) -> list[Command]:
    python = str(VENV_BIN / "python")
    return [
        Command(
            "Typer floor (one command, one query)",
            [python, str(BENCH / "floor_typer.py"), "--db", str(db)],
        ),
        Command("interpreter floor (python -c 'import sqlite3')", [python, "-c", "import sqlite3"]),
    ]


def jrnl_commands(journal_config: Path) -> list[Command]:
    jrnl = str(CACHE / "jrnl-venv" / "bin" / "jrnl")
    config = ["--config-file", str(journal_config)]
    return [
        Command("jrnl -n 10", [jrnl, *config, "-n", "10"], runs=3, warmup=1),
        Command(
            f"jrnl -contains {SEARCH_WORD} -n 20",
            [jrnl, *config, "-contains", SEARCH_WORD, "-n", "20"],
            runs=3,
            warmup=1,
        ),
    ]


def install_jrnl() -> str:
    """jrnl in a venv of its own, pinned so the comparison repeats; '' or why it failed."""
    venv = CACHE / "jrnl-venv"
    if (venv / "bin" / "jrnl").exists():
        return ""
    print(f"bench: installing jrnl {JRNL_VERSION} into {venv}", file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--quiet", f"jrnl=={JRNL_VERSION}"],
            check=True,
            timeout=900,
            stderr=subprocess.PIPE,
            text=True,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        shutil.rmtree(venv, ignore_errors=True)
        detail = getattr(exc, "stderr", "") or str(exc)
        lines = [line for line in detail.splitlines() if "ERROR" in line] or [str(exc)]
        return f"installing jrnl {JRNL_VERSION} failed: {lines[-1].strip()}"
    return ""


def write_journal(db: Path, key: str) -> Path:
    """The same notes as a jrnl plain-text journal, and a config pointing at it."""
    journal = CACHE / f"{key}.jrnl.txt"
    if not journal.exists():
        partial = journal.with_suffix(".partial")
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT started_at, notes FROM session ORDER BY started_at, id")
            with open(partial, "w", encoding="utf-8") as out:
                for started_at, notes in rows:
                    stamp = datetime.fromisoformat(started_at).strftime("%Y-%m-%d %H:%M")
                    out.write(f"[{stamp}] {notes}\n\n")
        finally:
            conn.close()
        partial.rename(journal)
    config = CACHE / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {json.dumps(str(journal))}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\n"
        f"version: v{JRNL_VERSION}\n"
    )
    return config


def run_once(argv: Sequence[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time (s) and exit code of one whole process."""
    began = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    code = proc.wait()
    return time.perf_counter() - began, code


# A child's ru_maxrss starts at its parent's resident size when it forks (the high-water mark
# survives exec), so peaks are taken through this small launcher (python -S, about 8 MiB),
# not from the harness itself (about 30 MiB): every command measured here needs more than that.
_PEAK_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def peak_kib(argv: Sequence[str], env: dict[str, str]) -> int:
    """Peak resident memory (KiB) of one run of the command."""
    done = subprocess.run(
        [sys.executable, "-S", "-c", _PEAK_LAUNCHER, *argv],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    peak, code = (int(word) for word in done.stdout.split())
    if code != 0:
        raise SystemExit(f"bench: {argv[0]} failed while measuring memory (exit {code})")
    return peak


def prepared(command: Command, env: dict[str, str]) -> None:
    if command.prepare:
        subprocess.run(command.prepare, env=env, check=True)


def measure_peaks(commands: list[Command], env: dict[str, str], runs: int = 3) -> None:
    for command in commands:
        peaks = []
        for _ in range(runs):
            prepared(command, env)
            peaks.append(peak_kib(command.argv, env))
        command.peak_kib = max(peaks)


def check(command: Command, env: dict[str, str]) -> bool:
    """Run it once, visibly: a command that fails is reported, not timed."""
    prepared(command, env)
    done = subprocess.run(command.argv, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines() or ["(no output)"]
        command.error = f"exit {done.returncode}: {lines[-1][:200]}"
        print(f"bench: {command.name} failed, {command.error}", file=sys.stderr)
        return False
    return True


def harness(
    commands: list[Command], env: dict[str, str], runs: int, warmup: int, peaks: int = 3
) -> None:
    """Interleaved rounds, so drift in the machine's load hits every command alike."""
    for _ in range(warmup):
        for command in commands:
            prepared(command, env)
            run_once(command.argv, env)
    for round_ in range(runs):
        for command in commands:
            prepared(command, env)
            elapsed, code = run_once(command.argv, env)
            if code != 0:
                raise SystemExit(f"bench: {command.name} failed in run {round_ + 1} (exit {code})")
            command.times.append(elapsed)
        print(f"bench: round {round_ + 1}/{runs}", file=sys.stderr)
    for command in commands:
        command.runs, command.warmup = runs, warmup
    measure_peaks(commands, env, peaks)


# hyperfine times all of a command's runs in one block. The runs are split into this many
# rounds, every command (floors first) timed once a round, so that the machine's speed drifting
# over the minutes of a run moves the floors and the commands alike.
ROUNDS = 3


def with_hyperfine(
    hyperfine: str,
    commands: list[Command],
    env: dict[str, str],
    runs: int,
    warmup: int,
    peaks: int = 3,
) -> None:
    import shlex

    for command in commands:
        command.times = []
        command.runs, command.warmup = runs, warmup
    shares = [runs // ROUNDS + (index < runs % ROUNDS) for index in range(ROUNDS)]
    for index, share in enumerate(filter(None, shares)):
        with tempfile.TemporaryDirectory() as scratch:
            export = Path(scratch) / "hyperfine.json"
            # The warm-up runs come in the first round; by the next one every file is read.
            first = warmup if index == 0 else 0
            argv = [hyperfine, "-N", "--style", "basic", "--warmup", str(first)]
            argv += ["--runs", str(share), "--export-json", str(export)]
            if any(c.prepare for c in commands):  # one --prepare per command, in their order
                for c in commands:
                    argv += ["--prepare", shlex.join(c.prepare or ["true"])]
            argv += [shlex.join(c.argv) for c in commands]
            subprocess.run(argv, env=env, check=True, stdout=sys.stderr)
            results = json.loads(export.read_text())["results"]
        for command, result in zip(commands, results, strict=True):
            command.times += list(result["times"])
    measure_peaks(commands, env, peaks)


def timed(
    commands: list[Command],
    env: dict[str, str],
    runs: int,
    warmup: int,
    use_hyperfine: bool,
    peaks: int = 3,
) -> str:
    """Time the commands that work, then take the largest of `peaks` memory runs; return the
    method used."""
    working = [c for c in commands if check(c, env)]
    hyperfine = shutil.which("hyperfine") if use_hyperfine else None
    if hyperfine:
        with_hyperfine(hyperfine, working, env, runs, warmup, peaks)
        return "hyperfine"
    harness(working, env, runs, warmup, peaks)
    return "harness"


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    sqlite_version = sqlite3.sqlite_version
    versions = subprocess.run(
        [str(VENV_BIN / "python"), "-c", "import typer, rich; print(typer.__version__)"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "OS": f"{platform.system()} {platform.release()} ({platform.platform(terse=True)})",
        "Python": platform.python_version(),
        "SQLite": sqlite_version,
        "Typer": versions or "?",
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load average when the run began (1, 5, 15 min)": ", ".join(
            f"{x:.2f}" for x in LOAD_AT_START
        ),
    }


def database_facts(db: Path, ref: str) -> dict[str, str]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        facts = {
            table: f"{conn.execute(f'SELECT count(*) FROM {table}').fetchone()[0]:,}"
            for table in ("person", "pair", "session", "action", "goal", "topic", "expectation")
        }
        mentor, _, mentee = ref.partition("/")
        busiest = conn.execute(
            "SELECT count(*) FROM session JOIN pair ON pair.id = session.pair_id "
            "JOIN person AS m ON m.id = pair.mentor_id JOIN person AS e ON e.id = pair.mentee_id "
            "WHERE m.handle = ? AND e.handle = ?",
            (mentor, mentee),
        ).fetchone()[0]
        matches = conn.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?", (SEARCH_WORD,)
        ).fetchone()[0]
        words = conn.execute(
            "SELECT avg(length(notes) - length(replace(notes, ' ', '')) + 1) FROM session"
        ).fetchone()[0]
        overdue = conn.execute(
            "SELECT count(*) FROM action WHERE status = 'open' AND due_on < '2026-11-02'"
        ).fetchone()[0]
    finally:
        conn.close()
    facts["file size"] = f"{db.stat().st_size / 2**20:,.0f} MiB"
    facts["busiest pair"] = f"{ref}, {busiest:,} sessions"
    facts["mean words per note"] = f"{words:,.0f}"
    facts[f"records matching '{SEARCH_WORD}'"] = f"{matches:,}"
    facts["open actions overdue at the seed's end"] = f"{overdue:,}"
    return facts


def import_profile(env: dict[str, str]) -> list[tuple[str, float]]:
    """The heaviest imports of `mentor --help`, cumulative ms, from `python -X importtime`."""
    done = subprocess.run(
        [str(VENV_BIN / "python"), "-X", "importtime", "-m", "mentorcli", "--help"],
        capture_output=True,
        text=True,
        env=env,
    )
    rows: list[tuple[str, float]] = []
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].rstrip()
            depth = (len(name) - len(name.lstrip())) // 2
            if depth <= 1:
                rows.append((name.strip(), int(parts[1]) / 1000))
    rows.sort(key=lambda row: -row[1])
    return rows[:12]


_STARTUP_SPLIT = """
import time
began = time.perf_counter()
import typer
typer_done = time.perf_counter()
import mentorcli.cli.app as app
imported = time.perf_counter()
root = typer.main.get_command(app.app)
built = time.perf_counter()
dict(root.commands.items())
every = time.perf_counter()
steps = (began, typer_done, imported, built, every)
print(*((later - earlier) * 1000 for earlier, later in zip(steps, steps[1:])))
"""


# One run of a command split where its time goes, from inside: importing Typer, importing
# mentor's own modules, then the run up to its output (reading and building the result), the
# output, and what follows; and the dataclasses the run defines (each one's methods compiled).
_PHASES = """
import time
began = time.perf_counter()
import dataclasses, json, sys
defined = []
define = dataclasses._process_class
def timed_define(cls, *args, **kwargs):
    start = time.perf_counter()
    found = define(cls, *args, **kwargs)
    defined.append(time.perf_counter() - start)
    return found
dataclasses._process_class = timed_define
import mentorcli.start as start
import typer
typer_done = time.perf_counter()
from mentorcli.cli.app import main
start.started()
imported = time.perf_counter()
import mentorcli.render.output as output
emit = output.emit
marks = []
def timed_emit(*args, **kwargs):
    marks.append(time.perf_counter())
    emit(*args, **kwargs)
    marks.append(time.perf_counter())
output.emit = timed_emit
sys.argv = ["mentor", *sys.argv[1:]]
started = time.perf_counter()
try:
    main()
except SystemExit:
    pass
ended = time.perf_counter()
shown, printed = marks[:2] if marks else (ended, ended)
steps = (began, typer_done, imported, shown, printed, ended)
sys.stderr.write(json.dumps({
    "ms": [(later - earlier) * 1000 for earlier, later in zip(steps, steps[1:])],
    "dataclasses": len(defined),
    "dataclass_ms": sum(defined) * 1000,
}) + "\\n")
"""
PHASE_NAMES = (
    "importing Typer and the standard modules it uses",
    "importing mentor's command line",
    "the command up to its output (importing the modules it uses, reading, building the result)",
    "printing it",
    "closing",
)


@dataclass
class Phases:
    """Medians of one command's run split where its time goes (ms), from inside the process."""

    ms: tuple[float, ...]
    dataclasses: int
    dataclass_ms: float

    def text(self, python_floor: Command) -> str:
        steps = ", ".join(
            f"{name} {ms:.0f} ms" for name, ms in zip(PHASE_NAMES, self.ms, strict=True)
        )
        return (
            f"Where its time goes (in the process, median of its runs): the interpreter's "
            f"start (the interpreter floor, {python_floor.median_ms:.0f} ms), then {steps}; "
            f"the {self.dataclasses} dataclasses it defines on the way take "
            f"{self.dataclass_ms:.0f} ms of that (Python compiles each one's methods when "
            "its module loads)."
        )


def phases(command: Command, env: dict[str, str], runs: int = 7) -> Phases:
    samples = []
    for _ in range(runs):
        prepared(command, env)
        done = subprocess.run(
            [str(VENV_BIN / "python"), "-c", _PHASES, *command.argv[1:]],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=True,
        )
        samples.append(json.loads(done.stderr.splitlines()[-1]))
    return Phases(
        tuple(statistics.median(s["ms"][i] for s in samples) for i in range(len(PHASE_NAMES))),
        int(statistics.median(s["dataclasses"] for s in samples)),
        statistics.median(s["dataclass_ms"] for s in samples),
    )


def startup_split(env: dict[str, str], runs: int = 7) -> tuple[float, ...]:
    """Median ms to import typer, then mentor's root, to build the root click command, and
    to import and build every command (what each run would pay without lazy loading)."""
    samples = []
    for _ in range(runs):
        done = subprocess.run(
            [str(VENV_BIN / "python"), "-c", _STARTUP_SPLIT],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append(tuple(float(x) for x in done.stdout.split()))
    return tuple(statistics.median(s[i] for s in samples) for i in range(4))


def hot_spots(command: Command, env: dict[str, str], top: int = 6) -> list[str]:
    """Where one run of a mentor command spends its time: cProfile's top functions (own time)."""
    import pstats

    prepared(command, env)
    with tempfile.TemporaryDirectory() as scratch:
        stats_file = Path(scratch) / "profile"
        argv = [str(VENV_BIN / "python"), "-m", "cProfile", "-o", str(stats_file)]
        argv += ["-m", "mentorcli", *command.argv[1:]]
        subprocess.run(argv, env=env, capture_output=True, check=True)
        stats = pstats.Stats(str(stats_file))
    rows = []
    for (filename, line, function), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if function in ("<module>", "<built-in method builtins.exec>"):
            continue
        where = function if filename == "~" else f"{Path(filename).name}:{line} {function}"
        rows.append((own, calls, cumulative, where))
    rows.sort(reverse=True)
    return [
        f"{own * 1000:.0f} ms own ({calls:,} calls): `{where}`"
        for own, calls, _, where in rows[:top]
    ]


def ratio(value: float, floor: Command) -> float:
    return value / floor.median_ms


def meets_goal(command: Command, typer_floor: Command, python_floor: Command) -> bool:
    assert command.goal is not None
    return (
        ratio(command.median_ms, typer_floor) <= command.goal.typer
        and ratio(command.median_ms, python_floor) <= command.goal.interpreter
        and command.peak_kib / 1024 < 80
    )


# What each listing shows, which its reads and its printing grow with.
SHOWS = {
    "mentor status": "every active pair with its figures",
    "mentor plan list": "every planned session of the running pairs",
    "mentor action list": "every open action of `me`, across pairs",
    "mentor remind": "what is due for `me` within the week",
    "mentor agenda": "one pair's follow-ups, goals, topics and last session",
}


def why_not_lower(command: Command, floors: list[Command], split: Phases | None) -> str:
    """What bounds a command that misses its goal, as measured and profiled: the floor under
    its own work, and what its run spends beyond start-up."""
    storage = next((f for f in floors if f.name.startswith("storage floor") and f.times), None)
    measured = "" if split is None else " " + split.text(floors[1])
    shows = next((text for name, text in SHOWS.items() if command.name.startswith(name)), "")
    if shows:
        return (
            f"it shows {shows}; printed to a pipe it imports no Rich (render/plain.py). Beyond "
            "the Typer floor, each run imports mentor's own modules for the command (the "
            "Store's tables, the service, its records and renderer), reads, and lays out "
            f"what it shows.{measured}"
        )
    if command.name.startswith("mentor export"):
        return (
            "an export reads and writes every session of the pair (1,989 here, each note "
            "checked for Markdown and written out): about 20 µs a session on top of start-up, "
            "streamed, so its time grows with the pair's history (the growth table) while its "
            "memory stays flat."
        )
    if command.name.startswith("mentor join") and storage is not None:
        return (
            f"storing the rows alone takes {storage.median_ms:.0f} ms (the storage floor "
            "above: the same rows inserted by plain sqlite3, with the full-text index of "
            "every note and the triggers that keep undo and tombstones). The rest is the "
            "sync's own work, in the profile below: reading the change log (two JSON decodes "
            "and a checksum a line), checking every value as an import does, merging, and "
            "keeping what the next sync merges against (each record's fields with their "
            "clocks, and each note edit for conflict copies). It grows with the pair's "
            "history, where the goal is a fixed multiple of start-up."
        )
    if command.name.startswith("mentor sync"):
        return (
            "a first sync reads every record of the shared pairs, finds all of them new, "
            "writes each as a checksummed JSON line (fsynced), and keeps each record's fields "
            "with their clocks: work that grows with the pairs' history (the profile below), "
            "where the goal is a fixed multiple of start-up. A later sync with nothing new "
            "writes nothing but still compares every shared record."
        )
    if command.name.startswith("mentor search"):
        return (
            "ranking orders every match by bm25, which SQLite's FTS5 computes for each "
            "matching row (there is no top-k shortcut): the more records match the word, the "
            f"longer the one ranking query, whatever the 20 shown.{measured}"
        )
    if command.name.startswith("mentor log"):
        return (
            "a log checks its values, writes the session and its full-text index in one "
            f"transaction and prints one line.{measured}"
        )
    return ""


def report(
    commands: list[Command],
    floors: list[Command],
    jrnl: list[Command],
    jrnl_note: str,
    facts: dict[str, str],
    host: dict[str, str],
    method: str,
    imports: list[tuple[str, float]],
    split: tuple[float, ...],
    splits: dict[str, Phases],
    profiles: dict[str, list[str]],
    growth: list[str],
    args: argparse.Namespace,
) -> str:
    typer_floor, python_floor = floors[0], floors[1]
    lines = [
        "# Performance",
        "",
        "Regenerated by `make bench` (bench/run.py); do not edit by hand. "
        f"Measured {host['date']}.",
        "",
    ]
    rows: list[str] = []
    gaps: list[str] = []
    met_count = 0
    judged = 0
    for command in commands:
        name = command.name.replace("|", "\\|")
        if command.error or not command.times:
            rows.append(f"| `{name}` | not measured: {command.error} | | | | | | |")
            gaps.append(f"- `{command.name}` could not be measured: {command.error}.")
            continue
        assert command.goal is not None
        median = command.median_ms
        x_typer, x_python = ratio(median, typer_floor), ratio(median, python_floor)
        peak = command.peak_kib / 1024
        ok_typer = x_typer <= command.goal.typer
        ok_python = x_python <= command.goal.interpreter
        ok_memory = peak < 80
        met = ok_typer and ok_python and ok_memory
        judged += 1
        met_count += met
        rows.append(
            f"| `{name}` | {median:.0f} | {x_typer:.2f}\u00d7 | ≤ {command.goal.typer:g}\u00d7 | "
            f"{x_python:.2f}\u00d7 | ≤ {command.goal.interpreter:g}\u00d7 | {peak:.1f} | "
            f"{'met' if met else '**not met**'} |"
        )
        for ok, times, goal, floor, floor_name in (
            (ok_typer, x_typer, command.goal.typer, typer_floor, "Typer"),
            (ok_python, x_python, command.goal.interpreter, python_floor, "interpreter"),
        ):
            if ok:
                continue
            budget = goal * floor.median_ms
            gaps.append(
                f"- `{command.name}`: {times:.2f}\u00d7 the {floor_name} floor against a goal of "
                f"{goal:g}\u00d7: {median:.1f} ms where the goal allows "
                f"{budget:.1f} ms ({median - budget:.1f} ms over)."
            )
        if not ok_memory:
            gaps.append(f"- `{command.name}`: peak memory {peak:.1f} MiB, over the 80 MiB goal.")
        if not met and (reason := why_not_lower(command, floors, splits.get(command.name))):
            gaps.append(f"  Why it goes no lower: {reason}")
    # The load before the run began: at its end the average counts the benchmark's own runs.
    load = LOAD_AT_START[0]
    cores = os.cpu_count() or 1
    busy = (
        [
            f"**The machine was busy**: the 1-minute load average was {load:.1f} on {cores} "
            "cores when the run began, so other processes competed for the CPU and every number "
            "(floors included) is slower and noisier than on a quiet machine. The ratios "
            "share that load, but commands that do more Python work lose more to it; rerun "
            "`make bench` on a quiet machine before drawing conclusions.",
            "",
        ]
        if load > cores / 2
        else []
    )
    lines += [
        "## Summary",
        "",
        *busy,
        f"{met_count} of {len(commands)} commands meet every goal (both time ratios and "
        "peak memory under 80 MiB)"
        + (f"; {len(commands) - judged} could not be measured." if judged < len(commands) else ".")
        + " Goals are medians on the seeded database as ratios to floors measured in the same "
        "run; both ratios must hold.",
        "",
        "| command | median ms | \u00d7 Typer floor | goal | \u00d7 interpreter floor | goal | "
        "peak MiB | goals |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        *rows,
    ]
    for floor in floors:
        if not floor.times:
            lines.append(f"| {floor.name} | not measured: {floor.error} | | | | | | floor |")
            continue
        lines.append(
            f"| {floor.name} | {floor.median_ms:.0f} | "
            f"{ratio(floor.median_ms, typer_floor):.2f}\u00d7 | | "
            f"{ratio(floor.median_ms, python_floor):.2f}\u00d7 | | "
            f"{floor.peak_kib / 1024:.1f} | floor |"
        )
    lines += ["", "### Goals not met", ""]
    lines += gaps or ["Every goal is met."]
    if profiles:
        lines += [
            "",
            "### Where the time goes in the commands that miss a goal",
            "",
            "One profiled run each (`python -m cProfile`; profiling slows Python code, not "
            "SQLite), the functions with the most time of their own:",
        ]
        for name, spots in profiles.items():
            lines += ["", f"`{name}`:", "", *[f"- {spot}" for spot in spots]]
    if growth:
        lines += ["", *growth]
    typer_ms, mentor_ms, root_ms, every_ms = split
    lines += [
        "",
        "### Start-up",
        "",
        f"Every `mentor` run imports Typer ({typer_ms:.0f} ms), then mentor's root "
        f"(src/mentorcli/cli/app.py, which names every command and imports none of them; "
        f"{mentor_ms:.0f} ms more), then builds the root click command ({root_ms:.0f} ms). "
        "The command asked for is imported and built from its Typer definition only then "
        "(src/mentorcli/cli/lazy.py, click's lazily loading group): importing and building "
        f"all of them takes {every_ms:.0f} ms, which only shell completion of command names "
        "and the tests pay (medians of 7 in-process runs). The Typer floor pays for the first "
        "step and a one-command tree; the root is what `--help` costs over it.",
    ]
    lines += ["", "## jrnl on the same notes", ""]
    if jrnl_note:
        lines += [f"Not measured: {jrnl_note}."]
    else:
        lines += [
            f"jrnl {JRNL_VERSION} (installed by the benchmark into bench/.cache/jrnl-venv) reads "
            "a plain-text journal holding the same notes, one entry per session, "
            "`[YYYY-MM-DD HH:MM] text`. Its search is limited to the 20 newest matches, as "
            "`mentor search` shows its 20 best.",
            "",
            "| command | median ms | \u00d7 Typer floor | \u00d7 interpreter floor | "
            "peak MiB | runs |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for command in jrnl:
            if command.error or not command.times:
                lines.append(f"| `{command.name}` | not measured: {command.error} | | | | |")
                continue
            lines.append(
                f"| `{command.name}` | {command.median_ms:.0f} | "
                f"{ratio(command.median_ms, typer_floor):.1f}\u00d7 | "
                f"{ratio(command.median_ms, python_floor):.1f}\u00d7 | "
                f"{command.peak_kib / 1024:.1f} | {len(command.times)} |"
            )
    lines += ["", "## The database", ""]
    lines += [
        f"Seeded by `bench/seed.py --people {args.people} --pairs {args.pairs} "
        f"--sessions {args.sessions} --seed {args.seed}` through the Store, replaying years "
        "of mentoring in time order (cached in bench/.cache/ by its parameters and the "
        "seeder's code).",
        "",
        "| | |",
        "| --- | --- |",
        *[f"| {name} | {value} |" for name, value in facts.items()],
    ]
    lines += ["", "## The machine", "", "| | |", "| --- | --- |"]
    lines += [f"| {name} | {value} |" for name, value in host.items()]
    timing = (
        f"hyperfine (`-N`, no shell), the runs in {ROUNDS} rounds, each round timing every "
        "command (the floors first) in turn, so that load drift hits all of them alike"
        if method == "hyperfine"
        else "the Python harness in bench/run.py (hyperfine is not installed): "
        "`time.perf_counter()` around `subprocess.Popen` + `os.wait4`, the commands "
        "interleaved round by round so load drift hits all of them alike"
    )
    lines += [
        "",
        "## Method",
        "",
        f"- Timing: {timing}; {args.warmup} warm-up run(s), then {args.runs} timed runs of "
        "each command; the median is reported. jrnl gets 1 warm-up and 3 runs (each run "
        "reads the whole journal). The timing starts once the database copies it runs on "
        "are written back to the disk (`os.sync`).",
        "- Peak memory: `ru_maxrss` from `os.wait4`, the largest of 3 runs per command, each "
        "started by a small `python -S` launcher (a child's high-water mark starts at its "
        "parent's size, and the launcher's 8 MiB is below every command's).",
        "- Every command is a whole process (`.venv/bin/mentor …`) with MENTOR_DB pointing at a "
        "copy of the cached database, so the `log` runs (each adds one session) never "
        "change the cached file; output goes to /dev/null. TZ=UTC, NO_COLOR=1, COLUMNS=100; "
        "PYTHONDONTWRITEBYTECODE is unset and mentorcli is byte-compiled first, as "
        "`pip install` leaves it.",
        "- Floors, measured in the same run: the Typer floor is bench/floor_typer.py, a "
        "one-command Typer app that opens the same database with sqlite3 and counts the "
        "active pairs; the interpreter floor is `python -c 'import sqlite3'` from the same venv.",
        f"- `schedule`: {len(SCHEDULE_ZONES)} `--zone` participants "
        f"({', '.join(z.split()[0] for z in SCHEDULE_ZONES)}), `--from 2027-01-04 --days 90 "
        "--tz UTC --json`, a range with US, EU and Australian DST changes.",
        f"- `schedule --busy`: the same with lis's busy calendar, bench/busy.py's "
        f"{BUSY_EVENTS:,} events over a year (weekly series with exceptions, all-day, "
        "transparent, cancelled and declined events) and `--buffer 10`. The warm-up runs fill "
        "the calendar cache (MENTOR_CACHE, emptied first), as a first run does for the next.",
        "- The storage floor of the join is bench/floor_join.py: the rows the join wrote, "
        "inserted again by plain sqlite3 (one `executemany` per table, one transaction) into "
        "an empty copy of the joined database, so the same triggers fire and the same "
        "full-text index is built; each run starts from a fresh copy.",
        "- The test suite times nothing; tests/test_query_plans.py checks that the hot "
        "queries use indexes, which is what keeps these numbers flat as the database grows.",
        "",
        "## Where start-up goes",
        "",
        "The heaviest top-level imports of `mentor --help` (`python -X importtime`, "
        "cumulative ms, one run):",
        "",
        "| module | ms |",
        "| --- | ---: |",
        *[f"| `{name}` | {ms:.1f} |" for name, ms in imports],
        "",
    ]
    return "\n".join(lines)


# The sizes of the growth table: (people, pairs, sessions), the main run's among them.
GROWTH = (
    (1000, 500, 1_000),
    (1000, 500, 10_000),
    (1000, 500, 100_000),
    (1000, 500, 1_000_000),
    (1000, 50, 100_000),
    (1000, 5000, 100_000),
)
# The commands timed at every size, by the start of their names in mentor_commands.
GROWN = (
    "mentor status",
    "mentor agenda",
    "mentor sessions",
    "mentor search",
    "mentor action list",
    "mentor plan list",
    "mentor remind",
    "mentor log",
    "mentor export",
    "mentor join",
)


@dataclass(frozen=True)
class Size:
    people: int
    pairs: int
    sessions: int
    file_mib: float
    seed_seconds: str
    busiest: int
    results: dict[str, tuple[float, float]]  # what GROWN names → (median ms, peak MiB)

    @property
    def label(self) -> str:
        return f"{_short(self.sessions)} sessions, {self.pairs:,} pairs"


def _seconds(key: str) -> str:
    """How long seeding took, as recorded when it was seeded."""
    recorded = CACHE / f"{key}.seconds"
    return f"{int(recorded.read_text()):,} s" if recorded.exists() else "not recorded"


def _short(count: int) -> str:
    return f"{count // 1_000_000}M" if count >= 1_000_000 else f"{count // 1000}k"


def _busiest_sessions(db: Path, ref: str) -> int:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    mentor, _, mentee = ref.partition("/")
    try:
        return int(
            conn.execute(
                "SELECT count(*) FROM session JOIN pair ON pair.id = session.pair_id "
                "JOIN person AS m ON m.id = pair.mentor_id "
                "JOIN person AS e ON e.id = pair.mentee_id WHERE m.handle = ? AND e.handle = ?",
                (mentor, mentee),
            ).fetchone()[0]
        )
    finally:
        conn.close()


def _grown(commands: list[Command]) -> dict[str, tuple[float, float]]:
    found = {}
    for start in GROWN:
        for command in commands:
            if command.name.startswith(start) and command.times:
                found[start] = (command.median_ms, command.peak_kib / 1024)
    return found


def measure_size(
    people: int,
    pairs: int,
    sessions: int,
    seed: int,
    env: dict[str, str],
    note: str,
    busy: Path,
    runs: int,
    use_hyperfine: bool,
) -> Size:
    """The growth table's commands on one seeded size, on a copy of it, then the copy goes."""
    cached, ref = seeded_database(people, pairs, sessions, seed)
    db = working_copy(cached, "growth.db")
    here = {**env, "MENTOR_DB": str(db), "MENTOR_CONFIG": str(settings(ref.split("/")[1]))}
    try:
        ready(db, here)
        book_plans(db, here)
        folder = CACHE / "growth-folder"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        mentor = str(VENV_BIN / "mentor")
        for args in (["share", ref, str(folder)], ["sync"]):
            subprocess.run([mentor, *args], env=here, check=True, capture_output=True)
        joined = Shared(folder, _logged(folder), db, (), 0).commands(mentor, ref)[0]
        every = [*mentor_commands(db, ref, note, busy, None), joined]
        chosen = [c for c in every if any(c.name.startswith(g) for g in GROWN)]
        # The largest database's joins and exports take seconds each: fewer runs there.
        big = sessions >= 1_000_000
        os.sync()  # the copy written back before the timing, as in the main run
        timed(chosen, here, min(runs, 3) if big else runs, 1, use_hyperfine, 1 if big else 3)
        results = _grown(chosen)
    finally:
        for old in CACHE.glob("growth.db*"):
            old.unlink()
    return Size(
        people,
        pairs,
        sessions,
        cached.stat().st_size / 2**20,
        _seconds(seed_key(people, pairs, sessions, seed)),
        _busiest_sessions(cached, ref),
        results,
    )


def growth_report(sizes: list[Size], runs: int) -> list[str]:
    lines = [
        "## Growth",
        "",
        "The same seeder at other sizes (one database each, cached like the main one), each "
        f"command timed {runs} times after a warm-up ({min(runs, 3)} at 1,000,000 sessions, "
        "where a join takes seconds; the main run's numbers for its own size): median ms / "
        "peak MiB (the largest of 3 runs, 1 at 1,000,000 sessions). Seeding times are those "
        "of the first run, on this machine while other work ran on it. Commands whose work "
        "does not depend on history should "
        "stay flat across the session counts; `export` and `join` read the busiest pair's "
        "whole history, which grows with the database.",
        "",
        "| database | file size | seeding | busiest pair |",
        "| --- | ---: | ---: | ---: |",
    ]
    for size in sizes:
        lines.append(
            f"| {size.label} | {size.file_mib:,.0f} MiB | {size.seed_seconds} | "
            f"{size.busiest:,} sessions |"
        )
    by_sessions = [s for s in sizes if s.pairs == 500]
    head = " | ".join(s.label for s in sizes)
    lines += [
        "",
        f"| command | {head} | {_short(by_sessions[-1].sessions)} ÷ "
        f"{_short(by_sessions[0].sessions)} |",
        "| --- | " + "---: | " * (len(sizes) + 1),
    ]
    for name in GROWN:
        cells = []
        for size in sizes:
            found = size.results.get(name)
            cells.append(f"{found[0]:.0f} / {found[1]:.0f}" if found else "not measured")
        first = by_sessions[0].results.get(name)
        last = by_sessions[-1].results.get(name)
        growth = f"{last[0] / first[0]:.2f}\u00d7" if first and last else ""
        lines.append(f"| `{name}` | {' | '.join(cells)} | {growth} |")
    over = [
        f"`{name}` at {size.label} ({found[1]:.0f} MiB)"
        for size in sizes
        for name, found in size.results.items()
        if found[1] >= 80
    ]
    lines += [
        "",
        "Peak memory is under 80 MiB for every command at every size."
        if not over
        else "Peak memory at or over 80 MiB: " + ", ".join(over) + ".",
    ]
    if any(text.startswith("`mentor join`") for text in over):
        lines += [
            "",
            "A join (as a sync) merges the changes of the log a chunk at a time (`CHUNK` in "
            "src/mentorcli/services/merging.py), keeping only the uid of each record it "
            "touched until it writes them parents first: its peak grows with the chunk, and "
            "with the pair's history only by those uids (the busiest pair's sessions, in the "
            "first table); the other commands stream what grows, or read a fixed few rows.",
        ]
    return lines


LOAD_AT_START = os.getloadavg()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=500)
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first")
    parser.add_argument("--no-jrnl", action="store_true", help="skip the jrnl comparison")
    parser.add_argument("--no-hyperfine", action="store_true", help="use the Python harness")
    parser.add_argument("--no-growth", action="store_true", help="skip the growth table")
    parser.add_argument("--growth-runs", type=int, default=5, help="timed runs per size")
    parser.add_argument(
        "--output", type=Path, default=ROOT / "docs" / "performance.md", help="the report"
    )
    args = parser.parse_args(argv)

    cached, ref = seeded_database(args.people, args.pairs, args.sessions, args.seed)
    key = seed_key(args.people, args.pairs, args.sessions, args.seed)
    db = working_copy(cached)
    env = {**os.environ, "MENTOR_DB": str(db), "TZ": "UTC", "NO_COLOR": "1", "COLUMNS": "100"}
    # Settings of the benchmark's own (a join sets `me`, which must not be yours): `me` is
    # the busiest pair's mentee, for `action list --owner me` and `remind`.
    env["MENTOR_CONFIG"] = str(settings(ref.split("/")[1]))
    # The busy calendar's cache starts empty: the warm-up runs fill it, as a first run does.
    env["MENTOR_CACHE"] = str(CACHE / "calendars")
    shutil.rmtree(CACHE / "calendars", ignore_errors=True)
    # An installed mentor has its bytecode compiled (pip does it at install); so does this one.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    compile_bytecode(env)
    sys.path.insert(0, str(BENCH))
    from busy import busy_calendar
    from seed import NoteWriter

    note = NoteWriter(random.Random(args.seed)).note()
    busy = busy_calendar(CACHE / f"busy-{BUSY_EVENTS}.ics", BUSY_EVENTS, args.seed)
    ready(db, env)
    book_plans(db, env)
    sharing = shared(cached, ref, env)
    commands = mentor_commands(db, ref, note, busy, sharing)
    floors = [*floor_commands(db), sharing.storage_floor(str(VENV_BIN / "mentor"), env)]
    # The copies made above are still being written back to the disk: the floors, timed
    # first, would pay for it. The timing starts once they are written.
    os.sync()
    method = timed([*floors, *commands], env, args.runs, args.warmup, not args.no_hyperfine)
    if any(f.error for f in floors[:2]):
        raise SystemExit("bench: a floor command failed; nothing to compare against")

    jrnl: list[Command] = []
    jrnl_note = "skipped (--no-jrnl)" if args.no_jrnl else install_jrnl()
    if not jrnl_note:
        config = write_journal(cached, key)
        jrnl = jrnl_commands(config)
        for command in jrnl:
            if check(command, env):
                harness([command], env, command.runs, command.warmup)

    missing = [
        c
        for c in commands
        if not c.error
        and c.goal is not None
        and Path(c.argv[0]).name == "mentor"  # a profile of mentor's own run, not a shell's
        and not meets_goal(c, floors[0], floors[1])
    ]
    profiles = {c.name: hot_spots(c, env) for c in missing}
    splits = {c.name: phases(c, env) for c in missing}
    sizes: list[Size] = []
    for people, pairs, sessions in () if args.no_growth else GROWTH:
        if (people, pairs, sessions) == (args.people, args.pairs, args.sessions):
            sizes.append(
                Size(
                    people,
                    pairs,
                    sessions,
                    cached.stat().st_size / 2**20,
                    _seconds(key),
                    _busiest_sessions(cached, ref),
                    _grown(commands),
                )
            )
            continue
        print(f"bench: growth, {sessions:,} sessions in {pairs:,} pairs", file=sys.stderr)
        sizes.append(
            measure_size(
                people,
                pairs,
                sessions,
                args.seed,
                env,
                note,
                busy,
                args.growth_runs,
                not args.no_hyperfine,
            )
        )
    text = report(
        commands,
        floors,
        jrnl,
        jrnl_note,
        database_facts(cached, ref),
        machine(),
        method,
        import_profile(env),
        startup_split(env),
        splits,
        profiles,
        growth_report(sizes, args.growth_runs) if sizes else [],
        args,
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    print(f"bench: wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
