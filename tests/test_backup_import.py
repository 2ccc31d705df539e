"""`mentor export --all` and `mentor import`: a versioned backup that merges by uid."""

from __future__ import annotations

import copy
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mentorcli.cli.app import app
from mentorcli.files import write_private
from seed_helpers import PEOPLE, history

from conftest import Outcome, Run, file_mode

LISTINGS = (
    ("person", "list"),
    ("pair", "list"),
    ("expect", "list", "rui/ana", "--history"),
    ("goal", "list", "rui/ana", "--all"),
    ("sessions", "rui/ana", "--limit", "100"),
    ("sessions", "rui/ben", "--limit", "100"),
    ("action", "list", "--all"),
    ("topic", "list", "rui/ana", "--all"),
)


def listings(run: Run, db: Path) -> list[Any]:
    found = []
    for args in LISTINGS:
        outcome = run("--db", str(db), *args, "--json")
        assert outcome.code == 0, (args, outcome.err)
        found.append(json.loads(outcome.out))
    return found


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        tables = ("person", "pair", "expectation", "goal", "session", "action", "topic")
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A database with some history and its backup, made once for the module."""
    folder = tmp_path_factory.mktemp("recorded")
    db = folder / "mentor.db"
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Outcome:
        env = {"TZ": "UTC", "NO_COLOR": "1", "MENTOR_DB": str(db)}
        result = runner.invoke(app, list(args), input=input, env=env)
        return Outcome(result.exit_code, result.stdout, result.stderr)

    for args in PEOPLE:
        assert run(*args).code == 0
    history(run)
    assert run("expect", "edit", "1", "Weekly video, Tuesdays or Wednesdays").code == 0
    outcome = run("export", "--all")
    assert outcome.code == 0, outcome.err
    return db, outcome.out


@pytest.fixture
def backup(recorded: tuple[Path, str], db_path: Path, tmp_path: Path) -> Path:
    """The recorded database as this test's own, and its backup in all.json (owner-only)."""
    db, text = recorded
    db_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(db, db_path)
    target = tmp_path / "all.json"
    write_private(str(target), text, force=False)
    return target


def test_the_document_is_versioned_and_refers_by_uid(backup: Path) -> None:
    document = json.loads(backup.read_text())
    assert document["format"] == "mentorcli" and document["version"] == 1
    assert document["exported_at"].endswith("+00:00")
    people = {p["uid"]: p["handle"] for p in document["people"]}
    pairs = {p["uid"]: p for p in document["pairs"]}
    first = document["pairs"][0]
    assert (people[first["mentor"]], people[first["mentee"]]) == ("rui", "ana")
    assert all(s["pair"] in pairs for s in document["sessions"])
    sessions = {s["uid"] for s in document["sessions"]}
    assert any(a["session"] in sessions for a in document["actions"])
    superseded = [e for e in document["expectations"] if e["state"] == "superseded"]
    assert superseded and superseded[0]["superseded_by"] in {
        e["uid"] for e in document["expectations"]
    }
    assert document["people"][0]["skills"] == []  # lists, not JSON text
    assert not any("_id" in key for section in pairs.values() for key in section)


def test_export_file_is_owner_only_and_not_overwritten(run: Run, backup: Path) -> None:
    backup.unlink()
    assert run("export", "--all", "-o", str(backup)).code == 0
    assert file_mode(backup) == 0o600
    before = backup.read_text()
    again = run("export", "--all", "-o", str(backup))
    assert again.code == 5 and "--force" in again.err
    assert backup.read_text() == before
    assert run("export", "--all", "-o", str(backup), "--force").code == 0
    stdout = run("export", "--all")
    assert stdout.code == 0 and json.loads(stdout.out)["format"] == "mentorcli"


def test_round_trip_gives_equal_listings(
    run: Run, backup: Path, db_path: Path, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh.db"
    outcome = run("--db", str(fresh), "import", str(backup))
    assert outcome.code == 0, outcome.err
    assert "added" in outcome.out
    assert listings(run, fresh) == listings(run, db_path)
    assert counts(fresh) == counts(db_path)
    # And exporting the copy gives the same records back.
    second = json.loads(run("--db", str(fresh), "export", "--all").out)
    first = json.loads(backup.read_text())
    for document in (first, second):
        document.pop("exported_at")
    assert first == second


def test_importing_twice_changes_nothing(run: Run, backup: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    assert run("--db", str(fresh), "import", str(backup)).code == 0
    before = (counts(fresh), listings(run, fresh))
    again = run("--db", str(fresh), "import", str(backup))
    assert again.code == 0 and "nothing added; nothing updated" in again.out
    assert (counts(fresh), listings(run, fresh)) == before
    # Importing into the very database it came from changes nothing either.
    assert run("import", str(backup)).code == 0


def _rewrite(path: Path, change: Any) -> Path:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))
    return path


