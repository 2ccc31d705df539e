"""Short labels every output shares: a day, a length of time, a progress bar (pure)."""

from __future__ import annotations

from datetime import date

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day: date) -> str:
    """`Tue 3 Mar`."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def duration_label(minutes: int) -> str:
    """`1 h 30 min`, `2 h`, `45 min`."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


def bar(percent: int | float, width: int = 10) -> str:
    """A progress bar of `width` cells, filled in proportion to `percent` (0-100)."""
    filled = round(percent / 100 * width)
    return "█" * filled + "░" * (width - filled)
