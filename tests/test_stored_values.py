"""Values stored out of range (by hand, or by an older version): every command says so in
one line instead of failing inside, `db check` lists them, and the edit commands fix them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conftest import Run


def test_out_of_range_values_are_found_and_can_be_corrected(people: Run, db_path: Path) -> None:
    assert people("log", "rui/ana", "--notes", "x", "--minutes", "30").code == 0
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE session SET started_at = '0001-01-01T00:00:00+00:00', minutes = 100000")
    conn.execute("UPDATE pair SET start_date = '0001-01-01' WHERE id = 1")
    conn.commit()
    conn.close()
    for args in (
        ("status",),
        ("agenda", "rui/ana"),
        ("export", "rui/ana"),
        ("session", "show", "1"),
    ):
        outcome = people(*args)
        assert outcome.code in (0, 3), (args, outcome.err)
        assert "internal error" not in outcome.err and outcome.err.count("\n") <= 1, args
    check = people("db", "check", "--json")
    assert check.code == 3
    found = json.loads(check.out)["out_of_range"]
    assert found == [
        "session #1 started_at 0001-01-01T00:00:00+00:00",
        "pair #1 start_date 0001-01-01",
        "session #1 minutes 100000",
    ]
    assert "out of range" in people("db", "check").err
    assert people("session", "edit", "1", "--when", "2026-11-02 10:00", "--minutes", "45").code == 0
    assert people("pair", "edit", "1", "--start", "2026-10-01").code == 0
    assert people("db", "check").code == 0
    assert people("status").code == 0
