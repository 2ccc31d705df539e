"""Shell completion through the installed `mentor`: handles, pairs, zones, channels,
cadences, statuses, settings and record ids."""

from __future__ import annotations

import os
import subprocess

from mentorcli.cli.common import complete_zone

from conftest import MENTOR, Run


def complete(words: str) -> list[str]:
    """What bash completion offers for `words` (the last one being typed)."""
    done = subprocess.run(
        [MENTOR],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "_MENTOR_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split(" ")) - 1),
        },
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return [line for line in done.stdout.split("\n") if line]


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
