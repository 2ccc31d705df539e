"""The shape of the code, held by tests: thin commands, SQL only in the Store, output only
in render/, and a renderer for every result a command emits."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import mentorcli
from mentorcli.render.output import MARKDOWN, VIEWS

PACKAGE = Path(mentorcli.__file__).parent
SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE|PRAGMA)\b")
# What writes to the terminal: outside render/, only through its functions.
PRINTING = re.compile(r"\bprint\(|sys\.std(out|err)\.write|typer\.(echo|secho)\(|\.print\(")
# files.py writes a file's bytes, to stdout when the target is "-": the export, not a message.
WRITES_FILES = {"files.py"}


def modules(folder: str = "") -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def relative(path: Path) -> str:
    return str(path.relative_to(PACKAGE))


def commands() -> list[tuple[str, ast.FunctionDef]]:
    """Every function in cli/ that Typer runs as a command."""
    found = []
    for path in modules("cli"):
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and _is_command(node, path):
                found.append((f"{relative(path)}:{node.name}", node))
    return found


def _is_command(node: ast.FunctionDef, path: Path) -> bool:
    from mentorcli.cli.app import COMMANDS

    decorated = any("command" in ast.unparse(d) for d in node.decorator_list)
    module = f"mentorcli.cli.{path.stem}"
    named = any(m == module and a == node.name for m, a, _ in COMMANDS.values())
    return decorated or named


def body_lines(node: ast.FunctionDef) -> int:
    """Lines from the first statement after the docstring to the end of the function."""
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    assert body and body[-1].end_lineno is not None
    return body[-1].end_lineno - body[0].lineno + 1


def test_there_are_commands_to_check() -> None:
    names = [name for name, _ in commands()]
    assert "cli/log.py:log" in names and "cli/person.py:add" in names
    assert len(names) > 35


@pytest.mark.parametrize("name,node", commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_commands_are_thin(name: str, node: ast.FunctionDef) -> None:
    assert body_lines(node) <= 25, f"{name} is {body_lines(node)} lines long"


def test_sql_lives_in_the_store() -> None:
    outside = [
        relative(path)
        for path in modules()
        if not relative(path).startswith("store/") and SQL.search(path.read_text())
    ]
    assert outside == []


def test_output_lives_in_render() -> None:
    outside = [
        relative(path)
        for path in modules()
        if not relative(path).startswith("render/")
        and relative(path) not in WRITES_FILES
        and PRINTING.search(path.read_text())
    ]
    assert outside == []


def test_rich_lives_in_render() -> None:
    outside = [
        relative(path)
        for path in modules()
        if not relative(path).startswith("render/")
        and re.search(r"^\s*(from|import) rich\b", path.read_text(), re.MULTILINE)
    ]
    assert outside == []


def result_types() -> set[str]:
    """The dataclasses the services and reports hand to `emit`: those with a renderer, plus
    every result dataclass of a service that has no other use."""
    found = set()
    for path in [*modules("services"), *modules("reports")]:
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.ClassDef) and node.name.endswith(("List", "View", "Detail")):
                found.add(node.name)
    return found


def test_every_listing_and_view_has_a_renderer() -> None:
    assert result_types() - set(VIEWS) == set()


def test_every_renderer_exists() -> None:
    from importlib import import_module

    for table in (VIEWS, MARKDOWN):
        for kind, target in table.items():
            module, _, name = target.partition(":")
            assert callable(getattr(import_module(f"mentorcli.render.{module}"), name)), kind
