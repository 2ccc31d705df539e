"""Full-text search over session notes, actions, goals and topics (SQLite FTS5)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from ..errors import BadInput
from .pairs import PairStore

# Private-use characters mark the matches inside a snippet; they are taken out again
# before anything is shown, and user text holding them only loses a highlight.
MARK_START, MARK_END = "\ue000", "\ue001"
_TERM = r'"([^"]*)"|([^\s"]+)'
# FTS5's snippet() takes time quadratic in the matches within one text, so a long text
# (a 10 MB note) gets its snippet here instead: the first place a query word shows.
LONG_TEXT = 50_000
SNIPPET_CHARS = 90


@dataclass(frozen=True)
class Hit:
    """One search result: which record, of which pair, and the text around the match."""

    kind: str
    id: int
    pair_id: int
    pair: str
    when: str
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)
    rank: float = 0.0


def fts_query(text: str) -> str:
    """The user's words as an FTS5 query: every word or "quoted phrase" must occur; a word
    ending in * matches as a prefix; FTS operators and stray quotes are plain text."""
    terms: list[str] = []
    for phrase, word in re.findall(_TERM, text):
        term = (phrase or word).strip()
        prefix = not phrase and term.endswith("*")
        term = term.rstrip("*") if prefix else term
        if re.search(r"\w", term):
            terms.append('"' + term.replace('"', '""') + '"' + ("*" if prefix else ""))
    if not terms:
        raise BadInput(f"nothing to search for in {text!r}: give a word or a phrase")
    return " ".join(terms)


def _unmark(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length, start = 0, 0
    for piece in re.split(f"([{MARK_START}{MARK_END}])", snippet):
        if piece == MARK_START:
            start = length
        elif piece == MARK_END:
            spans.append((start, length))
        else:
            plain.append(piece)
            length += len(piece)
    return "".join(plain), spans


def _long_snippet(body: str, query: str) -> tuple[str, list[tuple[int, int]]]:
    words = [w.rstrip("*") for p, w in re.findall(_TERM, query) for w in (p or w).split()]
    pattern = "|".join(re.escape(w) for w in words if re.search(r"\w", w))
    found = re.search(rf"(?i)\b(?:{pattern})\w*", body) if pattern else None
    if found is None:
        return body[:SNIPPET_CHARS] + "…", []
    start = max(0, found.start() - SNIPPET_CHARS // 2)
    lead = "…" if start else ""
    window = lead + body[start : start + SNIPPET_CHARS] + "…"
    offset = found.start() - start + len(lead)
    return window, [(offset, offset + min(len(found[0]), SNIPPET_CHARS))]


class SearchStore(PairStore):
    def search(self, query: str, pair_id: int | None = None, limit: int = 20) -> list[Hit]:
        """Matches ranked by bm25 (best first), each with a short snippet."""
        match = fts_query(query)
        try:
            rows = self._matches(match, pair_id, limit)
        except sqlite3.OperationalError as exc:
            if "fts5" not in str(exc):
                raise
            raise BadInput(f"cannot search for {query!r}: {exc}") from None
        refs = {pair.id: pair.ref for pair in self.pairs()}
        hits = []
        for row in rows:
            if row["long_body"] is not None:
                snippet, spans = _long_snippet(row["long_body"], query)
            else:
                snippet, spans = _unmark(row["snippet"] or "")
            hits.append(
                Hit(
                    kind=row["kind"],
                    id=row["ref"],
                    pair_id=row["pair_id"],
                    pair=refs.get(row["pair_id"], f"#{row['pair_id']}"),
                    when=row["at"] or "",
                    snippet=snippet,
                    highlights=spans,
                    rank=row["rank"],
                )
            )
        return hits

    def _matches(self, match: str, pair_id: int | None, limit: int) -> list[sqlite3.Row]:
        where = " AND search_index.pair_id = :pair" if pair_id is not None else ""
        return self.all(
            "SELECT kind, ref, search_index.pair_id AS pair_id, rank, "
            f"CASE WHEN length(body) <= {LONG_TEXT} THEN "
            f"snippet(search_index, 0, '{MARK_START}', '{MARK_END}', '…', 12) END AS snippet, "
            f"CASE WHEN length(body) > {LONG_TEXT} THEN body END AS long_body, "
            "COALESCE(session.started_at, action.created_at, goal.created_at, "
            "topic.created_at) AS at "
            "FROM search_index "
            "LEFT JOIN session ON kind = 'session' AND session.id = ref "
            "LEFT JOIN action ON kind = 'action' AND action.id = ref "
            "LEFT JOIN goal ON kind = 'goal' AND goal.id = ref "
            "LEFT JOIN topic ON kind = 'topic' AND topic.id = ref "
            f"WHERE search_index MATCH :match{where} ORDER BY rank, at DESC LIMIT :limit",
            {"match": match, "pair": pair_id, "limit": limit},
        )
