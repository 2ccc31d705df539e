"""Reminders: the list on the terminal, and the desktop notification."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .styled import Styled
from .text import one_line, visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..reports.remind import Reminder, Reminders


def _when(reminder: Reminder, zone_name: str) -> str:
    from ..when import from_utc_iso
    from ..zones import zone

    if len(reminder.at) == 10:
        return f"{reminder.at} (due)"
    return f"{from_utc_iso(reminder.at).astimezone(zone(zone_name)):%a %Y-%m-%d %H:%M}"


def lines(found: Reminders) -> list[str]:
    return [f"{_when(r, found.zone)}  {r.pair}  {one_line(r.text, 100)}" for r in found.reminders]


def reminders_view(found: Reminders) -> RenderableType:
    from ..when import from_utc_iso
    from ..zones import zone

    until = from_utc_iso(found.until).astimezone(zone(found.zone))
    whose = f" for {found.who}" if found.who else ""
    if not found.reminders:
        return Styled(f"Nothing due{whose} before {until:%a %Y-%m-%d %H:%M}.")
    shown = Styled().append(f"Due{whose} before {until:%a %Y-%m-%d %H:%M}:", "bold")
    for line in lines(found):
        shown.append(f"\n  {visible(line)}")
    return shown


def notify_desktop(found: Reminders) -> None:
    """One desktop notification through notify-send, when there is something to say and
    notify-send is installed; a missing one is a one-line note, not a failure."""
    import html
    import shutil
    import subprocess

    from .output import note

    if not found.reminders:
        return
    program = shutil.which("notify-send")
    if program is None:
        note("notify-send not found: no desktop notification (install libnotify to get one)")
        return
    summary = f"mentor: {len(found.reminders)} thing(s) due soon"
    # Notification servers read the body as markup: user text goes in escaped.
    body = html.escape("\n".join(lines(found)))
    try:
        subprocess.run(
            [program, "--app-name=mentor", summary, body],
            check=False,
            timeout=10,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        note(f"notify-send failed ({error}); no desktop notification")
