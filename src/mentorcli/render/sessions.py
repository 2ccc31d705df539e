"""Sessions on the terminal: the history table, one session in full, what `log` did, search hits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from ..model.followups import Action, Topic
from ..model.sessions import Session
from .columns import clip, width_of
from .styled import Styled
from .text import one_line, visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..services.search import Found
    from ..services.sessions import Logged, SessionDetail, SessionList, TimeSpent


def _instant(session: Session) -> datetime:
    from ..when import from_utc_iso

    return from_utc_iso(session.started_at)


def _in_zone(moment: datetime, zone_name: str) -> datetime:
    from ..zones import zone

    return moment.astimezone(zone(zone_name))


def _clock(moment: datetime) -> str:
    return moment.strftime("%a %Y-%m-%d %H:%M")


def _score(value: int | None) -> str:
    return "" if value is None else f"{value}/5"


def sessions_table(listing: SessionList) -> RenderableType:
    from .table import Table

    pair, sessions, pairs = listing.pair, listing.sessions, listing.pairs
    if not sessions and pair is None:
        return Styled("No sessions here. Log one: mentor log PAIR")
    if not sessions and pair is not None:
        return Styled(f"No sessions for {visible(pair.ref)} yet. Log one: mentor log {pair.id}")
    rows = []
    for session in sessions:
        notes = _preview(session.notes)
        if session.tech_issue:
            notes = f"[tech: {one_line(session.tech_issue, 20)}] {notes}"
        where = () if pairs is None else (pairs.get(session.pair_id, "?"),)
        rows.append(
            (
                str(session.id),
                *where,
                _clock(_in_zone(_instant(session), session.zone)),
                session.channel + (" (async)" if session.asynchronous else ""),
                "" if session.minutes is None else str(session.minutes),
                "" if session.rapport is None else str(session.rapport),
                "" if session.engagement is None else str(session.engagement),
                notes,
            )
        )
    from .output import width

    headers: tuple[str, ...] = ("id", "when", "channel", "min", "rapport", "engage")
    if pairs is not None:
        headers = ("id", "pair", *headers[1:])
    across = width()
    headers, rows = _fitted(headers, rows, across)
    widths = [max(len(h), *(width_of(row[i]) for row in rows)) for i, h in enumerate(headers)]
    # The fixed columns keep their width; the notes preview takes what is left, cut with "…".
    room = max(12, across - sum(widths) - 2 * len(widths))
    table = Table()
    for column in headers:
        table.add_column(column, no_wrap=True, min_width=len(column))
    table.add_column("notes", no_wrap=True)
    for row in rows:
        table.add_row(
            *(Styled(visible(cell)) for cell in row[:-1]), Styled(one_line(row[-1], room))
        )
    return table


NOTES_AT_LEAST = 12


def _fitted(
    headers: tuple[str, ...], rows: list[tuple[str, ...]], width: int
) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Columns made narrower, the least telling first, until a row fits the terminal with
    some of the notes: short rating headings, the date without its weekday, the pair's name
    cut (never an id)."""

    def needed() -> int:
        fixed = [max(len(h), *(width_of(row[i]) for row in rows)) for i, h in enumerate(headers)]
        return sum(fixed) + 2 * len(fixed) + NOTES_AT_LEAST

    if needed() > width:
        headers = tuple({"rapport": "rap", "engage": "eng"}.get(h, h) for h in headers)
    if needed() > width:
        at = headers.index("when")
        rows = [(*r[:at], r[at].split(" ", 1)[-1], *r[at + 1 :]) for r in rows]
    if needed() > width and "pair" in headers:
        over = needed() - width
        longest = max(width_of(r[1]) for r in rows)
        keep = max(8, longest - over)
        rows = [(r[0], clip(r[1], keep), *r[2:]) for r in rows]
    return headers, rows


def _preview(notes: str, width: int = 200) -> str:
    """The start of the notes on one line; only the start is read, so a 10 MB note is cheap."""
    head = one_line(notes[: width * 5], width)
    return head + "…" if len(notes) > width * 5 and not head.endswith("…") else head


