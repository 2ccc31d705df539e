"""Sharing a pair through a folder: the change logs, and how changes settle."""
