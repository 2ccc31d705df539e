"""Rendering: Rich tables and panels, JSON and Markdown writers; the only place Rich is used."""
