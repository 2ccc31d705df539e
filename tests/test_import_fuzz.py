"""Fuzzing `mentor import`: whatever the file holds (random text or bytes, random JSON, a real
backup with one value changed, deleted or of the wrong type), the import either succeeds or
exits 2 with one line on stderr, and when it exits 2 the database is exactly as it was."""

from __future__ import annotations

import copy
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mentorcli.cli.app import app
from seed_helpers import PEOPLE, history

from conftest import Outcome, Run

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    """An empty mentor database, one with some history in every table, and that history's
    backup document. Made once for the module."""
    folder = tmp_path_factory.mktemp("fuzz")
    empty, full = folder / "empty.db", folder / "full.db"
    runner = CliRunner()

    def on(db: Path) -> Run:
        def run(*args: str, input: str | None = None) -> Outcome:
            env = {"TZ": "UTC", "NO_COLOR": "1", "MENTOR_DB": str(db)}
            result = runner.invoke(app, list(args), input=input, env=env)
            return Outcome(result.exit_code, result.stdout, result.stderr)

        return run

    assert on(empty)("person", "list").code == 0
    run = on(full)
    for args in PEOPLE:
        assert run(*args).code == 0
    history(run)
    assert run("expect", "edit", "1", "Weekly video, Tuesdays or Wednesdays").code == 0
    exported = run("export", "--all")
    assert exported.code == 0, exported.err
    document = json.loads(exported.out)
    assert all(document[name] for name in ("people", "expectations", "actions", "topics"))
    return empty, full, document


def dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


class Importer:
    """Imports a file into a fresh copy of the empty or the full database and checks the
    outcome: exit 0, or exit 2 with one line and the database untouched."""

    def __init__(self, run: Run, db: Path, file: Path, start: dict[str, Path]) -> None:
        self.run, self.db, self.file = run, db, file
        self.start = start
        self.before = {name: dump(path) for name, path in start.items()}

    def check(self, data: bytes, into: str) -> Outcome:
        for side in (self.db, *(self.db.with_name(f"mentor.db-{s}") for s in ("wal", "shm"))):
            side.unlink(missing_ok=True)
        shutil.copyfile(self.start[into], self.db)
        self.file.write_bytes(data)
        outcome = self.run("import", str(self.file))
        assert outcome.code in (0, 2), (outcome.code, outcome.err)
        if outcome.code == 2:
            assert outcome.err.count("\n") == 1 and outcome.err.startswith("mentor: "), outcome
            assert "nothing was imported" in outcome.err, outcome.err
            assert dump(self.db) == self.before[into]
        else:
            assert outcome.err == "" and outcome.out.startswith("Imported "), outcome
            conn = sqlite3.connect(self.db)
            try:
                assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            finally:
                conn.close()
        return outcome


@pytest.fixture
def importer(
    run: Run, db_path: Path, tmp_path: Path, recorded: tuple[Path, Path, dict[str, Any]]
) -> Iterator[Importer]:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    empty, full, _ = recorded
    yield Importer(run, db_path, tmp_path / "backup.json", {"empty": empty, "full": full})


INTO = st.sampled_from(["empty", "full"])
# Text including what JSON can carry but UTF-8 cannot: lone surrogates from \ud800 escapes.
TEXT = st.text(st.characters(exclude_categories=()), max_size=12)
EDGE_VALUES: list[Any] = [
    "",
    "\ud800",
    "\x00",
    "9999-12-31T23:59:59-01:00",
    "0001-01-01T00:00:00+01:00",
    "2026-02-30",
    "2026-11-24T10:00:00",
    "Europe/Lisbon",
    "EST",
    "weekly",
    "mon-fri 09:00-17:00",
    "../../x",
    2**63,
    2**63 - 1,
    -1,
    0,
    101,
    1.5,
    float("nan"),
    True,
]
EDGES = st.sampled_from(EDGE_VALUES)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | TEXT | EDGES
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)


@FUZZ
@given(data=st.binary(max_size=200) | TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_random_bytes_and_text(importer: Importer, data: bytes) -> None:
    assert importer.check(data, "full").code == 2


@FUZZ
@given(value=VALUES, into=INTO)
def test_random_json(importer: Importer, value: Any, into: str) -> None:
    assert importer.check(json.dumps(value).encode(), into).code == 2


def uids(document: dict[str, Any]) -> list[str]:
    """Every uid in the document: a reference may be pointed at a record of the wrong kind."""
    return [r["uid"] for records in document.values() if isinstance(records, list) for r in records]


@FUZZ
@given(data=st.data(), into=INTO, newer=st.booleans(), how=st.sampled_from(["set", "drop", "type"]))
def test_a_real_backup_with_one_field_changed(
    importer: Importer,
    recorded: tuple[Path, Path, dict[str, Any]],
    data: st.DataObject,
    into: str,
    newer: bool,
    how: str,
) -> None:
    document = copy.deepcopy(recorded[2])
    section = data.draw(
        st.sampled_from(sorted(k for k, v in document.items() if v and isinstance(v, list)))
    )
    record = data.draw(st.sampled_from(document[section]))
    if newer:  # so the change is merged into the database it came from, not just checked
        record["updated_at"] = "2099-01-01T00:00:00.000000+00:00"
    name = data.draw(st.sampled_from([*record, "unknown"]))
    if how == "drop":
        record.pop(name, None)
    elif how == "type":
        record[name] = 7 if isinstance(record.get(name), str) else "seven"
    else:
        record[name] = data.draw(VALUES | st.sampled_from(uids(document)))
    event(f"exit {importer.check(json.dumps(document).encode(), into).code} into {into}")


@FUZZ
@given(data=st.data(), into=INTO, how=st.sampled_from(["set", "drop"]))
def test_a_real_backup_with_its_frame_changed(
    importer: Importer,
    recorded: tuple[Path, Path, dict[str, Any]],
    data: st.DataObject,
    into: str,
    how: str,
) -> None:
    document = copy.deepcopy(recorded[2])
    name = data.draw(st.sampled_from(sorted(document)))
    if how == "drop":
        del document[name]
    else:
        document[name] = data.draw(VALUES)
    event(f"exit {importer.check(json.dumps(document).encode(), into).code} into {into}")


def test_the_unchanged_backup_imports(
    importer: Importer, recorded: tuple[Path, Path, dict[str, Any]]
) -> None:
    """The baseline the mutations start from is itself a good backup, in both databases."""
    text = json.dumps(recorded[2]).encode()
    assert "added: people 3" in importer.check(text, "empty").out
    assert "nothing added; nothing updated" in importer.check(text, "full").out


def test_every_field_with_every_edge_value(
    importer: Importer, recorded: tuple[Path, Path, dict[str, Any]]
) -> None:
    """Systematically, not by chance: each field of one record of each kind set to each edge
    value (a lone surrogate, a number too big for SQLite, a timestamp past year 9999 in UTC...)
    and imported into the empty database, where every record is written."""
    for section, records in recorded[2].items():
        if not isinstance(records, list) or not records:
            continue
        for name in records[-1]:
            for value in EDGE_VALUES:
                document = copy.deepcopy(recorded[2])
                document[section][-1][name] = value
                importer.check(json.dumps(document).encode(), "empty")
