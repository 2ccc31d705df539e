"""`mentor log`: record a session or asynchronous touchpoint with its follow-ups, at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..render.output import written
from ..vocabulary import CHANNELS
from .common import JsonFlag, MaybePair, complete_channel, local_today, pair_named, whole
from .runtime import runtime

if TYPE_CHECKING:
    from datetime import date

    from ..model.pairs import Pair
    from ..notes_template import Filled, LogAgenda
    from ..services.sessions import SessionRecord
    from ..store import Store

NO_NOTES = (
    "no notes given: pass --notes TEXT, --notes - to read stdin, "
    "or run in a terminal to use $EDITOR"
)

When = Annotated[
    str | None,
    typer.Option(
        "--when", help="When it started, e.g. 'yesterday 15:00', '2026-11-20 09:30' (default now)."
    ),
]
Minutes = Annotated[
    int | None, typer.Option(min=0, max=1440, help="How long it took, in minutes (0-1440).")
]
Channel = Annotated[
    str | None,
    typer.Option(
        help=f"{', '.join(CHANNELS)}; chat, email and doc are async (default: the pair's).",
        autocompletion=complete_channel,
    ),
]
Notes = Annotated[
    str | None,
    typer.Option(help="The notes (Markdown); '-' reads them from stdin. Default: open $EDITOR."),
]
PrivateNotes = Annotated[
    str | None,
    typer.Option(
        "--private-notes",
        help="Notes for you alone: never synced, exported or summarised; '-' reads stdin.",
    ),
]
Rapport = Annotated[int | None, typer.Option(help="How the connection felt, 1 (poor) to 5.")]
Engagement = Annotated[int | None, typer.Option(help="How engaged the mentee was, 1 to 5.")]
TechIssue = Annotated[
    str | None, typer.Option("--tech-issue", help="What got in the way: audio, VPN, time zones…")
]


def notes_from(value: str) -> str:
    """--notes TEXT as given, or stdin for '-'."""
    from ..editor import read_stdin

    return read_stdin() if value == "-" else value


def goal_progress(values: list[str]) -> dict[int, int]:
    """--goal ID=PCT values."""
    import re

    from ..errors import BadInput

    found: dict[int, int] = {}
    for value in values:
        match = re.fullmatch(r"\s*#?([0-9]+)\s*=\s*([0-9]+)\s*%?\s*", value)
        if match is None or int(match[2]) > 100:
            raise BadInput(f"--goal {value!r} should be ID=PCT with PCT 0-100, e.g. --goal 3=40")
        found[int(match[1])] = int(match[2])
    return found


def filled_in_editor(agenda: LogAgenda, prefill: Filled, session: int | None = None) -> Filled:
    """Open the editor on the template; an unchanged or emptied template changes nothing.

    On a terminal, a template that cannot be read opens again with the problem on top."""
    from ..editor import edit_text
    from ..errors import BadInput
    from ..notes_template import TemplateError, build, parse

    today, check = local_today(), _when_check()
    text = build(agenda, prefill, session=session)
    offered = parse(text, agenda, today, check)
    nothing = "nothing logged" if session is None else "nothing changed"
    while True:
        edited = edit_text(text, chosen=runtime.config().get("editor"))
        if edited == text:
            raise BadInput(f"{nothing}: the template was not changed")
        try:
            filled = None if not edited.strip() else parse(edited, agenda, today, check)
        except TemplateError as exc:
            if not runtime.interactive():
                raise BadInput(f"{nothing}: {exc}") from None
            text = f"# PROBLEM: {exc}\n{edited}"
            continue
        # Compared as read, so an editor that only rewrites line endings changes nothing.
        if filled is None or filled == offered:
            raise BadInput(f"{nothing}: the template was not changed")
        return filled


def _when_check() -> Callable[[str], object]:
    from ..services.sessions import started_at

    return lambda text: started_at(text, runtime.now(), runtime.local_zone())


def local_text(moment: tuple[str, str]) -> str:
    """A stored start as its logger typed it: wall-clock time in their zone (with the offset
    where the clocks show that time twice)."""
    from ..when import from_utc_iso
    from ..zones import zone

    local = from_utc_iso(moment[0]).astimezone(zone(moment[1]))
    shown = local.strftime("%Y-%m-%d %H:%M")
    twice = local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
    return f"{shown} {local:%z}" if twice else shown


def given_on_command_line(
    pair: Pair, today: date, options: dict[str, Any]
) -> tuple[Filled, tuple[str, str]]:
    """The options, checked, in the shape the template fills in; and the start to the
    second, for a `when:` left as it was offered."""
    from ..notes_template import Filled, parse_action
    from ..services import checks
    from ..services.sessions import started_at

    moment = started_at(options["when"], runtime.now(), runtime.local_zone())
    actions = options["action"] or []
    notes, private = options["notes"], options["private_notes"]
    if notes == "-" and private == "-":
        from ..errors import BadInput

        raise BadInput("only one of --notes and --private-notes can read stdin ('-')")
    mine = runtime.config().me if actions else ""
    return Filled(
        when=local_text(moment),
        minutes=options["minutes"],
        channel=checks.channel(options["channel"]) or pair.channel,
        tech_issue=options["tech_issue"] or "",
        rapport=checks.score("rapport", options["rapport"]),
        engagement=checks.score("engagement", options["engagement"]),
        notes=notes_from(notes) if notes is not None else "",
        private_notes=notes_from(private) if private is not None else "",
        progress=goal_progress(options["goal"] or []),
        new_actions=tuple(parse_action(a, today, pair.mentor, pair.mentee, mine) for a in actions),
        covered=tuple(options["covered"] or ()),
    ), moment


def merged(given: Filled, store: Store, pair: Pair) -> Filled:
    """The editor's template pre-filled with the options, and what the user made of it."""
    from dataclasses import replace

    from ..services.sessions import log_agenda

    agenda = replace(log_agenda(store, pair), me=runtime.config().me)
    edited = filled_in_editor(agenda, given)
    return replace(
        edited,
        covered=edited.covered + given.covered,
        progress={**given.progress, **edited.changed_progress(agenda)},
    )


