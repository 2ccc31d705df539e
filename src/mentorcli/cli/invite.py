"""`mentor invite`: a planned session as an iCalendar invitation, update or cancellation."""

from __future__ import annotations

from typing import Annotated

from .common import record_id
from .data import Force, Output, _written
from .runtime import runtime


def invite(
    plan_id: Annotated[int, record_id("planned session")],
    output: Output = None,
    force: Force = False,
) -> None:
    """A planned session's invitation (.ics): a request, an update once moved, or a cancel."""
    from ..files import write_private
    from ..services.plans import invitation

    ics = invitation(runtime.store(), plan_id, runtime.now())
    _written(write_private(output, ics, force, runtime.db_path))
