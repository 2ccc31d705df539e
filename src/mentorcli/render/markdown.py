"""Markdown writers for the progress summary and the agenda; user text can never add structure."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from ..labels import bar
from .text import hidden_escapes

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ..model.followups import Action
    from ..reports.agenda import Agenda
    from ..reports.clock import LocalTime
    from ..reports.summary import Summary, TimelineEntry

# Characters that mean something anywhere in a line: escapes, emphasis, code, links and images,
# raw HTML and entities, table cells, strikethrough. One str.translate escapes them all: a notes
# export runs it over tens of thousands of lines.
_INLINE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>&|~!"})
# What opens a block at the start of a line: headings, quotes, lists, thematic breaks, setext
# underlines, fences (`~` and backticks are escaped everywhere already).
_LINE_START = frozenset("#>+=-")
_ORDERED = re.compile(r"^([0-9]{1,9})([.)])")
_BLOCK_FIRST = _LINE_START | frozenset("0123456789")
# What a linkify pass (GFM's bare URLs: `example.com`, `http://…`, `//host`, `a@b.org`) needs
# to see unescaped: a dot inside a word, a colon after a scheme's last letter, two slashes. An
# escape splits the text there, and it reads the same (`08:00` is no scheme, and stays). One
# pattern each, starting with its character: a search for one character is several times
# faster than for any of three, and notes are long. Each escape goes before its character, so
# no pass changes what another one looks at.
_DOT = re.compile(r"\.(?=\S)")
_SCHEME_COLON = re.compile(r":(?<=[A-Za-z]:)(?=\S)")
_SLASHES = re.compile(r"/(?=/)")


def block_start(escaped: str) -> str:
    """An escaped, stripped line made unable to open a block."""
    first = escaped[:1]
    if first in _LINE_START:
        return "\\" + escaped
    if "0" <= first <= "9":
        return _ORDERED.sub(r"\1\\\2", escaped)
    return escaped


def unlinked(escaped: str) -> str:
    """Escaped text that no linkify pass turns into a link."""
    if _DOT.search(escaped):  # seldom: a search is half the time of a substitution
        escaped = _DOT.sub(r"\\.", escaped)
    if ":" in escaped:
        escaped = _SCHEME_COLON.sub(r"\\:", escaped)
    if "/" in escaped:
        escaped = _SLASHES.sub(r"\\/", escaped)
    return escaped


@lru_cache(maxsize=1)
def _visible_literal() -> dict[int, str]:
    """One translate table doing both `visible` and the escapes above: notes are long, and one
    pass over them is half the time of two."""
    table = {code: escape.translate(_INLINE) for code, escape in hidden_escapes().items()}
    table.update(_INLINE)
    return table


@lru_cache(maxsize=1)
def _text_table() -> dict[int, str]:
    """`_visible_literal` for parsed text, where a hidden character can only have come from an
    entity (the note was made visible before parsing): its escape ends in an entity too, so an
    emphasis beside it sees punctuation there, as it did. Newlines and tabs as entities."""
    table = {
        code: escape[:-1].translate(_INLINE) + f"&#{ord(escape[-1])};"
        for code, escape in hidden_escapes().items()
    }
    return {**_INLINE, **table, ord("\n"): "&#10;", ord("\t"): "&#9;"}


def _entities(spaces: str) -> str:
    return "".join(f"&#{ord(c)};" for c in spaces)


def escape_text(text: str, *, at_start: bool, at_end: bool) -> str:
    """Parsed text as literal Markdown inline content. Whitespace at a line's or an emphasis'
    edge can only have come from an entity, and is written as one again: bare, the parser would
    strip it or it would undo the emphasis."""
    escaped = unlinked(text.translate(_text_table()))
    # A dot or scheme colon at the end is inside a word when a code span or emphasis follows.
    last = escaped[-2:]
    if not at_end and (last[-1:] == "." or (last[:1].isalpha() and last[-1:] == ":")):
        escaped = escaped[:-1] + "\\" + escaped[-1]
    if at_start:
        stripped = escaped.lstrip()
        escaped = _entities(escaped[: len(escaped) - len(stripped)]) + stripped
    if at_end:
        stripped = escaped.rstrip()
        escaped = stripped + _entities(escaped[len(stripped) :])
    return escaped


def inline(text: str) -> str:
    """User text as one line of literal Markdown inline content; safe at a line's start too
    (after "- " it could otherwise open a heading or a list)."""
    # Spaces at either end would make an indented code block or a hard break: split and
    # joined, there are none. One translate pass makes the text visible and escapes it (an
    # export runs this for every action): it turns no character into whitespace, and no
    # whitespace but hidden ones (which `visible` escaped before the split too) into others.
    return block_start(unlinked(" ".join(text.translate(_visible_literal()).split())))


def quoted_block(text: str) -> list[str]:
    """Multi-line user text as a block quote of literal paragraphs."""
    # One translate pass for the whole text, C loops for the lines.
    lines = list(map(str.strip, unlinked(text.translate(_visible_literal())).split("\n")))
    for index, line in enumerate(lines):
        if line[:1] in _BLOCK_FIRST:  # "" is in no set
            lines[index] = block_start(line)
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return [f"> {line}" if line else ">" for line in lines]


def cell(text: str) -> str:
    """User text inside a table cell."""
    return inline(text) or " "


@lru_cache(maxsize=64)
def _city(zone: str) -> str:
    """The zone's city, as shown beside a time (an export shows thousands of times)."""
    from ..zones import city

    return city(zone)


