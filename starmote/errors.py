"""Errors a person can read: each names its message in the catalogue."""

from __future__ import annotations

from typing import Any

from starmote.i18n import t as translate


class KeyedError(Exception):
    """An error whose explanation lives in the message catalogue under `key`.

    `str()` is the English text (for logs and tracebacks); `message(lang)` is
    what a notice on screen or a CLI line shows.
    """

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(translate(key, "en", **values))

    def message(self, lang: str) -> str:
        """The explanation in `lang`."""
        return translate(self.key, lang, **self.values)
