"""A shared folder that is a git working tree, with a local bare repository as the remote."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from seed_helpers import at, ok

from conftest import Run

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def clones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    """A bare remote with one commit, and a clone of it for each side."""
    for name in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{name}_NAME", "Someone")
        monkeypatch.setenv(f"GIT_{name}_EMAIL", "someone@example.org")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    remote = tmp_path / "remote.git"
    git("init", "--bare", "-b", "main", str(remote), cwd=tmp_path)
    seed = tmp_path / "seed"
    git("clone", str(remote), str(seed), cwd=tmp_path)
    (seed / "README").write_text("our mentoring log\n")
    git("add", "README", cwd=seed)
    git("commit", "-m", "start", cwd=seed)
    git("push", "origin", "HEAD:main", cwd=seed)
    mine, theirs = tmp_path / "rui-clone", tmp_path / "ana-clone"
    git("clone", str(remote), str(mine), cwd=tmp_path)
    git("clone", str(remote), str(theirs), cwd=tmp_path)
    return remote, mine, theirs


def test_sync_commits_pulls_and_pushes(
    people: Run, clones: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    remote, mine, theirs = clones
    ok(people, "log", "rui/ana", "--when", at(1), "--notes", "over git")
    ok(people, "share", "rui/ana", str(mine))
    assert git("status", "--porcelain", cwd=mine) == ""
    assert "mentor" in git("log", "--format=%s", "-1", cwd=mine)
    settings = {"MENTOR_CONFIG": str(tmp_path / "ana.toml")}

    def ana(*args: str) -> object:
        return people("--db", str(tmp_path / "ana.db"), *args, env=settings)

    ok(ana, "join", str(theirs))  # type: ignore[arg-type]
    listed = json.loads(ok(ana, "sessions", "--json"))  # type: ignore[arg-type]
    assert [s["notes"] for s in listed] == ["over git"]
    ok(ana, "topic", "add", "rui/ana", "from ana")  # type: ignore[arg-type]
    ok(ana, "sync")  # type: ignore[arg-type]
    ok(people, "sync")
    topics = json.loads(ok(people, "topic", "list", "rui/ana", "--json"))
    assert [t["text"] for t in topics] == ["from ana"]
    assert len(git("log", "--format=%s", "main", cwd=remote).splitlines()) >= 3


def test_a_clone_of_an_empty_repository_starts_the_sharing(
    people: Run, clones: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A new repository, cloned before anything was pushed to it: nothing to pull yet, and
    the first sync's push makes its branch, which the other side's join pulls."""
    empty = tmp_path / "empty.git"
    git("init", "--bare", "-b", "main", str(empty), cwd=tmp_path)
    mine, theirs = tmp_path / "rui-new", tmp_path / "ana-new"
    git("clone", str(empty), str(mine), cwd=tmp_path)
    git("clone", str(empty), str(theirs), cwd=tmp_path)
    ok(people, "log", "rui/ana", "--when", at(1), "--notes", "first over git")
    ok(people, "share", "rui/ana", str(mine))
    assert "mentor" in git("log", "--format=%s", "main", cwd=empty)
    joined = people(
        "--db", str(tmp_path / "ana.db"), "join", str(theirs),
        env={"MENTOR_CONFIG": str(tmp_path / "ana.toml")},
    )  # fmt: skip
    assert joined.code == 0, joined.err
    listed = people("--db", str(tmp_path / "ana.db"), "sessions", "--json")
    assert [s["notes"] for s in json.loads(listed.out)] == ["first over git"]


def test_a_failing_pull_applies_nothing(
    people: Run, clones: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    remote, mine, _ = clones
    ok(people, "share", "rui/ana", str(mine))
    shutil.rmtree(remote)
    ok(people, "topic", "add", "rui/ana", "waiting")
    outcome = people("sync")
    assert outcome.code == 5
    assert "git pull" in outcome.err and "nothing was applied" in outcome.err
    assert not any(b"waiting" in p.read_bytes() for p in mine.glob("*.mentor-log"))


def test_a_folder_inside_another_repository_is_a_plain_folder(people: Run, tmp_path: Path) -> None:
    """A synced folder that happens to lie inside some repository (dotfiles, say) is not a
    git folder of mentor's: nothing is committed to that repository."""
    outer = tmp_path / "dotfiles"
    outer.mkdir()
    subprocess.run(["git", "init", "-q", str(outer)], check=True)
    folder = outer / "Sync"
    folder.mkdir()
    outcome = people("share", "rui/ana", str(folder))
    assert outcome.code == 0, outcome.err
    assert list(folder.glob("*.mentor-log"))
    log = subprocess.run(["git", "-C", str(outer), "log", "--oneline"], capture_output=True)
    assert log.returncode != 0  # no commit was made in the outer repository
