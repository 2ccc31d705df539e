"""The agenda on a terminal: when, follow-ups, goals, topics, reviews, the last session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..labels import bar
from .columns import Cell, Lines, widths
from .markdown import both
from .styled import Styled
from .text import one_line, visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..reports.agenda import Agenda


def agenda_view(agenda: Agenda) -> list[RenderableType]:
    parts: list[RenderableType] = []
    title = Styled(f"Agenda for {visible(agenda.pair)} (#{agenda.pair_id})", style="bold")
    parts.append(title)
    when = Styled("Next session: ")
    when.append(both(agenda.due_local))
    if agenda.overdue_days:
        when.append(f"  overdue by {agenda.overdue_days} days", style="bold red")
    if agenda.first_session:
        when.append("  (first session)", style="dim")
    booked = agenda.planned
    if booked is not None:
        when.append(f"  planned #{booked.id}, {booked.minutes} min by {booked.channel}")
    parts.append(when)
    if booked is not None and booked.agenda_note:
        parts.append(Styled(f"Planned for: {one_line(booked.agenda_note, 100)}"))
    if agenda.focus:
        parts.append(Styled(f"Focus: {one_line(agenda.focus, 100)}"))

    parts.append(Styled("\nFollow-ups", style="bold"))
    if not agenda.followups:
        parts.append(Styled("  none open", style="dim"))
    for f in agenda.followups:
        line = Styled("  ")
        if f.overdue_days:
            line.append(f"OVERDUE {f.overdue_days}d ", style="bold red")
        line.append(f"#{f.id} {visible(f.who)}: {one_line(f.text, 80)}")
        if f.due_on:
            line.append(f"  due {f.due_on}", style="dim")
        parts.append(line)

    parts.append(Styled("\nGoals", style="bold"))
    if not agenda.goals:
        parts.append(Styled("  no open goals", style="dim"))
    rows: list[list[Cell]] = [
        [
            [(f"  #{g.id} {one_line(g.title, 50)}", "")],
            [(bar(g.progress), "green")],
            [(f"{g.progress}%", "")],
            [(f"due {g.due_on}" if g.due_on else "", "dim")],
        ]
        for g in agenda.goals
    ]
    if rows:
        goals = Lines()
        column_widths = widths(rows)
        for row in rows:
            goals.add_row(row, column_widths)
        parts.append(goals)

    parts.append(Styled("\nTopics", style="bold"))
    if not agenda.topics:
        parts.append(Styled("  nothing queued", style="dim"))
    parts += [Styled(f"  #{t.id} {one_line(t.text, 90)}") for t in agenda.topics]

    if agenda.reviews:
        parts.append(Styled("\nExpectations to review", style="bold"))
        for r in agenda.reviews:
            line = Styled(f"  #{r.id} {r.topic}: {one_line(r.text, 70)}  ")
            line.append(r.reason, style="yellow")
            parts.append(line)

    parts.append(Styled("\nLast session", style="bold"))
    recap = agenda.recap
    if recap is None:
        parts.append(Styled("  none yet", style="dim"))
    else:
        facts = [recap.channel]
        if recap.minutes is not None:
            facts.append(f"{recap.minutes} min")
        if recap.rapport is not None:
            facts.append(f"rapport {recap.rapport}/5")
        if recap.engagement is not None:
            facts.append(f"engagement {recap.engagement}/5")
        parts.append(Styled(f"  #{recap.session_id} {both(recap.local)}, {', '.join(facts)}"))
        parts.append(Styled(f"  {one_line(recap.notes, 100)}" if recap.notes else "  (no notes)"))
    return parts