# strftime's %a and %b in the C locale, which Python keeps for them unless a program sets
# another (mentor does not): written out, a clock costs a third of what strftime does.
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _clock(local: LocalTime, with_date: bool) -> str:
    """The time (and with_date, the day) of an ISO instant on its own clock, and the city."""
    at = local.at  # YYYY-MM-DDTHH:MM...
    if not with_date:
        return f"{at[11:16]} {_city(local.zone)}"
    day = date.fromisoformat(at[:10])
    return (
        f"{_DAYS[day.weekday()]} {at[8:10]} {_MONTHS[day.month - 1]} {day.year} {at[11:16]} "
        f"{_city(local.zone)}"
    )


def both(local: tuple[LocalTime, LocalTime]) -> str:
    first, second = local
    same_day = first.at[:10] == second.at[:10]
    return f"{_clock(first, True)} · {_clock(second, not same_day)}"


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{round(share * 100)}%"


def summary_markdown(summary: Summary) -> Iterator[str]:
    """The summary as Markdown, in pieces to write as they come: its sessions and actions are
    read from the database as they are written."""
    return _gathered(_summary_pieces(summary))


# How much text to gather before it is written: a few writes a megabyte, not one a session.
_PIECE = 1 << 16


def _gathered(pieces: Iterator[str]) -> Iterator[str]:
    """The pieces joined into ones of about _PIECE characters."""
    gathered: list[str] = []
    size = 0
    for piece in pieces:
        gathered.append(piece)
        size += len(piece)
        if size >= _PIECE:
            yield "".join(gathered)
            gathered, size = [], 0
    if gathered:
        yield "".join(gathered)


def _summary_pieces(summary: Summary) -> Iterator[str]:
    yield _lines(_summary_head(summary))
    yield from _sessions(summary.timeline)
    yield "## Actions\n\n### Done\n\n"
    yield from _listed(map(_done, summary.actions_done), "None in this period.")
    yield "\n### Open\n\n"
    yield from _listed(map(_open, summary.actions_open), "None.")


def _listed(lines: Iterator[str], none: str) -> Iterator[str]:
    """Each line, or `none` when there is none."""
    empty = True
    for line in lines:
        empty = False
        yield line + "\n"
    if empty:
        yield none + "\n"


