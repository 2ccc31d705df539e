"""The `mentor log` template: what it offers, how it reads back, and round trips."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorcli.errors import BadInput
from mentorcli.model.agreement import Goal
from mentorcli.model.followups import Action, Topic
from mentorcli.notes_template import (
    Filled,
    LogAgenda,
    NewAction,
    TemplateError,
    build,
    clean_notes,
    parse,
    parse_action,
)

TODAY = date(2026, 11, 24)
STAMP = "2026-11-01T00:00:00+00:00"


def action(action_id: int, text: str, due: str | None = None, owner: str = "mentee") -> Action:
    return Action(action_id, "u", 1, owner, text, due, "open", None, None, STAMP, STAMP)


def goal(goal_id: int, title: str, progress: int) -> Goal:
    return Goal(goal_id, "u", 1, title, "", "open", progress, None, None, STAMP, STAMP)


def topic(topic_id: int, text: str) -> Topic:
    return Topic(topic_id, "u", 1, text, None, STAMP, STAMP)


AGENDA = LogAgenda(
    pair="rui/ana",
    mentor="rui",
    mentee="ana",
    actions=(action(12, "draft the PR", "2026-11-27"), action(14, "book a room", owner="mentor")),
    goals=(goal(3, "ship the parser", 40), goal(4, "reach 50% coverage", 10)),
    topics=(topic(5, "code review habits"), topic(6, "[bold]markup[/] stays")),
)


def test_template_lists_the_agenda() -> None:
    text = build(AGENDA)
    assert "- [ ] #12 mentee: draft the PR (due 2026-11-27)" in text
    assert "- [ ] #14 mentor: book a room" in text
    assert "- #3 ship the parser: 40%" in text
    assert "- #4 reach 50% coverage: 10%" in text
    assert "- [ ] #5 code review habits" in text
    assert "- [ ] #6 [bold]markup[/] stays" in text
    assert "rapport:" in text and "engagement:" in text
    assert text.rstrip().endswith("## Private\n\n## Notes")


def test_private_notes_have_their_own_section_above_the_shared_ones() -> None:
    private = "mine\n\n## Notes of mine\n\\## notes"
    text = build(AGENDA, Filled(notes="shared text", private_notes=private))
    assert text.index("## Private") < text.index("mine") < text.index("## Notes\n")
    filled = parse(text, AGENDA, TODAY)
    assert filled.notes == "shared text"
    assert filled.private_notes == private
    edited = text.replace("## Private\n", "## Private\nonly for me, # not a comment\n")
    filled = parse(edited, AGENDA, TODAY)
    assert filled.private_notes.startswith("only for me, # not a comment")
    assert filled.notes == "shared text"


def test_unedited_template_reads_as_nothing_done() -> None:
    filled = parse(build(AGENDA), AGENDA, TODAY)
    assert filled.done == () and filled.covered == () and filled.notes == ""
    assert filled.changed_progress(AGENDA) == {}
    assert filled.rapport is None and filled.new_actions == ()


def test_edits_are_read_back() -> None:
    text = (
        build(AGENDA)
        .replace("- [ ] #12", "- [x] #12")
        .replace("- [ ] #6", "- [X] #6")
        .replace("ship the parser: 40%", "ship the parser: 65%")
        .replace("rapport:", "rapport: 4")
        .replace("engagement:", "engagement: 3/5")
        .replace(
            "## Goals", "- [ ] ana: write the RFC due 2026-12-01\n- mentor: review it\n## Goals"
        )
        .replace("## Topics\n", "## Topics\n- [ ] pairing next time\n")
    )
    text += "\n\n# Heading kept\nLine two\n\n"
    filled = parse(text, AGENDA, TODAY)
    assert filled.done == (12,)
    assert filled.covered == (6,)
    assert filled.changed_progress(AGENDA) == {3: 65}
    assert filled.rapport == 4 and filled.engagement == 3
    assert filled.new_actions == (
        NewAction("mentee", "write the RFC", "2026-12-01"),
        NewAction("mentor", "review it", None),
    )
    assert filled.new_topics == ("pairing next time",)
    assert filled.notes == "# Heading kept\nLine two"


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (("rapport:", "rapport: 7"), "rapport"),
        (("engagement:", "engagement: lots"), "engagement"),
        (("ship the parser: 40%", "ship the parser: 140%"), "#3"),
        (("ship the parser: 40%", "ship the parser"), "#3"),
        (("- [ ] #12", "- [x] #99"), "#99"),
        (("## Goals\n", "## Goals\n- a goal without id\n"), "#id"),
        (("## Actions\n", "## Actions\n- [ ] fix it\n"), "owner"),
        (("## Actions\n", "## Actions\n- [ ] bob: fix it\n"), "bob"),
        (("## Actions\n", "## Actions\n- [ ] mentee: fix it due 2026-02-30\n"), "2026-02-30"),
        (("## Actions\n", "## Actions\nloose words\n"), "loose words"),
        (("## Notes", "## Nodes"), "## Notes"),
    ],
)
def test_unreadable_lines_are_named(change: tuple[str, str], named: str) -> None:
    text = build(AGENDA).replace(*change)
    with pytest.raises(TemplateError) as caught:
        parse(text, AGENDA, TODAY)
    message = str(caught.value)
    assert named in message and "\n" not in message


def test_error_names_the_line_number() -> None:
    text = build(AGENDA).replace("rapport:", "rapport: 9")
    number = text.split("\n").index("rapport: 9  (1-5)") + 1
    with pytest.raises(TemplateError, match=f"line {number} "):
        parse(text, AGENDA, TODAY)


def test_deleted_lines_change_nothing() -> None:
    kept = [line for line in build(AGENDA).split("\n") if "#3" not in line and "#12" not in line]
    filled = parse("\n".join(kept), AGENDA, TODAY)
    assert filled.progress == {4: 10} and filled.done == ()


def test_hostile_titles_stay_on_one_line() -> None:
    agenda = LogAgenda(
        "rui/ana", "rui", "ana", goals=(goal(1, "two\nlines\x1b[2J and ## Notes", 5),)
    )
    text = build(agenda)
    assert "- #1 two lines\\x1b[2J and ## Notes: 5%" in text
    assert parse(text, agenda, TODAY).progress == {1: 5}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("mentee: draft the PR", NewAction("mentee", "draft the PR")),
        ("mentor:send notes due 2026-12-01", NewAction("mentor", "send notes", "2026-12-01")),
        ("ana: draft (due tomorrow)", NewAction("mentee", "draft", "2026-11-25")),
        ("RUI: plan due tue", NewAction("mentor", "plan", "2026-11-24")),
        ("mentee: fix the due date logic", NewAction("mentee", "fix the due date logic")),
        (
            "mentee: due diligence due 24 Nov 2026",
            NewAction("mentee", "due diligence", "2026-11-24"),
        ),
        ("mentee: a: b: c", NewAction("mentee", "a: b: c")),
        ("mentee: ship it due next fri", NewAction("mentee", "ship it", "2026-11-27")),
        ("mentee: ship it due in 2 weeks", NewAction("mentee", "ship it", "2026-12-08")),
        ("mentor: review (due eow)", NewAction("mentor", "review", "2026-11-29")),
        ("mentor: report due EOM", NewAction("mentor", "report", "2026-11-30")),
        ("mentee: demo due Dec 1", NewAction("mentee", "demo", "2026-12-01")),
        ("mentee: fix the bug due in staging", NewAction("mentee", "fix the bug due in staging")),
        ("mentee: plan the one due last", NewAction("mentee", "plan the one due last")),
    ],
)
def test_action_lines(line: str, expected: NewAction) -> None:
    assert parse_action(line, TODAY, "rui", "ana") == expected


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("fix it", "owner"),
        ("bob: fix it", "bob"),
        ("mentee:   ", "nothing to do"),
        ("mentee: x due 12/01/2026", "ambiguous"),
        ("mentee: x due 2026-13-01", "2026-13-01"),
    ],
)
def test_bad_action_lines(line: str, named: str) -> None:
    with pytest.raises(BadInput, match=named):
        parse_action(line, TODAY, "rui", "ana")


# Round trips: whatever a user could have written into the template reads back the same.

_plain = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="()#"
    ),
    min_size=1,
    max_size=30,
).map(lambda s: " ".join(s.split()))
_words = _plain.filter(lambda s: bool(s) and " due " not in f" {s.lower()} ")
_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)).map(date.isoformat)
_new_actions = st.builds(
    NewAction, st.sampled_from(["mentor", "mentee"]), _words, st.none() | _dates
)


@st.composite
def agendas_and_fills(draw: st.DrawFn) -> tuple[LogAgenda, Filled]:
    action_ids = draw(st.lists(st.integers(1, 500), unique=True, max_size=5))
    goal_ids = draw(st.lists(st.integers(1, 500), unique=True, max_size=5))
    topic_ids = draw(st.lists(st.integers(1, 500), unique=True, max_size=5))
    agenda = LogAgenda(
        pair="rui/ana",
        mentor="rui",
        mentee="ana",
        actions=tuple(
            draw(st.builds(action, st.just(i), _words, st.none() | _dates)) for i in action_ids
        ),
        goals=tuple(
            draw(st.builds(goal, st.just(i), _plain, st.integers(0, 100))) for i in goal_ids
        ),
        topics=tuple(draw(st.builds(topic, st.just(i), _plain)) for i in topic_ids),
    )
    filled = Filled(
        done=tuple(draw(st.lists(st.sampled_from(action_ids), unique=True)) if action_ids else ()),
        covered=tuple(draw(st.lists(st.sampled_from(topic_ids), unique=True)) if topic_ids else ()),
        progress={i: draw(st.integers(0, 100)) for i in goal_ids},
        new_actions=tuple(draw(st.lists(_new_actions, max_size=3))),
        new_topics=tuple(
            draw(st.lists(_words.filter(lambda s: not s.startswith("[")), max_size=3))
        ),
        rapport=draw(st.none() | st.integers(1, 5)),
        engagement=draw(st.none() | st.integers(1, 5)),
        notes=clean_notes(draw(st.text(max_size=200))),
    )
    return agenda, filled


def _ordered(filled: Filled, agenda: LogAgenda) -> Filled:
    """Ticks come back in the agenda's order."""
    return Filled(
        done=tuple(a.id for a in agenda.actions if a.id in filled.done),
        covered=tuple(t.id for t in agenda.topics if t.id in filled.covered),
        progress=filled.progress,
        new_actions=filled.new_actions,
        new_topics=filled.new_topics,
        rapport=filled.rapport,
        engagement=filled.engagement,
        notes=filled.notes,
    )


@given(agendas_and_fills())
def test_round_trip(case: tuple[LogAgenda, Filled]) -> None:
    agenda, filled = case
    assert parse(build(agenda, filled), agenda, TODAY) == _ordered(filled, agenda)


@given(st.text(max_size=300))
def test_notes_are_kept_verbatim(notes: str) -> None:
    agenda = LogAgenda("rui/ana", "rui", "ana", goals=(goal(1, "g", 5),))
    text = build(agenda) + notes
    assert parse(text, agenda, TODAY).notes == clean_notes(notes)


@given(st.text(max_size=100))
def test_clean_notes_is_idempotent(notes: str) -> None:
    assert clean_notes(clean_notes(notes)) == clean_notes(notes)
