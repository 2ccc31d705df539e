"""The settings as a table: each one, its value, and what it does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .text import visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..config import Settings


def settings_table(found: Settings) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    from ..config import SETTINGS

    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("setting", "value", "what it does"):
        table.add_column(column)
    for key, value in found.values.items():
        table.add_row(key, Text(visible(value) or "-"), Text(SETTINGS[key], style="dim"))
    return [Text(f"From {visible(found.path)}"), table]
