"""Argument types and checks shared by several command groups."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, overload

import typer

from ..errors import BadInput
from .runtime import runtime

HANDLE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")


def complete_handle(incomplete: str) -> list[str]:
    """Handles for shell completion; nothing (and no new file) when there is no database."""
    path = runtime.db_path
    if not path.exists():
        return []
    try:
        return runtime.store().handles(incomplete)
    except Exception:
        return []
    finally:
        runtime.close()


def complete_pair(incomplete: str) -> list[str]:
    path = runtime.db_path
    if not path.exists():
        return []
    try:
        pairs = runtime.store().pairs(("active", "paused", "proposed"))
        return [p.ref for p in pairs if p.ref.startswith(incomplete)]
    except Exception:
        return []
    finally:
        runtime.close()


PairRef = Annotated[
    str,
    typer.Argument(
        metavar="PAIR",
        help="MENTOR/MENTEE handles, the pair's id, or one handle in exactly one active pair.",
        autocompletion=complete_pair,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@overload
def check_channel(channel: str) -> str: ...
@overload
def check_channel(channel: None) -> None: ...
def check_channel(channel: str | None) -> str | None:
    from ..vocabulary import CHANNELS

    if channel is not None and channel not in CHANNELS:
        raise BadInput(f"unknown channel {channel!r}: use one of {', '.join(CHANNELS)}")
    return channel


def check_handle(handle: str) -> str:
    if not HANDLE.match(handle):
        raise BadInput(
            f"bad handle {handle!r}: use 1-32 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return handle


def split_list(text: str | None) -> tuple[str, ...] | None:
    """`a, b,c` as a tuple of trimmed, non-empty items (None stays None)."""
    if text is None:
        return None
    return tuple(item.strip() for item in text.split(",") if item.strip())


def local_today() -> date:
    from ..zones import zone

    return runtime.now().astimezone(zone(runtime.local_zone())).date()


def parse_day(text: str, *, past: bool = False) -> str:
    """A date the user typed, as ISO text."""
    from ..when import parse_date

    return parse_date(text, local_today(), past=past).isoformat()


def confirm(question: str, assume_yes: bool) -> None:
    """Ask on a terminal before destroying data; refuse (exit 2) if the answer is no."""
    if assume_yes or not runtime.interactive():
        return
    from ..render.text import visible

    if not typer.confirm(visible(question), default=False, err=True):
        raise BadInput("nothing was changed (answered no)")
