"""The command line as a whole: help, version, errors, and the installed program."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer

from mentorcli import __version__
from mentorcli.cli.app import app

from conftest import Run


def _commands(
    group: typer.main.TyperGroup | object, path: tuple[str, ...] = ()
) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in getattr(group, "commands", {}).items():
        found.append((*path, name))
        found.extend(_commands(command, (*path, name)))
    return found


def test_every_command_has_help(run: Run) -> None:
    root = typer.main.get_command(app)
    commands = _commands(root)
    assert ("person", "add") in commands and ("pair", "end") in commands
    for path in commands:
        command = root
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        assert command.help, f"{' '.join(path)} has no help text"
        outcome = run(*path, "--help")
        assert outcome.code == 0 and "Usage:" in outcome.out, path


def test_root_help_describes_every_group(run: Run) -> None:
    outcome = run("--help")
    assert outcome.code == 0
    for group in ("person", "pair"):
        assert group in outcome.out
    assert "--install-completion" in outcome.out
    assert run().code == 0


def test_version(run: Run) -> None:
    outcome = run("--version")
    assert outcome.code == 0 and outcome.out.strip() == f"mentor {__version__}"


def test_usage_errors_are_one_line_exit_2(run: Run) -> None:
    for args in (["person", "add", "ana"], ["person", "frobnicate"], ["--nope"]):
        outcome = run(*args)
        assert outcome.code == 2, args
        assert outcome.err.count("\n") == 1 and outcome.err.startswith("mentor: "), outcome.err


def test_python_dash_m_and_installed_script(tmp_path: Path) -> None:
    env = {**os.environ, "MENTOR_DB": str(tmp_path / "m.db"), "TZ": "UTC"}
    module = subprocess.run(
        [sys.executable, "-m", "mentorcli", "--version"], capture_output=True, text=True, env=env
    )
    assert module.returncode == 0 and __version__ in module.stdout
    script = Path(sys.executable).with_name("mentor")
    added = subprocess.run(
        [str(script), "person", "add", "ana", "--tz", "Europe/Berlin"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert added.returncode == 0, added.stderr
    bad = subprocess.run(
        [str(script), "person", "add", "bob", "--tz", "PST"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert bad.returncode == 2
    assert "PST" in bad.stderr and "Traceback" not in bad.stderr
    assert bad.stderr.count("\n") == 1


def test_shell_completion_offers_handles(tmp_path: Path) -> None:
    env = {**os.environ, "MENTOR_DB": str(tmp_path / "m.db"), "TZ": "UTC"}
    script = str(Path(sys.executable).with_name("mentor"))
    for handle in ("ana", "anders", "bob"):
        subprocess.run([script, "person", "add", handle, "--tz", "UTC"], check=True, env=env)
    completion = subprocess.run(
        [script],
        capture_output=True,
        text=True,
        env={
            **env,
            "_MENTOR_COMPLETE": "complete_bash",
            "COMP_WORDS": "mentor person show an",
            "COMP_CWORD": "3",
        },
    )
    assert completion.stdout.split() == ["ana", "anders"]
