"""The one error boundary: every failure becomes one line on stderr and its exit code."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from .. import interrupts
from ..errors import BadInput, FileProblem, Interrupted, MentorError, quoted
from .runtime import runtime
from .vendored_click import ClickException, NoArgsIsHelpError, UsageError

INTERRUPTED = "interrupted; nothing was written"


def _usage(exc: UsageError) -> tuple[int, str]:
    hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
    return 2, exc.format_message() + hint


def _database(exc: sqlite3.Error) -> tuple[int, str]:
    from ..store.connection import translate

    error = translate(exc, runtime.db_path)
    return error.exit_code, str(error)


def _aborted(cause: BaseException | None) -> tuple[int, str]:
    """Click turns Ctrl-C (and so SIGTERM and SIGHUP, which unwind the same way) into Abort."""
    if isinstance(cause, interrupts.Stopped):
        return 128 + cause.signum, _stopped(cause.signum)
    return 130, INTERRUPTED


def _stopped(signum: int) -> str:
    return f"stopped by {interrupts.name(signum)}; nothing was written"


def _file(exc: OSError) -> tuple[int, str]:
    reasons = {
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "read-only file system",
        errno.ENOSPC: "no space left on the disk",
        errno.EDQUOT: "disk quota exceeded",
        errno.EEXIST: "it exists already",
        errno.EISDIR: "it is a folder",
        errno.ENOENT: "no such file or folder",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    if exc.filename is None and interrupts.after_commit():
        # Standard output failed (`> /dev/full`) after the change landed: it stands.
        return (
            FileProblem.exit_code,
            f"the change was saved, but its output could not be written: {reason}",
        )
    where = f" {exc.filename}" if exc.filename else ""
    return FileProblem.exit_code, f"cannot write or read{where}: {reason}"


# Each failure a run can end in, the most specific first: its exit code and its line on
# stderr. Anything else is a bug: exit 1, its kind only (its message could hold note text).
STORED_OUT_OF_RANGE = (
    "a date or number stored in the database is out of range; 'mentor db check' lists it"
)


FAILURES: tuple[tuple[type[BaseException], Callable[[Any], tuple[int, str]]], ...] = (
    (Interrupted, lambda exc: (130, str(exc) or INTERRUPTED)),
    (MentorError, lambda exc: (exc.exit_code, str(exc))),
    (UsageError, _usage),
    (ClickException, lambda exc: (exc.exit_code, exc.format_message())),
    (typer.Abort, lambda exc: _aborted(exc.__cause__)),
    (interrupts.Stopped, lambda exc: (128 + exc.signum, _stopped(exc.signum))),
    (KeyboardInterrupt, lambda exc: (130, INTERRUPTED)),
    (sqlite3.Error, _database),
    (OSError, _file),
    # Arithmetic on a date or number stored out of range (by hand, or an older version).
    (OverflowError, lambda exc: (3, STORED_OUT_OF_RANGE)),
)


def run_guarded(group: TyperGroup, args: Sequence[str] | None, **extra: Any) -> int:
    """Run the root group without click's own exits, translating every failure."""
    argv = list(sys.argv[1:] if args is None else args)
    runtime.debug = False  # until the root callback reads --debug: no traceback before it runs
    with interrupts.caught():
        code = _guarded(group, argv, extra)
        signum = interrupts.pending()
        if signum is not None and code == 0:
            # The signal came once the change was committing: it stands, and the output
            # above says what it was.
            name = interrupts.name(signum)
            return _fail(
                f"stopped by {name} after the change above was saved; it stands", 128 + signum
            )
        return code


