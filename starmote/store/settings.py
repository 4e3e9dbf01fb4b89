"""User settings (language, theme, bell, remapped keys) in `<data home>/settings.toml`.

lang = "sv"
theme = "starmote-light"
bell = true
window_warning_min = 5       # say this long before a party's window ends (0: only at the end)
retention_days = 90          # closed meetings older than this are due for purging; 0: never
signature_line = true        # the minutes end with lines to sign on

[keys]                       # binding id = key(s); F1 help shows each key's id
"live.next_speaker" = "enter"
"live.extend" = "u"
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, replace
from pathlib import Path

from starmote.i18n import LANGUAGES
from starmote.record import Record, record
from starmote.store import paths

LANGS = LANGUAGES
RENAMED_THEMES = {"textual-light": "starmote-light"}
"""Textual's light theme was hard to read on a projector; a saved choice of it moves on."""
FILE_NAME = "settings.toml"
MAX_WINDOW_WARNING_MIN = 60
"""A longer lead would warn of FK's hour from its start."""
RETENTION_DAYS = 90
"""The default: a quarter is time enough to move the notes into the case record."""


@record
class Settings(Record):
    """What the coordinator chose once and wants kept."""

    lang: str = "sv"
    """"sv" (default) or "en"."""
    theme: str = "textual-dark"
    """A Textual theme name; the palette offers dark and the projector-readable light one."""
    bell: bool = False
    """A quiet terminal bell when a turn or a part reaches zero."""
    window_warning_min: int = 5
    """Minutes before a party's time window ends that the screen says so (0: once it has)."""
    keys: tuple[tuple[str, str], ...] = ()
    """Remapped keys: (binding id, key or comma-separated keys), e.g. ("live.skip", "x")."""
    retention_days: int = RETENTION_DAYS
    """Closed meetings held longer ago than this are due for purging: `meetings` marks
    them and the app reminds the chair at start. 0: never."""
    signature_line: bool = False
    """The minutes end with lines to sign on (place and date, signature, name)."""

    @property
    def keymap(self) -> dict[str, str]:
        """The remapped keys as Textual's keymap (binding id -> keys)."""
        return dict(self.keys)


def settings_path(home: Path | str | None = None) -> Path:
    """Where the settings file lives.

    Args:
        home: Data directory override (see `paths.data_home`).

    Returns:
        `<data home>/settings.toml`.
    """
    return paths.data_home(home) / FILE_NAME


def load(home: Path | str | None = None) -> Settings:
    """Read the settings; defaults for anything missing or unreadable.

    Args:
        home: Data directory override.

    Returns:
        The settings (a bad file never stops the app from starting).
    """
    path = settings_path(home)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return Settings()
    result = Settings()
    if data.get("lang") in LANGS:
        result = replace(result, lang=data["lang"])
    if isinstance(data.get("theme"), str) and data["theme"]:
        result = replace(result, theme=RENAMED_THEMES.get(data["theme"], data["theme"]))
    if isinstance(data.get("bell"), bool):
        result = replace(result, bell=data["bell"])
    if isinstance(data.get("signature_line"), bool):
        result = replace(result, signature_line=data["signature_line"])
    lead = data.get("window_warning_min")
    # bool is an int in Python: `true` is no number of minutes.
    if isinstance(lead, int) and not isinstance(lead, bool) and 0 <= lead <= MAX_WINDOW_WARNING_MIN:
        result = replace(result, window_warning_min=lead)
    days = data.get("retention_days")
    if isinstance(days, int) and not isinstance(days, bool) and days >= 0:
        result = replace(result, retention_days=days)
    keys = data.get("keys")
    if isinstance(keys, dict):
        # A binding id is "<screen>.<name>"; anything else, or a non-text key, is skipped.
        pairs = tuple(
            (str(k), v.strip())
            for k, v in keys.items()
            if "." in str(k) and isinstance(v, str) and v.strip()
        )
        result = replace(result, keys=pairs)
    return result


def save(settings: Settings, home: Path | str | None = None) -> Path:
    """Write the settings atomically (0600).

    Args:
        settings: What to keep.
        home: Data directory override.

    Returns:
        The file written.
    """
    import tomli_w  # only needed when saving; keeps start-up light

    data = asdict(settings)
    data.pop("keys")
    if settings.keys:
        data["keys"] = settings.keymap
    path = settings_path(home)
    paths.atomic_write_text(path, tomli_w.dumps(data))
    return path
