"""Where output goes: a Rich console that never reads user text as markup, and plain JSON."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


def console(*, stderr: bool = False) -> Console:
    """A console with markup, emoji codes and highlighting off; colour follows NO_COLOR/tty."""
    from rich.console import Console

    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


def show(*renderables: RenderableType) -> None:
    out = console()
    for renderable in renderables:
        out.print(renderable)


def print_json(data: Any) -> None:
    import json  # only --json runs pay for it (about 1 ms); `--help` and tables do not

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def say(message: str) -> None:
    """A plain confirmation line for a change, on stdout."""
    from .text import visible

    sys.stdout.write(visible(message) + "\n")
