"""The backup document (`mentor export --all`): building it, and checking one before import."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import BadInput, FileProblem, MentorError, quoted
from ..hours import DEFAULT_SLEEP
from ..services.checks import EARLIEST, LATEST, MOST_MINUTES, SQLITE_MAX_INT, handle_problem
from ..store.exchange import SECTIONS, Section
from ..vocabulary import (
    ACTION_STATUSES,
    CHANNELS,
    EXPECTATION_TOPICS,
    GOAL_STATUSES,
    OWNERS,
    PAIR_STATUSES,
    PLAN_STATUSES,
)

if TYPE_CHECKING:
    from ..store import Store

FORMAT = "mentorcli"
VERSION = 1
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

Check = Callable[[Any], Any]


class Bad(Exception):
    """A value that does not fit; the message says what would."""


def build_document(records: dict[str, list[dict[str, Any]]], now: datetime) -> dict[str, Any]:
    """The versioned document around the records the Store exported."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.astimezone(UTC).isoformat(timespec="seconds"),
        **records,
    }


def dump(document: dict[str, Any]) -> str:
    from ..render.text import json_text

    return json_text(document)


# Checkers: each returns the value as it is stored, or raises Bad.


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise Bad(f"expected text, not {_kind(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise Bad("the text holds an unpaired surrogate (a \\ud800-style escape)") from None
    return value


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _choice(choices: tuple[str, ...]) -> Check:
    def check(value: Any) -> str:
        if value not in choices:
            raise Bad(f"{_shown(value)} is not one of {', '.join(choices)}")
        return str(value)

    return check


def _whole(low: int | None, high: int | None) -> Check:
    def check(value: Any) -> int:
        if type(value) is not int:
            raise Bad(f"expected a whole number, not {_kind(value)}")
        top = SQLITE_MAX_INT if high is None else high
        if (low is not None and value < low) or value > top:
            span = f"{low} to {top}"
            raise Bad(f"{value} is out of range ({span})")
        return value

    return check


def _uid(value: Any) -> str:
    try:
        return str(uuid.UUID(_text(value)))
    except ValueError:
        raise Bad(f"{_shown(value)} is not a uid (a UUID)") from None


def _date(value: Any) -> str:
    text = _text(value)
    try:
        if not ISO_DATE.match(text):
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise Bad(f"{_shown(value)} is not a date like 2026-11-24") from None
    if not EARLIEST <= day <= LATEST:
        raise Bad(f"{_shown(value)} is out of range ({EARLIEST} to {LATEST})")
    return day.isoformat()


def _moment(value: Any) -> datetime:
    text = _text(value)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Bad(f"{_shown(value)} is not a timestamp like 2026-11-24T15:30:00+00:00") from None
    if moment.tzinfo is None:
        raise Bad(f"{_shown(value)} has no UTC offset; add +00:00")
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:
        raise Bad(f"{_shown(value)} is out of range in UTC") from None
    if not EARLIEST <= moment.date() <= LATEST:
        raise Bad(f"{_shown(value)} is out of range ({EARLIEST} to {LATEST})")
    return moment


def _stamp(value: Any) -> str:
    return _moment(value).isoformat(timespec="microseconds")


def _instant(value: Any) -> str:
    return _moment(value).isoformat()


def _handle(value: Any) -> str:
    normal = unicodedata.normalize("NFC", _text(value))
    problem = handle_problem(normal)
    if problem:
        raise Bad(f"{_shown(value)} is not a handle: {problem}")
    return normal


def _by_grammar(parse: Callable[[str], Any]) -> Check:
    def check(value: Any) -> Any:
        try:
            return parse(_text(value))
        except MentorError as error:
            raise Bad(str(error)) from None

    return check


@lru_cache(maxsize=512)  # a pair's sessions name the same few zones thousands of times
def _zone(text: str) -> str:
    from ..zones import resolve_zone

    return resolve_zone(text)


def _hours(text: str) -> str:
    from ..hours import format_hours, parse_hours

    return format_hours(parse_hours(text))


def _holidays(text: str) -> str:
    from ..calendars.holidays import check_code

    return check_code(text) if text else ""


def _day_or_instant(value: Any) -> str:
    text = _text(value)
    return _instant(text) if "T" in text else _date(text)


def _sleep(text: str) -> str:
    from ..hours import parse_sleep

    return parse_sleep(text)


def _cadence(text: str) -> str:
    from ..cadence import parse_cadence

    return parse_cadence(text).text


def _tags(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Bad("expected a list of text")
    return [_text(item) for item in value]


_STAMPS: dict[str, Check] = {"created_at": _stamp, "updated_at": _stamp}
CHECKS: dict[str, dict[str, Check]] = {
    "people": {
        "handle": _handle,
        "name": _text,
        "email": _text,
        "timezone": _by_grammar(_zone),
        "hours": _by_grammar(_hours),
        "skills": _tags,
        "channels": _tags,
        "note": _text,
        "holidays": _by_grammar(_holidays),
        "busy": _text,
        "sleep": _by_grammar(_sleep),
    },
    "time_off": {
        "starts": _day_or_instant,
        "ends": _day_or_instant,
        "hours": _optional(_by_grammar(_hours)),
        "note": _text,
    },
    "pairs": {
        "status": _choice(PAIR_STATUSES),
        "focus": _text,
        "cadence": _by_grammar(_cadence),
        "channel": _choice(CHANNELS),
        "start_date": _date,
        "end_date": _optional(_date),
        "end_reason": _text,
        "paused_on": _optional(_date),
    },
    "expectations": {
        "topic": _choice(EXPECTATION_TOPICS),
        "text": _text,
        "agreed_on": _date,
        "review_on": _optional(_date),
        "state": _choice(("active", "superseded", "dropped")),
    },
    "goals": {
        "title": _text,
        "detail": _text,
        "status": _choice(GOAL_STATUSES),
        "progress": _whole(0, 100),
        "due_on": _optional(_date),
        "achieved_on": _optional(_date),
    },
    "sessions": {
        "started_at": _instant,
        "zone": _by_grammar(_zone),
        "minutes": _optional(_whole(0, MOST_MINUTES)),
        "channel": _choice(CHANNELS),
        "notes": _text,
        "rapport": _optional(_whole(1, 5)),
        "engagement": _optional(_whole(1, 5)),
        "tech_issue": _text,
        "private_notes": _text,
    },
    "actions": {
        "owner": _choice(OWNERS),
        "text": _text,
        "due_on": _optional(_date),
        "status": _choice(ACTION_STATUSES),
        "done_on": _optional(_date),
    },
    "topics": {"text": _text},
    "planned_sessions": {
        "starts_at": _instant,
        "zone": _by_grammar(_zone),
        "minutes": _whole(1, MOST_MINUTES),
        "channel": _choice(CHANNELS),
        "agenda_note": _text,
        "status": _choice(PLAN_STATUSES),
        "sequence": _whole(0, None),
    },
}


# Fields added after the format's first version, and what a backup without them means.
ADDED_LATER: dict[str, dict[str, Any]] = {
    "pairs": {"end_reason": "", "paused_on": None},
    "people": {"holidays": "", "busy": "", "sleep": DEFAULT_SLEEP},
    "sessions": {"private_notes": ""},
}
# Lists added after the format's first version: a backup without one has none of them.
SECTIONS_ADDED_LATER = frozenset({"time_off", "planned_sessions"})


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), "null" if value is None else type(value).__name__
    )


