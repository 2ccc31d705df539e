"""Pairs (mentorships): who mentors whom, how often, and how they stand."""

from __future__ import annotations

from ..model.pairs import Pair
from .core import PAIR_PEOPLE, PAIR_REF, PAIR_SELECT, Table, handle_key


class Pairs(Table[Pair]):
    name = "pair"
    model = Pair

    def get(self, record_id: int) -> Pair | None:
        row = self._db.one(PAIR_SELECT + " WHERE pair.id = ?", (record_id,))
        return None if row is None else self._record(row)

    def all(self, statuses: tuple[str, ...] = ()) -> list[Pair]:
        if not statuses:
            return self._records(PAIR_SELECT + " ORDER BY pair.id")
        marks = ", ".join("?" for _ in statuses)
        return self._records(
            PAIR_SELECT + f" WHERE pair.status IN ({marks}) ORDER BY pair.id", statuses
        )

    def refs(self) -> dict[int, str]:
        """Every pair's MENTOR/MENTEE by id, as `Pair.ref` writes it: what a listing across
        pairs shows of them, without building their records."""
        rows = self._db.all(f"SELECT pair.id, {PAIR_REF} FROM pair{PAIR_PEOPLE}ORDER BY pair.id")
        return {row[0]: row[1] for row in rows}

    def of_person(self, person_id: int) -> list[Pair]:
        return self._records(
            PAIR_SELECT + " WHERE pair.mentor_id = ? OR pair.mentee_id = ? ORDER BY pair.id",
            (person_id, person_id),
        )

    def by_handles(self, mentor: str, mentee: str) -> list[Pair]:
        return self._records(
            PAIR_SELECT + " WHERE handle_key(mentor.handle) = ? AND handle_key(mentee.handle) = ? "
            "ORDER BY pair.id",
            (handle_key(mentor), handle_key(mentee)),
        )

    def session_count(self, pair_ids: list[int]) -> int:
        if not pair_ids:
            return 0
        marks = ", ".join("?" for _ in pair_ids)
        row = self._db.one(
            f"SELECT count(*) FROM session WHERE pair_id IN ({marks})", tuple(pair_ids)
        )
        return int(row[0]) if row else 0
