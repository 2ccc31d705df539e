"""Any interleaving of the same changes settles into the same records and conflict copies."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mentorcli.sync.merge import History, State, apply, changes, conflicts

UIDS = ("s1", "s2")
DEVICES = ("a", "b", "c")


def entry(
    uid: str, at: int, device: str, kind: str, value: Any, prev: int | None
) -> dict[str, Any]:
    base: dict[str, Any] = {
        "uid": uid,
        "kind": "session",
        "pair": "p",
        "at": f"2026-01-01T00:00:{at:02d}",
    }
    base["device"] = device
    if kind == "delete":
        return base | {"deleted": True}
    field = "notes" if kind == "notes" else "minutes"
    out = base | {"fields": {field: value}}
    if field == "notes" and prev is not None:
        out["prev"] = {"notes": [f"2026-01-01T00:00:{prev:02d}", DEVICES[prev % 3]]}
    return out


changes_drawn = st.lists(
    st.builds(
        entry,
        st.sampled_from(UIDS),
        st.integers(0, 59),
        st.sampled_from(DEVICES),
        st.sampled_from(("notes", "minutes", "delete")),
        st.sampled_from(("x", "y", "z", 1, 2)),
        st.none() | st.integers(0, 59),
    ),
    max_size=12,
)


def settled(entries: list[dict[str, Any]]) -> tuple[object, ...]:
    state: State = {}
    history: History = {}
    for change in entries:
        apply(state, history, change)
    return tuple(
        (uid, record.alive, sorted(record.fields.items(), key=str), conflicts(history, state, uid))
        for uid, record in sorted(state.items())
    )


@given(changes_drawn, st.randoms(use_true_random=False))
def test_any_order_and_any_repeat_converge(drawn: list[dict[str, Any]], random: Any) -> None:
    # A device stamps each record once per sync: one (uid, time, device) is one change.
    entries = list({(e["uid"], e["at"], e["device"]): e for e in drawn}.values())
    shuffled = list(entries)
    random.shuffle(shuffled)
    repeated = shuffled + random.sample(entries, k=len(entries) // 2)
    assert settled(entries) == settled(shuffled) == settled(repeated)


def test_a_synced_state_has_nothing_to_send() -> None:
    state: State = {}
    history: History = {}
    snapshot = {"s1": ("session", {"notes": "hi", "minutes": 3})}
    sent = changes(snapshot, state, ("2026-01-01T00:00:00", "a"), "p")
    for change in sent:
        apply(state, history, change)
    assert changes(snapshot, state, ("2026-01-01T00:00:01", "a"), "p") == []
    assert changes({}, state, ("2026-01-01T00:00:02", "a"), "p")[0]["deleted"] is True
