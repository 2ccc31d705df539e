"""`mentor person`: add, list, show, edit, remove through the real CLI and database."""

from __future__ import annotations

import json

import pytest

from conftest import Run


def test_add_then_list_and_show(run: Run) -> None:
    added = run(
        "person",
        "add",
        "ana",
        "--tz",
        "America/New_York",
        "--name",
        "Ana Lima",
        "--hours",
        "mon-thu 08:00-16:00, fri 08:00-12:00",
        "--skills",
        "python, career",
        "--channels",
        "video,chat",
        "--email",
        "ana@example.org",
        "--note",
        "captions on",
    )
    assert added.code == 0, added.err
    assert "Added ana" in added.out
    listed = json.loads(run("person", "list", "--json").out)
    assert [p["handle"] for p in listed] == ["ana"]
    ana = listed[0]
    assert ana["timezone"] == "America/New_York"
    assert ana["hours"] == "mon-thu 08:00-16:00, fri 08:00-12:00"
    assert ana["skills"] == ["python", "career"]
    assert ana["channels"] == ["video", "chat"]
    assert ana["note"] == "captions on"
    assert len(ana["uid"]) == 36
    assert ana["created_at"].endswith("+00:00")
    table = run("person", "list").out
    assert "ana" in table and "America/New_York" in table and "Ana Lima" in table
    shown = run("person", "show", "ana")
    assert shown.code == 0 and "captions on" in shown.out


def test_hours_default_and_alias_zone_stored_under_current_name(run: Run) -> None:
    assert run("person", "add", "ben", "--tz", "Asia/Calcutta").code == 0
    ben = json.loads(run("person", "show", "ben", "--json").out)
    assert ben["timezone"] == "Asia/Kolkata"
    assert ben["hours"] == "mon-fri 09:00-17:00"


def test_bad_input_exits_2_with_one_line_and_writes_nothing(run: Run) -> None:
    cases = [
        (["person", "add", "x", "--tz", "Mars/Olympus"], "Mars/Olympus"),
        (["person", "add", "x", "--tz", "IST"], "IST"),
        (["person", "add", "x", "--tz", "UTC", "--hours", "9-5"], "9-5"),
        (["person", "add", "bad handle", "--tz", "UTC"], "bad handle"),
    ]
    for args, named in cases:
        outcome = run(*args)
        assert outcome.code == 2, (args, outcome)
        assert outcome.err.count("\n") == 1 and named in outcome.err, outcome.err
        assert "Traceback" not in outcome.err
    assert json.loads(run("person", "list", "--json").out) == []


def test_duplicate_handle_is_refused_case_insensitively(run: Run) -> None:
    assert run("person", "add", "ana", "--tz", "UTC").code == 0
    again = run("person", "add", "ANA", "--tz", "UTC")
    assert again.code == 2 and "taken" in again.err
    assert len(json.loads(run("person", "list", "--json").out)) == 1


@pytest.mark.parametrize(
    "handle", ["søren", "josé", "李雷", "Ἀθηνᾶ", "हिन्दी", "ana.m_2-x", "x\u0661\u0662"]
)
def test_handles_in_any_script(run: Run, handle: str) -> None:
    added = run("person", "add", handle, "--tz", "UTC")
    assert added.code == 0, added.err
    assert run("person", "show", handle.upper()).code == 0
    assert run("person", "add", handle.upper(), "--tz", "UTC").code == 2
    assert [p["handle"] for p in json.loads(run("person", "list", "--json").out)] == [handle]


def test_handles_are_nfc_and_unique_across_cases_in_every_script(run: Run) -> None:
    assert run("person", "add", "jose\u0301", "--tz", "UTC").code == 0
    assert json.loads(run("person", "show", "josé", "--json").out)["handle"] == "jos\u00e9"
    assert run("person", "add", "Søren", "--tz", "UTC").code == 0
    taken = run("person", "add", "SØREN", "--tz", "UTC")
    assert taken.code == 2 and "taken" in taken.err
    assert run("person", "add", "ana", "--tz", "UTC").code == 0
    assert run("person", "edit", "ana", "--handle", "søren").code == 2
    assert run("person", "edit", "søren", "--handle", "SØREN").code == 0
    assert run("pair", "add", "søren", "JOSÉ").code == 0
    assert json.loads(run("pair", "show", "SØREN/josé", "--json").out)["mentor"] == "SØREN"


