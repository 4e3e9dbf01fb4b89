"""starmote with one fault a test cannot make from outside (it may run as root).

Run as `python fault_child.py FAULT ARG… -- STARMOTE_ARGS…`:

- `full`: no journal connection may grow the file past its size at opening
  (SQLite's own `max_page_count`), so the next write that needs a page fails with
  SQLITE_FULL exactly as on a full disk.
- `temp PATH`: the temporary folder is PATH (e.g. a plain file), so nothing can be
  made in it.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def _fill_up(real: Any) -> Any:
    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = real(*args, **kwargs)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count={max(pages, 1)}")
        return db

    return connect


def main(argv: list[str]) -> int:
    split = argv.index("--")
    fault, *values = argv[:split]
    if fault == "full":
        sqlite3.connect = _fill_up(sqlite3.connect)
    elif fault == "temp":
        tempfile.tempdir = values[0]
    else:
        raise SystemExit(f"unknown fault {fault!r}")
    from starmote.cli.main import main as starmote

    return starmote(argv[split + 1 :])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
