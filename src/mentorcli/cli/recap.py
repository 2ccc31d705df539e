"""`mentor recap`: the follow-up to a session as an email message to open in any mail client."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import record_id
from .data import Force, _written
from .runtime import runtime


def recap(
    session_id: Annotated[int, record_id("session")],
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Write to FILE.eml (owner-only); - or none: stdout.",
        ),
    ] = None,
    force: Force = False,
) -> None:
    """A session's follow-up as an email (.eml) to the mentee: notes, actions, next session."""
    from ..files import write_private
    from ..services.plans import recap as follow_up

    message = follow_up(runtime.store(), session_id, runtime.now())
    _written(write_private(output, message, force, runtime.db_path))
