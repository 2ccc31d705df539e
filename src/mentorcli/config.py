"""Who I am and how I like it: the settings file, read only by the commands that use it."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import BadInput, FileProblem

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Each setting and what it holds, as `mentor config list` explains them.
SETTINGS = {
    "me": "your handle: 'me' then stands for it wherever a handle goes",
    "default_pair": "the pair a command uses when none is named (MENTOR/MENTEE or an id)",
    "tz": "the time zone schedule shows times in (default: the machine's)",
    "week_start": "the first day of a week: mon … sun (default mon)",
    "editor": "the editor for notes (default: $VISUAL, else $EDITOR, else vi)",
}


@dataclass(frozen=True)
class Config:
    """The settings as read; "" where a setting is not set."""

    path: Path
    values: Mapping[str, str]

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    @property
    def me(self) -> str:
        return self.get("me")

    @property
    def week_start(self) -> int:
        return WEEKDAYS.index(self.get("week_start") or "mon")


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """MENTOR_CONFIG, else the platform's config folder: ~/.config/mentor/config.toml."""
    env = os.environ if environ is None else environ
    if env.get("MENTOR_CONFIG"):
        return Path(env["MENTOR_CONFIG"]).expanduser()
    from .places import user_folder

    return user_folder("config", env) / "config.toml"


def load(path: Path) -> Config:
    """The settings at `path`; a missing file is no settings, a malformed one exit 2."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Config(path, {})
    except IsADirectoryError:
        raise BadInput(f"the config {path} is a folder; it should be a TOML file") from None
    except OSError as exc:
        raise FileProblem(f"cannot read the config {path}: {exc.strerror or exc}") from None
    import tomllib

    try:
        table = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadInput(f"the config {path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"the config {path} is not valid TOML: {exc}") from None
    values = {}
    for key, value in table.items():
        where = f"the config {path}: {_line(data, key)}"
        if not isinstance(value, str) and key in SETTINGS:
            raise BadInput(f"{where}{key} should be text in quotes")
        values[key] = check(key, str(value), where)
    return Config(path, values)


def _line(data: bytes, key: str) -> str:
    text = data.decode("utf-8", "replace")
    found = re.search(rf"(?m)^\s*[\"']?{re.escape(key)}[\"']?\s*=", text)
    return f"line {text.count(chr(10), 0, found.start()) + 1}: " if found else ""


def _known() -> str:
    return f"the settings are {', '.join(SETTINGS)}"


def check(key: str, value: str, where: str = "") -> str:
    """A setting's value as stored, or one line saying what it should be."""
    if key not in SETTINGS:
        raise BadInput(f"{where}unknown setting {key!r}; {_known()}")
    value = value.strip()
    try:
        if key == "me" and value:
            from .services.checks import handle

            return handle(value)
        if key == "tz" and value:
            from .zones import resolve_zone

            return resolve_zone(value)
    except BadInput as exc:
        raise BadInput(f"{where}{exc}") from None
    if key == "week_start" and value:
        day = value.lower()[:3]
        if day not in WEEKDAYS:
            raise BadInput(f"{where}week_start {value!r} should be a day: {', '.join(WEEKDAYS)}")
        return day
    if "\n" in value or "\r" in value:
        raise BadInput(f"{where}{key} should be one line")
    return value


def saved(config: Config, key: str, value: str | None) -> str:
    """The file's text with `key` set to `value` (None: taken out), its other lines kept."""
    try:
        text = config.path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    pattern = re.compile(rf"(?m)^\s*[\"']?{re.escape(key)}[\"']?\s*=.*(?:\n|\Z)")
    line = "" if value is None else f"{key} = {_quoted(value)}\n"
    if pattern.search(text):
        return pattern.sub(lambda _: line, text, count=1)
    if text and not text.endswith("\n"):
        text += "\n"
    return text + line


def _quoted(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else _escape(c) for c in escaped) + '"'


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


@dataclass(frozen=True)
class Settings:
    """What `mentor config list` shows: every setting, set or not, and the file."""

    path: str
    values: dict[str, str]

    def json(self) -> object:
        return {"path": self.path, "settings": self.values}


def settings(config: Config) -> Settings:
    return Settings(str(config.path), {key: config.get(key) for key in SETTINGS})
