"""The command line: one Typer sub-app per noun, joined under the root app."""
