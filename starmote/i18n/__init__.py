"""Message catalogues: Swedish by default, English on request.

Every user-facing string comes from here. Keys are dotted, prefixed by the
module or screen that uses them ("engine.", "minutes.", "tui.").
"""

from __future__ import annotations

from importlib import import_module

LANGUAGES = ("sv", "en")
"""The languages with a catalogue (module `starmote.i18n.<lang>`); Swedish first, the default."""

_LOADED: dict[str, dict[str, str]] = {}
"""Catalogues read so far. Each is read on first use, so a start in Swedish never reads
the English one (a catalogue is ~700 strings: half a millisecond on the way to the first frame)."""


def catalogue(lang: str) -> dict[str, str]:
    """The messages of `lang`, read on first use.

    Args:
        lang: "sv" or "en"; anything else gives the Swedish catalogue.

    Returns:
        Key -> message (the catalogue itself: do not change it).
    """
    found = _LOADED.get(lang)
    if found is None:
        if lang not in LANGUAGES:
            return catalogue("sv")
        found = import_module(f"starmote.i18n.{lang}").MESSAGES
        _LOADED[lang] = found
    return found


def t(key: str, lang: str = "sv", /, **values: object) -> str:
    """The message `key` in `lang`, formatted with `values`.

    Args:
        key: Dotted message key.
        lang: "sv" or "en"; anything else falls back to Swedish.
        values: Named values for `str.format`.

    Returns:
        The text; the key itself if no catalogue has it (visible, never a crash).
    """
    messages = _LOADED.get(lang) or catalogue(lang)
    text = messages.get(key)
    if not text and lang != "sv":
        text = catalogue("sv").get(key)
    text = text or key
    return text.format(**values) if values else text


def tn(key: str, n: int, lang: str = "sv", /, **values: object) -> str:
    """The message `key.one` (n == 1) or `key.other` in `lang`, formatted with `n` and `values`.

    Swedish and English both use the singular for exactly one ("1 gång", "2 gånger").
    """
    return t(f"{key}.{'one' if n == 1 else 'other'}", lang, n=n, **values)
