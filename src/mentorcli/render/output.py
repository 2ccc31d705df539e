"""Where output goes: one `emit` for every result, a Rich console that never reads user text
as markup, and plain JSON."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

# The renderer of each result, by the result's class name, as "module:function" in render/:
# a run imports only the renderer it uses. A renderer returns what to print (one renderable
# or a list), or prints by itself and returns None where it needs the console or raw stdout.
VIEWS = {
    "PeopleList": "people:people_table",
    "PersonView": "people:person_detail",
    "TimeOffList": "people:time_off_table",
    "PairList": "people:pairs_table",
    "PairView": "people:pair_detail",
    "ExpectationList": "record:expectations_table",
    "GoalList": "record:goals_table",
    "ActionList": "record:actions_table",
    "TopicList": "record:topics_table",
    "SessionList": "sessions:sessions_table",
    "SessionDetail": "sessions:show_session",
    "Found": "sessions:hits_table",
    "TimeSpent": "sessions:time_table",
    "Agenda": "agenda:agenda_view",
    "Status": "status:show_status",
    "Health": "status:health_view",
    "Schedule": "schedule:show_schedule",
    "MomentView": "moment:moment_view",
    "RotationView": "rotation:rotation_view",
    "Settings": "settings:settings_table",
    "PlanList": "plans:plans_table",
    "PlanView": "plans:plan_view",
    "Reminders": "remind:reminders_view",
}
# The results that also read as Markdown, and the writer of each (it returns the text).
MARKDOWN = {"Agenda": "markdown:agenda_markdown"}


def _renderer(table: dict[str, str], result: object) -> Any:
    from importlib import import_module

    module, _, name = table[type(result).__name__].partition(":")
    return getattr(import_module(f"mentorcli.render.{module}"), name)


def emit(result: object, *, json: bool = False, markdown: bool = False) -> None:
    """Write a command's result: JSON from the result itself (its `json()` where the shape
    is not simply its fields), else the result's renderer for that format."""
    if json:
        to_json = getattr(result, "json", None)
        if to_json is None:
            from dataclasses import asdict

            print_json(asdict(result))  # type: ignore[call-overload]
        else:
            print_json(to_json())
    elif markdown:
        write(_renderer(MARKDOWN, result)(result))
    else:
        shown = _renderer(VIEWS, result)(result)
        if shown is not None:
            show(*(shown if isinstance(shown, list) else [shown]))


def console(*, stderr: bool = False) -> Console:
    """A console with markup, emoji codes and highlighting off; colour follows NO_COLOR/tty."""
    from rich.console import Console

    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


def show(*renderables: RenderableType) -> None:
    """Print what a renderer built: as plain text where Rich would print no style and every
    part lays itself out, else through Rich (a part cut to the width already, uncropped)."""
    from .plain import printed

    text = printed(renderables)
    if text is not None:
        sys.stdout.write(text)
        return
    out = console()
    for renderable in renderables:
        out.print(renderable, crop=not getattr(renderable, "cut_to_width", False))


def width() -> int:
    """The width output is laid out to: the console's."""
    from .plain import terminal
    from .plain import width as plain_width

    return console().width if terminal() else plain_width()


def print_json(data: Any) -> None:
    from .text import json_text  # only --json runs pay for json (about 1 ms)

    sys.stdout.write(json_text(data))


def say(message: str) -> None:
    """A plain confirmation line for a change, on stdout."""
    from .text import visible

    sys.stdout.write(visible(message) + "\n")


def write(text: str) -> None:
    """Text as it is (help, a file's contents), on stdout."""
    sys.stdout.write(text)


def note(message: str) -> None:
    """A line about what was done (a file written), on stderr, so stdout stays the data."""
    from .text import visible

    sys.stderr.write(visible(message) + "\n")


def complain(message: str) -> None:
    """The one line a failure gets, on stderr."""
    from .text import visible

    sys.stderr.write(f"mentor: {visible(message)}\n")


def written(record: object, message: str, *, json: bool = False) -> None:
    """What a write did: the record it wrote as JSON, ids included, for a script; else one
    line for a person."""
    if json:
        emit(record, json=True)
    else:
        say(message)
