"""`--at`: where one instant falls for each participant, against a minute-by-minute reference."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcli.moment import explain_instant
from mentorcli.overlap import Participant
from test_overlap import ONE_MINUTE, ZONES, first_days, hours_values, person, utc, weekly_table

instants = st.builds(
    lambda day, minute: datetime(day.year, day.month, day.day, tzinfo=UTC) + minute * ONE_MINUTE,
    first_days,
    st.integers(0, 2 * 1440 - 1),
)


def brute_standing(p: Participant, instant: datetime) -> tuple[str, int | None, int | None]:
    """State, minutes since the hours ended and until they start, one minute at a time."""
    table = weekly_table(p.hours)
    info = ZoneInfo(p.zone)

    def working(moment: datetime) -> bool:
        local = moment.astimezone(info)
        return table[local.weekday() * 1440 + local.hour * 60 + local.minute]

    if working(instant):
        return "inside", None, None
    local = instant.astimezone(info)
    named = any(local.weekday() in span.days for span in p.hours.spans)
    # The last working minute k minutes back ends k - 1 minutes before the instant.
    since = next((k - 1 for k in range(1, 7 * 1440 + 1) if working(instant - k * ONE_MINUTE)), None)
    until = next((k for k in range(1, 7 * 1440 + 1) if working(instant + k * ONE_MINUTE)), None)
    return ("outside" if named else "day off"), since, until


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.builds(Participant, name=st.just("p"), zone=st.sampled_from(ZONES), hours=hours_values),
        min_size=1,
        max_size=3,
    ),
    instants,
)
def test_each_standing_matches_the_reference(people: list[Participant], instant: datetime) -> None:
    for p, standing in zip(people, explain_instant(people, instant), strict=True):
        state, since, until = brute_standing(p, instant)
        assert standing.state == state
        assert standing.minutes_since_end == since
        assert standing.minutes_until_start == until
        assert standing.local == instant.astimezone(ZoneInfo(p.zone))


def test_a_moment_just_after_the_clocks_skip_an_hour() -> None:
    (standing,) = explain_instant(
        [person("America/New_York", "01:00-04:00")], utc(2026, 3, 8, 7, 20)
    )
    assert standing.state == "day off"
    assert standing.skipped == (datetime(2026, 3, 8, 2, 0), datetime(2026, 3, 8, 3, 0))
    (standing,) = explain_instant([person("America/New_York")], utc(2026, 3, 9, 15, 0))
    assert standing.state == "inside" and standing.skipped is None


def test_outside_by_how_much() -> None:
    (standing,) = explain_instant([person("Europe/London")], utc(2026, 1, 13, 18, 30))
    assert standing.state == "outside"
    assert standing.minutes_since_end == 90
    assert standing.minutes_until_start == 14 * 60 + 30
    assert standing.next_start == utc(2026, 1, 14, 9, 0)
    assert standing.last_end == utc(2026, 1, 13, 17, 0)
