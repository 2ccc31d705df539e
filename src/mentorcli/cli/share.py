"""`mentor share`, `sync` and `join`: a pair's shared record kept in step through a folder."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import JsonFlag, PairRef, SomePair, pair_named
from .runtime import runtime

Folder = Annotated[
    str,
    typer.Argument(
        metavar="DIR",
        help="A folder both machines see: a synced folder (Syncthing, Dropbox, a share).",
    ),
]


def share(pair_ref: PairRef, folder: Folder, json: JsonFlag = False) -> None:
    """Share a pair's record through a folder both of you see; private notes never go there."""
    from ..render.output import written
    from ..services.share import share as bind

    synced = bind(runtime.store(), pair_named(pair_ref), folder, runtime.now())
    written(synced, synced.message(), json=json)


def sync(pair_ref: SomePair = None, json: JsonFlag = False) -> None:
    """Send what changed here to the shared folder and apply what the other side sent."""
    from ..render.output import written
    from ..services.share import sync_all

    named = pair_ref and pair_named(pair_ref)
    synced = sync_all(runtime.store(), named, runtime.now())
    written(synced, synced.message(), json=json)


def join(folder: Folder, json: JsonFlag = False) -> None:
    """Start from a shared folder: the pair, both people and every shared record; sets me."""
    from ..render.output import written
    from ..services.share import join as joined
    from .config import _save

    synced, me = joined(runtime.store(), folder, runtime.now())
    _save("me", me)
    written(synced, synced.message() + f" You are {me!r} (the 'me' setting).", json=json)
