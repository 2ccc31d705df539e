"""A plan is refused, with the reason, on someone's time off, public holiday or busy time,
as well as outside their hours; --anyway books it all the same."""

from __future__ import annotations

from pathlib import Path

from conftest import Run

# A Wednesday ahead, 15:00 UTC: 15:00 in Lisbon, 10:00 in New York, inside both people's hours.
DAY = "2030-12-25"
WHEN = f"{DAY} 15:00"


def test_time_off_a_holiday_and_a_busy_time_refuse_a_plan(people: Run, tmp_path: Path) -> None:
    assert people("plan", "rui/ana", "--when", "2030-12-18 15:00").code == 0
    assert people("away", "ana", f"{DAY}..{DAY}", "--note", "family").code == 0
    away = people("plan", "rui/ana", "--when", WHEN)
    assert away.code == 2 and "falls in their time off (family)" in away.err
    assert people("away", "remove", "1").code == 0

    assert people("person", "edit", "ana", "--holidays", "US").code == 0
    holiday = people("plan", "rui/ana", "--when", WHEN)
    assert holiday.code == 2 and "public holiday (Christmas Day)" in holiday.err
    assert people("person", "edit", "ana", "--holidays", "").code == 0

    calendar = tmp_path / "busy.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        "UID:standup@test\r\nDTSTAMP:20301201T000000Z\r\nDTSTART:20301225T143000Z\r\n"
        "DTEND:20301225T153000Z\r\nSUMMARY:design review\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert people("person", "edit", "ana", "--busy", str(calendar)).code == 0
    busy = people("plan", "rui/ana", "--when", WHEN)
    assert busy.code == 2 and "falls in their busy time (design review)" in busy.err
    assert "--anyway" in busy.err
    assert people("plan", "rui/ana", "--when", WHEN, "--anyway").code == 0
