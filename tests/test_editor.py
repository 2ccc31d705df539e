"""The `mentor log` editor flow, driven by fake editors written as small scripts."""

from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path

import pytest

from mentorcli.cli.runtime import runtime
from mentorcli.editor import editor_command

from conftest import Run


def fake_editor(tmp_path: Path, body: str, name: str = "editor.py") -> str:
    """An EDITOR command running `body` with `path` (the file) and `text` (its content);
    whatever `text` holds at the end is saved. It also notes the file's path and mode."""
    script = tmp_path / name
    script.write_text(
        "import json, os, stat, sys\n"
        "path = sys.argv[-1]\n"
        "text = open(path, encoding='utf-8').read()\n"
        f"with open({str(tmp_path / 'seen.json')!r}, 'w') as seen:\n"
        "    json.dump([path, stat.S_IMODE(os.stat(path).st_mode), text], seen)\n"
        f"{body}\n"
        "open(path, 'w', encoding='utf-8').write(text)\n",
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def seen(tmp_path: Path) -> tuple[str, int, str]:
    path, mode, text = json.loads((tmp_path / "seen.json").read_text())
    return path, mode, text


def sessions(run: Run) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(run("sessions", "rui/ana", "--json").out)
    return found


@pytest.fixture
def agenda(people: Run) -> Run:
    """rui/ana with open action #1, goal #1 at 40%, topic #1; rui/ben with topic #2."""
    assert (
        people("action", "add", "rui/ana", "mentee", "draft the PR", "--due", "2030-11-27").code
        == 0
    )
    assert people("goal", "add", "rui/ana", "ship the parser").code == 0
    assert people("goal", "progress", "1", "40").code == 0
    assert people("topic", "add", "rui/ana", "code review habits").code == 0
    assert people("topic", "add", "rui/ben", "not for ana").code == 0
    return people


def test_template_is_prefilled_and_edits_land(agenda: Run, tmp_path: Path) -> None:
    editor = fake_editor(
        tmp_path,
        "text = text.replace('- [ ] #1 mentee', '- [x] #1 mentee')\n"
        "text = text.replace('- [ ] #1 code', '- [x] #1 code')\n"
        "text = text.replace(': 40%', ': 75%').replace('rapport:', 'rapport: 4')\n"
        "text = text.replace('engagement:', 'engagement: 5')\n"
        "new = '- [ ] mentor: send the article due 2030-12-01'\n"
        "text = text.replace('## Goals', new + '\\n## Goals')\n"
        "text = text.replace('## Topics\\n', '## Topics\\n- [ ] testing strategy\\n')\n"
        "text += 'We planned the [bold]release[/bold].\\n'",
    )
    outcome = agenda("log", "rui/ana", "--edit", "--minutes", "30", env={"EDITOR": editor})
    assert outcome.code == 0, outcome.err
    _, mode, template = seen(tmp_path)
    assert mode == 0o600
    assert "- [ ] #1 mentee: draft the PR (due 2030-11-27)" in template
    assert "- #1 ship the parser: 40%" in template
    assert "- [ ] #1 code review habits" in template and "not for ana" not in template
    logged = sessions(agenda)[0]
    assert logged["notes"] == "We planned the [bold]release[/bold]."
    assert (logged["rapport"], logged["engagement"], logged["minutes"]) == (4, 5, 30)
    actions = json.loads(agenda("action", "list", "rui/ana", "--all", "--json").out)
    by_id = {a["id"]: a for a in actions}
    assert by_id[1]["status"] == "done"
    assert by_id[2]["text"] == "send the article" and by_id[2]["session_id"] == logged["id"]
    assert by_id[2]["owner"] == "mentor" and by_id[2]["due_on"] == "2030-12-01"
    goal = json.loads(agenda("goal", "list", "rui/ana", "--json").out)[0]
    assert goal["progress"] == 75
    topics = json.loads(agenda("topic", "list", "rui/ana", "--all", "--json").out)
    assert [(t["text"], t["covered_session_id"]) for t in topics] == [
        ("testing strategy", None),
        ("code review habits", logged["id"]),
    ]


def test_temporary_file_is_removed(agenda: Run, tmp_path: Path) -> None:
    editor = fake_editor(tmp_path, "text += 'notes'")
    assert agenda("log", "ana", "--edit", env={"EDITOR": editor}).code == 0
    path, _, _ = seen(tmp_path)
    assert not os.path.exists(path)


@pytest.mark.parametrize(
    "body",
    ["pass", "text = ''", "text = '   \\n\\n'", "text = '# only a comment\\n' + text"],
    ids=["unchanged", "emptied", "blank", "comment"],
)
def test_unchanged_or_empty_template_logs_nothing(agenda: Run, tmp_path: Path, body: str) -> None:
    editor = fake_editor(tmp_path, body)
    outcome = agenda("log", "ana", "--edit", env={"EDITOR": editor})
    assert outcome.code == 2
    assert outcome.err == "mentor: nothing logged: the template was not changed\n"
    assert sessions(agenda) == []


def test_ctrl_c_in_the_editor_removes_the_file_and_writes_nothing(
    agenda: Run, tmp_path: Path
) -> None:
    editor = fake_editor(tmp_path, "import signal\nos.kill(os.getpid(), signal.SIGINT)")
    outcome = agenda("log", "ana", "--edit", env={"EDITOR": editor})
    assert outcome.code == 130 and "nothing was written" in outcome.err
    path, _, _ = seen(tmp_path)
    assert not os.path.exists(path)
    assert sessions(agenda) == []


def test_failing_or_missing_editor(agenda: Run, tmp_path: Path) -> None:
    failing = fake_editor(tmp_path, "text += 'x'\nopen(path, 'w').write(text)\nsys.exit(3)")
    outcome = agenda("log", "ana", "--edit", env={"EDITOR": failing})
    assert outcome.code == 2 and "status 3" in outcome.err
    missing = agenda("log", "ana", "--edit", env={"EDITOR": "no-such-editor-here --wait"})
    assert missing.code == 2 and "no-such-editor-here" in missing.err
    assert outcome.err.count("\n") == 1 and missing.err.count("\n") == 1
    assert sessions(agenda) == []


def test_visual_wins_over_editor_and_is_split_like_a_shell() -> None:
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "nano"}) == ["code", "--wait"]
    assert editor_command({"EDITOR": "'my editor' -n"}) == ["my editor", "-n"]
    assert editor_command({"VISUAL": " ", "EDITOR": ""}) == ["vi"]
    assert editor_command({}) == ["vi"]


