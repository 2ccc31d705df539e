"""Where mentor keeps its files by default: the platform's user folders (XDG, macOS, Windows)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

# The XDG variable and the fallback under $HOME, for each kind of folder on Linux and the BSDs.
XDG = {"data": ("XDG_DATA_HOME", (".local", "share")), "config": ("XDG_CONFIG_HOME", (".config",))}


def user_folder(kind: str, environ: Mapping[str, str] | None = None) -> Path:
    """mentor's own folder of this kind ("data" or "config"), as the platform puts it."""
    env = os.environ if environ is None else environ
    home = Path(env.get("HOME") or Path.home())
    if sys.platform == "win32":
        base = Path(env.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        variable, fallback = XDG[kind]
        xdg = env.get(variable, "")
        base = Path(xdg) if os.path.isabs(xdg) else home.joinpath(*fallback)
    return base / "mentor"
