"""Zone names: canonical names, aliases, refusals with candidates, the machine's zone."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorcli.errors import BadInput
from mentorcli.zones import city, local_zone_name, resolve_zone, zone

NOT_PLACES = ("Factory", "localtime")


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("America/New_York", "America/New_York"),
        ("america/new_york", "America/New_York"),
        ("  Europe/London ", "Europe/London"),
        ("America/New York", "America/New_York"),
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("asia/calcutta", "Asia/Kolkata"),
        ("US/Eastern", "America/New_York"),
        ("Europe/Kiev", "Europe/Kyiv"),
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("Etc/UTC", "UTC"),
        ("Zulu", "UTC"),
        ("Japan", "Asia/Tokyo"),
        ("EST5EDT", "America/New_York"),
        ("Etc/GMT-5", "Etc/GMT-5"),
        ("Australia/Lord_Howe", "Australia/Lord_Howe"),
        ("Asia/Katmandu", "Asia/Kathmandu"),
        ("Iceland", "Atlantic/Reykjavik"),
    ],
)
def test_resolves_to_the_current_canonical_name(typed: str, canonical: str) -> None:
    assert resolve_zone(typed) == canonical


def test_abbreviation_is_refused_with_candidates() -> None:
    with pytest.raises(BadInput) as refused:
        resolve_zone("IST")
    assert str(refused.value) == (
        '"IST" is an abbreviation, not a time zone; '
        "did you mean Asia/Kolkata, Europe/Dublin or Asia/Jerusalem?"
    )


@pytest.mark.parametrize(
    ("typed", "candidate"),
    [
        ("EST", "America/New_York"),
        ("est", "America/New_York"),
        ("CET", "Europe/Berlin"),
        ("PST", "America/Los_Angeles"),
        ("BST", "Europe/London"),
        ("AEST", "Australia/Sydney"),
        ("GMT", "Europe/London"),
        ("HST", "Pacific/Honolulu"),
    ],
)
def test_abbreviations_that_exist_as_legacy_zones_are_refused_too(
    typed: str, candidate: str
) -> None:
    with pytest.raises(BadInput, match="is an abbreviation, not a time zone") as refused:
        resolve_zone(typed)
    assert candidate in str(refused.value)


def test_unknown_zone_suggests_the_close_match() -> None:
    with pytest.raises(BadInput) as refused:
        resolve_zone("Europe/Londn")
    assert str(refused.value) == 'unknown time zone "Europe/Londn"; did you mean Europe/London?'


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("London", "Europe/London"), ("Kolkata", "Asia/Kolkata"), ("New York", "America/New_York")],
)
def test_a_bare_city_suggests_its_zone(typed: str, suggestion: str) -> None:
    with pytest.raises(BadInput, match=f"did you mean {suggestion}"):
        resolve_zone(typed)


def test_unknown_zone_without_close_match_shows_the_form() -> None:
    with pytest.raises(BadInput) as refused:
        resolve_zone("qqqqqqqq")
    assert str(refused.value) == (
        'unknown time zone "qqqqqqqq"; use an IANA name like Europe/London or Asia/Kolkata'
    )


@pytest.mark.parametrize(
    ("typed", "advice"),
    [
        ("UTC+5", "Etc/GMT-5 for a fixed UTC+5"),
        ("GMT-3", "Etc/GMT+3 for a fixed UTC-3"),
        ("UTC+05:30", "use the zone of a place, e.g. Asia/Kolkata"),
        ("GMT+0", "use UTC"),
    ],
)
def test_an_offset_is_refused_with_the_right_sign(typed: str, advice: str) -> None:
    with pytest.raises(BadInput, match="is an offset, not a time zone") as refused:
        resolve_zone(typed)
    assert advice in str(refused.value)


@pytest.mark.parametrize("typed", ["", "   ", "Factory", "../../etc/passwd", "/etc/localtime"])
def test_empty_and_non_place_names_are_refused(typed: str) -> None:
    with pytest.raises(BadInput):
        resolve_zone(typed)


def test_every_name_zoneinfo_knows_resolves_to_an_equivalent_canonical_zone() -> None:
    # Refused: abbreviations, offsets (GMT+0) and names that are nobody's local time.
    instants = [datetime(2026, 1, 15, 12, tzinfo=UTC), datetime(2026, 7, 15, 12, tzinfo=UTC)]
    for name in sorted(zoneinfo.available_timezones()):
        try:
            canonical = resolve_zone(name)
        except BadInput as refused:
            reason = str(refused)
            assert "abbreviation" in reason or "offset" in reason or name in NOT_PLACES, name
            continue
        assert resolve_zone(canonical) == canonical, name
        assert resolve_zone(name.lower()) == canonical, name
        for instant in instants:
            assert (
                instant.astimezone(zone(name)).utcoffset()
                == instant.astimezone(zone(canonical)).utcoffset()
            ), name


@given(st.text(max_size=40))
def test_any_text_resolves_or_is_refused_on_one_line(text: str) -> None:
    try:
        name = resolve_zone(text)
    except BadInput as refused:
        message = str(refused)
        assert message and len(message.splitlines()) == 1 and "\n" not in message
    else:
        assert zone(name).key == name or name == "UTC"


def test_zone_is_cached_and_refuses_unknown_names() -> None:
    assert zone("Europe/London") is zone("Europe/London")
    assert zone("Asia/Calcutta").utcoffset(datetime(2026, 1, 1)) == zone("Asia/Kolkata").utcoffset(
        datetime(2026, 1, 1)
    )
    with pytest.raises(BadInput, match="Europe/London"):
        zone("Europe/Londn")


def test_local_zone_honours_tz() -> None:
    assert local_zone_name({"TZ": "Europe/Paris"}) == "Europe/Paris"
    assert local_zone_name({"TZ": ":Asia/Calcutta"}) == "Asia/Kolkata"
    assert local_zone_name({"TZ": "/usr/share/zoneinfo/America/New_York"}) == "America/New_York"


def test_local_zone_honours_a_legacy_tz_the_machine_was_given() -> None:
    # A user may not type EST, but a machine set to it still shows that offset: follow the link.
    assert local_zone_name({"TZ": "EST"}) == "America/Panama"


def _fake_localtime(tmp_path: Path, key: str) -> Path:
    target = tmp_path / "usr" / "share" / "zoneinfo" / key
    target.parent.mkdir(parents=True)
    target.write_bytes(b"TZif")
    link = tmp_path / "localtime"
    link.symlink_to(target)
    return link


def test_local_zone_falls_back_to_the_localtime_link(tmp_path: Path) -> None:
    link = _fake_localtime(tmp_path, "Europe/Berlin")
    assert local_zone_name({}, localtime=str(link)) == "Europe/Berlin"
    assert local_zone_name({"TZ": "Not/AZone"}, localtime=str(link)) == "Europe/Berlin"
    assert local_zone_name({"TZ": ""}, localtime=str(link)) == "Europe/Berlin"


def test_local_zone_canonicalises_the_localtime_link(tmp_path: Path) -> None:
    link = _fake_localtime(tmp_path, "Asia/Calcutta")
    assert local_zone_name({}, localtime=str(link)) == "Asia/Kolkata"


def test_local_zone_is_utc_without_any_setting(tmp_path: Path) -> None:
    assert local_zone_name({}, localtime=str(tmp_path / "missing")) == "UTC"
    plain = tmp_path / "localtime"
    plain.write_bytes(b"TZif")
    assert local_zone_name({}, localtime=str(plain)) == "UTC"


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("America/New_York", "New York"),
        ("UTC", "UTC"),
        ("Etc/UTC", "UTC"),
        ("America/Argentina/Buenos_Aires", "Buenos Aires"),
        ("Europe/London", "London"),
        ("Etc/GMT-5", "UTC+5"),
        ("Etc/GMT+10", "UTC-10"),
    ],
)
def test_city_is_a_friendly_label(name: str, label: str) -> None:
    assert city(name) == label


@pytest.mark.parametrize(
    "name",
    [
        "Europe/Copenhagen",
        "Europe/Oslo",
        "Europe/Stockholm",
        "Atlantic/Reykjavik",
        "Europe/Amsterdam",
        "Asia/Kuwait",
        "America/Nassau",
    ],
)
def test_a_zone_a_country_uses_keeps_its_name(name: str) -> None:
    # tzdata links these to another country's zone; the name is the user's place, not ours.
    assert resolve_zone(name) == name
    assert resolve_zone(name.lower()) == name


def test_every_zone_tab_name_is_kept() -> None:
    import importlib.resources

    table = importlib.resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text()
    names = [
        line.split("\t")[2] for line in table.splitlines() if line and not line.startswith("#")
    ]
    assert len(names) > 300
    assert [n for n in names if resolve_zone(n) != n] == []


@pytest.mark.parametrize(
    "rule", ["EST5EDT,M3.2.0,M11.1.0", "<+0545>-5:45", "CET-1CEST,M3.5.0,M10.5.0/3", "GMT+5"]
)
def test_a_posix_tz_rule_is_refused_naming_the_variable(rule: str) -> None:
    with pytest.raises(BadInput) as refused:
        local_zone_name({"TZ": rule})
    message = str(refused.value)
    assert message.startswith(f'TZ="{rule}"') and "IANA" in message
    assert len(message.splitlines()) == 1