def test_bad_template_off_a_terminal_logs_nothing(agenda: Run, tmp_path: Path) -> None:
    editor = fake_editor(tmp_path, "text = text.replace('rapport:', 'rapport: 9')")
    outcome = agenda("log", "ana", "--edit", env={"EDITOR": editor})
    assert outcome.code == 2
    assert "nothing logged: line" in outcome.err and "rapport" in outcome.err
    assert sessions(agenda) == []


def test_on_a_terminal_a_bad_template_opens_again(
    agenda: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runtime, "interactive", lambda: True)
    editor = fake_editor(
        tmp_path,
        "if '# PROBLEM:' in text:\n"
        "    text = text.replace('rapport: 9', 'rapport: 3')\n"
        "else:\n"
        "    text = text.replace('rapport:', 'rapport: 9') + 'second try'",
    )
    # No --notes on a terminal: the editor opens by itself.
    outcome = agenda("log", "ana", env={"EDITOR": editor})
    assert outcome.code == 0, outcome.err
    _, _, second = seen(tmp_path)
    assert second.startswith("# PROBLEM: line ")
    logged = sessions(agenda)[0]
    assert logged["rapport"] == 3 and logged["notes"] == "second try"


def test_options_prefill_the_template(agenda: Run, tmp_path: Path) -> None:
    editor = fake_editor(tmp_path, "text += ' and more'")
    outcome = agenda(
        "log",
        "ana",
        "--edit",
        "--notes",
        "typed first",
        "--rapport",
        "2",
        "--action",
        "mentee: read chapter 3",
        "--goal",
        "1=55",
        env={"VISUAL": editor, "EDITOR": "false"},
    )
    assert outcome.code == 0, outcome.err
    _, _, template = seen(tmp_path)
    assert "rapport: 2" in template and "- #1 ship the parser: 55%" in template
    assert "- [ ] mentee: read chapter 3" in template
    logged = sessions(agenda)[0]
    assert logged["notes"] == "typed first\n and more" and logged["rapport"] == 2
    assert json.loads(agenda("goal", "list", "ana", "--json").out)[0]["progress"] == 55
    actions = json.loads(agenda("action", "list", "ana", "--json").out)
    assert [a["text"] for a in actions] == ["draft the PR", "read chapter 3"]


def test_covered_from_another_pair_in_editor_flow_writes_nothing(
    agenda: Run, tmp_path: Path
) -> None:
    editor = fake_editor(tmp_path, "text = text.replace('- [ ] #1 mentee', '- [x] #1 mentee')")
    outcome = agenda("log", "ana", "--edit", "--covered", "2", env={"EDITOR": editor})
    assert outcome.code == 2 and "topic #2" in outcome.err
    assert sessions(agenda) == []
    actions = json.loads(agenda("action", "list", "ana", "--json").out)
    assert actions[0]["status"] == "open"


def test_on_a_terminal_saving_the_problem_unchanged_gives_up(
    agenda: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runtime, "interactive", lambda: True)
    editor = fake_editor(
        tmp_path, "if '# PROBLEM:' not in text:\n    text = text.replace('rapport:', 'rapport: 9')"
    )
    outcome = agenda("log", "ana", env={"EDITOR": editor})
    assert outcome.code == 2 and "nothing logged" in outcome.err
    assert sessions(agenda) == []
