"""The `mentor log` notes template: built from the pair's agenda and read back after editing.

Pure: no I/O and no clock (today is passed in). Everything above the `## Notes` line is
structure, read line by line, except a `## Private` section just above it: the private notes,
which never leave this database. Everything below `## Notes` is the shared notes, verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .errors import BadInput

if TYPE_CHECKING:
    from .model.agreement import Goal
    from .model.followups import Action, Topic

NOTES_HEADER = "## Notes"
PRIVATE_HEADER = "## Private"
SECTIONS = {"## actions": "actions", "## goals": "goals", "## topics": "topics"}

_NOTES_LINE = r"(?m)^##[ \t]*notes\b[^\n]*(?:\n|\Z)"
_PRIVATE_LINE = r"(?m)^##[ \t]*private\b[^\n]*(?:\n|\Z)"
_ITEM = r"[-*+][ \t]*(?:\[(?P<tick>[ xX]?)\][ \t]*)?(?:#(?P<id>[0-9]+)\b)?[ \t]*(?P<text>.*)"
_SCORE = r"(?i)(?P<name>rapport|engagement)[ \t]*:[ \t]*(?P<value>.*)"
_FIELD = r"(?i)(?P<name>when|minutes|channel|tech[ \t]+issue)[ \t]*:[ \t]*(?P<value>.*)"
_ACTION_DUE = r"(?is)\(due\s+(?P<due>[^()]*?)\s*\)\s*\Z"
# A goal's number ends its line, after a colon or followed by %, so "ship v2" is no 2%.
_PERCENT = r"(?::[ \t]*(?P<after>[0-9]+)[ \t]*%?|(?P<before>[0-9]+)[ \t]*%)[ \t]*\Z"
_OWNER = r"(?s)[ \t]*(?P<owner>[^:\s]+)[ \t]*:(?P<rest>.*)"
_DUE_PAREN = r"(?s)(?P<text>.*?)\s*\(due\s+(?P<due>[^()]*?)\s*\)\s*"
_DUE_WORD = r"(?s)(?P<text>.*)\s+due\s+(?P<due>.+?)\s*"
# What follows "due" must look like the start of a date to be read as one, so an action
# such as "fix the due date logic" keeps its words.
_DATE_START = (
    r"(?i)(?:[0-9]|(?:(?:next|last)\s+)?(?:today|tomorrow|yesterday|mon|tue|wed|thu|fri|sat|"
    r"sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|eo[wm]\b|"
    r"in\s+(?:[0-9]+|an?|one)\s+(?:day|week|month|year)s?\b)"
)


@dataclass(frozen=True)
class NewAction:
    """A commitment typed by the user, owner resolved to mentor or mentee."""

    owner: str
    text: str
    due_on: str | None = None

    def line(self) -> str:
        due = f" (due {self.due_on})" if self.due_on else ""
        return f"{self.owner}: {self.text}{due}"


@dataclass(frozen=True)
class LogAgenda:
    """What the template offers: the pair's open actions, open goals and queued topics."""

    pair: str
    mentor: str
    mentee: str
    actions: tuple[Action, ...] = ()
    me: str = ""  # the `me` setting: "me:" owns an action when it is one of the pair
    goals: tuple[Goal, ...] = ()
    topics: tuple[Topic, ...] = ()


@dataclass(frozen=True)
class Filled:
    """What the user wrote into the template."""

    done: tuple[int, ...] = ()
    covered: tuple[int, ...] = ()
    progress: dict[int, int] = field(default_factory=dict)
    new_actions: tuple[NewAction, ...] = ()
    new_topics: tuple[str, ...] = ()
    rapport: int | None = None
    engagement: int | None = None
    notes: str = ""
    private_notes: str = ""
    when: str = ""  # as typed, in the logger's zone; "" for now
    minutes: int | None = None
    channel: str = ""  # "" for the pair's own
    tech_issue: str = ""
    due: dict[int, str | None] = field(default_factory=dict)  # actions whose due date changed

    def changed_progress(self, agenda: LogAgenda) -> dict[int, int]:
        """The goals whose percentage the user changed."""
        before = {goal.id: goal.progress for goal in agenda.goals}
        return {gid: pct for gid, pct in self.progress.items() if before.get(gid) != pct}


def flat(text: str) -> str:
    """User text on one template line: controls made visible, whitespace runs collapsed."""
    from .render.text import visible

    return " ".join(visible(text).split())


def clean_notes(text: str) -> str:
    """Notes without leading blank lines or trailing whitespace; the rest exactly as typed."""
    return re.sub(r"\A(?:[ \t]*\n)+", "", text).rstrip()


