"""The framework's floor: a one-command Typer program that opens the database and runs one query."""

from __future__ import annotations

import sqlite3
from typing import Annotated

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(db: Annotated[str, typer.Option("--db", help="The database file.")]) -> None:
    """Count the active pairs."""
    conn = sqlite3.connect(db)
    count = conn.execute("SELECT count(*) FROM pair WHERE status = 'active'").fetchone()[0]
    typer.echo(f"{count} active pairs")


if __name__ == "__main__":
    app()
