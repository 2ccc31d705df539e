"""Follow-ups: actions (commitments with an owner and a due date) and topics queued for later."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import BadInput
from ..model import Action, Topic
from .agreement import AgreementStore

if TYPE_CHECKING:
    from ..notes_template import NewAction


class FollowupStore(AgreementStore):
    # Actions.

    def add_action(self, pair_ref: str, owner: str, text: str, due_on: str | None) -> Action:
        """A new open action; owner is mentor, mentee, or one of the pair's handles."""
        from ..notes_template import NewAction, owner_role

        with self.write():
            pair = self.resolve_pair(pair_ref)
            role = owner_role(owner, pair.mentor, pair.mentee)
            if role is None:
                raise BadInput(
                    f"unknown owner {owner!r}: use mentor, mentee, {pair.mentor} or {pair.mentee}"
                )
            if not text.strip():
                raise BadInput("the action's text is empty: say what will be done")
            action = NewAction(role, text, due_on)
            return self.action(self.insert_action(pair.id, action, None))

    def insert_action(self, pair_id: int, action: NewAction, session_id: int | None) -> int:
        values: dict[str, Any] = {
            "pair_id": pair_id,
            "owner": action.owner,
            "text": action.text,
            "due_on": action.due_on,
            "session_id": session_id,
        }
        return self.insert("action", values)

    def action(self, action_id: int) -> Action:
        return Action(**self.record("action", action_id, "mentor action list"))

    def actions(
        self, pair_id: int | None = None, *, every: bool = False, due_before: str | None = None
    ) -> list[Action]:
        """Open actions (every: all of them); due_before keeps open ones due before that day."""
        where: list[str] = []
        params: list[Any] = []
        if pair_id is not None:
            where.append("pair_id = ?")
            params.append(pair_id)
        if due_before is not None:
            where.append("status = 'open' AND due_on < ?")
            params.append(due_before)
        elif not every:
            where.append("status = 'open'")
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self.all(
            f"SELECT * FROM action{clause} "
            "ORDER BY status = 'open' DESC, due_on IS NULL, due_on, id",
            tuple(params),
        )
        return [Action(**dict(r)) for r in rows]

    def open_action(self, action_id: int, pair_id: int | None = None) -> Action:
        action = self.action(action_id)
        if pair_id is not None and action.pair_id != pair_id:
            raise BadInput(
                f"action #{action_id} belongs to pair {self.pair(action.pair_id).ref}, "
                f"not {self.pair(pair_id).ref}"
            )
        if action.status != "open":
            raise BadInput(f"action #{action_id} is {action.status} already")
        return action

    def finish_action(self, action_id: int, status: str, today: str) -> Action:
        """Mark an open action done (today) or dropped."""
        with self.write():
            action = self.open_action(action_id)
            values: dict[str, Any] = {"status": status}
            if status == "done":
                values["done_on"] = today
            self.update("action", action.id, values)
            return self.action(action.id)

    # Topics.

    def add_topic(self, pair_ref: str, text: str) -> Topic:
        with self.write():
            pair = self.resolve_pair(pair_ref)
            return self.topic(self.insert("topic", {"pair_id": pair.id, "text": text}))

    def topic(self, topic_id: int) -> Topic:
        return Topic(**self.record("topic", topic_id, "mentor topic list PAIR"))

    def topics(self, pair_id: int, *, every: bool = False) -> list[Topic]:
        where = "" if every else " AND covered_session_id IS NULL"
        rows = self.all(
            f"SELECT * FROM topic WHERE pair_id = ?{where} "
            "ORDER BY covered_session_id IS NOT NULL, id",
            (pair_id,),
        )
        return [Topic(**dict(r)) for r in rows]

    def cover_topic(self, topic_id: int, pair_id: int, session_id: int) -> None:
        topic = self.topic(topic_id)
        if topic.pair_id != pair_id:
            raise BadInput(
                f"topic #{topic_id} belongs to pair {self.pair(topic.pair_id).ref}, "
                f"not {self.pair(pair_id).ref}"
            )
        if topic.covered_session_id is not None:
            raise BadInput(
                f"topic #{topic_id} was covered already, in session #{topic.covered_session_id}"
            )
        self.update("topic", topic.id, {"covered_session_id": session_id})

    def drop_topic(self, topic_id: int) -> Topic:
        with self.write():
            topic = self.topic(topic_id)
            self.conn.execute("DELETE FROM topic WHERE id = ?", (topic.id,))
            return topic
