"""mentorcli: a command-line tracker for remote mentoring."""

from __future__ import annotations

__version__ = "0.1.0"
