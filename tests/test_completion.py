"""Shell completion through the installed `mentor`: handles, pairs, zones, channels,
cadences, statuses, settings and record ids."""

from __future__ import annotations

from mentorcli.cli.common import complete_zone

from conftest import Run, complete


def test_words_of_the_vocabulary() -> None:
    assert complete("mentor log ana --channel c") == ["call", "chat"]
    cadences = complete("mentor pair add rui ana --cadence every")
    assert cadences == ["every 2 weeks", "every 2 months"]
    assert complete("mentor pair list --status p") == ["proposed", "paused"]
    assert complete("mentor action list --status d") == ["done", "dropped"]
    assert complete("mentor config get de") == ["default_pair"]


def test_zones_from_the_iana_list() -> None:
    assert "Europe/Lisbon" in complete_zone("europe/l")
    assert complete_zone("Asia/Kathm") == ["Asia/Kathmandu"]


def test_record_ids_with_their_text(people: Run) -> None:
    assert people("goal", "add", "ana", "give a talk").code == 0
    assert people("goal", "add", "ana", "write an RFC").code == 0
    assert people("action", "add", "ana", "mentee", "send the CV").code == 0
    assert complete("mentor goal done ") == ["2", "1"]
    assert complete("mentor action done ") == ["1"]
    assert complete("mentor goal done 9") == []
    assert complete("mentor pair show rui/") == ["rui/ana", "rui/ben"]


def test_a_zone_completes_on_the_command_line() -> None:
    assert complete("mentor person add kim --tz Asia/Kathm") == ["Asia/Kathmandu"]
