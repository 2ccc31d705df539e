"""The rules: resolving what the user named, checking values, and what each change means."""
