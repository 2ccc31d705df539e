"""The one error boundary: every failure becomes one line on stderr and its exit code."""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
import traceback
from collections.abc import Sequence
from typing import Any

import typer
from typer import _click
from typer.core import TyperGroup

from ..errors import FileProblem, Interrupted, MentorError
from .runtime import runtime


def _fail(message: str, code: int) -> int:
    from ..render.text import visible

    sys.stderr.write(f"mentor: {visible(message)}\n")
    return code


def _from_os_error(exc: OSError) -> MentorError:
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
    where = f" {exc.filename}" if exc.filename else ""
    return FileProblem(f"cannot write or read{where}: {reason}")


def run_guarded(command: _click.Command, args: Sequence[str] | None, **extra: Any) -> int:
    """Run the click command without click's own exits, translating every failure."""
    argv = list(sys.argv[1:] if args is None else args)
    debug = "--debug" in argv
    try:
        result = TyperGroup.main(command, argv, standalone_mode=False, **extra)  # type: ignore[arg-type]
        if result == 130:  # click turned a Ctrl-C into an exit code
            return _fail("interrupted; nothing was written", 130)
        return result if isinstance(result, int) else 0
    except MentorError as exc:
        if isinstance(exc, Interrupted):
            return _fail(str(exc) or "interrupted; nothing was written", 130)
        if exc.exit_code == 1 and debug:
            traceback.print_exc()
        return _fail(str(exc), exc.exit_code)
    except _click.exceptions.NoArgsIsHelpError as exc:
        sys.stdout.write(exc.ctx.get_help() + "\n")
        return 0
    except _click.exceptions.UsageError as exc:
        hint = ""
        if exc.ctx is not None:
            hint = f" (see '{exc.ctx.command_path} --help')"
        return _fail(exc.format_message() + hint, 2)
    except _click.exceptions.ClickException as exc:
        return _fail(exc.format_message(), exc.exit_code)
    except typer.Abort:
        return _fail("interrupted; nothing was written", 130)
    except KeyboardInterrupt:
        return _fail("interrupted; nothing was written", 130)
    except sqlite3.Error as exc:
        from ..store.connection import translate

        error = translate(exc, runtime.db_path)
        if error.exit_code == 1 and debug:
            traceback.print_exc()
        return _fail(str(error), error.exit_code)
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            # The reader went away (`mentor ... | head`): stop quietly, and keep the
            # interpreter's final flush from failing on the closed pipe too.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        return _fail(str(_from_os_error(exc)), 5)
    except OverflowError as exc:
        too_large = _too_large_numbers(argv)
        if not too_large:
            return _internal(exc, debug)
        return _fail(f"{too_large[0]} is too large a number: the most is {SQLITE_MAX_INT}", 2)
    except Exception as exc:
        return _internal(exc, debug)
    finally:
        runtime.close()


SQLITE_MAX_INT = 2**63 - 1


def _too_large_numbers(argv: list[str]) -> list[str]:
    """Whole numbers the user typed that no SQLite integer can hold."""
    found = []
    for arg in argv:
        for part in arg.replace("=", " ").split():
            digits = part.lstrip("#+-")
            if digits.isdigit() and int(digits) > SQLITE_MAX_INT:
                found.append(part)
    return found


def _internal(exc: Exception, debug: bool) -> int:
    """A bug: its kind only (the message could hold note text), the traceback on --debug."""
    if debug:
        traceback.print_exc()
        return _fail(f"internal error: {type(exc).__name__}", 1)
    return _fail(f"internal error ({type(exc).__name__}); run again with --debug for details", 1)


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
