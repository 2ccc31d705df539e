"""How a `mentor` process starts and ends: the console script, and `python -m mentorcli`.

Importing this module turns Python's cyclic garbage collector off. Start-up imports Typer
and mentor's command line, some tens of thousands of functions, classes and dicts that all
live until the process ends, and the collector would walk them again and again as they load:
5-10 ms of every run, for nothing to collect. Once they are loaded,
`started()` sets them aside for good (`gc.freeze`) and turns the collector back on, so the
command's own work (a join of a year's history, say) is collected as usual.
"""

from __future__ import annotations

import gc
import sys
from typing import NoReturn

gc.disable()


def started() -> None:
    """Start-up's imports are done: what they made is kept out of the collector's sight, and
    the collector is on again for the rest of the run."""
    gc.freeze()
    gc.enable()


def script() -> NoReturn:
    """The `mentor` console script: the run, then the process ends with its exit code without
    the interpreter's teardown (freeing every module and object one by one, 10-20 ms of a
    listing's run). By then the database is closed and every file written is closed; only
    the standard streams are flushed here. `python -m mentorcli` ends the usual way."""
    import os
    from contextlib import suppress

    from .cli.app import main

    started()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # the reader went away: nothing is left to say
            stream.flush()
    os._exit(code)