def _shown(value: Any) -> str:
    return quoted(value) if isinstance(value, str) else json.dumps(value)[:40]


def read_document(text: str, source: str) -> dict[str, list[dict[str, Any]]]:
    """The records of a backup document, every value checked and in its stored form.

    Anything wrong (not JSON, another program's file, a newer version, a missing field, a bad
    value, a dangling reference) is one BadInput naming where; nothing has been written yet.
    """
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:  # ValueError: also a 5,000-digit number
        raise BadInput(f"{source} is not JSON ({error}); nothing was imported") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BadInput(
            f'{source} is not a mentor backup (no "format": "{FORMAT}"); '
            "make one with 'mentor export --all'; nothing was imported"
        )
    version = document.get("version")
    if type(version) is not int or version < 1:
        raise BadInput(f"{source} has no valid format version; nothing was imported")
    if version > VERSION:
        raise BadInput(
            f"{source} is format version {version}, from a newer mentor (this one reads up to "
            f"{VERSION}); upgrade mentor to import it; nothing was imported"
        )
    records = {section.name: _section(document, section, source) for section in SECTIONS}
    _check_references(records, source)
    records["deleted"] = _tombstones(document, source)
    return records


def _tombstones(document: dict[str, Any], source: str) -> list[dict[str, Any]]:
    """The records deleted where the file was made (none in a file from before they were)."""
    items = document.get("deleted", [])
    if not isinstance(items, list):
        raise BadInput(f"{source}: 'deleted' is not a list; nothing was imported")
    kinds = tuple(section.table for section in SECTIONS)
    checked = []
    for index, item in enumerate(items):
        where = f"{source}: deleted[{index}]"
        if not isinstance(item, dict):
            raise BadInput(f"{where} is {_kind(item)}, not an object; nothing was imported")
        checks: dict[str, Check] = {"uid": _uid, "kind": _choice(kinds), "deleted_at": _stamp}
        record: dict[str, Any] = {}
        for name, check in checks.items():
            if name not in item:
                raise BadInput(f"{where}: the field {name!r} is missing; nothing was imported")
            try:
                record[name] = check(item[name])
            except Bad as problem:
                raise BadInput(f"{where}: {name}: {problem}; nothing was imported") from None
        checked.append(record)
    return checked


