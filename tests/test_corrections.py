"""Correcting the record and typing it in after the fact: every record can be edited, and
what a backdated session ticks takes the session's day, so the export's figures stay true."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import Run


def shown(run: Run, *args: str) -> Any:
    outcome = run(*args, "--json")
    assert outcome.code == 0, outcome.err
    return json.loads(outcome.out)


def test_pair_edit_keeps_the_id_and_moves_updated_at(people: Run) -> None:
    before = shown(people, "pair", "show", "rui/ana")
    edited = people(
        "pair", "edit", "rui/ana", "--cadence", "every 2 weeks", "--channel", "call",
        "--focus", "public speaking", "--start", "2026-08-01",
    )  # fmt: skip
    assert edited.code == 0, edited.err
    after = shown(people, "pair", "show", "1")
    assert (after["cadence"], after["channel"], after["focus"], after["start_date"]) == (
        "every 2 weeks",
        "call",
        "public speaking",
        "2026-08-01",
    )
    assert after["id"] == before["id"] and after["uid"] == before["uid"]
    assert after["updated_at"] > before["updated_at"]
    for args, named in (
        (["--channel", "pigeon"], "pigeon"),
        (["--cadence", "sometimes"], "sometimes"),
        ([], "nothing to change"),
    ):
        refused = people("pair", "edit", "1", *args)
        assert refused.code == 2 and named in refused.err, refused.err
    assert shown(people, "pair", "show", "1") == after


def test_action_goal_and_topic_edits(people: Run) -> None:
    assert (
        people("action", "add", "rui/ana", "mentee", "send the CV", "--due", "2030-01-10").code == 0
    )
    assert people("action", "edit", "1", "--text", "send the CV and the cover letter").code == 0
    assert people("action", "edit", "1", "--owner", "rui").code == 0
    action = shown(people, "action", "list", "ana")[0]
    assert (action["id"], action["text"], action["owner"], action["due_on"]) == (
        1,
        "send the CV and the cover letter",
        "mentor",
        "2030-01-10",
    )
    assert people("action", "edit", "1", "--no-due").code == 0
    assert shown(people, "action", "list", "ana")[0]["due_on"] is None
    both = people("action", "edit", "1", "--due", "fri", "--no-due")
    assert both.code == 2 and "not both" in both.err
    empty = people("action", "edit", "1", "--text", "  ")
    assert empty.code == 2 and "empty" in empty.err
    owner = people("action", "edit", "1", "--owner", "ben")
    assert owner.code == 2 and "unknown owner" in owner.err

    assert people("goal", "add", "ana", "give a talk", "--due", "2030-03-01").code == 0
    assert (
        people(
            "goal", "edit", "1", "--title", "give a conference talk", "--detail", "ten minutes"
        ).code
        == 0
    )
    assert people("goal", "edit", "1", "--no-due").code == 0
    goal = shown(people, "goal", "list", "ana")[0]
    assert (goal["title"], goal["detail"], goal["due_on"]) == (
        "give a conference talk",
        "ten minutes",
        None,
    )
    assert people("goal", "edit", "1", "--title", "").code == 2

    assert people("topic", "add", "ana", "salary talk").code == 0
    assert people("topic", "edit", "1", "how to ask for a raise").code == 0
    assert shown(people, "topic", "list", "ana")[0]["text"] == "how to ask for a raise"
    assert people("topic", "edit", "1", " ").code == 2
    assert people("topic", "edit", "9", "nothing here").code == 2


def test_done_and_agreed_on_a_day_given(people: Run) -> None:
    assert people("action", "add", "ana", "mentee", "send the CV").code == 0
    assert people("action", "done", "1", "--on", "2026-09-10").code == 0
    assert shown(people, "action", "list", "ana", "--all")[0]["done_on"] == "2026-09-10"
    assert people("goal", "add", "ana", "give a talk").code == 0
    assert people("goal", "done", "1", "--on", "2026-10-02").code == 0
    assert shown(people, "goal", "list", "ana", "--all")[0]["achieved_on"] == "2026-10-02"
    assert people("expect", "add", "ana", "weekly video", "--agreed", "2026-08-03").code == 0
    assert shown(people, "expect", "list", "ana")[0]["agreed_on"] == "2026-08-03"
    ahead = people("action", "add", "ana", "mentee", "x")
    assert ahead.code == 0
    future = people("action", "done", "2", "--on", "2099-01-01")
    assert future.code == 2 and "in the future" in future.err


@pytest.mark.parametrize(
    "line,named",
    [("mentee: send CV due fir", '"fir"'), ("mentee: read the RFC due tomorow", '"tomorow"')],
)
def test_a_mistyped_due_date_is_refused(people: Run, line: str, named: str) -> None:
    outcome = people("log", "ana", "--notes", "x", "--action", line)
    assert outcome.code == 2 and named in outcome.err and "--due" in outcome.err
    assert shown(people, "sessions", "ana") == []


def test_due_words_that_are_text_stay_text(people: Run) -> None:
    for line in ('mentee: "send CV due fir"', "mentee: fix the due date logic"):
        assert people("log", "ana", "--notes", line, "--action", line).code == 0
    texts = [a["text"] for a in shown(people, "action", "list", "ana")]
    assert texts == ["send CV due fir", "fix the due date logic"]


def test_the_same_session_twice_needs_force(people: Run) -> None:
    args = ("log", "ana", "--when", "2026-11-02 10:00", "--notes", "career chat")
    assert people(*args).code == 0
    again = people(*args)
    assert again.code == 2 and "#1" in again.err and "--force" in again.err
    assert len(shown(people, "sessions", "ana")) == 1
    assert people(*args, "--force").code == 0
    other = people("log", "ana", "--when", "2026-11-02 10:00", "--notes", "another chat")
    assert other.code == 0
    assert len(shown(people, "sessions", "ana")) == 3


def ticking_editor(tmp_path: Path) -> str:
    """An EDITOR that ticks the actions and topics listed in $TICK and sets goals from $GOALS
    (id=pct,...)."""
    script = tmp_path / "tick.py"
    script.write_text(
        "import os, re, sys\n"
        "path = sys.argv[-1]\n"
        "text = open(path, encoding='utf-8').read()\n"
        "for n in filter(None, os.environ.get('TICK', '').split(',')):\n"
        "    text = text.replace(f'- [ ] #{n} ', f'- [x] #{n} ')\n"
        "for pair in filter(None, os.environ.get('GOALS', '').split(',')):\n"
        "    gid, pct = pair.split('=')\n"
        "    text = re.sub(rf'(- #{gid} .*: )[0-9]+%', rf'\\g<1>{pct}%', text)\n"
        "text = re.sub(r'(?m)^## Notes$', '## Notes\\n\\nnotes of the session', text)\n"
        "open(path, 'w', encoding='utf-8').write(text)\n",
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def test_three_backdated_months_give_the_true_figures(people: Run, tmp_path: Path) -> None:
    """Typed in on one day in November: a weekly pair from August to October. By hand:
    sessions on Aug 4, 11, 18, Sep 8, 15, Oct 13, 20 (times in UTC, the tests' zone): six
    gaps of 7, 7, 21, 7, 28 and 7 days, four within 1.25 weeks, so the cadence is kept in
    67% of intervals. Four actions with due dates: #1 due Aug 11 ticked Aug 11 (on time),
    #2 due Aug 18 ticked Sep 8 (late), #3 due Sep 20 ticked Sep 15 (on time), #4 due Sep 30
    done on Oct 1 by hand (late): 2 of 4 on time, 50%."""
    editor = ticking_editor(tmp_path)
    assert people("pair", "edit", "ana", "--start", "2026-08-01").code == 0

    def log(day: str, *args: str, tick: str = "", goals: str = "") -> None:
        env = {"EDITOR": editor, "TICK": tick, "GOALS": goals}
        outcome = people(
            "log", "ana", "--when", f"{day} 15:00", "--minutes", "60", "--edit", *args, env=env
        )
        assert outcome.code == 0, outcome.err

    assert people("goal", "add", "ana", "give a talk").code == 0
    log("2026-08-04", "--action", "mentee: outline the talk due 2026-08-11")
    log("2026-08-11", "--action", "mentee: book a room due 2026-08-18", tick="1")
    log("2026-08-18", goals="1=50")
    log("2026-09-08", "--action", "mentee: rehearse due 2026-09-20", tick="2")
    log("2026-09-15", "--action", "mentee: send slides due 2026-09-30", tick="3")
    assert people("action", "done", "4", "--on", "2026-10-01").code == 0
    log("2026-10-13", goals="1=100")
    log("2026-10-20")

    actions = {a["id"]: a["done_on"] for a in shown(people, "action", "list", "ana", "--all")}
    assert actions == {1: "2026-08-11", 2: "2026-09-08", 3: "2026-09-15", 4: "2026-10-01"}
    goal = shown(people, "goal", "list", "ana", "--all")[0]
    assert (goal["status"], goal["progress"], goal["achieved_on"]) == (
        "achieved",
        100,
        "2026-10-13",
    )
    summary = json.loads(people("export", "ana", "--format", "json").out)["figures"]
    assert (summary["sessions"], summary["intervals"], summary["intervals_kept"]) == (7, 6, 4)
    assert (summary["actions_with_due_date_done"], summary["actions_done_on_time"]) == (4, 2)
    assert summary["on_time_share"] == 0.5
    markdown = people("export", "ana").out
    assert "| Actions done on time | 2 of 4 (50%) |" in markdown
    assert "| Cadence kept | 67% of 6 intervals |" in markdown


def test_a_due_date_changed_in_the_template_is_applied(people: Run, tmp_path: Path) -> None:
    assert people("action", "add", "ana", "mentee", "send the CV", "--due", "2030-01-10").code == 0
    assert people("action", "add", "ana", "mentee", "read the RFC", "--due", "2030-01-10").code == 0
    script = tmp_path / "due.py"
    script.write_text(
        "import sys\n"
        "path = sys.argv[-1]\n"
        "text = open(path, encoding='utf-8').read()\n"
        "text = text.replace('send the CV (due 2030-01-10)', 'send the CV (due 2030-02-01)')\n"
        "text = text.replace('read the RFC (due 2030-01-10)', 'read the RFC')\n"
        "open(path, 'w', encoding='utf-8').write(text + 'notes')\n",
        encoding="utf-8",
    )
    editor = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    assert people("log", "ana", "--edit", env={"EDITOR": editor}).code == 0
    dues = {a["id"]: a["due_on"] for a in shown(people, "action", "list", "ana")}
    assert dues == {1: "2030-02-01", 2: None}


def test_the_log_template_carries_when_minutes_and_channel(people: Run, tmp_path: Path) -> None:
    script = tmp_path / "fields.py"
    script.write_text(
        "import re, sys\n"
        "path = sys.argv[-1]\n"
        "text = open(path, encoding='utf-8').read()\n"
        "open(sys.argv[-1] + '.seen', 'w').write(text)\n"
        "text = re.sub(r'(?m)^minutes: .*$', 'minutes: 50', text)\n"
        "text = re.sub(r'(?m)^when: .*$', 'when: 2026-11-02 09:30', text)\n"
        "text = re.sub(r'(?m)^channel: .*$', 'channel: call', text)\n"
        "open(path, 'w', encoding='utf-8').write(text + 'notes')\n",
        encoding="utf-8",
    )
    editor = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    logged = people(
        "log", "ana", "--edit", "--minutes", "45", "--channel", "video", env={"EDITOR": editor}
    )
    assert logged.code == 0, logged.err
    session = shown(people, "sessions", "ana")[0]
    assert (session["minutes"], session["channel"], session["started_at"]) == (
        50,
        "call",
        "2026-11-02T09:30:00+00:00",
    )


def test_session_edit_opens_the_whole_session(people: Run, tmp_path: Path) -> None:
    args = ("log", "ana", "--when", "2026-11-02 10:00", "--minutes", "30", "--notes", "first")
    assert people(*args, "--rapport", "3").code == 0
    script = tmp_path / "session.py"
    script.write_text(
        "import re, sys\n"
        "path = sys.argv[-1]\n"
        "text = open(path, encoding='utf-8').read()\n"
        "assert 'when: 2026-11-02 10:00' in text and 'minutes: 30' in text, text\n"
        "assert 'rapport: 3' in text and text.rstrip().endswith('first'), text\n"
        "text = text.replace('minutes: 30', 'minutes: 75')\n"
        "text = text.replace('rapport: 3', 'rapport: 5')\n"
        "text = re.sub(r'(?m)^tech issue:.*$', 'tech issue: audio dropped', text)\n"
        "text = text.replace('first', 'first, corrected')\n"
        "open(path, 'w', encoding='utf-8').write(text)\n",
        encoding="utf-8",
    )
    editor = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    edited = people("session", "edit", "1", "--edit", env={"EDITOR": editor})
    assert edited.code == 0, edited.err
    session = shown(people, "session", "show", "1")
    assert (session["minutes"], session["rapport"], session["tech_issue"], session["notes"]) == (
        75,
        5,
        "audio dropped",
        "first, corrected",
    )
    assert session["started_at"] == "2026-11-02T10:00:00+00:00"
    script.write_text(
        "import sys\n"
        "path = sys.argv[-1]\n"
        "text = open(path, encoding='utf-8').read()\n"
        "open(path, 'w', encoding='utf-8').write(text.replace('minutes: 75', 'minutes: lots'))\n",
        encoding="utf-8",
    )
    bad = people("session", "edit", "1", "--edit", env={"EDITOR": editor})
    assert bad.code == 2 and "line" in bad.err and "minutes" in bad.err
    assert shown(people, "session", "show", "1")["minutes"] == 75


def test_search_dates_an_action_by_the_session_it_came_from(people: Run) -> None:
    logged = people(
        "log", "ana", "--when", "2026-09-10 15:00", "--notes", "typed up later",
        "--action", "mentee: rehearse the kubernetes talk",
    )  # fmt: skip
    assert logged.code == 0, logged.err
    hit = shown(people, "search", "kubernetes")[0]
    assert (hit["kind"], hit["when"][:10]) == ("action", "2026-09-10")
    assert [h["id"] for h in shown(people, "search", "kubernetes", "--since", "2026-09-01")] == [1]
    assert shown(people, "search", "kubernetes", "--since", "2026-10-01") == []
