"""Signals during a run: Ctrl-C, SIGTERM and SIGHUP unwind it (temporary files removed, the
transaction rolled back), except once a commit has begun, when they wait for the run to end."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

# The signals a run catches: each unwinds it like Ctrl-C, so that every `finally` runs.
CAUGHT = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
NAMES: dict[int, str] = {
    signal.SIGINT: "Ctrl-C",
    signal.SIGTERM: "SIGTERM",
    signal.SIGHUP: "SIGHUP (the terminal closed)",
}


def name(signum: int) -> str:
    return NAMES.get(signum, f"signal {signum}")


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP (the terminal closed): unwinds the run as Ctrl-C does."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _State:
    def __init__(self) -> None:
        self.deferring = False
        self.pending: int | None = None
        self.committed = False
        self.received: int | None = None


state = _State()


def _handler(signum: int, frame: object) -> None:
    if state.deferring:
        state.pending = signum
        return
    state.received = signum
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Stopped(signum)


@contextlib.contextmanager
def caught() -> Iterator[None]:
    """Catch CAUGHT for the length of a run (in the main thread; elsewhere, leave them be)."""
    state.deferring, state.pending, state.committed, state.received = False, None, False, None
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.getsignal(signum) for signum in CAUGHT}
    # A shell starts background jobs with SIGINT ignored: that choice stays.
    mine = [signum for signum, handler in previous.items() if handler is not signal.SIG_IGN]
    for signum in mine:
        signal.signal(signum, _handler)
    try:
        yield
    finally:
        for signum in mine:
            signal.signal(signum, previous[signum])


def committing() -> None:
    """From here on a signal waits for the end of the run: the commit that follows lands, and
    the run reports what it did before it stops."""
    state.deferring = True


def committed() -> None:
    state.committed = True


def after_commit() -> bool:
    """Whether this run has committed a change (which stands, whatever happens next)."""
    return state.committed


def pending() -> int | None:
    """The signal that arrived once a commit had begun, if any."""
    return state.pending


def received() -> int | None:
    """The signal that unwound this run, if one did."""
    return state.received
