"""The fixed words of mentorcli's records: statuses, channels, expectation topics, owners.

Plain tuples, importable at start-up for free: the CLI's option checks and completions need
them, and importing the model for them would build record dataclasses on every run.
"""

from __future__ import annotations

PAIR_STATUSES = ("proposed", "active", "paused", "completed", "ended")
CHANNELS = ("video", "call", "chat", "email", "doc", "in-person")
ASYNC_CHANNELS = frozenset({"chat", "email", "doc"})
EXPECTATION_TOPICS = (
    "cadence",
    "channel",
    "response-time",
    "roles",
    "confidentiality",
    "logistics",
    "other",
)
GOAL_STATUSES = ("open", "achieved", "dropped")
ACTION_STATUSES = ("open", "done", "dropped")
OWNERS = ("mentor", "mentee")
PLAN_STATUSES = ("planned", "done", "cancelled")
