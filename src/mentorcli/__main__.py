"""`python -m mentorcli`: the same start as the `mentor` script, and the usual exit."""

from __future__ import annotations

import sys

from mentorcli.start import started  # first: the collector is off while start-up imports

from mentorcli.cli.app import main  # isort: skip

started()
sys.exit(main())
