"""Message catalogues: Swedish by default, English on request.

Every user-facing string comes from here. Keys are dotted, prefixed by the
module or screen that uses them ("engine.", "minutes.", "tui.").
"""

from __future__ import annotations

from starmote.i18n import en, sv

CATALOGUES: dict[str, dict[str, str]] = {"sv": sv.MESSAGES, "en": en.MESSAGES}
LANGUAGES = tuple(CATALOGUES)


def t(key: str, lang: str = "sv", /, **values: object) -> str:
    """The message `key` in `lang`, formatted with `values`.

    Args:
        key: Dotted message key.
        lang: "sv" or "en"; anything else falls back to Swedish.
        values: Named values for `str.format`.

    Returns:
        The text; the key itself if no catalogue has it (visible, never a crash).
    """
    catalogue = CATALOGUES.get(lang, sv.MESSAGES)
    text = catalogue.get(key) or sv.MESSAGES.get(key) or key
    return text.format(**values) if values else text


def tn(key: str, n: int, lang: str = "sv", /, **values: object) -> str:
    """The message `key.one` (n == 1) or `key.other` in `lang`, formatted with `n` and `values`.

    Swedish and English both use the singular for exactly one ("1 gång", "2 gånger").
    """
    return t(f"{key}.{'one' if n == 1 else 'other'}", lang, n=n, **values)