def _section(document: dict[str, Any], section: Section, source: str) -> list[dict[str, Any]]:
    items = document.get(section.name)
    if items is None and section.name not in document and section.name in SECTIONS_ADDED_LATER:
        return []
    if not isinstance(items, list):
        raise BadInput(f"{source}: {section.name!r} is missing or not a list; nothing was imported")
    checked = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"{source}: {section.name}[{index}]"
        if not isinstance(item, dict):
            raise BadInput(f"{where} is {_kind(item)}, not an object; nothing was imported")
        record = _record(item, section, where)
        if record["uid"] in seen:
            raise BadInput(f"{where}: uid {record['uid']} appears twice; nothing was imported")
        seen.add(record["uid"])
        checked.append(record)
    return checked


def _record(item: dict[str, Any], section: Section, where: str) -> dict[str, Any]:
    checks: dict[str, Check] = {"uid": _uid, **CHECKS[section.name], **_STAMPS}
    checks.update({name: _optional(_uid) for name in section.refs})
    record: dict[str, Any] = {}
    defaults = ADDED_LATER.get(section.name, {})
    for name in section.fields:
        if name not in item and name in defaults:
            record[name] = defaults[name]
            continue
        if name not in item:
            raise BadInput(f"{where}: the field {name!r} is missing; nothing was imported")
        try:
            record[name] = checks[name](item[name])
        except Bad as problem:
            raise BadInput(f"{where}: {name}: {problem}; nothing was imported") from None
    required = [name for name in ("pair", "mentor", "mentee", "person") if name in section.refs]
    for name in required:
        if record[name] is None:
            raise BadInput(f"{where}: {name} must not be null; nothing was imported")
    if section.name == "pairs" and record["mentor"] == record["mentee"]:
        raise BadInput(f"{where}: mentor and mentee are the same person; nothing was imported")
    return record


def _check_references(records: dict[str, list[dict[str, Any]]], source: str) -> None:
    """A reference must point at a record of the right kind in the file (or, failing that, in
    the database: the Store checks those as it merges). Here: no uid of the wrong kind."""
    kinds = {
        section.name: {record["uid"] for record in records[section.name]} for section in SECTIONS
    }
    for section in SECTIONS:
        for index, record in enumerate(records[section.name]):
            for name, (_, target) in section.refs.items():
                uid = record[name]
                elsewhere = [k for k, uids in kinds.items() if k != target and uid in uids]
                if uid is not None and uid not in kinds[target] and elsewhere:
                    raise BadInput(
                        f"{source}: {section.name}[{index}]: {name} is the uid of one of the "
                        f"{elsewhere[0]}, not of the {target}; nothing was imported"
                    )


def _same(target: Path, db_path: Path) -> bool:
    """Whether `target` is the database or its -wal, -shm or -journal file."""
    import os

    for end in ("", "-wal", "-shm", "-journal"):
        part = db_path.with_name(db_path.name + end)
        if part.exists() and os.path.samefile(target, part):
            return True
    return False


def backup_path(db_path: Path, now: datetime) -> Path:
    """The default backup name, beside the database: mentor.db.backup-20261124T063012Z."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return db_path.with_name(f"{db_path.name}.backup-{stamp}")


def backup_database(
    db_path: Path, file: str | None, open_store: Callable[[], Store], now: datetime, force: bool
) -> Path:
    """An online backup of the database into `file` (default beside it), owner-only and
    atomic: SQLite writes a temporary file that is then renamed."""
    from ..files import replacing

    if file == "-":
        raise BadInput("a backup is a database file; name a FILE rather than -")
    if not db_path.exists():
        raise FileProblem(f"there is no database at {db_path} yet; nothing to back up")
    target = Path(file).expanduser() if file else backup_path(db_path, now)
    store = open_store()
    if target.exists() and _same(target, db_path):
        raise FileProblem(f"{target} is the database itself; name another file for its backup")
    with replacing(target, force) as temporary:
        try:
            store.backup_into(temporary)
        except sqlite3.OperationalError as error:
            # The database is only read: a full disk or a failed write is the copy's.
            reason = str(error)
            if "full" not in reason and "i/o" not in reason.lower():
                raise
            raise FileProblem(
                f"cannot back up to {target} ({reason}); the database is unchanged"
            ) from None
    return target
