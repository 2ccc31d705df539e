"""`mentor config`: who I am and how I like it, without opening an editor."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render.output import emit, write, written
from .common import JsonFlag
from .runtime import runtime

app = typer.Typer(help="Settings: me, default_pair, tz, week_start, editor.")


def _complete_key(incomplete: str) -> list[str]:
    from ..config import SETTINGS

    return [key for key in SETTINGS if key.startswith(incomplete)]


Key = Annotated[
    str,
    typer.Argument(
        metavar="KEY",
        help="me, default_pair, tz, week_start or editor.",
        autocompletion=_complete_key,
    ),
]


@app.command("list")
def list_(json: JsonFlag = False) -> None:
    """Every setting, with its value and what it does."""
    from ..config import settings

    emit(settings(runtime.config()), json=json)


@app.command("get")
def get(key: Key) -> None:
    """Print one setting's value (empty when it is not set)."""
    from ..config import check

    check(key, "")
    write(runtime.config().get(key) + "\n")


@app.command("set")
def set_(
    key: Key, value: Annotated[str, typer.Argument(help="The new value.")], json: JsonFlag = False
) -> None:
    """Set a setting in the config file (created owner-only if need be)."""
    from ..config import settings

    _save(key, value)
    said = f"Set {key} to {runtime.config().get(key)!r} in {runtime.config().path}."
    written(settings(runtime.config()), said, json=json)


@app.command("unset")
def unset(key: Key, json: JsonFlag = False) -> None:
    """Take a setting out of the config file: its default applies again."""
    from ..config import settings

    _save(key, None)
    written(settings(runtime.config()), f"Unset {key} in {runtime.config().path}.", json=json)


@app.command("path")
def path() -> None:
    """Print where the config file is (MENTOR_CONFIG, else your config folder)."""
    from ..config import config_path

    write(f"{config_path()}\n")


def _save(key: str, value: str | None) -> None:
    """Write the file with `key` changed, then read it back as every later run will."""
    from ..config import check, load, saved
    from ..files import write_private

    config = runtime.config()
    checked = None if value is None else check(key, value)
    config.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_private(str(config.path), saved(config, key, checked), force=True)
    runtime.reset_config(load(config.path))
