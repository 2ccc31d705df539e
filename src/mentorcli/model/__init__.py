"""The records mentorcli keeps, as frozen dataclasses, one module per noun (a command
builds only the records it reads); no I/O here."""
