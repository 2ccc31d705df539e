"""Shared fixtures: every test gets its own database file, and a way to run `mentor`."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from mentorcli.cli.app import app

# The same examples on every run, so `make test` (and CI) passes or fails the same way each
# time; HYPOTHESIS_PROFILE=explore draws new ones, to look for cases no run has tried.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@dataclass
class Outcome:
    code: int
    out: str
    err: str


Run = Callable[..., Outcome]

# The installed console script, for tests that need `mentor` as a process of its own.
MENTOR = str(Path(sys.executable).with_name("mentor"))


def complete(words: str) -> list[str]:
    """What bash completion offers for the last of `words`, from the installed program: one
    entry a line (an entry may hold spaces, as "every 2 weeks" does)."""
    done = subprocess.run(
        [MENTOR],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "_MENTOR_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split(" ")) - 1),
        },
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return [line for line in done.stdout.split("\n") if line]


def mentor_process(
    *args: str, db: Path | None = None, limit: int | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """`mentor` as its own process, with no standard input, no colour and UTC: MENTOR_DB is
    `db` (else the db_path fixture's), and `limit` caps the size of a file it may write."""

    def cap_file_size() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    environ = {**os.environ, "TZ": "UTC", "NO_COLOR": "1", **env}
    if db is not None:
        environ["MENTOR_DB"] = str(db)
    return subprocess.run(
        [MENTOR, *args],
        capture_output=True,
        text=True,
        env=environ,
        stdin=subprocess.DEVNULL,
        preexec_fn=cap_file_size,
    )


@pytest.fixture(autouse=True)
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point MENTOR_DB at a fresh path so no test touches a real database."""
    path = tmp_path / "data" / "mentor.db"
    monkeypatch.setenv("MENTOR_DB", str(path))
    monkeypatch.setenv("MENTOR_CONFIG", str(tmp_path / "settings" / "config.toml"))
    monkeypatch.setenv("MENTOR_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    return path


@pytest.fixture
def run() -> Run:
    """Run the real CLI in-process: run("person", "list") -> Outcome."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Outcome:
        result = runner.invoke(app, list(args), input=input, env=env)
        return Outcome(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def people(run: Run) -> Run:
    """Three people in three zones and two active pairs: rui/ana and rui/ben."""
    assert run("person", "add", "rui", "--tz", "Europe/Lisbon", "--name", "Rui Costa").code == 0
    assert (
        run(
            "person", "add", "ana", "--tz", "America/New_York", "--hours", "mon-thu 08:00-16:00"
        ).code
        == 0
    )
    assert run("person", "add", "ben", "--tz", "Asia/Kolkata").code == 0
    assert run("pair", "add", "rui", "ana", "--focus", "career growth").code == 0
    assert run("pair", "add", "rui", "ben", "--cadence", "every 2 weeks").code == 0
    return run


def file_mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs: a real disk that fills up (skipped where mounting is not allowed)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root and mount(8)")
    where = tmp_path / "disk"
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where)])
    if mounted.returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