def _guarded(group: TyperGroup, argv: list[str], extra: dict[str, Any]) -> int:
    try:
        code = _run(group, argv, extra)
        # Output still buffered meets a closed pipe here, inside the boundary, rather than in
        # the interpreter's last flush (exit 120 and a Python message on stderr).
        sys.stdout.flush()
        if code == 130:  # Typer turned a Ctrl-C (or SIGTERM, SIGHUP) into an exit code
            signum = interrupts.received()
            if signum is not None and signum != signal.SIGINT:
                return _fail(_stopped(signum), 128 + signum)
            return _fail(INTERRUPTED, 130)
        return code
    except SystemExit as exc:
        # Rich (Console.on_broken_pipe) and Typer's main (for an EPIPE raised inside a
        # command) both turn a reader that went away into a bare exit 1.
        if isinstance(exc.__context__, BrokenPipeError):
            return _stop_writing()
        raise
    except (Exception, KeyboardInterrupt) as exc:
        if isinstance(exc, BrokenPipeError):
            return _stop_writing()
        for kind, outcome in FAILURES:
            if isinstance(exc, kind):
                code, message = outcome(exc)
                if code == 1 and runtime.debug and not isinstance(exc, ClickException):
                    traceback.print_exception(exc)  # exit 1: a failure nobody foresaw
                return _fail(message, code)
        return _internal(exc)
    finally:
        runtime.close()


# Options and arguments that name files: a file name need not be UTF-8, any other text must.
PATH_OPTIONS = ("--db", "-o", "--output")
PATH_COMMANDS = (["import"], ["db", "backup"])


def check_arguments(argv: list[str]) -> None:
    """Refuse an argument that is not UTF-8 (the shell passed raw bytes, which Python keeps as
    lone surrogates) before it reaches a command, naming it: it is bad input, not a bug."""
    words = [
        word
        for index, word in enumerate(argv)
        if not word.startswith("-") and (index == 0 or argv[index - 1] not in PATH_OPTIONS)
    ]
    paths_last = any(words[: len(command)] == command for command in PATH_COMMANDS)
    for index, word in enumerate(argv):
        bad = next((c for c in word if "\udc80" <= c <= "\udcff"), None)
        if bad is None:
            continue
        option, equals, _ = word.partition("=")
        before = argv[index - 1] if index else ""
        if (option in PATH_OPTIONS and equals) or before in PATH_OPTIONS:
            continue
        if paths_last and word == words[-1] and not before.startswith("-"):
            continue
        if equals and option.startswith("--"):
            name = f"the value of {option}"
        elif before.startswith("-"):
            name = f"the value of {before}"
        else:
            shown = word.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            name = f"the argument {quoted(shown)}"
        raise BadInput(
            f"{name} is not UTF-8 text (it holds the byte {ord(bad) - 0xDC00:#04x}); "
            "give it as UTF-8 (your terminal's or shell's encoding may differ); nothing was written"
        )


def _run(group: TyperGroup, argv: list[str], extra: dict[str, Any]) -> int:
    check_arguments(argv)
    try:
        result = TyperGroup.main(group, argv, standalone_mode=False, **extra)
    except NoArgsIsHelpError as exc:
        from ..render.output import write

        write(exc.ctx.get_help() + "\n")
        return 0
    return result if isinstance(result, int) else 0


def _stop_writing() -> int:
    """The reader went away (`mentor status | head -1`): stop quietly, as a success."""
    try:
        stdout = sys.stdout.fileno()
    except (OSError, ValueError):  # no file descriptor: a test runner's buffer
        return 0
    # Whatever is still buffered for stdout goes to /dev/null, so that the interpreter's
    # final flush does not fail on the closed pipe too.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, stdout)
    os.close(devnull)
    return 0


def _internal(exc: BaseException) -> int:
    """A bug: its kind only (the message could hold note text), the traceback on --debug."""
    if runtime.debug:
        traceback.print_exception(exc)
        return _fail(f"internal error: {type(exc).__name__}", 1)
    return _fail(f"internal error ({type(exc).__name__}); run again with --debug for details", 1)


def _fail(message: str, code: int) -> int:
    from ..render.output import complain

    complain(message)
    return code


class MentorGroup(TyperGroup):
    """The root group: click's own error handling replaced by ours."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = run_guarded(
            self, args, prog_name=prog_name or "mentor", complete_var=complete_var, **extra
        )
        if standalone_mode:
            sys.exit(code)
        return code
