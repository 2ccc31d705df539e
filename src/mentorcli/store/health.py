"""What `mentor db check` found, as a record."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Health:
    """What `mentor db check` found."""

    path: str
    integrity: tuple[str, ...]  # ("ok",) when sound
    foreign_keys: tuple[str, ...]  # one line per broken reference
    schema_version: int
    known_version: int
    application_id: int
    counts: dict[str, int]
    out_of_range: tuple[str, ...] = ()  # stored values no command can work with

    @property
    def ok(self) -> bool:
        return self.integrity == ("ok",) and not self.foreign_keys and not self.out_of_range

    def json(self) -> object:
        from dataclasses import asdict

        return {**asdict(self), "ok": self.ok}
