"""Click's names that Typer has no public route to, in the one place a Typer upgrade touches."""

from __future__ import annotations

# Typer 0.28 ships its own copy of click as the private package `typer._click` and re-exports
# none of these: the root group has to name click's Context, Command and HelpFormatter, and the
# error boundary click's exceptions. (Where Typer does export a name, `typer.Abort`,
# `typer.Exit`, `typer.Context`, the code uses that.) Kept to this module so that a Typer
# release that moves or drops the vendored click is a change to one file.
from typer._click import Command, Context, HelpFormatter
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer._click.utils import make_default_short_help

__all__ = [
    "ClickException",
    "Command",
    "Context",
    "HelpFormatter",
    "NoArgsIsHelpError",
    "UsageError",
    "make_default_short_help",
]
