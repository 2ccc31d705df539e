"""`mentor export`, `import`, `calendar` and `db`: the data going out, coming in, and kept safe."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import BadInput
from .common import JsonFlag, MaybePair, complete_pair, local_today, pair_named
from .runtime import runtime

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date

    from ..store.health import Health

Output = Annotated[
    str | None,
    typer.Option(
        "-o", "--output", metavar="FILE", help="Write to FILE (owner-only); - or none: stdout."
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]
FORMATS = ("markdown", "json")

db_app = typer.Typer(help="The database file: where it is, an online backup, an integrity check.")


def export(
    pair_ref: Annotated[
        str | None,
        typer.Argument(
            metavar="[PAIR]",
            help="The pair to summarise: MENTOR/MENTEE, its id, or one handle (default: the "
            "default_pair setting, else your one pair).",
            autocompletion=complete_pair,
        ),
    ] = None,
    every: Annotated[
        bool,
        typer.Option("--all", help="Every record as a JSON backup that 'mentor import' merges."),
    ] = False,
    program: Annotated[
        bool,
        typer.Option(
            "--program",
            help="For a coordinator: every pair's dates, minutes, channels, statuses and "
            "progress as JSON; no note text, no ratings, nothing private.",
        ),
    ] = False,
    format_: Annotated[
        str, typer.Option("--format", help="The summary as markdown (default) or json.")
    ] = "markdown",
    output: Output = None,
    since: Annotated[
        str | None, typer.Option(help="Only sessions (and actions done) from this date on.")
    ] = None,
    for_whom: Annotated[
        str,
        typer.Option(
            "--for", help="mentee: a summary to hand over, without the ratings (default mentor)."
        ),
    ] = "mentor",
    force: Force = False,
) -> None:
    """A pair's progress summary, a full backup (--all), or a coordinator's figures (--program)."""
    from ..files import write_private

    if program:
        _refuse_with_program(every, pair_ref, since, format_, for_whom)
        return _written(write_private(output, _program(), force, runtime.db_path))
    if every and pair_ref is not None:
        raise BadInput("name a PAIR for its progress summary, or give --all for a full backup")
    if every and (since is not None or format_ != "markdown" or for_whom != "mentor"):
        raise BadInput("--all writes every record as JSON; leave out --since, --format and --for")
    if format_ not in FORMATS:
        raise BadInput(f"unknown format {format_!r}: use markdown or json")
    if not every:
        return _summary(pair_ref, format_, since, for_whom, output=output, force=force)
    _written(write_private(output, _backup(), force, runtime.db_path))


def _refuse_with_program(every: bool, *given: str | None) -> None:
    pair_ref, since, format_, for_whom = given
    if every or pair_ref is not None or since is not None:
        raise BadInput("--program writes every pair's figures; leave out PAIR, --all and --since")
    if format_ != "markdown" or for_whom != "mentor":
        raise BadInput("--program writes JSON for a coordinator; leave out --format and --for")


def _program() -> str:
    from ..services.data import program_export

    return program_export(runtime.store(), runtime.now(), local_today())


def _backup() -> str:
    from ..services.data import backup_document

    return backup_document(runtime.store(), runtime.now())


def _summary(
    pair_ref: str | None,
    format_: str,
    since: str | None,
    for_whom: str,
    *,
    output: str | None,
    force: bool,
) -> None:
    """The summary written as it is read: a pair's years of sessions are never held at once
    (but in a JSON document)."""
    from ..files import write_private
    from ..services.reports import summary

    day = _day(since, past=True) if since else None
    now, zone = runtime.now(), runtime.local_zone()
    with summary(runtime.store(), pair_named(pair_ref), now, day, zone, for_whom) as found:
        if format_ == "json":
            from dataclasses import asdict

            from ..render.text import json_text

            text: str | Iterator[str] = json_text(asdict(found.settled()))
        else:
            from ..render.markdown import summary_markdown

            text = summary_markdown(found)
        _written(write_private(output, text, force, runtime.db_path))


def _written(path: object) -> None:
    if path is not None:
        from ..render.output import note

        note(f"Wrote {path}")


def import_(
    file: Annotated[
        str,
        typer.Argument(metavar="FILE", help="A backup from 'mentor export --all', or - for stdin."),
    ],
    json: JsonFlag = False,
) -> None:
    """Merge a backup by uid: new records are added, newer ones replace older; all or nothing."""
    from ..render.output import written
    from ..render.progress import counting
    from ..reports.backup import read_document
    from ..services.data import merge_document

    name, text = _read_text(file)
    records = read_document(text, name)
    with counting(sum(len(items) for items in records.values()), "Importing") as advance:
        merged = merge_document(runtime.store(), records, advance)
    said = (
        f"Imported {name}: {_counts(merged.added, 'added')}; {_counts(merged.updated, 'updated')}; "
        f"{sum(merged.unchanged.values())} unchanged."
    )
    if merged.deleted:
        said += f" {_counts(merged.deleted, 'deleted').capitalize()} (deleted there since)."
    for theirs, here in merged.renamed.items():
        said += f" {theirs!r} is {here!r} here: the handle belongs to someone else."
    written(merged, said, json=json)


def _read_text(file: str) -> tuple[str, str]:
    import sys
    from pathlib import Path

    if file == "-":
        if sys.stdin is None:
            raise BadInput("'-' reads standard input, but there is none; pipe the backup in")
        try:
            return "stdin", sys.stdin.buffer.read().decode("utf-8")
        except UnicodeDecodeError:
            raise BadInput("the backup on stdin is not UTF-8 JSON; give a mentor backup") from None
    path = Path(file).expanduser()
    if path.is_dir():
        raise BadInput(f"{file} is a folder; name a backup file")
    try:
        return file, path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(
            f"{file} is not UTF-8 text (not a mentor backup); nothing was imported"
        ) from None


def _counts(counts: dict[str, int], verb: str) -> str:
    listed = ", ".join(f"{section} {n}" for section, n in counts.items() if n)
    return f"{verb}: {listed}" if listed else f"nothing {verb}"


def calendar(
    pair_ref: MaybePair = None,
    output: Output = None,
    count: Annotated[int, typer.Option(min=1, max=500, help="How many sessions.")] = 10,
    from_: Annotated[
        str | None,
        typer.Option("--from", help="The first session on or after this date (default: now)."),
    ] = None,
    force: Force = False,
) -> None:
    """Upcoming sessions as iCalendar (.ics): an RRULE in the mentor's time zone."""
    from ..files import write_private
    from ..services.reports import calendar as upcoming

    first = _day(from_) if from_ else None
    ics = upcoming(runtime.store(), pair_named(pair_ref), count, first, runtime.now())
    _written(write_private(output, ics, force, runtime.db_path))