def test_newer_updated_at_wins_older_loses(run: Run, backup: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    assert run("--db", str(fresh), "import", str(backup)).code == 0
    newer = tmp_path / "newer.json"
    newer.write_text(backup.read_text())

    def edit(document: dict[str, Any]) -> None:
        document["goals"][0]["title"] = "Lead two design reviews"
        document["goals"][0]["updated_at"] = "2099-01-01T00:00:00.000000+00:00"
        document["goals"][1]["title"] = "An older title"
        document["goals"][1]["updated_at"] = "2000-01-01T00:00:00+00:00"
        document["people"][1]["timezone"] = "Asia/Calcutta"  # an alias: stored as its name now
        document["people"][1]["updated_at"] = "2099-01-01T00:00:00Z"

    outcome = run("--db", str(fresh), "import", str(_rewrite(newer, edit)))
    assert outcome.code == 0, outcome.err
    assert "updated: people 1, goals 1" in outcome.out
    goals = json.loads(run("--db", str(fresh), "goal", "list", "rui/ana", "--all", "--json").out)
    titles = {g["title"] for g in goals}
    assert "Lead two design reviews" in titles and "An older title" not in titles
    person = json.loads(run("--db", str(fresh), "person", "show", "ana", "--json").out)
    assert person["timezone"] == "Asia/Kolkata" or person["handle"] != "ana"
    assert run("--db", str(fresh), "import", str(newer)).out.count("nothing updated") == 1


def test_a_handle_taken_here_gives_the_incoming_person_a_local_one(
    run: Run, backup: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    assert run("--db", str(other), "person", "add", "ana", "--tz", "Europe/Paris").code == 0
    before = counts(other)
    outcome = run("--db", str(other), "import", str(backup))
    assert outcome.code == 0
    assert "'ana' is 'ana-2' here" in outcome.out
    assert counts(other)["person"] == before["person"] + 3
    shown = json.loads(run("--db", str(other), "person", "show", "ana", "--json").out)
    assert shown["timezone"] == "Europe/Paris"  # the one who was here keeps the handle
    # Importing again changes nothing and renames no one again.
    again = run("--db", str(other), "import", str(backup))
    assert "ana-3" not in again.out and counts(other)["person"] == before["person"] + 3


def test_an_imported_handle_is_normalised_and_clashes_in_any_case(run: Run, tmp_path: Path) -> None:
    source, document = tmp_path / "source.db", tmp_path / "people.json"
    assert run("--db", str(source), "person", "add", "søren", "--tz", "UTC").code == 0
    assert run("--db", str(source), "export", "--all", "-o", str(document)).code == 0
    data = json.loads(document.read_text())
    data["people"][0]["handle"] = "jose\u0301"  # decomposed: e and a combining accent
    document.write_text(json.dumps(data))
    fresh = tmp_path / "fresh.db"
    assert run("--db", str(fresh), "import", str(document)).code == 0
    assert json.loads(run("--db", str(fresh), "person", "list", "--json").out)[0]["handle"] == (
        "jos\u00e9"
    )
    other = tmp_path / "other.db"
    assert run("--db", str(other), "person", "add", "JOSÉ", "--tz", "UTC").code == 0
    clash = run("--db", str(other), "import", str(document))
    assert clash.code == 0 and "'jos\u00e9-2' here" in clash.out


def test_a_merge_of_two_mentors_files(run: Run, tmp_path: Path) -> None:
    """Two mentors' own databases merged into one coordinator's database."""
    files = []
    for mentor, mentee in (("kim", "lee"), ("mo", "noa")):
        db = tmp_path / f"{mentor}.db"
        for handle in (mentor, mentee):
            assert run("--db", str(db), "person", "add", handle, "--tz", "UTC").code == 0
        assert run("--db", str(db), "pair", "add", mentor, mentee).code == 0
        assert run("--db", str(db), "log", f"{mentor}/{mentee}", "--notes", "hi").code == 0
        files.append(tmp_path / f"{mentor}.json")
        assert run("--db", str(db), "export", "--all", "-o", str(files[-1])).code == 0
    coordinator = tmp_path / "program.db"
    for file in files * 2:
        assert run("--db", str(coordinator), "import", str(file)).code == 0
    assert counts(coordinator) | {} == {
        "person": 4,
        "pair": 2,
        "expectation": 0,
        "goal": 0,
        "session": 2,
        "action": 0,
        "topic": 0,
    }


BAD_VALUES = [
    ("people", 0, "timezone", "EST", "timezone"),
    ("people", 0, "hours", "9 to 5", "hours"),
    ("people", 0, "handle", "has space", "handle"),
    ("people", 0, "handle", "2026", "handle"),
    ("people", 0, "handle", "a\u202eb", "handle"),
    ("pairs", 0, "status", "finished", "status"),
    ("pairs", 0, "cadence", "sometimes", "cadence"),
    ("pairs", 0, "start_date", "2026-02-30", "start_date"),
    ("pairs", 0, "mentor", "not-a-uid", "mentor"),
    ("goals", 0, "progress", 101, "progress"),
    ("goals", 0, "progress", True, "progress"),
    ("sessions", 0, "rapport", 7, "rapport"),
    ("sessions", 0, "minutes", -5, "minutes"),
    ("sessions", 0, "channel", "pigeon", "channel"),
    ("sessions", 0, "started_at", "2026-11-24 15:30", "started_at"),
    ("sessions", 0, "notes", None, "notes"),
    ("actions", 0, "owner", "boss", "owner"),
    ("expectations", 0, "topic", "vibes", "topic"),
    ("topics", 0, "updated_at", "yesterday", "updated_at"),
]


@pytest.mark.parametrize(("section", "index", "name", "value", "named"), BAD_VALUES)
def test_a_bad_value_writes_nothing(
    run: Run,
    backup: Path,
    tmp_path: Path,
    section: str,
    index: int,
    name: str,
    value: Any,
    named: str,
) -> None:
    fresh = tmp_path / "fresh.db"
    assert run("--db", str(fresh), "person", "add", "zoe", "--tz", "UTC").code == 0
    before = counts(fresh)

    def spoil(document: dict[str, Any]) -> None:
        document[section][index][name] = value

    outcome = run("--db", str(fresh), "import", str(_rewrite(backup, spoil)))
    assert outcome.code == 2, outcome.err
    assert f"{section}[{index}]" in outcome.err and named in outcome.err
    assert "nothing was imported" in outcome.err and outcome.err.count("\n") == 1
    assert counts(fresh) == before


def test_a_dangling_reference_late_in_the_file_writes_nothing(
    run: Run, backup: Path, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh.db"
    assert run("--db", str(fresh), "person", "add", "zoe", "--tz", "UTC").code == 0
    before = counts(fresh)

    def dangle(document: dict[str, Any]) -> None:
        document["topics"][-1]["pair"] = "0b6f8c8e-0000-4000-8000-000000000099"

    outcome = run("--db", str(fresh), "import", str(_rewrite(backup, dangle)))
    assert outcome.code == 2 and "neither in the file nor here" in outcome.err
    assert counts(fresh) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not JSON"),
        ("[]", "not a mentor backup"),
        ('{"format": "todo.txt", "version": 1}', "not a mentor backup"),
        ('{"format": "mentorcli", "version": "1"}', "no valid format version"),
        ('{"format": "mentorcli", "version": 2, "people": []}', "newer mentor"),
        ('{"format": "mentorcli", "version": 1, "people": []}', "'pairs' is missing"),
        ('{"format": "mentorcli", "version": 1, "people": [1]}', "people[0] is"),
        ("[" * 100000, "is not JSON"),
    ],
)
def test_malformed_and_foreign_files_exit_2(
    run: Run, tmp_path: Path, db_path: Path, content: str, message: str
) -> None:
    assert run("person", "add", "zoe", "--tz", "UTC").code == 0
    before = counts(db_path)
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    outcome = run("import", str(bad))
    assert outcome.code == 2, outcome.err
    assert message in outcome.err and outcome.err.count("\n") == 1
    assert counts(db_path) == before


def test_a_missing_field_and_a_binary_file(run: Run, backup: Path, tmp_path: Path) -> None:
    def drop(document: dict[str, Any]) -> None:
        del document["sessions"][1]["zone"]

    missing = copy.copy(_rewrite(backup, drop))
    outcome = run("import", str(missing))
    assert outcome.code == 2 and "sessions[1]: the field 'zone' is missing" in outcome.err
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0" * 10)
    assert run("import", str(binary)).code == 2
    assert run("import", str(tmp_path / "nowhere.json")).code == 5


def test_import_reads_stdin(run: Run, backup: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    outcome = run("--db", str(fresh), "import", "-", input=backup.read_text())
    assert outcome.code == 0 and "Imported stdin" in outcome.out
    assert counts(fresh)["session"] == 5


def test_export_all_refuses_summary_options(run: Run) -> None:
    assert run("export", "--all", "--since", "2026-01-01").code == 2
    assert run("export", "--all", "--format", "json").code == 2
    assert run("export").code == 2


def test_progress_is_drawn_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import os as os_module

    from mentorcli.render.progress import WORTH_SHOWING, counting

    quiet = io.StringIO()
    monkeypatch.setattr("sys.stderr", quiet)
    with counting(WORTH_SHOWING * 2, "Importing") as advance:
        for _ in range(WORTH_SHOWING * 2):
            advance()
    assert quiet.getvalue() == ""

    leader, follower = os_module.openpty()
    terminal = open(follower, "w", encoding="utf-8", closefd=True)  # noqa: SIM115
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setenv("TERM", "xterm")
    try:
        with counting(WORTH_SHOWING, "Importing") as advance:
            for _ in range(WORTH_SHOWING):
                advance()
        terminal.flush()
        drawn = _drain(leader)
    finally:
        terminal.close()
        os_module.close(leader)
    assert "Importing" in drawn


def _drain(leader: int) -> str:
    """What reached the terminal: a pty hands bytes over asynchronously, so read until quiet."""
    import os as os_module
    import select

    chunks = []
    while select.select([leader], [], [], 1.0)[0]:
        chunk = os_module.read(leader, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def _other_pair_session(document: dict[str, Any]) -> None:
    """The first action of one pair made to point at a session of the other pair."""
    pairs = {s["uid"]: s["pair"] for s in document["sessions"]}
    action = next(a for a in document["actions"] if a["session"] is not None)
    action["session"] = next(uid for uid, pair in pairs.items() if pair != action["pair"])


def _self_superseded(document: dict[str, Any]) -> None:
    expectation = document["expectations"][0]
    expectation["superseded_by"] = expectation["uid"]


def _superseded_in_a_loop(document: dict[str, Any]) -> None:
    first, second = document["expectations"][:2]
    first["superseded_by"], second["superseded_by"] = second["uid"], first["uid"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_other_pair_session, "points at a session of another"),
        (_self_superseded, "superseded by itself"),
        (_superseded_in_a_loop, "superseded by itself"),
    ],
)
def test_links_that_make_no_sense_are_refused_whole(
    run: Run, backup: Path, tmp_path: Path, change: Any, message: str
) -> None:
    fresh = tmp_path / "fresh.db"
    assert run("--db", str(fresh), "person", "add", "zoe", "--tz", "UTC").code == 0
    before = counts(fresh)
    outcome = run("--db", str(fresh), "import", str(_rewrite(backup, change)))
    assert outcome.code == 2 and message in outcome.err and "nothing was imported" in outcome.err
    assert outcome.err.count("\n") == 1
    assert counts(fresh) == before


def test_a_newer_file_carries_deletions_and_an_older_one_brings_nothing_back(
    run: Run, tmp_path: Path
) -> None:
    mentor, coordinator = str(tmp_path / "mentor.db"), str(tmp_path / "program.db")
    for handle in ("kim", "lee"):
        assert run("--db", mentor, "person", "add", handle, "--tz", "UTC").code == 0
    assert run("--db", mentor, "pair", "add", "kim", "lee").code == 0
    for text in ("first", "second"):
        assert run("--db", mentor, "log", "kim/lee", "--notes", text).code == 0
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    assert run("--db", mentor, "export", "--all", "-o", str(old)).code == 0
    assert run("--db", coordinator, "import", str(old)).code == 0
    assert run("--db", mentor, "session", "delete", "1", "--yes").code == 0
    assert run("--db", mentor, "export", "--all", "-o", str(new)).code == 0
    assert json.loads(new.read_text())["deleted"][0]["kind"] == "session"
    outcome = run("--db", coordinator, "import", str(new))
    assert outcome.code == 0 and "deleted: sessions 1" in outcome.out.lower()

    def notes() -> list[str]:
        listed = run("--db", coordinator, "sessions", "--json").out
        return sorted(s["notes"] for s in json.loads(listed))

    assert notes() == ["second"]
    assert run("--db", coordinator, "import", str(old)).code == 0
    assert notes() == ["second"]


def test_a_backup_from_before_sleep_hours_sleeps_at_night(
    run: Run, backup: Path, tmp_path: Path
) -> None:
    def older(document: dict[str, Any]) -> None:
        for person in document["people"]:
            del person["sleep"]

    fresh = tmp_path / "fresh.db"
    assert run("--db", str(fresh), "import", str(_rewrite(backup, older))).code == 0
    people = json.loads(run("--db", str(fresh), "person", "list", "--json").out)
    assert people and {p["sleep"] for p in people} == {"22:00-07:00"}

    def wrong(document: dict[str, Any]) -> None:
        document["people"][0]["sleep"] = "mon-fri 23:00-07:00"

    outcome = run("--db", str(tmp_path / "other.db"), "import", str(_rewrite(backup, wrong)))
    assert outcome.code == 2 and "people[0]: sleep: " in outcome.err
