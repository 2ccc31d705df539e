"""`mentor remind`: what needs doing soon, for cron or a systemd timer."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.output import emit
from .common import JsonFlag
from .runtime import runtime


def remind(
    within: Annotated[
        str, typer.Option(help="How far ahead to look: 90m, 24h, 2d, 1w (default 24h).")
    ] = "24h",
    everyone: Annotated[
        bool, typer.Option("--all", help="Every pair's, even with the 'me' setting.")
    ] = False,
    notify: Annotated[
        bool, typer.Option("--notify", help="Also show them as a desktop notification.")
    ] = False,
    json: JsonFlag = False,
) -> None:
    """What needs doing soon: sessions starting, actions and reviews due, pairs about to lapse."""
    from ..services.reports import reminders

    me = "" if everyone else runtime.config().me
    found = reminders(runtime.store(), runtime.now(), within, me, runtime.local_zone())
    emit(found, json=json)
    if notify:
        from ..render.remind import notify_desktop

        notify_desktop(found)