def health_problem(health: Health) -> str:
    if health.integrity != ("ok",) or health.foreign_keys:
        first = (health.foreign_keys or health.integrity)[0]
        return f"{health.path} is damaged ({first}); restore a backup"
    return (
        f"{health.path} holds values out of range ({health.out_of_range[0]}); correct them "
        "with the edit commands or restore a backup"
    )


def _day(text: str, *, past: bool = False) -> date:
    from ..when import parse_date

    return parse_date(text, local_today(), past=past)


@db_app.command("path")
def db_path() -> None:
    """Print where the database is (--db, else MENTOR_DB, else your user data folder)."""
    from ..render.output import write

    write(f"{runtime.db_path}\n")


@db_app.command("backup")
def db_backup(
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE]", help="Where to write it (default: beside the database, timestamped)."
        ),
    ] = None,
    force: Force = False,
    json: JsonFlag = False,
) -> None:
    """Copy the database with SQLite's online backup API, even while mentor is in use."""
    from ..render.output import written
    from ..reports.backup import backup_database
    from ..services.data import Copied

    target = backup_database(runtime.db_path, file, runtime.store, runtime.now(), force)
    copied = Copied(str(runtime.db_path), str(target))
    written(copied, f"Backed up {runtime.db_path} to {target}.", json=json)


@db_app.command("check")
def db_check(json: JsonFlag = False) -> None:
    """Check the database: integrity, foreign keys, schema version, record counts."""
    from ..errors import DatabaseUnusable, FileProblem
    from ..render.output import emit
    from ..services.reports import health as checked

    if not runtime.db_path.exists():
        raise FileProblem(f"there is no database at {runtime.db_path} yet; nothing to check")
    health = checked(runtime.store())
    emit(health, json=json)
    if not health.ok:
        raise DatabaseUnusable(health_problem(health))
