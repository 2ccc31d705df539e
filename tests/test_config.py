"""Who I am and my usual pair: the settings file, `mentor config`, `me` and the default pair."""

from __future__ import annotations

import json
import os
import tomllib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from mentorcli.config import config_path

from conftest import Run


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "settings" / "config.toml"
    monkeypatch.setenv("MENTOR_CONFIG", str(path))
    return path


def shown(run: Run, *args: str) -> Any:
    outcome = run(*args, "--json")
    assert outcome.code == 0, outcome.err
    return json.loads(outcome.out)


def test_the_platform_folder_and_the_override() -> None:
    env = {"HOME": "/home/ana"}
    assert config_path(env) == Path("/home/ana/.config/mentor/config.toml")
    env["XDG_CONFIG_HOME"] = "/xdg"
    assert config_path(env) == Path("/xdg/mentor/config.toml")
    env["MENTOR_CONFIG"] = "/elsewhere/m.toml"
    assert config_path(env) == Path("/elsewhere/m.toml")


def test_set_get_list_unset_path(run: Run, config: Path) -> None:
    assert run("config", "path").out == f"{config}\n"
    assert not config.exists()
    assert shown(run, "config", "list")["settings"]["me"] == ""
    assert run("config", "set", "me", "ana").code == 0
    assert run("config", "set", "tz", "Asia/Kolkata").code == 0
    assert run("config", "set", "editor", 'code --wait "my file"').code == 0
    assert run("config", "get", "me").out == "ana\n"
    assert os.stat(config).st_mode & 0o777 == 0o600
    on_disk = tomllib.loads(config.read_text())
    assert on_disk == {"me": "ana", "tz": "Asia/Kolkata", "editor": 'code --wait "my file"'}
    assert run("config", "set", "me", "rui").code == 0
    assert tomllib.loads(config.read_text())["me"] == "rui"
    assert run("config", "unset", "tz").code == 0
    assert "tz" not in tomllib.loads(config.read_text())
    assert run("config", "get", "tz").out == "\n"
    listed = run("config", "list").out
    assert "default_pair" in listed and "rui" in listed


@pytest.mark.parametrize(
    "args,named",
    [
        (("set", "colour", "red"), "unknown setting 'colour'"),
        (("get", "colour"), "unknown setting 'colour'"),
        (("set", "me", "not a handle"), "bad handle"),
        (("set", "tz", "Mars/Olympus"), "Mars/Olympus"),
        (("set", "week_start", "someday"), "week_start"),
    ],
)
def test_bad_settings_are_refused_and_nothing_written(
    run: Run, config: Path, args: tuple[str, ...], named: str
) -> None:
    outcome = run("config", *args)
    assert outcome.code == 2 and named in outcome.err and outcome.err.count("\n") == 1
    assert not config.exists()


@pytest.mark.parametrize(
    "text,named",
    [
        ('me = "ana"\ntz = \n', "line 2"),
        ('me = "ana"\ncolour = "red"\n', "line 2: unknown setting 'colour'"),
        ("me = 3\n", "line 1: me should be text"),
        ('me = "not a handle"\n', "bad handle"),
    ],
)
def test_a_malformed_file_is_exit_2_naming_the_line(
    people: Run, config: Path, text: str, named: str
) -> None:
    config.parent.mkdir(parents=True)
    config.write_text(text)
    outcome = people("agenda")
    assert outcome.code == 2 and named in outcome.err and str(config) in outcome.err
    assert people("person", "list").code == 0  # a command that needs no setting reads none


def test_me_and_my_one_pair_without_naming_it(people: Run) -> None:
    """ana is mentee in one pair: she types no pair at all."""
    missing = people("agenda")
    assert missing.code == 2 and "mentor config set" in missing.err
    assert people("config", "set", "me", "ana").code == 0
    logged = people("log", "--notes", "quick sync", "--action", "me: send the CV due fri")
    assert logged.code == 0, logged.err
    action = shown(people, "action", "list", "me")[0]
    assert (action["pair"], action["owner"], action["text"]) == ("rui/ana", "mentee", "send the CV")
    assert people("action", "add", "me", "me", "book a room").code == 0
    assert shown(people, "agenda")["mentee"] == "ana"
    schedule = shown(people, "schedule", "--days", "1")
    assert [p["name"] for p in schedule["participants"]] == ["rui", "ana"]
    assert shown(people, "pair", "show")["id"] == 1
    assert shown(people, "person", "show", "ana")["handle"] == "ana"
    assert people("export").out.startswith("# Mentoring progress: rui and ana")


def test_the_default_pair_beats_my_one_pair(people: Run) -> None:
    assert people("config", "set", "me", "rui").code == 0
    ambiguous = people("agenda")  # rui is in two active pairs
    assert ambiguous.code == 2 and "rui/ana (#1)" in ambiguous.err
    assert people("config", "set", "default_pair", "rui/ben").code == 0
    assert shown(people, "agenda")["mentee"] == "ben"
    assert shown(people, "agenda", "rui/ana")["mentee"] == "ana"  # flags beat it


def test_the_display_zone_setting_and_the_flag(people: Run) -> None:
    assert people("config", "set", "tz", "Asia/Tokyo").code == 0
    assert shown(people, "schedule", "rui/ana", "--days", "1")["tz"] == "Asia/Tokyo"
    flagged = shown(people, "schedule", "rui/ana", "--days", "1", "--tz", "UTC")
    assert flagged["tz"] == "UTC"


def test_the_editor_setting_beats_the_environment(people: Run, tmp_path: Path) -> None:
    script = tmp_path / "ed.py"
    script.write_text(
        "import sys\n"
        "path = sys.argv[-1]\n"
        "open(path, 'a', encoding='utf-8').write('written by the configured editor')\n"
    )
    import shlex
    import sys

    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    assert people("config", "set", "editor", command).code == 0
    logged = people("log", "ana", "--edit", env={"EDITOR": "false", "VISUAL": "false"})
    assert logged.code == 0, logged.err
    assert shown(people, "sessions", "ana")[0]["notes"] == "written by the configured editor"


def test_me_without_the_setting_says_how(people: Run) -> None:
    outcome = people("pair", "show", "me")
    assert outcome.code == 2 and "mentor config set me HANDLE" in outcome.err


def test_eow_ends_the_week_the_setting_starts(people: Run) -> None:
    today = date.today()
    saturday = today + timedelta(days=(5 - today.weekday()) % 7)
    sunday = today + timedelta(days=(6 - today.weekday()) % 7)
    assert people("action", "add", "ana", "mentee", "monday weeks", "--due", "eow").code == 0
    assert people("config", "set", "week_start", "sun").code == 0
    assert people("action", "add", "ana", "mentee", "sunday weeks", "--due", "eow").code == 0
    due = [a["due_on"] for a in shown(people, "action", "list", "ana")]
    assert sorted(due) == sorted([sunday.isoformat(), saturday.isoformat()])
