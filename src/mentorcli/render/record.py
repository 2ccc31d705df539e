"""The agreement and follow-ups as Rich tables: expectations, goals, actions, topics."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from ..labels import bar
from .styled import Styled
from .table import Table
from .text import one_line, visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..services.agreement import ExpectationList, GoalList
    from ..services.followups import ActionList, TopicList
    from .table import Cell


def _table(*columns: str) -> Table:
    table = Table()
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _columns(columns: tuple[str, ...], pairs: Mapping[int, str] | None) -> tuple[str, ...]:
    """A listing's columns, with the pair's after the id in a listing across pairs."""
    return columns if pairs is None else (columns[0], "pair", *columns[1:])


def _cells(cells: list[Cell], pair_id: int, pairs: Mapping[int, str] | None) -> list[Cell]:
    if pairs is None:
        return cells
    return [cells[0], Styled(visible(pairs.get(pair_id, f"#{pair_id}"))), *cells[1:]]


def _due(due_on: str | None, today: date, open_: bool) -> Styled:
    if due_on is None:
        return Styled("")
    if open_ and due_on < today.isoformat():
        return Styled(f"{due_on} overdue", style="bold red")
    return Styled(due_on)


def expectations_table(listing: ExpectationList) -> RenderableType:
    expectations, today = listing.expectations, listing.today
    if not expectations:
        return Styled(
            "No expectations yet. Agree some: mentor expect add PAIR TEXT --topic cadence"
        )
    columns = ("id", "topic", "expectation", "agreed", "review", "state")
    table = _table(*_columns(columns, listing.pairs))
    for item in expectations:
        state = item.state
        if item.superseded_by is not None:
            state = f"superseded by #{item.superseded_by}"
        review = _due(item.review_on, today, item.state == "active")
        cells: list[Cell] = [
            str(item.id),
            Styled(item.topic),
            Styled(visible(item.text), style="" if item.state == "active" else "dim"),
            Styled(item.agreed_on),
            review,
            Styled(state, style="" if item.state == "active" else "dim"),
        ]
        table.add_row(*_cells(cells, item.pair_id, listing.pairs))
    return table


def progress_bar(percent: int) -> str:
    return f"{bar(percent)} {percent:>3}%"


def goals_table(listing: GoalList) -> RenderableType:
    goals, today = listing.goals, listing.today
    if not goals:
        return Styled("No goals here. Add one: mentor goal add PAIR TITLE --due DATE")
    table = _table(*_columns(("id", "goal", "progress", "due", "status"), listing.pairs))
    for goal in goals:
        status = goal.status + (f" {goal.achieved_on}" if goal.achieved_on else "")
        title = visible(goal.title) + (f"\n{one_line(goal.detail, 70)}" if goal.detail else "")
        cells: list[Cell] = [
            str(goal.id),
            Styled(title),
            Styled(progress_bar(goal.progress), style="green" if goal.progress >= 100 else ""),
            _due(goal.due_on, today, goal.status == "open"),
            Styled(status, style="" if goal.status == "open" else "dim"),
        ]
        table.add_row(*_cells(cells, goal.pair_id, listing.pairs))
    return table


def actions_table(listing: ActionList) -> RenderableType:
    actions, pairs, today, show_pair = (
        listing.actions, listing.pairs, listing.today, not listing.one_pair
    )  # fmt: skip
    if not actions:
        return Styled("No actions here. Add one: mentor action add PAIR mentee TEXT --due DATE")
    columns = ("id", "pair", "owner", "action", "due", "status") if show_pair else (
        "id", "owner", "action", "due", "status"
    )  # fmt: skip
    table = _table(*columns)
    for action in actions:
        status = action.status + (f" {action.done_on}" if action.done_on else "")
        cells: list[Cell] = [str(action.id)]
        if show_pair:
            cells.append(Styled(visible(pairs.get(action.pair_id, f"#{action.pair_id}"))))
        cells += [
            Styled(action.owner),
            Styled(visible(action.text)),
            _due(action.due_on, today, action.status == "open"),
            Styled(status, style="" if action.status == "open" else "dim"),
        ]
        table.add_row(*cells)
    return table


def topics_table(listing: TopicList) -> RenderableType:
    topics = listing.topics
    if not topics:
        return Styled("No topics queued. Queue one: mentor topic add PAIR TEXT")
    table = _table(*_columns(("id", "topic", "state"), listing.pairs))
    for topic in topics:
        covered = topic.covered_session_id
        cells: list[Cell] = [
            str(topic.id),
            Styled(visible(topic.text)),
            Styled("queued" if covered is None else f"covered in session #{covered}"),
        ]
        table.add_row(*_cells(cells, topic.pair_id, listing.pairs))
    return table