def _lines(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def _summary_head(summary: Summary) -> list[str]:
    """Everything before the sessions: the pair, the agreement, the goals and the figures."""
    pair, f = summary.pair, summary.figures
    out = [f"# Mentoring progress: {inline(pair.mentor)} and {inline(pair.mentee)}", ""]
    period = f"the sessions since {summary.since}" if summary.since else "every session on record"
    out += [f"Generated {summary.generated_at[:10]}, covering {period}.", ""]
    out += ["## The pair", ""]
    for role, person in (("Mentor", summary.mentor), ("Mentee", summary.mentee)):
        name = f" ({inline(person.name)})" if person.name else ""
        out.append(
            f"- {role}: {inline(person.handle)}{name}, {person.timezone}, "
            f"working hours {inline(person.hours)}"
        )
    out += [
        f"- Status: {pair.status}, since {pair.start_date}"
        + (f" until {pair.end_date}" if pair.end_date else "")
        + (f" ({inline(pair.end_reason)})" if pair.end_reason else ""),
        f"- Cadence: {inline(pair.cadence)}, usually by {pair.channel}",
    ]
    if pair.focus:
        out.append(f"- Focus: {inline(pair.focus)}")
    out += ["", "## The agreement", ""]
    out += [
        f"- {e.topic}: {inline(e.text)} (agreed {e.agreed_on}"
        + (f", review {e.review_on})" if e.review_on else ")")
        for e in summary.expectations
    ] or ["No expectations recorded."]
    out += ["", "## Goals", ""]
    if summary.goals:
        out += ["| Goal | Status | Progress | Due |", "| --- | --- | --- | --- |"]
        out += [
            f"| {cell(g.title)} | {g.status} | {bar(g.progress)} {g.progress}% | "
            f"{g.due_on or '-'} |"
            for g in summary.goals
        ]
    else:
        out.append("No goals recorded.")
    out += ["", "## Figures", "", "| Figure | Value |", "| --- | --- |"]
    out += [
        f"| Sessions and touchpoints | {f.sessions} |",
        f"| Hours together | {f.hours:g} |",
        f"| Asynchronous touchpoints | {f.asynchronous} ({_percent(f.async_share)}) |",
        f"| Cadence kept | {_percent(f.cadence_kept)} of {f.intervals} intervals |",
        f"| Actions done on time | {f.actions_done_on_time} of "
        f"{f.actions_with_due_date_done} ({_percent(f.on_time_share)}) |",
    ]
    if summary.for_whom != "mentee":
        rapport = f"{_mean(f.rapport_mean)} {f.rapport_trend}".rstrip()
        engagement = f"{_mean(f.engagement_mean)} {f.engagement_trend}".rstrip()
        out += [
            f"| Rapport (mean, trend) | {rapport} |",
            f"| Engagement (mean, trend) | {engagement} |",
        ]
    return [*out, "", "## Sessions", ""]


def _sessions(timeline: Iterable[TimelineEntry]) -> Iterator[str]:
    from .notes_markdown import note_markdown

    number = 0
    for number, entry in enumerate(timeline, 1):
        facts = entry.channel + (" (asynchronous)" if entry.asynchronous else "")
        if entry.minutes is not None:
            facts += f", {entry.minutes} min"
        if entry.rapport is not None:
            facts += f", rapport {entry.rapport}/5"
        if entry.engagement is not None:
            facts += f", engagement {entry.engagement}/5"
        out = [f"### {number}. {both(entry.local)}", "", f"- {facts}"]
        if entry.tech_issue:
            out.append(f"- Technology trouble: {inline(entry.tech_issue)}")
        notes = note_markdown(entry.notes)
        if notes:
            out += ["", *notes]
        out.append("")
        yield _lines(out)
    if not number:
        # No blank line before the next heading here: the document has always read so.
        yield "No sessions in this period.\n"


def _done(action: Action) -> str:
    return f"- {inline(action.text)} ({action.owner}, done {action.done_on or '?'}" + (
        f", due {action.due_on})" if action.due_on else ")"
    )


def _open(action: Action) -> str:
    return f"- {inline(action.text)} ({action.owner}" + (
        f", due {action.due_on})" if action.due_on else ")"
    )


def _mean(value: float | None) -> str:
    return "-" if value is None else f"{value:g}/5"


def agenda_markdown(agenda: Agenda) -> str:
    out = [f"# Agenda: {inline(agenda.mentor)} and {inline(agenda.mentee)}", ""]
    when = both(agenda.due_local)
    late = f" (overdue by {agenda.overdue_days} days)" if agenda.overdue_days else ""
    first = " (first session)" if agenda.first_session else ""
    booked = agenda.planned
    if booked is None:
        out += [f"Next session due {when}{late}{first}.", ""]
    else:
        out += [f"Next session planned (#{booked.id}) {when}, {booked.minutes} min by "]
        out[-1] += f"{booked.channel}{first}."
        out += ([f"Planned for: {inline(booked.agenda_note)}"] if booked.agenda_note else []) + [""]
    if agenda.focus:
        out += [f"Focus: {inline(agenda.focus)}", ""]
    out += ["## Follow-ups", ""]
    out += [
        f"- {'**OVERDUE** ' if f.overdue_days else ''}#{f.id} {inline(f.who)}: {inline(f.text)}"
        + (f" (due {f.due_on})" if f.due_on else "")
        for f in agenda.followups
    ] or ["None open."]
    out += ["", "## Goals", ""]
    out += [
        f"- {inline(g.title)}: {bar(g.progress)} {g.progress}%"
        + (f" (due {g.due_on})" if g.due_on else "")
        for g in agenda.goals
    ] or ["No open goals."]
    out += ["", "## Topics", ""]
    out += [f"- #{t.id} {inline(t.text)}" for t in agenda.topics] or ["Nothing queued."]
    if agenda.reviews:
        out += ["", "## Expectations to review", ""]
        out += [f"- {r.topic}: {inline(r.text)} ({r.reason})" for r in agenda.reviews]
    out += ["", "## Last session", ""]
    recap = agenda.recap
    if recap is None:
        out.append("None yet.")
    else:
        length = f", {recap.minutes} min" if recap.minutes is not None else ""
        out.append(f"{both(recap.local)}, {recap.channel}{length}.")
        if recap.notes:
            from .notes_markdown import note_line

            out += ["", f"> {note_line(recap.notes)}"]
    return "\n".join(out).rstrip("\n") + "\n"
