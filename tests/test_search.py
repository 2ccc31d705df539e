"""`mentor search`: ranked full-text search with snippets, safe for any query."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mentorcli.store.search
from mentorcli.errors import BadInput

from conftest import Run


def hits(run: Run, *args: str) -> list[dict[str, Any]]:
    outcome = run("search", "--json", *args)
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
        "-kubernetes testing",
        "kubernetes OR",
        "OR OR",
        "kubernetes OR -testing",
        '-"unbalanced kubernetes',
        "kubernetes --testing --",
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


@pytest.mark.parametrize("query", ["", "   ", '"', "***", "()", "-", "- -"])
def test_empty_queries_are_refused(indexed: Run, query: str) -> None:
    outcome = indexed("search", "--", query)
    assert outcome.code == 2 and "nothing to search for" in outcome.err


def test_or_offers_a_choice(indexed: Run) -> None:
    assert {h["kind"] for h in hits(indexed, "spring OR strategies")} == {"goal", "topic"}
    assert {h["id"] for h in hits(indexed, "operators OR probes", "kubernetes")} == {2, 3}
    assert {h["id"] for h in hits(indexed, '"kubernetes operators" OR testing')} == {1, 3}
    # Lower-case or is a word, and so is an OR with nothing on one side.
    assert hits(indexed, "operators or probes") == []
    assert hits(indexed, "OR operators") == []


def test_minus_leaves_words_and_phrases_out(indexed: Run) -> None:
    assert {h["id"] for h in hits(indexed, "kubernetes", "--", "-testing")} == {2, 3}
    assert {h["id"] for h in hits(indexed, "--", "kubernetes -probes -operators")} == {1}
    assert {h["id"] for h in hits(indexed, "--", 'kubernetes -"kubernetes operators"')} == {1, 2}
    assert {h["id"] for h in hits(indexed, "--", "kube* -oper*")} == {1, 2}
    assert hits(indexed, "--", "kubernetes -kubernetes") == []
    found = hits(indexed, "--", "kubernetes -testing")
    start, end = found[0]["highlights"][0]
    assert found[0]["snippet"][start:end].lower() == "kubernetes"


@pytest.mark.parametrize("query", ["-kubernetes", '-"kubernetes operators"', "-a -b*"])
def test_a_query_of_only_exclusions_is_refused(indexed: Run, query: str) -> None:
    outcome = indexed("search", "--", query)
    assert outcome.code == 2
    assert outcome.err.count("\n") == 1 and "only leaves words out" in outcome.err


def test_kind_narrows_to_some_kinds(indexed: Run) -> None:
    assert [h["kind"] for h in hits(indexed, "caching", "--kind", "goal")] == ["goal"]
    both = hits(indexed, "caching", "--kind", "goal,topic")
    assert {h["kind"] for h in both} == {"goal", "topic"}
    again = hits(indexed, "caching", "--kind", "goal", "--kind", " Topic ", "--kind", "goal")
    assert again == both
    assert hits(indexed, "kubernetes", "--kind", "action") == []
    outcome = indexed("search", "caching", "--kind", "note")
    assert outcome.code == 2 and outcome.err == (
        'mentor: unknown kind "note": use session, action, goal or topic, '
        "or several, e.g. --kind session,action\n"
    )


def test_since_keeps_what_is_dated_from_that_day_on(indexed: Run) -> None:
    assert {h["id"] for h in hits(indexed, "kubernetes", "--since", "2026-10-08")} == {2, 3}
    assert [h["id"] for h in hits(indexed, "kubernetes", "--since", "2026-10-09")] == [3]
    assert hits(indexed, "kubernetes", "--since", "2026-10-10") == []
    # Actions, goals and topics are dated when they were written: today.
    assert len(hits(indexed, "caching", "--since", "today")) == 3
    assert len(hits(indexed, "caching", "--since", "3 days ago", "--kind", "topic")) == 1
    assert (
        hits(indexed, "caching", "--since", "3 days ago", "--pair", "rui/ana", "--kind", "topic")
        == []
    )


@pytest.mark.parametrize(
    ("since", "message"), [("eow", "for due dates"), ("12/01/2026", "ambiguous")]
)
def test_since_takes_past_dates(indexed: Run, since: str, message: str) -> None:
    outcome = indexed("search", "caching", "--since", since)
    assert outcome.code == 2 and message in outcome.err


def test_unknown_pair_filter(indexed: Run) -> None:
    outcome = indexed("search", "caching", "--pair", "ghost")
    assert outcome.code == 2 and "ghost" in outcome.err


def test_edits_and_deletes_reach_the_index(indexed: Run) -> None:
    assert indexed("session", "edit", "3", "--notes", "now about helm").code == 0
    assert {h["id"] for h in hits(indexed, "kubernetes")} == {1, 2}
    assert [h["id"] for h in hits(indexed, "helm")] == [3]
    assert indexed("session", "delete", "3", "--yes").code == 0
    assert hits(indexed, "helm") == []


@pytest.mark.parametrize("ties", [0, 1, 100])
def test_equal_ranks_list_the_newest_first_across_the_limit(
    people: Run, ties: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Identical texts rank alike: the limit keeps the newest of them, whatever the order
    they were written in (the best matches are ranked first, their dates read after), and
    however many matches past the limit are read first for its ties."""
    monkeypatch.setattr(mentorcli.store.search, "TIES", ties)
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


