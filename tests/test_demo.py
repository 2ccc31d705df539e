"""`make demo`'s script: the real tool on a throwaway database, plain text when piped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "demo.sh"


@pytest.mark.slow
def test_the_demo_runs_piped_without_escapes_and_touches_nothing_of_yours(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "HOME": str(home),
        "TZ": "UTC",
        "LANG": "C.UTF-8",
    }
    done = subprocess.run(
        ["bash", str(SCRIPT)], capture_output=True, text=True, env=env, timeout=240
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "\x1b" not in done.stdout and "\x1b" not in done.stderr
    assert "$ mentor person add rui" in done.stdout
    assert list(home.iterdir()) == []  # no database, no settings, nothing in your home
