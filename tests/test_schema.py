"""The schema pinned: every column has its model field and its exchange field, none left over."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import fields
from typing import Any

import pytest

from mentorcli.model import agreement, away, followups, pairs, people, plans, sessions
from mentorcli.store import schema
from mentorcli.store.connection import SCHEMA_VERSION, open_connection
from mentorcli.store.exchange import SECTIONS, Section

MODELS: dict[str, type[Any]] = {
    "person": people.Person,
    "time_off": away.TimeOff,
    "pair": pairs.Pair,
    "expectation": agreement.Expectation,
    "goal": agreement.Goal,
    "session": sessions.Session,
    "action": followups.Action,
    "topic": followups.Topic,
    "planned_session": plans.PlannedSession,
}
# Model fields that are not columns of their table. Keep this short: each one is read in by a
# join, and a field missing from the join fails only when the record is built.
DERIVED = {"pair": {"mentor", "mentee"}}  # the people's handles, joined in from person
# Columns the exchange document leaves out: ids are local to one database, records travel by uid.
NOT_EXPORTED = {"id"}
# Tables that hold no record: the migration log, and the full-text index with its FTS5 shadow
# tables, which triggers rebuild from the records.
NOT_RECORDS = {
    "_sqlite_migrations",
    "sqlite_sequence",
    "search_index",
    "search_index_config",
    "search_index_content",
    "search_index_data",
    "search_index_docsize",
    "search_index_idx",
    # What sharing keeps: bindings, the resolved state of shared fields, what was read.
    "share",
    "sync_record",
    "sync_note",
    "sync_read",
    "sync_alias",
    "tombstone",
    "undo_command",
    "undo_change",
}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    """A blank database, opened (and so migrated) the way every command opens it."""
    conn = open_connection(tmp_path_factory.mktemp("schema") / "mentor.db")
    yield conn
    conn.close()


def columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def test_every_table_is_a_record_or_known(fresh: sqlite3.Connection) -> None:
    tables = {
        row[0] for row in fresh.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    assert tables - NOT_RECORDS == set(MODELS)
    assert {section.table for section in SECTIONS} == set(MODELS)


@pytest.mark.parametrize("table", MODELS)
def test_model_fields_are_the_columns(fresh: sqlite3.Connection, table: str) -> None:
    names = {field.name for field in fields(MODELS[table])}
    derived = DERIVED.get(table, set())
    assert derived <= names, "a derived field named here is no longer in the model"
    assert not derived & columns(fresh, table), "a derived field is a column: drop it from DERIVED"
    assert names - derived == columns(fresh, table)


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.name)
def test_exchange_carries_every_column(fresh: sqlite3.Connection, section: Section) -> None:
    carried = [section.refs[name][0] if name in section.refs else name for name in section.fields]
    assert len(carried) == len(set(carried)), "a column is exported twice"
    assert set(carried) == columns(fresh, section.table) - NOT_EXPORTED
    assert set(section.lists) <= set(section.columns)


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.name)
def test_exchange_sends_every_reference_as_a_uid(
    fresh: sqlite3.Connection, section: Section
) -> None:
    tables = {other.name: other.table for other in SECTIONS}
    # foreign_key_list rows: id, seq, table, from, to, ...
    foreign_keys = {
        row[3]: row[2] for row in fresh.execute(f"PRAGMA foreign_key_list({section.table})")
    }
    assert {column: tables[target] for column, target in section.refs.values()} == foreign_keys


def test_schema_version_is_the_number_of_migrations(fresh: sqlite3.Connection) -> None:
    names = [name for name, _ in schema.MIGRATIONS]
    assert len(names) == SCHEMA_VERSION
    assert [migration.name for migration in schema.migrations()._migrations] == names
    # Append-only and numbered in order: 0001, 0002, ... with no gap.
    assert [name[:5] for name in names] == [f"{n:04d}_" for n in range(1, len(names) + 1)]
    assert fresh.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    applied = [row[0] for row in fresh.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == names
