"""The reminder at start: closed meetings past `retention_days`, and the command to purge them."""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from starmote.i18n import tn

if TYPE_CHECKING:
    from starmote.tui.app import StarmoteApp

NOTICE_S = 15
"""Long enough to read the command off the screen."""


def remind(app: StarmoteApp) -> None:
    """Count the meetings past the limit in a daemon thread, and tell the chair once if any.

    Called after the first frame. The count is one query over the meetings index
    on a connection of its own, so neither the frame nor the chair's keys wait for it;
    a journal that cannot be read is no reason to say anything.
    """
    days = app.settings.retention_days
    if days <= 0 or app.demo:  # a demo's journal is a scratch one, nothing of it is kept
        return
    path, now, lang = app.session.journal.path, app.session.clock.wall(), app.lang

    def count() -> None:
        from starmote.store.retention import count_past_at

        try:
            n = count_past_at(path, days, now)
        except Exception:  # a reminder is a nicety; never stop a meeting over it
            return
        if n:
            text = tn("tui.retention.due", n, lang, days=days)
            # The app may have gone meanwhile (its loop closed), and with it anyone to tell.
            with contextlib.suppress(Exception):
                app.call_from_thread(app.notify, text, timeout=NOTICE_S)

    threading.Thread(target=count, name="starmote-retention", daemon=True).start()
