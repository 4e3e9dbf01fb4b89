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
        super().__init__(key)

    def __str__(self) -> str:
        # Made when asked for (a log, a traceback), not for each refusal the screens ask
        # the engine about to grey a key: those are never shown in English, and making
        # them read the English catalogue into every Swedish session.
        return translate(self.key, "en", **self.values)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"

    def message(self, lang: str) -> str:
        """The explanation in `lang`."""
        return translate(self.key, lang, **self.values)