def build(agenda: LogAgenda, filled: Filled | None = None, *, session: int | None = None) -> str:
    """The template text; `filled` pre-fills the fields, ticks, numbers, new lines and notes.
    For `session` (an id), the template of that logged session: its fields and notes only."""
    filled = filled or Filled()
    lines = _fields(agenda, filled, session)
    if session is not None:
        return _scores_and_notes(lines, filled)
    lines += ["", "## Actions"]
    for action in agenda.actions:
        tick = "x" if action.id in filled.done else " "
        due_on = filled.due.get(action.id, action.due_on)
        due = f" (due {due_on})" if due_on else ""
        lines.append(f"- [{tick}] #{action.id} {action.owner}: {flat(action.text)}{due}")
    lines += [f"- [ ] {action.line()}" for action in filled.new_actions]
    lines += ["", "## Goals"]
    for goal in agenda.goals:
        percent = filled.progress.get(goal.id, goal.progress)
        lines.append(f"- #{goal.id} {flat(goal.title)}: {percent}%")
    lines += ["", "## Topics"]
    for topic in agenda.topics:
        tick = "x" if topic.id in filled.covered else " "
        lines.append(f"- [{tick}] #{topic.id} {flat(topic.text)}")
    lines += [f"- [ ] {text}" for text in filled.new_topics]
    return _scores_and_notes(lines, filled)


def _fields(agenda: LogAgenda, filled: Filled, session: int | None) -> list[str]:
    if session is None:
        lines = [
            f"# mentor log {flat(agenda.pair)}: write the session notes under {NOTES_HEADER!r}.",
            "# Tick [x] the actions done and the topics covered; change a goal's number for "
            "progress.",
            '# New action: "- [ ] mentee: TEXT due DATE" (or mentor:) under Actions;',
            '# new topic for next time: "- [ ] TEXT" under Topics. Lines starting "# " are '
            "ignored.",
        ]
    else:
        lines = [f"# mentor session edit {session} ({flat(agenda.pair)}): change what is wrong."]
    return [
        *lines,
        "# when: in your time zone, e.g. 2026-11-20 15:00.",
        "# channel: video, call, chat, email, doc or in-person.",
        f"# Under {PRIVATE_HEADER!r}: notes for you alone, never synced or exported.",
        "# Quit without saving a change to change nothing.",
        "",
        f"when: {filled.when}".rstrip(),
        f"minutes: {'' if filled.minutes is None else filled.minutes}".rstrip(),
        f"channel: {filled.channel}".rstrip(),
        f"tech issue: {flat(filled.tech_issue)}".rstrip(),
    ]


def _scores_and_notes(lines: list[str], filled: Filled) -> str:
    lines += [
        "",
        f"rapport: {filled.rapport or ''}".rstrip() + "  (1-5)",
        f"engagement: {filled.engagement or ''}".rstrip() + "  (1-5)",
        "",
        PRIVATE_HEADER,
        "",
    ]
    if filled.private_notes:
        # A private line that reads as the notes header is written escaped, so a round trip
        # through the editor never turns the rest of the private notes into shared ones.
        escaped = re.sub(r"(?im)^(\\*##[ \t]*notes\b)", r"\\\1", filled.private_notes)
        lines += [escaped, ""]
    text = "\n".join([*lines, NOTES_HEADER, ""])
    return text + filled.notes + "\n" if filled.notes else text


class TemplateError(BadInput):
    """A line of the edited template that cannot be read."""


def parse(
    text: str,
    agenda: LogAgenda,
    today: date,
    check_when: Callable[[str], object] | None = None,
) -> Filled:
    """What the user wrote into a template built from `agenda`; `check_when` refuses a
    `when:` it cannot take (with the line's number)."""
    header = re.search(_NOTES_LINE, text, re.IGNORECASE)
    if header is None:
        raise TemplateError(f"the {NOTES_HEADER!r} line is missing; put it back above your notes")
    reader = _Reader(agenda, today, check_when)
    structure, private = text[: header.start()], ""
    section = re.search(_PRIVATE_LINE, structure, re.IGNORECASE)
    if section is not None:
        structure, private = structure[: section.start()], structure[section.end() :]
    for number, line in enumerate(structure.split("\n"), start=1):
        reader.read(line.rstrip("\r").strip(), number)
    private = re.sub(r"(?im)^\\(\\*##[ \t]*notes\b)", r"\1", private)
    return reader.filled(clean_notes(text[header.end() :]), clean_notes(private))