@pytest.mark.parametrize(
    ("handle", "message"),
    [
        ("123", "a handle of digits alone would be read as a pair id"),
        ("\u0661\u0662\u0663", "a handle of digits alone would be read as a pair id"),
        ("\u0301x", "starting with a letter or digit"),
        ("a b", "1-32 letters (any script)"),
        ("a[bold]b", "1-32 letters (any script)"),
        ("a\x1b[2Jb", "1-32 letters (any script)"),
        ("a\u202eb", "1-32 letters (any script)"),
        ("x" * 33, "1-32 letters (any script)"),
        ("²", "starting with a letter or digit"),
    ],
)
def test_bad_handles_are_refused_in_one_line(run: Run, handle: str, message: str) -> None:
    outcome = run("person", "add", handle, "--tz", "UTC")
    assert outcome.code == 2 and outcome.err.count("\n") == 1 and message in outcome.err
    assert "\x1b" not in outcome.err and "\u202e" not in outcome.err


def test_edit_changes_only_what_is_given(run: Run) -> None:
    run("person", "add", "ana", "--tz", "UTC", "--name", "Ana", "--note", "prefers async")
    edited = run("person", "edit", "ana", "--tz", "Europe/Kiev", "--hours", "sat+sun 10:00-12:00")
    assert edited.code == 0, edited.err
    ana = json.loads(run("person", "show", "ana", "--json").out)
    assert ana["timezone"] == "Europe/Kyiv"
    assert ana["hours"] == "sat+sun 10:00-12:00"
    assert ana["name"] == "Ana" and ana["note"] == "prefers async"
    assert ana["updated_at"] >= ana["created_at"]
    renamed = run("person", "edit", "ana", "--handle", "ana2")
    assert renamed.code == 0
    assert run("person", "show", "ana2").code == 0
    assert run("person", "show", "ana").code == 2


def test_remove_needs_force_when_in_a_pair(people: Run) -> None:
    refused = people("person", "remove", "ben")
    assert refused.code == 2
    assert "rui/ben" in refused.err and "--force" in refused.err
    assert people("person", "show", "ben").code == 0
    removed = people("person", "remove", "ben", "--force")
    assert removed.code == 0 and "1 pair" in removed.out
    assert people("person", "show", "ben").code == 2
    pairs = json.loads(people("pair", "list", "--json").out)
    assert [p["mentee"] for p in pairs] == ["ana"]


def test_remove_unknown_person(run: Run) -> None:
    outcome = run("person", "remove", "ghost")
    assert outcome.code == 2 and "ghost" in outcome.err


def test_user_text_is_shown_literally(run: Run) -> None:
    hostile = "[bold red]boss[/] :smile: \x1b]8;;http://evil\x07link\x1b[2J"
    assert run("person", "add", "eve", "--tz", "UTC", "--name", hostile).code == 0
    shown = run("person", "show", "eve").out
    assert "[bold red]boss[/]" in shown and ":smile:" in shown
    assert "\x1b" not in shown and "\x07" not in shown
    assert "\\x1b" in shown
    stored = json.loads(run("person", "show", "eve", "--json").out)
    assert stored["name"] == hostile


def test_sleep_hours_default_to_the_night_and_can_change(run: Run) -> None:
    assert run("person", "add", "ana", "--tz", "UTC").code == 0
    assert json.loads(run("person", "show", "ana", "--json").out)["sleep"] == "22:00-07:00"
    assert run("person", "add", "rui", "--tz", "UTC", "--sleep", " 01:00 - 09:00 ").code == 0
    assert json.loads(run("person", "show", "rui", "--json").out)["sleep"] == "01:00-09:00"
    assert run("person", "edit", "ana", "--sleep", "23:30-06:30").code == 0
    assert json.loads(run("person", "show", "ana", "--json").out)["sleep"] == "23:30-06:30"
    assert "23:30-06:30" in run("person", "show", "ana").out
    for bad in ("mon-fri 23:00-07:00", "23:00-07:00, 13:00-14:00", "late", ""):
        outcome = run("person", "edit", "ana", "--sleep", bad)
        assert outcome.code == 2 and outcome.err.count("\n") == 1, (bad, outcome.err)
    assert json.loads(run("person", "show", "ana", "--json").out)["sleep"] == "23:30-06:30"