# The query grammar against FTS5 itself: no text is a syntax error, and words, OR and -word
# mean what a brute-force reading of the same words says.

WORDS = ["red", "blue", "green", "gold", "pink"]
QUERY_TOKENS = [*WORDS, *(f"-{w}" for w in WORDS), "OR", "or", "AND", "NOT", "NEAR", '"',
    "-", "*", "(", ")", "^", ":", "body:red", '"red blue"', '-"blue green"', "re*", "'",
    "\x00"]  # fmt: skip


def _index(texts: list[str]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61')")
    db.executemany("INSERT INTO t (rowid, body) VALUES (?, ?)", enumerate(texts))
    return db


def _matching(db: sqlite3.Connection, query: str) -> set[int] | None:
    try:
        match = mentorcli.store.search.fts_query(query)
    except BadInput as refused:
        assert "\n" not in str(refused)
        return None
    return {row[0] for row in db.execute("SELECT rowid FROM t WHERE t MATCH ?", (match,))}


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=40),
        st.lists(st.sampled_from(QUERY_TOKENS), max_size=8).map(" ".join),
        st.lists(st.sampled_from(QUERY_TOKENS), max_size=8).map("".join),
    )
)
def test_no_text_is_an_fts_syntax_error(query: str) -> None:
    _matching(_index(["red blue", "green gold pink", "or and not near"]), query)


def _reference(texts: list[str], query: list[str]) -> set[int] | None:
    """Words must all occur, OR between two words joins them, -word must not occur."""
    wanted: list[set[str]] = []
    left_out = {word[1:] for word in query if word.startswith("-")}
    rest = [word for word in query if not word.startswith("-")]
    joining = False
    for index, word in enumerate(query):
        if word.startswith("-"):
            continue
        between = 0 < index < len(query) - 1
        if word == "OR" and between and query[index - 1] in WORDS and query[index + 1] in WORDS:
            joining = True
            continue
        if joining:
            wanted[-1].add(word.lower())
        else:
            wanted.append({word.lower()})
        joining = False
    if not rest:
        return None
    found = set()
    for number, text in enumerate(texts):
        words = set(text.split())
        if all(group & words for group in wanted) and not left_out & words:
            found.add(number)
    return found


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from([*WORDS, "or"]), max_size=4).map(" ".join), max_size=8),
    st.lists(st.sampled_from([*WORDS, *(f"-{w}" for w in WORDS), "OR"]), min_size=1, max_size=6),
)
def test_words_or_and_minus_match_a_reference(texts: list[str], query: list[str]) -> None:
    assert _matching(_index(texts), " ".join(query)) == _reference(texts, query)
