"""Sessions and asynchronous touchpoints: logging one with its follow-ups, listing, editing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Action, Goal, Pair, Session, Topic
from .followups import FollowupStore

if TYPE_CHECKING:
    from ..notes_template import NewAction


@dataclass(frozen=True)
class SessionRecord:
    """Everything `mentor log` records at once; channel None means the pair's own."""

    started_at: str
    zone: str
    channel: str | None = None
    minutes: int | None = None
    notes: str = ""
    rapport: int | None = None
    engagement: int | None = None
    tech_issue: str = ""
    actions: tuple[NewAction, ...] = ()
    done: tuple[int, ...] = ()
    covered: tuple[int, ...] = ()
    progress: tuple[tuple[int, int], ...] = ()
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Logged:
    """A logged session and what changed with it."""

    pair: Pair
    session: Session
    actions: tuple[Action, ...]
    done: tuple[Action, ...]
    covered: tuple[Topic, ...]
    goals: tuple[Goal, ...]
    topics: tuple[Topic, ...]


# Columns `session edit` may change.
SESSION_FIELDS = (
    "started_at",
    "zone",
    "minutes",
    "channel",
    "notes",
    "rapport",
    "engagement",
    "tech_issue",
)


class SessionStore(FollowupStore):
    def log_session(self, pair_id: int, record: SessionRecord, today: str) -> Logged:
        """The session, its new and finished actions, covered topics and goal progress: all
        land in one transaction, or (on any bad id) none of it does."""
        with self.write():
            pair = self.pair(pair_id)
            values: dict[str, Any] = {
                "pair_id": pair.id,
                "started_at": record.started_at,
                "zone": record.zone,
                "minutes": record.minutes,
                "channel": record.channel or pair.channel,
                "notes": record.notes,
                "rapport": record.rapport,
                "engagement": record.engagement,
                "tech_issue": record.tech_issue,
            }
            session_id = self.insert("session", values)
            added = [self.insert_action(pair.id, a, session_id) for a in record.actions]
            for action_id in dict.fromkeys(record.done):
                self.open_action(action_id, pair.id)
                self.update("action", action_id, {"status": "done", "done_on": today})
            for topic_id in dict.fromkeys(record.covered):
                self.cover_topic(topic_id, pair.id, session_id)
            progress = dict(record.progress)
            for goal_id, percent in progress.items():
                self.set_goal_progress(goal_id, percent, pair.id)
            queued = [
                self.insert("topic", {"pair_id": pair.id, "text": text}) for text in record.topics
            ]
            return Logged(
                pair=pair,
                session=self.session(session_id),
                actions=tuple(self.action(i) for i in added),
                done=tuple(self.action(i) for i in dict.fromkeys(record.done)),
                covered=tuple(self.topic(i) for i in dict.fromkeys(record.covered)),
                goals=tuple(self.goal(i) for i in progress),
                topics=tuple(self.topic(i) for i in queued),
            )

    def session(self, session_id: int) -> Session:
        return Session(**self.record("session", session_id, "mentor sessions PAIR"))

    def sessions(
        self, pair_id: int, *, since: str | None = None, limit: int | None = None
    ) -> list[Session]:
        """The pair's sessions, newest first; since is a UTC ISO instant."""
        rows = self.all(
            "SELECT * FROM session WHERE pair_id = ? AND started_at >= ? "
            "ORDER BY started_at DESC, id DESC LIMIT ?",
            (pair_id, since or "", -1 if limit is None else limit),
        )
        return [Session(**dict(r)) for r in rows]

    def session_followups(self, session_id: int) -> tuple[list[Action], list[Topic]]:
        """The actions that came from a session and the topics it covered."""
        actions = self.all("SELECT * FROM action WHERE session_id = ? ORDER BY id", (session_id,))
        topics = self.all(
            "SELECT * FROM topic WHERE covered_session_id = ? ORDER BY id", (session_id,)
        )
        return [Action(**dict(r)) for r in actions], [Topic(**dict(r)) for r in topics]

    def edit_session(self, session_id: int, values: dict[str, Any]) -> Session:
        unknown = set(values) - set(SESSION_FIELDS)
        if unknown:
            raise ValueError(f"not session fields: {sorted(unknown)}")
        with self.write():
            session = self.session(session_id)
            if values:
                self.update("session", session.id, values)
            return self.session(session.id)

    def delete_session(self, session_id: int) -> Session:
        """Delete a session; its actions stay (unlinked) and its covered topics are queued again."""
        with self.write():
            session = self.session(session_id)
            self.conn.execute("DELETE FROM session WHERE id = ?", (session.id,))
            return session
