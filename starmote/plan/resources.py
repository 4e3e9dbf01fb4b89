"""Where the shipped templates and sample cases live (installed wheel or source checkout)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _shipped(name: str) -> Path:
    # The wheel force-includes the top-level folders inside the package; a source
    # checkout or an editable install has them next to the package instead.
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def templates_dir() -> Path:
    """The folder of shipped meeting templates.

    Returns:
        `starmote/templates` when installed, else the checkout's `templates/`.
    """
    return _shipped("templates")


def samples_dir() -> Path:
    """The folder of shipped fictional sample cases.

    Returns:
        `starmote/sample_cases` when installed, else the checkout's `sample_cases/`.
    """
    return _shipped("sample_cases")


def shipped_templates() -> list[Path]:
    """The shipped template files, sorted by name.

    Returns:
        Paths of `*.toml` files in `templates_dir()` (empty if the folder is missing).
    """
    return sorted(templates_dir().glob("*.toml"))


def sample_cases() -> list[Path]:
    """The shipped sample case files, sorted by name.

    Returns:
        Paths of `*.toml` files in `samples_dir()` (empty if the folder is missing).
    """
    return sorted(samples_dir().glob("*.toml"))


def sample_offers() -> Path:
    """The fictional utbudskarta that ships with starmote (the demo uses it).

    Returns:
        Path of `utbudskarta/exempelby.toml` in `samples_dir()`.
    """
    return samples_dir() / "utbudskarta" / "exempelby.toml"


def demo_case() -> Path:
    """The sample case `starmote demo` runs.

    Returns:
        Path of `demo.toml` in `samples_dir()`.
    """
    return samples_dir() / "demo.toml"
