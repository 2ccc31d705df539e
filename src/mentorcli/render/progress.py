"""A progress bar for long imports, on a terminal only."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Below this many records an import is instant; a bar would only flicker.
WORTH_SHOWING = 200


@contextmanager
def counting(total: int, label: str) -> Iterator[Callable[[], None]]:
    """Yield a function to call once per record; it draws a bar on stderr when that is a
    terminal and the job is long, and does nothing otherwise."""
    if total < WORTH_SHOWING or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress

    from .output import console

    with Progress(console=console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)
