"""`python -m mentorcli`."""

from __future__ import annotations

import sys

from mentorcli.cli.app import main

sys.exit(main())
