"""Tests never touch the real home: HOME and the XDG folders point into a scratch folder.

Set once, before any test module is imported, so in-process code and every subprocess
(the CLI, khal, Radicale) inherit them. Each test also gets its own STARMOTE_HOME.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REAL_HOME = Path(os.environ.get("HOME") or Path.home()).resolve()
"""The home of whoever runs the tests, as it was before the suite replaced it."""

XDG_FOLDERS = {
    "XDG_CONFIG_HOME": ".config",
    "XDG_DATA_HOME": ".local/share",
    "XDG_CACHE_HOME": ".cache",
    "XDG_STATE_HOME": ".local/state",
    "XDG_RUNTIME_DIR": "run",
}


def pytest_configure(config: pytest.Config) -> None:
    sandbox = Path(tempfile.mkdtemp(prefix="starmote-tests-home-")).resolve()
    config.stash[_SANDBOX] = sandbox
    home = sandbox / "home"
    home.mkdir(mode=0o700)
    os.environ["HOME"] = str(home)
    for name, below in XDG_FOLDERS.items():
        folder = home / below
        folder.mkdir(mode=0o700, parents=True)
        os.environ[name] = str(folder)


def pytest_unconfigure(config: pytest.Config) -> None:
    sandbox = config.stash.get(_SANDBOX, None)
    if sandbox is not None:
        shutil.rmtree(sandbox, ignore_errors=True)


_SANDBOX = pytest.StashKey[Path]()


@pytest.fixture
def test_home_sandbox(pytestconfig: pytest.Config) -> Path:
    """The scratch folder that HOME and the XDG folders point into for this run."""
    return pytestconfig.stash[_SANDBOX]


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STARMOTE_HOME", str(tmp_path_factory.mktemp("home")))
