"""Files mentor writes: owner-only, never clobbered without --force, atomic, no symlinks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mentorcli.errors import FileProblem
from mentorcli.files import replacing, write_private

from conftest import file_mode


@pytest.fixture
def loose_umask() -> object:
    old = os.umask(0o002)
    yield
    os.umask(old)


def test_writes_owner_only_whatever_the_umask(tmp_path: Path, loose_umask: object) -> None:
    target = tmp_path / "out.md"
    assert write_private(str(target), "hello\n", force=False) == target
    assert target.read_text() == "hello\n"
    assert file_mode(target) == 0o600
    assert os.listdir(tmp_path) == ["out.md"]  # no temporary left behind


def test_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("keep me")
    with pytest.raises(FileProblem, match="exists; add --force") as caught:
        write_private(str(target), "new", force=False)
    assert caught.value.exit_code == 5
    assert target.read_text() == "keep me"
    write_private(str(target), "new", force=True)
    assert target.read_text() == "new" and file_mode(target) == 0o600


def test_refuses_a_symlink_even_with_force(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("secret")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere")
    for target in (link, dangling):
        for force in (False, True):
            with pytest.raises(FileProblem, match="symbolic link"):
                write_private(str(target), "x", force=force)
    assert real.read_text() == "secret" and not (tmp_path / "nowhere").exists()


def test_refuses_a_folder_and_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileProblem, match="is a folder"):
        write_private(str(tmp_path), "x", force=True)
    with pytest.raises(FileProblem, match="does not exist"):
        write_private(str(tmp_path / "no" / "such.md"), "x", force=False)


def test_a_failure_midway_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    with pytest.raises(OSError), replacing(target, force=True) as temporary:
        temporary.write_text("half")
        raise OSError(28, "No space left on device")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.md"]


def test_a_target_that_appears_meanwhile_is_not_clobbered(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    with pytest.raises(FileProblem), replacing(target, force=False) as temporary:
        temporary.write_text("mine")
        target.write_text("theirs")
    assert target.read_text() == "theirs"
    assert os.listdir(tmp_path) == ["out.md"]


def test_dash_and_none_write_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert write_private("-", "to stdout\n", force=False) is None
    assert write_private(None, b"bytes too\n", force=False) is None
    assert capsys.readouterr().out == "to stdout\nbytes too\n"
    assert os.listdir(tmp_path) == []
