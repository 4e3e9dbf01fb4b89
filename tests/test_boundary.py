"""The headless core must never import Textual: only starmote.tui may."""

from __future__ import annotations

import ast
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
    for core in (
        "starmote.plan.model",
        "starmote.engine.state",
        "starmote.store.journal",
        "starmote.store.paths",
    ):
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


# --- the rooms of the package, and which way imports may point --------------------

BASE = {"i18n", "errors", "privacy", "dates", "record"}
"""Small shared modules at the top of the package that any room may use."""
MAY_IMPORT: dict[str, set[str]] = {
    "record": set(),
    "i18n": {"record"},
    "errors": {"i18n"},
    "privacy": {"record"},
    "dates": {"errors", "i18n"},
    "plan": BASE,
    "engine": BASE | {"plan"},
    "store": BASE | {"plan", "engine"},
    "documents": BASE | {"plan", "engine", "store"},
    "tui": BASE | {"plan", "engine", "store", "documents"},
    "cli": BASE | {"plan", "engine", "store", "documents", "tui"},
    "__main__": {"cli"},
    "__init__": set(),
}
"""Arrows point down only: cli → tui → documents → store → engine → plan."""
TOP_LEVEL_LIMIT = 12


def _room(path: Path) -> str:
    rel = path.relative_to(REPO / "starmote")
    return rel.parts[0].removesuffix(".py")


def _starmote_imports(path: Path) -> set[tuple[str, int]]:
    """(room imported, line) for every import of starmote in `path`, function-level ones too."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "starmote":
                names = [alias.name for alias in node.names]
            elif node.module.startswith("starmote."):
                names = [node.module.split(".")[1]]
        elif isinstance(node, ast.Import):
            names = [a.name.split(".")[1] for a in node.names if a.name.startswith("starmote.")]
        found.update((name, node.lineno) for name in names)
    return found


def test_every_room_imports_only_downwards() -> None:
    wrong = []
    for path in sorted((REPO / "starmote").rglob("*.py")):
        room = _room(path)
        assert room in MAY_IMPORT, f"{path}: a new room; add it to MAY_IMPORT"
        for target, line in sorted(_starmote_imports(path)):
            if target != room and target not in MAY_IMPORT[room]:
                wrong.append(f"{path.relative_to(REPO)}:{line}: {room} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_the_import_check_sees_a_wrong_import(tmp_path: Path) -> None:
    """The checker itself finds an engine module that reaches up into the store."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f():\n    from starmote.store import journal\n    import starmote.tui.app\n"
    )
    assert _starmote_imports(bad) == {("store", 2), ("tui", 3)}


def test_the_top_of_the_package_reads_like_the_design() -> None:
    top = REPO / "starmote"
    modules = sorted(p.name for p in top.glob("*.py"))
    rooms = sorted(p.name for p in top.iterdir() if (p / "__init__.py").is_file())
    assert len(modules) <= TOP_LEVEL_LIMIT, modules
    assert rooms == ["cli", "documents", "engine", "i18n", "plan", "store", "tui"]
