"""The headless core must never import Textual: only starmote.tui may."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import starmote

REPO = Path(starmote.__file__).resolve().parent.parent

# Runs in a fresh interpreter so nothing the test session imported can hide a leak.
# pkgutil.walk_packages imports every package it finds in order to recurse, which
# would import starmote.tui itself; this walker skips tui before importing anything.
PROBE = r"""
import importlib, json, pkgutil, sys
import starmote

def walk(path, prefix):
    for info in sorted(pkgutil.iter_modules(path, prefix), key=lambda i: i.name):
        if info.name == "starmote.tui" or info.name.startswith("starmote.tui."):
            continue
        if info.name.endswith(".__main__"):
            continue  # Importing it would run the program; it only calls cli.main.
        yield info.name
        if info.ispkg:
            package = importlib.import_module(info.name)
            yield from walk(package.__path__, info.name + ".")

imported, culprit = [], None
for name in walk(starmote.__path__, "starmote."):
    importlib.import_module(name)
    imported.append(name)
    if culprit is None and "textual" in sys.modules:
        culprit = name
print(json.dumps({"imported": imported, "culprit": culprit,
                  "textual": sorted(m for m in sys.modules if m.split(".")[0] == "textual")[:5]}))
"""


@pytest.fixture(scope="module")
def probe() -> dict[str, object]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"importing the core failed:\n{done.stderr}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_core_modules_do_not_import_textual(probe: dict[str, object]) -> None:
    result = probe
    imported = result["imported"]
    assert isinstance(imported, list)
    # Guard against a walker that silently finds nothing.
    for core in ("starmote.plan", "starmote.state", "starmote.journal", "starmote.paths"):
        assert core in imported
    assert not any(name.startswith("starmote.tui") for name in imported)
    assert result["culprit"] is None, (
        f"{result['culprit']} imports textual ({result['textual']}); "
        "only starmote.tui may, and cli.py must import the TUI lazily"
    )


def test_every_core_module_file_was_checked(probe: dict[str, object]) -> None:
    """Each .py file outside starmote/tui is among the imported modules."""
    imported = set(probe["imported"])  # type: ignore[arg-type]
    package = REPO / "starmote"
    for path in package.rglob("*.py"):
        rel = path.relative_to(package)
        if rel.parts[0] == "tui" or "__pycache__" in rel.parts or rel.stem == "__main__":
            continue
        if not all(part.isidentifier() for part in rel.with_suffix("").parts):
            continue
        parts = rel.with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if not parts:
            continue
        name = "starmote." + ".".join(parts)
        assert name in imported, f"{name} was not checked"
