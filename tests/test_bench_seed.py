"""The benchmark's seeder: the same seed gives the same database, and mentor accepts it whole."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from mentorcli.cadence import parse_cadence
from mentorcli.hours import format_hours, parse_hours
from mentorcli.services.lookup import resolve_pair
from mentorcli.store import Store
from mentorcli.zones import resolve_zone

from conftest import Run

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from seed import BASE, main, seed

SIZES = {"people": 12, "pairs": 6, "sessions": 150}


def dump(path: Path) -> list[str]:
    """Every row of the file, less sqlite-utils' own record of when each migration ran."""
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if "_sqlite_migrations" not in line]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("seed") / "mentor.db"
    return path, seed(path, **SIZES, seed_value=3)


def test_same_seed_same_database(seeded: tuple[Path, str], tmp_path: Path) -> None:
    path, ref = seeded
    again = tmp_path / "again.db"
    assert seed(again, **SIZES, seed_value=3) == ref
    assert dump(again) == dump(path)


def test_another_seed_another_database(seeded: tuple[Path, str], tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    seed(other, **SIZES, seed_value=4)
    assert dump(other) != dump(seeded[0])


def test_mentor_accepts_the_database(seeded: tuple[Path, str], run: Run) -> None:
    path, ref = seeded
    check = run("--db", str(path), "db", "check")
    assert check.code == 0, check.out + check.err
    for args in (["status"], ["agenda", ref], ["sessions", ref, "--limit", "3"]):
        outcome = run("--db", str(path), *args)
        assert outcome.code == 0, outcome.err


def test_records_are_valid_and_varied(seeded: tuple[Path, str]) -> None:
    path, ref = seeded
    store = Store.open(path)
    try:
        people = store.people.all()
        assert len(people) == SIZES["people"]
        for person in people:
            assert resolve_zone(person.timezone) == person.timezone
            assert format_hours(parse_hours(person.hours)) == person.hours
        pairs = store.pairs.all()
        assert len(pairs) == SIZES["pairs"]
        for pair in pairs:
            assert parse_cadence(pair.cadence).text == pair.cadence
        busiest = resolve_pair(store, ref)
        assert busiest.status == "active"
        grouped = "SELECT pair_id, count(*) FROM session GROUP BY pair_id"
        counts = dict(store.conn.execute(grouped).fetchall())
        assert sum(counts.values()) == SIZES["sessions"]
        assert counts[busiest.id] == max(counts.values())

        def value(sql: str) -> object:
            row = store.conn.execute(sql).fetchone()
            assert row is not None
            return row[0]

        today = BASE.date().isoformat()
        assert value(f"SELECT count(*) FROM action WHERE status = 'open' AND due_on < '{today}'")
        assert value("SELECT count(*) FROM action WHERE status = 'done' AND done_on IS NOT NULL")
        assert value("SELECT count(*) FROM topic WHERE covered_session_id IS NOT NULL")
        assert value("SELECT count(*) FROM expectation WHERE review_on IS NOT NULL")
        assert value("SELECT count(*) FROM goal")
        assert value("SELECT count(DISTINCT rapport) FROM session") >= 3
        words = value("SELECT avg(length(notes) - length(replace(notes, ' ', ''))) FROM session")
        assert isinstance(words, float) and 100 < words < 600
        span = "SELECT min(started_at), max(started_at) FROM session"
        first, last = store.conn.execute(span).fetchone() or ()
        assert first[:4] < last[:4] <= today[:4]
        assert value("SELECT max(created_at) FROM session") < today
    finally:
        store.close()


def test_the_last_line_is_the_busiest_pair(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cli.db"
    assert main(["--db", str(path), "--people", "6", "--pairs", "3", "--sessions", "40"]) == 0
    ref = capsys.readouterr().out.strip().splitlines()[-1]
    store = Store.open(path)
    try:
        assert resolve_pair(store, ref).ref == ref
    finally:
        store.close()


def test_an_existing_file_is_never_seeded_over(seeded: tuple[Path, str]) -> None:
    path, _ = seeded
    before = path.read_bytes()
    with pytest.raises(FileExistsError):
        seed(path, **SIZES, seed_value=3)
    assert path.read_bytes() == before