def session_record(filled: Filled, offered: tuple[str, str], now: bool) -> SessionRecord:
    """The session to log; `now`: logged as it happens, so it holds a planned session near."""
    from ..services.sessions import SessionRecord, started_at

    moment = offered
    if filled.when != local_text(offered):
        moment = started_at(filled.when or None, runtime.now(), runtime.local_zone())
        now = False
    return SessionRecord(
        started_at=moment[0],
        zone=moment[1],
        channel=filled.channel or None,
        minutes=filled.minutes,
        notes=filled.notes,
        private_notes=filled.private_notes,
        rapport=filled.rapport,
        engagement=filled.engagement,
        tech_issue=filled.tech_issue,
        actions=filled.new_actions,
        done=filled.done,
        covered=filled.covered,
        progress=tuple(filled.progress.items()),
        topics=filled.new_topics,
        due=tuple(filled.due.items()),
        holds_plan=now,
    )


def log(
    pair_ref: MaybePair = None,
    when: When = None,
    minutes: Minutes = None,
    channel: Channel = None,
    notes: Notes = None,
    private_notes: PrivateNotes = None,
    edit: Annotated[
        bool,
        typer.Option("--edit", help="Open $EDITOR on the agenda template, even off a terminal."),
    ] = False,
    rapport: Rapport = None,
    engagement: Engagement = None,
    tech_issue: TechIssue = None,
    action: Annotated[
        list[str] | None,
        typer.Option(help="A follow-up: 'mentee: TEXT [due DATE]' (repeatable)."),
    ] = None,
    covered: Annotated[
        list[int] | None, whole(help="A queued topic's id it covered (repeatable).")
    ] = None,
    goal: Annotated[
        list[str] | None, typer.Option(help="Goal progress as ID=PCT, e.g. 3=40 (repeatable).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Log it even if the same session is on record.")
    ] = False,
    json: JsonFlag = False,
) -> None:
    """Record a session or async touchpoint, its notes and follow-ups, in one go."""
    options = dict(locals())  # the parameters, by name, before anything else is bound
    from ..render.sessions import logged_summary
    from ..services.lookup import resolve_pair
    from ..services.sessions import log_session

    store = runtime.store()
    pair = resolve_pair(store, pair_named(pair_ref))
    given, moment = given_on_command_line(pair, local_today(), options)
    if edit or (notes is None and runtime.interactive()):
        given = merged(given, store, pair)
    elif notes is None:
        from ..errors import BadInput

        raise BadInput(NO_NOTES)
    record = session_record(given, moment, when is None)
    logged = log_session(store, pair.id, record, force=force)
    written(logged, logged_summary(logged), json=json)
