"""`python -m starmote` runs the command line."""

from __future__ import annotations

from starmote.cli.main import main

raise SystemExit(main())
