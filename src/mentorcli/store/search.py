"""Full-text search over session notes, actions, goals and topics (SQLite FTS5)."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

from ..errors import BadInput
from .core import PAIR_SELECT, Db, batches

# Private-use characters mark the matches inside a snippet; they are taken out again
# before anything is shown, and user text holding them only loses a highlight.
MARK_START, MARK_END = "\ue000", "\ue001"
_TERM = r'(-?)"([^"]*)"|([^\s"]+)'
# FTS5's snippet() takes time quadratic in the matches within one text, so a long text
# (a 10 MB note) gets its snippet here instead: the first place a query word shows.
LONG_TEXT = 50_000
SNIPPET_CHARS = 90


# Ids go to SQLite in batches: one statement takes at most 32,766 parameters (999 before
# SQLite 3.32), and a search for a common word can tie thousands of matches.
BATCH = 500
# Matches read past the limit for its ties before all of them are read again, ranked.
TIES = 100


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


def _marks(batch: list[int]) -> str:
    return ", ".join("?" * len(batch))


def _terms(text: str) -> list[tuple[str, str]]:
    """The query's pieces in order, each "+" (a term to find), "-" (one to leave out) or "OR",
    with a term as an FTS5 string."""
    pieces: list[tuple[str, str]] = []
    # FTS5 reads a NUL as the end of the query, so it separates words like a space.
    for minus, phrase, word in re.findall(_TERM, text.replace("\x00", " ")):
        if word == "OR":
            pieces.append(("OR", '"OR"'))
            continue
        quoted = bool(minus or phrase)
        term = (phrase if quoted else word.lstrip("-")).strip()
        prefix = not quoted and term.endswith("*")
        term = term.rstrip("*") if prefix else term
        if re.search(r"\w", term):
            sign = "-" if minus or word.startswith("-") else "+"
            pieces.append((sign, '"' + term.replace('"', '""') + '"' + ("*" if prefix else "")))
    return pieces


def fts_query(text: str) -> str:
    """The user's words as an FTS5 query: every word or "quoted phrase" must occur, unless
    OR (in capitals, between two of them) offers a choice; -word or -"a phrase" must not
    occur; a word ending in * matches as a prefix; anything else, FTS syntax included, is
    plain text. A query of only -words is refused: it would list nearly everything."""
    pieces = _terms(text)
    groups: list[list[str]] = []
    left_out: list[str] = []
    join_next = False
    for index, (sign, term) in enumerate(pieces):
        if sign == "-":
            left_out.append(term)
            continue
        if sign == "OR":
            after = pieces[index + 1][0] if index + 1 < len(pieces) else ""
            if index and pieces[index - 1][0] == "+" and after == "+":
                join_next = True
                continue
            # An OR with no term on one side is the word itself.
        if join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        if left_out:
            raise BadInput(
                f"nothing to search for in {text!r}: -word only leaves words out; "
                "give a word or a phrase to find as well"
            )
        raise BadInput(f"nothing to search for in {text!r}: give a word or a phrase")
    found = " AND ".join("(" + " OR ".join(group) + ")" for group in groups)
    return f"({found}) NOT ({' OR '.join(left_out)})" if left_out else found


def _found_words(query: str) -> list[str]:
    """The words a query looks for (not the ones it leaves out), for highlighting."""
    words: list[str] = []
    for sign, term in _terms(query):
        if sign == "+":
            words += term.rstrip("*")[1:-1].replace('""', '"').split()
    return words


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
    words = _found_words(query)
    pattern = "|".join(re.escape(w) for w in words if re.search(r"\w", w))
    found = re.search(rf"(?i)\b(?:{pattern})\w*", body) if pattern else None
    if found is None:
        return body[:SNIPPET_CHARS] + "…", []
    start = max(0, found.start() - SNIPPET_CHARS // 2)
    lead = "…" if start else ""
    window = lead + body[start : start + SNIPPET_CHARS] + "…"
    offset = found.start() - start + len(lead)
    return window, [(offset, offset + min(len(found[0]), SNIPPET_CHARS))]


# A record's date: when a session began; an action that came out of a session, that
# session's start (a session typed in weeks later keeps its date); anything else, when it
# was written.
_RECORD_DATE = (
    "CASE kind WHEN 'session' THEN (SELECT started_at FROM session WHERE session.id = ref) "
    "WHEN 'action' THEN (SELECT COALESCE(s.started_at, action.created_at) FROM action "
    "LEFT JOIN session AS s ON s.id = action.session_id WHERE action.id = ref) "
    "WHEN 'goal' THEN (SELECT created_at FROM goal WHERE goal.id = ref) "
    "WHEN 'topic' THEN (SELECT created_at FROM topic WHERE topic.id = ref) END"
)


@dataclass(frozen=True)
class Filters:
    """What narrows a search besides its words: one pair, some kinds, a first date."""

    pair_id: int | None = None
    kinds: tuple[str, ...] = ()
    since: str | None = None

    def where(self) -> tuple[str, dict[str, Any]]:
        """The conditions to add to a MATCH, and their parameters."""
        where, params = "", dict[str, Any]()
        if self.pair_id is not None:
            where, params["pair"] = " AND pair_id = :pair", self.pair_id
        if self.kinds:
            names = [f":kind{i}" for i in range(len(self.kinds))]
            where += f" AND kind IN ({', '.join(names)})"
            params |= {name[1:]: kind for name, kind in zip(names, self.kinds, strict=True)}
        if self.since is not None:
            where, params["since"] = where + f" AND {_RECORD_DATE} >= :since", self.since
        return where, params


class SearchIndex:
    """The full-text index over notes, actions, goals and topics."""

    def __init__(self, db: Db) -> None:
        self._db = db

    def search(
        self,
        query: str,
        pair_id: int | None = None,
        limit: int = 20,
        kinds: tuple[str, ...] = (),
        since: str | None = None,
    ) -> list[Hit]:
        """Matches ranked by bm25 (best first, the newest first among equals), each with a
        short snippet; only of these `kinds` when given, and only records dated `since` (a
        stored UTC instant) or later."""
        match = fts_query(query)
        try:
            rows = self._matches(match, Filters(pair_id, kinds, since), limit)
        except sqlite3.OperationalError as exc:
            if "fts5" not in str(exc):
                raise
            raise BadInput(f"cannot search for {query!r}: {exc}") from None
        refs = self._pair_refs({row["pair_id"] for row in rows})
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

    def _ranked(
        self, match: str, filters: Filters, limit: int, first: int | None
    ) -> dict[int, float] | None:
        """The matches ranked no worse than the limit-th, ties included, best first, of the
        `first` best matches (every match for None); None when the ties may go on past them.

        `bm25()` ordered with a LIMIT ranks every match but keeps only the best few as it goes;
        FTS5's own `ORDER BY rank` sorts them all, about a third slower on a common word."""
        where, params = filters.where()
        best: dict[int, float] = {}
        read = 0
        with closing(
            self._db.conn.execute(
                f"SELECT rowid, bm25(search_index) AS score FROM search_index "
                f"WHERE search_index MATCH :match{where} ORDER BY score LIMIT :first",
                {"match": match, **params, "first": -1 if first is None else first},
            )
        ) as ranked:
            for rowid, rank in iter(ranked.fetchone, None):
                read += 1
                if len(best) >= limit and rank != best[next(reversed(best))]:
                    return best
                best[rowid] = rank
        return None if first is not None and read == first else best

    def _pair_refs(self, pair_ids: set[int]) -> dict[int, str]:
        refs: dict[int, str] = {}
        for batch in batches(sorted(pair_ids), BATCH):
            for row in self._db.all(
                PAIR_SELECT + f" WHERE pair.id IN ({_marks(batch)})", tuple(batch)
            ):
                refs[row["id"]] = f"{row['mentor']}/{row['mentee']}"
        return refs

    def _matches(self, match: str, filters: Filters, limit: int) -> list[dict[str, Any]]:
        """The best `limit` matches. Ranking all matches is cheap; a snippet and the record's
        date are not, so they are read for the best ones only: first the matches ranked no
        worse than the limit-th (ties included, as the date orders them), then their dates,
        then the snippets of the ones kept."""
        if limit <= 0:
            return []
        best = self._ranked(match, filters, limit, limit + TIES)
        if best is None:  # ties at the limit-th rank run on past the first matches read
            best = self._ranked(match, filters, limit, None)
        assert best is not None, "every match was read"
        if not best:
            return []
        when: dict[int, str | None] = {}
        for batch in batches(list(best), BATCH):
            for row in self._db.all(
                "SELECT search_index.rowid AS id, "
                "COALESCE(session.started_at, origin.started_at, action.created_at, "
                "goal.created_at, topic.created_at) AS at "
                "FROM search_index "
                "LEFT JOIN session ON kind = 'session' AND session.id = ref "
                "LEFT JOIN action ON kind = 'action' AND action.id = ref "
                "LEFT JOIN session AS origin ON origin.id = action.session_id "
                "LEFT JOIN goal ON kind = 'goal' AND goal.id = ref "
                "LEFT JOIN topic ON kind = 'topic' AND topic.id = ref "
                f"WHERE search_index.rowid IN ({_marks(batch)})",
                tuple(batch),
            ):
                when[row["id"]] = row["at"]
        order = sorted(best, key=lambda rowid: when.get(rowid) or "", reverse=True)
        order.sort(key=best.__getitem__)
        kept = order[:limit]
        shown: dict[int, dict[str, Any]] = {}
        for batch in batches(kept, BATCH):
            for row in self._db.all(
                "SELECT rowid AS id, kind, ref, pair_id, "
                f"CASE WHEN length(body) <= {LONG_TEXT} THEN "
                f"snippet(search_index, 0, '{MARK_START}', '{MARK_END}', '…', 12) END AS snippet, "
                f"CASE WHEN length(body) > {LONG_TEXT} THEN body END AS long_body "
                f"FROM search_index WHERE search_index MATCH ? AND rowid IN ({_marks(batch)})",
                (match, *batch),
            ):
                shown[row["id"]] = dict(row)
        return [shown[rowid] | {"rank": best[rowid], "at": when.get(rowid)} for rowid in kept]
