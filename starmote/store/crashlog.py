"""Unexpected errors go to a private file, never to a screen that may be projected."""

from __future__ import annotations

import traceback
from datetime import UTC, datetime
from pathlib import Path

from starmote.store import paths


def write_crash_log(error: BaseException, home: Path | str | None = None) -> Path:
    """Write `error`'s traceback (code lines only, no variable values) to `<data home>/logs`.

    Returns:
        The log file, created readable by the owner only.
    """
    folder = paths.private_dir(paths.data_home(home) / "logs")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    text = "".join(traceback.format_exception(error))
    return paths.atomic_write_text(folder / f"crash-{stamp}.txt", text)
