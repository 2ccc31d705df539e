"""The one exception hierarchy: every failure a user can cause, with its exit code."""

from __future__ import annotations


class MentorError(Exception):
    """A failure reported as one line on stderr, with an exit code of its own."""

    exit_code = 1


class BadInput(MentorError):
    """A value the user typed is wrong (exit 2)."""

    exit_code = 2


class DatabaseUnusable(MentorError):
    """The database is not ours, damaged, or from a newer version (exit 3)."""

    exit_code = 3


class DatabaseBusy(MentorError):
    """The database stayed locked past the busy timeout (exit 4)."""

    exit_code = 4


class FileProblem(MentorError):
    """A filesystem problem: permissions, a full disk, an existing target (exit 5)."""

    exit_code = 5


class Interrupted(MentorError):
    """Ctrl-C: the transaction was rolled back (exit 130)."""

    exit_code = 130


def quoted(text: str, limit: int = 60) -> str:
    """The user's text in quotes on one line for an error message: escapes for
    anything unprintable, cut with an ellipsis past `limit` characters."""
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return f'"{shown[:limit]}…"' if len(shown) > limit else f'"{shown}"'
