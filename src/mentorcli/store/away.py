"""The time_off table: time away and one-day hours, per person."""

from __future__ import annotations

from ..model.away import TimeOff
from .core import Table


class TimeOffs(Table[TimeOff]):
    """Time away and one-day hours, per person."""

    name = "time_off"
    model = TimeOff
    label = "starts || ' ' || note"

    def of_person(self, person_id: int | None = None) -> list[TimeOff]:
        """One person's time off and day hours (or everyone's), earliest first."""
        where, params = ("WHERE person_id = ?", (person_id,)) if person_id is not None else ("", ())
        return self._records(f"SELECT * FROM time_off {where} ORDER BY starts, id", params)

    def between(self, person_id: int, first: str, last: str) -> list[TimeOff]:
        """Those of one person that may touch the days from `first` to `last` (ISO dates):
        instants are compared as text, so a day either side is taken too."""
        return self._records(
            "SELECT * FROM time_off WHERE person_id = ? AND starts <= ? AND ends >= ? "
            "ORDER BY starts, id",
            (person_id, last + "T99", first),
        )
