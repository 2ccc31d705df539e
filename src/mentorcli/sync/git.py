"""A shared folder that is a git working tree: pull the others' logs, commit and push ours.

Each device writes only its own log file, so a rebase never meets a conflict. Git never asks
anything here: no prompt, no editor; whatever it would need a person for is a failure that
stops the sync before anything is applied.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ..errors import FileProblem

# Git may not wait for a person: no terminal prompt for credentials, no editor for a message.
QUIET = {"GIT_TERMINAL_PROMPT": "0", "GIT_EDITOR": "false", "GIT_ASKPASS": "false"}


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **QUIET, "SSH_ASKPASS": "false"},
            timeout=300,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise FileProblem(f"git could not run in {folder} ({error}); nothing was applied") from None


def _failed(
    folder: Path, what: str, result: subprocess.CompletedProcess[str], after: str
) -> FileProblem:
    lines = [line for line in (result.stderr or result.stdout).splitlines() if line.strip()]
    reason = lines[-1].strip() if lines else f"exit code {result.returncode}"
    return FileProblem(f"git {what} in {folder} failed ({reason}); {after}")


def is_work_tree(folder: Path) -> bool:
    """Whether the folder is a git working tree of its own: its top, not a folder that just
    lies somewhere inside another repository (a synced folder under a dotfiles repo)."""
    result = _git(folder, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        return False
    return Path(result.stdout.strip()).resolve() == folder.resolve()


def _has_remote(folder: Path) -> bool:
    return bool(_git(folder, "remote").stdout.strip())


def pull(folder: Path) -> None:
    """The other devices' logs, fetched and our commits rebased on them (a fast-forward when
    there are none)."""
    if not _has_remote(folder):
        return
    result = _git(folder, "pull", "--rebase", "--no-edit")
    if result.returncode != 0 and not _empty_remote(folder):
        after = "fix it there (git status) and sync again; nothing was applied"
        raise _failed(folder, "pull", result, after)


def _empty_remote(folder: Path) -> bool:
    """Whether the remote answers but has no branch yet (a clone of a new, empty repository):
    then there is nothing to pull, and the first push makes its branch."""
    heads = _git(folder, "ls-remote", "--heads")
    return heads.returncode == 0 and not heads.stdout.strip()


def publish(folder: Path, log: Path, message: str) -> None:
    """Commit our log and push it; a push that lost a race pulls once and pushes again."""
    relative = str(log.relative_to(folder.resolve()))
    for step in (("add", "--", relative), ("commit", "--no-verify", "-m", message, "--", relative)):
        result = _git(folder, *step)
        nothing = "nothing to commit" in result.stdout or "no changes added" in result.stdout
        if result.returncode != 0 and not nothing:
            raise _failed(folder, step[0], result, "nothing was applied")
    if not _has_remote(folder):
        return
    result = _git(folder, "push")
    if result.returncode != 0:
        pull(folder)
        result = _git(folder, "push")
    if result.returncode != 0:
        raise _failed(folder, "push", result, "nothing was applied; sync again")