class _Reader:
    def __init__(
        self, agenda: LogAgenda, today: date, check_when: Callable[[str], object] | None
    ) -> None:
        self.agenda = agenda
        self.today = today
        self.check_when = check_when
        self.section = ""
        self.done: list[int] = []
        self.covered: list[int] = []
        self.progress: dict[int, int] = {}
        self.new_actions: list[NewAction] = []
        self.new_topics: list[str] = []
        self.scores: dict[str, int | None] = {"rapport": None, "engagement": None}
        self.fields: dict[str, Any] = {}
        self.due: dict[int, str | None] = {}

    def filled(self, notes: str, private_notes: str) -> Filled:
        return Filled(
            done=tuple(dict.fromkeys(self.done)),
            covered=tuple(dict.fromkeys(self.covered)),
            progress=self.progress,
            new_actions=tuple(self.new_actions),
            new_topics=tuple(self.new_topics),
            rapport=self.scores["rapport"],
            engagement=self.scores["engagement"],
            notes=notes,
            private_notes=private_notes,
            due=self.due,
            **self.fields,
        )

    def fail(self, number: int, problem: str) -> TemplateError:
        return TemplateError(f"line {number} of the notes template: {problem}")

    def read(self, line: str, number: int) -> None:
        lowered = " ".join(line.lower().split())
        if lowered in SECTIONS:
            self.section = SECTIONS[lowered]
            return
        if not line or line.startswith("#"):
            return
        score = re.fullmatch(_SCORE, line)
        if score:
            self.read_score(score["name"].lower(), score["value"], number)
            return
        found = re.fullmatch(_FIELD, line)
        if found:
            self.read_field(" ".join(found["name"].lower().split()), found["value"].strip(), number)
            return
        item = re.fullmatch(_ITEM, line)
        if item is None or not self.section:
            raise self.fail(number, f"{_shown(line)} is not understood; a line here starts '- '")
        handler = {"actions": self.read_action, "goals": self.read_goal}.get(
            self.section, self.read_topic
        )
        handler(item, number)

    def read_score(self, name: str, value: str, number: int) -> None:
        words = value.split("(")[0].strip()
        if not words:
            return
        score = re.fullmatch(r"([0-9]+)\s*(?:/\s*5)?", words)
        if score is None or not 1 <= int(score[1]) <= 5:
            raise self.fail(number, f"{name} {_shown(words)} should be a number from 1 to 5")
        self.scores[name] = int(score[1])

    def read_field(self, name: str, value: str, number: int) -> None:
        from .vocabulary import CHANNELS

        if name == "minutes" and value:
            minutes = re.fullmatch(r"([0-9]{1,4})\s*(?:min(?:utes)?)?", value, re.IGNORECASE)
            if minutes is None or int(minutes[1]) > 1440:
                raise self.fail(number, f"minutes {_shown(value)} should be 0 to 1440")
            self.fields["minutes"] = int(minutes[1])
        elif name == "channel" and value:
            if value.lower() not in CHANNELS:
                raise self.fail(
                    number, f"channel {_shown(value)} is not one of {', '.join(CHANNELS)}"
                )
            self.fields["channel"] = value.lower()
        elif name == "when":
            self.fields["when"] = value
            if value and self.check_when is not None:
                try:
                    self.check_when(value)
                except BadInput as exc:
                    raise self.fail(number, str(exc)) from None
        elif name == "tech issue":
            self.fields["tech_issue"] = value

    def read_action(self, item: re.Match[str], number: int) -> None:
        if item["id"] is not None:
            action_id = int(item["id"])
            listed = {a.id: a for a in self.agenda.actions}
            if action_id not in listed:
                raise self.fail(number, f"#{action_id} is not one of the open actions listed")
            if item["tick"] and item["tick"] in "xX":
                self.done.append(action_id)
            self.read_due(listed[action_id], item["text"], number)
            return
        try:
            agenda = self.agenda
            action = parse_action(item["text"], self.today, agenda.mentor, agenda.mentee, agenda.me)
        except BadInput as exc:
            raise self.fail(number, str(exc)) from None
        self.new_actions.append(action)

    def read_due(self, action: Action, text: str, number: int) -> None:
        """A due date changed (or taken away) on an open action's line."""
        from .when import parse_date

        found = re.search(_ACTION_DUE, text)
        due_on = None
        if found is not None:
            try:
                due_on = parse_date(found["due"], self.today).isoformat()
            except BadInput as exc:
                raise self.fail(number, str(exc)) from None
        if due_on != action.due_on:
            self.due[action.id] = due_on

    def read_goal(self, item: re.Match[str], number: int) -> None:
        if item["id"] is None:
            raise self.fail(number, "a goal line needs its #id; add goals with 'mentor goal add'")
        goal_id = int(item["id"])
        if goal_id not in {g.id for g in self.agenda.goals}:
            raise self.fail(number, f"#{goal_id} is not one of the open goals listed")
        found = re.search(_PERCENT, item["text"])
        percent = int(found["after"] or found["before"]) if found else None
        if percent is None or percent > 100:
            raise self.fail(number, f"end goal #{goal_id}'s line with its progress, e.g. ': 40%'")
        self.progress[goal_id] = percent

    def read_topic(self, item: re.Match[str], number: int) -> None:
        if item["id"] is not None:
            topic_id = int(item["id"])
            if topic_id not in {t.id for t in self.agenda.topics}:
                raise self.fail(number, f"#{topic_id} is not one of the queued topics listed")
            if item["tick"] and item["tick"] in "xX":
                self.covered.append(topic_id)
            return
        if item["text"].strip():
            self.new_topics.append(item["text"].strip())


