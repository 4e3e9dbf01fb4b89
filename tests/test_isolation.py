"""The test suite never writes into the real home of whoever runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REAL_HOME, XDG_FOLDERS


def test_home_and_xdg_folders_point_into_the_sandbox(test_home_sandbox: Path) -> None:
    for name in ("HOME", *XDG_FOLDERS):
        folder = Path(os.environ[name]).resolve()
        assert folder.is_relative_to(test_home_sandbox), (name, folder)
    assert Path.home().resolve().is_relative_to(test_home_sandbox)
    assert Path(os.environ["STARMOTE_HOME"]).resolve() != REAL_HOME


def snapshot(folder: Path) -> dict[str, int]:
    """Every file and folder below `folder` with its modification time (empty if absent)."""
    if not folder.exists():
        return {}
    found = {str(folder): folder.stat().st_mtime_ns}
    for path in folder.rglob("*"):
        found[str(path)] = path.lstat().st_mtime_ns
    return found


def test_a_calendar_client_run_by_a_test_writes_only_into_the_sandbox(
    tmp_path: Path, test_home_sandbox: Path
) -> None:
    khal = Path(sys.executable).parent / "khal"
    if not khal.exists():
        pytest.skip("khal is not installed (pip install '.[test]')")
    config = tmp_path / "khal.conf"
    calendar = tmp_path / "calendar"
    calendar.mkdir()
    config.write_text(
        f"[calendars]\n[[t]]\npath = {calendar}\ntype = calendar\n"
        "[locale]\nlocal_timezone = Europe/Stockholm\ndefault_timezone = Europe/Stockholm\n",
        encoding="utf-8",
    )
    # khal's own folders in the real home, as they are before the run.
    real = [REAL_HOME / ".cache" / "khal", REAL_HOME / ".local" / "share" / "khal"]
    before = {str(folder): snapshot(folder) for folder in real}
    # Exactly the environment every test's subprocess inherits: nothing set up for khal.
    run = subprocess.run(
        [str(khal), "-c", str(config), "list"],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )
    assert run.returncode == 0, run.stderr
    assert {str(folder): snapshot(folder) for folder in real} == before
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "khal"
    assert cache.is_relative_to(test_home_sandbox) and any(cache.iterdir())
