"""Every stored value has a range (dates 1900-2200, minutes 0-1440), enforced where it is
typed and where it is imported, so no later command meets a value it cannot handle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run


@pytest.mark.parametrize(
    "args",
    [
        ("log", "rui/ana", "--when", "0001-01-01 00:00", "--notes", "x"),
        ("log", "rui/ana", "--when", "9999-12-31 23:00", "--notes", "x"),
        ("log", "rui/ana", "--minutes", "9223372036854775807", "--notes", "x"),
        ("log", "rui/ana", "--minutes", "1441", "--notes", "x"),
        ("pair", "add", "ana", "ben", "--start", "0001-01-01"),
        ("action", "add", "rui/ana", "mentee", "x", "--due", "2201-01-01"),
        ("goal", "add", "rui/ana", "x", "--due", "1899-12-31"),
        ("calendar", "rui/ana", "--from", "0001-01-02"),
    ],
    ids=["when-low", "when-high", "minutes-huge", "minutes-1441", "start", "due", "goal", "cal"],
)
def test_values_out_of_range_are_refused_as_typed(people: Run, args: tuple[str, ...]) -> None:
    outcome = people(*args)
    assert outcome.code == 2, outcome
    assert outcome.err.count("\n") == 1


def _backup(run: Run) -> dict[str, object]:
    assert run("log", "rui/ana", "--when", "2026-11-02 10:00", "--notes", "x").code == 0
    document: dict[str, object] = json.loads(run("export", "--all").out)
    return document


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("started_at", "0001-01-01T00:00:00+00:00"),
        ("started_at", "9999-12-31T23:59:59+00:00"),
        ("minutes", 9223372036854775807),
        ("minutes", 1441),
    ],
)
def test_values_out_of_range_are_refused_at_import(
    people: Run, tmp_path: Path, field: str, value: object
) -> None:
    document = _backup(people)
    session = document["sessions"][0]  # type: ignore[index]
    session.update({field: value, "uid": "6d3f1c4e-1111-4a5b-9c1d-2e3f4a5b6c7d"})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    outcome = people("import", str(path))
    assert outcome.code == 2, outcome
    assert "out of range" in outcome.err and "nothing was imported" in outcome.err
    assert people("status").code == 0


def test_a_5000_digit_number_in_an_import_is_bad_input(people: Run, tmp_path: Path) -> None:
    text = json.dumps(_backup(people)).replace('"minutes": null', '"minutes": ' + "9" * 5000, 1)
    path = tmp_path / "big.json"
    path.write_text(text.replace('"minutes": 60', '"minutes": ' + "9" * 5000, 1))
    outcome = people("import", str(path))
    assert outcome.code == 2, outcome
