"""Where note text comes from besides the command line: standard input or the user's editor."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping

from .errors import BadInput, Interrupted


def read_stdin() -> str:
    """All of standard input as UTF-8 text, without the trailing newlines a pipe adds."""
    if sys.stdin is None:
        raise BadInput("--notes - reads standard input, but there is none; pipe the notes in")
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"the notes on stdin are not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x}); "
            "convert them, e.g. with iconv -t UTF-8"
        ) from None
    return text.rstrip("\n")


def editor_command(environ: Mapping[str, str] | None = None, chosen: str = "") -> list[str]:
    """The `editor` setting (`chosen`), else $VISUAL, else $EDITOR, else vi, split the way a
    shell would."""
    import shlex

    env = os.environ if environ is None else environ
    command = (
        chosen.strip() or env.get("VISUAL", "").strip() or env.get("EDITOR", "").strip() or "vi"
    )
    try:
        words = shlex.split(command)
    except ValueError as exc:
        raise BadInput(f"cannot read the editor command {command!r}: {exc}") from None
    return words or ["vi"]


NOTES_PATTERN = "mentor-notes.mentor-*-*.md"


def edit_text(initial: str, environ: Mapping[str, str] | None = None, chosen: str = "") -> str:
    """Open the user's editor on `initial` and return what they saved.

    The temporary file is readable by the user alone (mkstemp makes it 0600) and removed
    however this ends, Ctrl-C, SIGTERM and SIGHUP included. While the editor runs, Ctrl-C
    belongs to the editor (vi uses it); if the editor itself dies of it, this raises
    Interrupted.
    """
    import signal
    import subprocess
    import tempfile
    import threading
    from pathlib import Path

    from .files import sweep_stale

    command = editor_command(environ, chosen)
    # The process id in the name lets a later run remove one left by a killed mentor.
    sweep_stale(Path(tempfile.gettempdir()), NOTES_PATTERN)
    handle, name = tempfile.mkstemp(prefix=f"mentor-notes.mentor-{os.getpid()}-", suffix=".md")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(initial)
        in_main = threading.current_thread() is threading.main_thread()
        # A Python-level handler (not SIG_IGN) is reset to the default in the editor on exec.
        previous = signal.signal(signal.SIGINT, lambda *_: None) if in_main else None
        try:
            finished = subprocess.run([*command, name], check=False)
        except FileNotFoundError:
            raise BadInput(
                f"editor {command[0]!r} was not found; set VISUAL or EDITOR to one you have"
            ) from None
        except PermissionError:
            raise BadInput(f"editor {command[0]!r} cannot be run (permission denied)") from None
        finally:
            if in_main:
                signal.signal(
                    signal.SIGINT, signal.default_int_handler if previous is None else previous
                )
        if finished.returncode == -signal.SIGINT:
            raise Interrupted("interrupted in the editor; nothing was written")
        if finished.returncode != 0:
            raise BadInput(
                f"the editor {command[0]!r} exited with status {finished.returncode}; "
                "nothing was written"
            )
        with open(name, "rb") as saved:
            data = saved.read()
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"the edited notes are not UTF-8 text (byte {exc.start}); nothing was written"
        ) from None