def session_detail(view: SessionDetail) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    session, actions, topics = view.session, view.actions, view.covered
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    moment = _instant(session)
    rows = [
        ("session", f"#{session.id} with {view.pair.ref} (pair #{view.pair.id})"),
        ("logged at", f"{_clock(_in_zone(moment, session.zone))} {session.zone}"),
    ]
    rows += [
        (p.handle, f"{_clock(_in_zone(moment, p.timezone))} {p.timezone}") for p in view.people
    ]
    rows += [
        ("channel", session.channel + (" (asynchronous)" if session.asynchronous else "")),
        ("minutes", "" if session.minutes is None else str(session.minutes)),
        ("rapport", _score(session.rapport)),
        ("engagement", _score(session.engagement)),
        ("tech issue", session.tech_issue),
    ]
    rows += [
        ("action", f"#{a.id} {a.owner}: {a.text}" + (f" (due {a.due_on})" if a.due_on else ""))
        for a in actions
    ]
    rows += [("covered", f"#{t.id} {t.text}") for t in topics]
    for label, value in rows:
        if value:
            grid.add_row(label, Text(visible(value)))
    return grid


def show_session(view: SessionDetail) -> None:
    """The details through Rich, then the notes in full as plain text: Rich would take
    a minute to wrap a 10 MB note, and the terminal wraps it anyway."""
    import sys

    from .output import show

    show(session_detail(view))
    sys.stdout.write("\n" + (visible(view.session.notes) or "(no notes)") + "\n")
    for number, other in enumerate(view.conflicts, start=1):
        sys.stdout.write(
            f"\nConflict copy {number} (edited on another device at the same time):\n"
            f"{visible(other)}\n"
        )
    if view.session.private_notes:
        private = visible(view.session.private_notes)
        sys.stdout.write(f"\nPrivate (yours alone, never shared):\n{private}\n")


def logged_summary(logged: Logged) -> str:
    """One line saying what `mentor log` recorded."""
    session = logged.session
    moment = _in_zone(_instant(session), session.zone)
    how = session.channel + (f", {session.minutes} min" if session.minutes is not None else "")
    parts = []
    if logged.actions:
        parts.append(f"{len(logged.actions)} new action(s) " + _ids(logged.actions))
    if logged.done:
        parts.append(f"{len(logged.done)} done " + _ids(logged.done))
    if logged.covered:
        parts.append(f"{len(logged.covered)} topic(s) covered " + _ids(logged.covered))
    parts += [f"goal #{g.id} at {g.progress}%" for g in logged.goals]
    if logged.topics:
        parts.append(f"{len(logged.topics)} topic(s) queued " + _ids(logged.topics))
    if logged.plan is not None:
        parts.append(f"planned session #{logged.plan.id} done")
    extra = f": {'; '.join(parts)}" if parts else ""
    return (
        f"Logged session #{session.id} with {logged.pair.ref} ({how}) "
        f"on {_clock(moment)} {session.zone}{extra}."
    )


def _ids(records: Sequence[Action | Topic]) -> str:
    return "(" + ", ".join(f"#{r.id}" for r in records) + ")"


def hits_table(found: Found) -> RenderableType:
    from .table import Table

    hits, query = found.hits, found.query
    if not hits:
        return Styled(f"Nothing matches {one_line(query, 40)!r}.")
    table = Table()
    for column in ("match", "pair", "date", "text"):
        table.add_column(column, no_wrap=column != "text")
    for hit in hits:
        table.add_row(
            Styled(f"{hit.kind} #{hit.id}"),
            Styled(visible(hit.pair)),
            Styled(hit.when[:10]),
            _highlighted(hit.snippet, hit.highlights),
        )
    return table


def _highlighted(snippet: str, spans: Sequence[tuple[int, int]]) -> Styled:
    """The snippet on one line, controls made visible, the matched words in bold."""
    text = Styled()
    position = 0
    for start, end in spans:
        text.append(_flat(snippet[position:start]))
        text.append(_flat(snippet[start:end]), style="bold")
        position = end
    text.append(_flat(snippet[position:]))
    return text


def _flat(text: str) -> str:
    return visible(text).replace("\n", " ").replace("\t", " ")


def time_table(spent: TimeSpent) -> list[RenderableType]:
    """Sessions and hours with each pair in the week or month."""
    from ..labels import duration_label
    from .table import Table

    title = Styled(f"This {spent.period}: {spent.first} to {spent.last}", style="bold")
    if not spent.pairs:
        return [title, Styled("No sessions in this period.")]
    table = Table()
    for column in ("pair", "sessions", "time"):
        table.add_column(column, justify="left" if column == "pair" else "right")
    for ref, count, minutes in spent.pairs:
        table.add_row(Styled(visible(ref)), str(count), duration_label(minutes))
    total = sum(m for _, _, m in spent.pairs)
    table.add_row("all", str(sum(n for _, n, _ in spent.pairs)), duration_label(total))
    return [title, table]
