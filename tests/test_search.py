"""`mentor search`: ranked full-text search with snippets, safe for any query."""

from __future__ import annotations

import json
from typing import Any

import pytest

import mentorcli.store.search

from conftest import Run


def hits(run: Run, *args: str) -> list[dict[str, Any]]:
    outcome = run("search", *args, "--json")
    assert outcome.code == 0, outcome.err
    found: list[dict[str, Any]] = json.loads(outcome.out)
    return found


@pytest.fixture
def indexed(people: Run) -> Run:
    notes = (
        ("rui/ana", "2026-10-01 10:00", "We talked about kubernetes once, then about testing."),
        ("rui/ana", "2026-10-08 10:00", "Kubernetes again: kubernetes probes, kubernetes limits."),
        ("rui/ben", "2026-10-09 10:00", "Ben asked about kubernetes operators."),
    )
    for pair, when, text in notes:
        assert people("log", pair, "--when", when, "--notes", text).code == 0
    assert people("action", "add", "rui/ana", "mentee", "write a design doc for caching").code == 0
    assert (
        people("goal", "add", "rui/ana", "own the caching layer", "--detail", "by spring").code == 0
    )
    assert people("topic", "add", "rui/ben", "caching strategies for the API").code == 0
    return people


def test_ranked_best_first_with_snippets(indexed: Run) -> None:
    found = hits(indexed, "kubernetes")
    assert (found[0]["kind"], found[0]["id"]) == ("session", 2)
    assert {h["id"] for h in found} == {1, 2, 3}
    assert [h["rank"] for h in found] == sorted(h["rank"] for h in found)
    best = found[0]
    start, end = best["highlights"][0]
    assert best["snippet"][start:end].lower() == "kubernetes"
    assert best["pair"] == "rui/ana"
    table = indexed("search", "kubernetes").out
    assert "session #2" in table and "rui/ben" in table


def test_every_kind_and_pair_filter(indexed: Run) -> None:
    kinds = {(h["kind"], h["pair"]) for h in hits(indexed, "caching")}
    assert kinds == {("action", "rui/ana"), ("goal", "rui/ana"), ("topic", "rui/ben")}
    only_ben = hits(indexed, "caching", "--pair", "rui/ben")
    assert [h["kind"] for h in only_ben] == ["topic"]
    assert [h["kind"] for h in hits(indexed, "spring")] == ["goal"]


def test_words_phrases_prefixes_and_stems(indexed: Run) -> None:
    assert [h["id"] for h in hits(indexed, "kubernetes", "testing")] == [1]
    assert [h["id"] for h in hits(indexed, '"kubernetes operators"')] == [3]
    assert hits(indexed, '"operators kubernetes"') == []
    assert {h["id"] for h in hits(indexed, "kube*")} == {1, 2, 3}
    assert [h["id"] for h in hits(indexed, "operator")] == [3]
    assert [h["id"] for h in hits(indexed, "kubernetes", "--limit", "1")] == [2]


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "AND",
        "OR kubernetes",
        "NOT",
        "kubernetes NEAR(",
        "body:kubernetes",
        "-kubernetes",
        "^kubernetes",
        "kube* *",
        "a)(b",
        "'; DROP TABLE session;--",
        "ünïcödé",
    ],
)
def test_fts_syntax_in_queries_never_crashes(indexed: Run, query: str) -> None:
    outcome = indexed("search", "--", query)
    assert outcome.code == 0, (query, outcome.err)
    assert isinstance(json.loads(indexed("search", "--json", "--", query).out), list)


def test_operator_words_are_plain_words(indexed: Run) -> None:
    assert [h["id"] for h in hits(indexed, "kubernetes", "then")] == [1]
    assert indexed("search", "nothingmatchesthis").out.startswith("Nothing matches")


@pytest.mark.parametrize("query", ["", "   ", '"', "***", "()"])
def test_empty_queries_are_refused(indexed: Run, query: str) -> None:
    outcome = indexed("search", query)
    assert outcome.code == 2 and "nothing to search for" in outcome.err


def test_unknown_pair_filter(indexed: Run) -> None:
    outcome = indexed("search", "caching", "--pair", "ghost")
    assert outcome.code == 2 and "ghost" in outcome.err


def test_edits_and_deletes_reach_the_index(indexed: Run) -> None:
    assert indexed("session", "edit", "3", "--notes", "now about helm").code == 0
    assert {h["id"] for h in hits(indexed, "kubernetes")} == {1, 2}
    assert [h["id"] for h in hits(indexed, "helm")] == [3]
    assert indexed("session", "delete", "3", "--yes").code == 0
    assert hits(indexed, "helm") == []


def test_equal_ranks_list_the_newest_first_across_the_limit(people: Run) -> None:
    """Identical texts rank alike: the limit keeps the newest of them, whatever the order
    they were written in (the best matches are ranked first, their dates read after)."""
    for when in ("2026-03-01", "2026-01-01", "2026-05-01", "2026-02-01", "2026-04-01"):
        assert people("log", "rui/ana", "--when", f"{when} 10:00", "--notes", "terraform").code == 0
    notes = "terraform terraform"  # ranks better than a lone "terraform"
    assert people("log", "rui/ben", "--when", "2025-12-01 10:00", "--notes", notes).code == 0
    found = hits(people, "terraform", "--limit", "3")
    assert [(h["id"], h["pair"]) for h in found] == [(6, "rui/ben"), (3, "rui/ana"), (5, "rui/ana")]
    assert [h["when"][:10] for h in found[1:]] == ["2026-05-01", "2026-04-01"]
    everything = hits(people, "terraform")
    assert [h["id"] for h in everything] == [6, 3, 5, 1, 4, 2]
    assert hits(people, "terraform", "--pair", "rui/ana", "--limit", "1")[0]["id"] == 3


def test_ids_reach_sqlite_in_batches(indexed: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of tied matches would pass SQLite's limit on parameters in one statement."""
    whole = hits(indexed, "kubernetes")
    monkeypatch.setattr(mentorcli.store.search, "BATCH", 1)
    assert hits(indexed, "kubernetes") == whole
    assert {h["pair"] for h in hits(indexed, "kube*")} == {"rui/ana", "rui/ben"}