def _shown(text: str) -> str:
    shown = flat(text)
    return f'"{shown[:50]}…"' if len(shown) > 50 else f'"{shown}"'


def owner_role(word: str, mentor: str, mentee: str, me: str = "") -> str | None:
    """mentor or mentee for what the user typed as an owner: the role, a handle, or `me`
    (standing for the `me` handle)."""
    lowered = word.strip().lower()
    if lowered == "me" and me:
        lowered = me.lower()
    roles = {"mentor": "mentor", "mentee": "mentee", mentor.lower(): "mentor"}
    roles.setdefault(mentee.lower(), "mentee")
    return roles.get(lowered)


def parse_action(text: str, today: date, mentor: str, mentee: str, me: str = "") -> NewAction:
    """ "mentee: TEXT [due DATE]" (or "(due DATE)") as a NewAction; the owner may be a handle.
    A TEXT in double quotes is taken as it is, so it may itself end in "due" and words."""
    from .when import parse_date

    found = re.fullmatch(_OWNER, text)
    if found is None:
        raise BadInput(
            f"action {_shown(text)} has no owner: start it with 'mentor:' or 'mentee:', "
            "e.g. 'mentee: draft the PR due fri'"
        )
    owner = owner_role(found["owner"], mentor, mentee, me)
    if owner is None:
        raise BadInput(
            f"unknown owner {_shown(found['owner'])} in action {_shown(text)}: "
            f"use mentor, mentee, {mentor} or {mentee}"
        )
    rest, due_on = found["rest"].strip(), None
    quoted = re.fullmatch(r'(?s)"(?P<text>[^"]*)"(?P<after>.*)', rest)
    words, after = (quoted["text"].strip(), quoted["after"]) if quoted else ("", rest)
    due = re.fullmatch(_DUE_PAREN, after, re.IGNORECASE)
    if due is None:
        worded = re.fullmatch(_DUE_WORD, after if quoted else rest, re.IGNORECASE)
        if quoted and worded is None:
            worded = re.fullmatch(r"(?is)(?P<text>)\s*due\s+(?P<due>.+?)\s*", after)
        due = worded if worded and _looks_like_a_date(worded["due"], text) else None
    if due is not None:
        rest, due_on = due["text"].strip(), parse_date(due["due"], today).isoformat()
    if quoted:
        if (after.strip() and due is None) or (due is not None and due["text"].strip()):
            raise BadInput(
                f"action {_shown(text)}: after the quoted text only 'due DATE' may follow"
            )
        rest = words
    if not rest:
        raise BadInput(f"action {_shown(text)} says nothing to do: add the text after the owner")
    return NewAction(owner, rest, due_on)


# The words a due date starts with, to tell a mistyped one ("due fir") from text that
# happens to hold "due" ("fix the due date logic").
_DATE_WORDS = (
    "today", "tomorrow", "yesterday", "next", "last", "in", "eow", "eom",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)  # fmt: skip


def _looks_like_a_date(words: str, text: str) -> bool:
    """Whether what follows "due" is meant as a date: it starts like one (then it must be
    one), or it is a word or two that nearly is (a typo: refused, naming it)."""
    if re.match(_DATE_START, words):
        return True
    from difflib import get_close_matches

    first = words.split()[0].lower() if words.split() else ""
    # A date word itself ("due in staging", "due last") is the writer's text, not a typo.
    near = get_close_matches(first, _DATE_WORDS, n=1, cutoff=0.6)
    if len(words.split()) <= 2 and near and first not in _DATE_WORDS:
        raise BadInput(
            f"action {_shown(text)}: {_shown(words)} is not a date; fix it, give the date as "
            '--due, or quote the text to keep "due" in it (mentee: "… due …")'
        )
    return False
