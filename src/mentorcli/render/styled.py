"""Styled text as the renderers build it: a line or a paragraph with a style of its own and
styled stretches within. Rich prints it as the Text it stands for; printed plain (colour
off, output not a terminal) only its characters count, and Rich need not be imported."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console, ConsoleOptions
    from rich.measure import Measurement
    from rich.text import Text

# The control characters Rich's Text drops from what it is given: bell, backspace, vertical
# tab, form feed, carriage return.
DROPPED = dict.fromkeys((7, 8, 11, 12, 13))


class Styled:
    """Text with a style and styled stretches (start, end, style): what Rich's Text holds
    for a renderer, with the attributes a table reads of a cell."""

    justify = None
    overflow = None
    no_wrap = None
    end = "\n"

    __slots__ = ("plain", "spans", "style")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.plain = text.translate(DROPPED)
        self.style = style
        self.spans: list[tuple[int, int, str]] = []

    def append(self, text: str, style: str = "") -> Styled:
        """The text added at the end, in its style (none for "")."""
        text = text.translate(DROPPED)
        if text and style:
            start = len(self.plain)
            self.spans.append((start, start + len(text), style))
        self.plain += text
        return self

    def rich(self) -> Text:
        """The same text as Rich's own."""
        from rich.text import Span, Text

        return Text(self.plain, style=self.style, spans=[Span(*span) for span in self.spans])

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        yield self.rich()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        return Measurement.get(console, options, self.rich())
