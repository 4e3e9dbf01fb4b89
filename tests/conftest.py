"""Every test runs with its own data home, so none can touch the user's real journal."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STARMOTE_HOME", str(tmp_path_factory.mktemp("home")))
