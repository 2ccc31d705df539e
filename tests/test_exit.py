"""The console script ends its process without the interpreter's teardown: the database is
closed before, every byte of output arrives, and the exit code is the run's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from seed_helpers import bulk

from conftest import Run, mentor_process


def test_a_write_leaves_the_database_closed(db_path: Path) -> None:
    added = mentor_process("person", "add", "ana", "--tz", "UTC")
    assert added.returncode == 0, added.stderr
    # WAL mode: the last connection to close folds the log back and removes it.
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_every_byte_of_a_long_output_arrives(people: Run, db_path: Path) -> None:
    bulk(db_path, pairs=300, sessions_per_pair=3)
    piped = mentor_process("status", COLUMNS="120")
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == people("status").out
    assert piped.stdout.count("\n") > 300


def test_the_exit_code_and_message_are_the_runs(db_path: Path) -> None:
    missing = mentor_process("pair", "show", "nobody")
    assert missing.returncode == 2
    assert missing.stderr.startswith("mentor: ") and missing.stderr.count("\n") == 1


def test_the_collector_is_off_while_start_up_imports_and_on_for_the_run() -> None:
    """Start-up's modules are set aside from the cyclic garbage collector, which is back on
    before the command runs: a long run's garbage is still collected."""
    probe = (
        "import gc, weakref\n"
        "import mentorcli.start as start\n"
        "assert not gc.isenabled()\n"
        "from mentorcli.cli.app import main\n"
        "start.started()\n"
        "assert gc.isenabled() and gc.get_freeze_count() > 10_000, gc.get_freeze_count()\n"
        "class Node: pass\n"
        "ring = Node(); ring.next = ring; gone = weakref.ref(ring); del ring\n"
        "kept = [[] for _ in range(5_000)]\n"  # enough new objects for the collector to run
        "print('collected' if gone() is None else 'kept')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "collected\n"
