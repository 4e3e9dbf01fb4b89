"""The form's keys in the command palette, by their prefixed names (as in the meeting app)."""

from __future__ import annotations

from functools import partial
from typing import Any

from starmote.tui.keys import KeySpec, applies, palette_name, tooltip
from starmote.tui.palette import ListedCommands


class FormCommands(ListedCommands):
    """Every key of the form that applies now."""

    def _commands(self) -> list[tuple[str, str, Any]]:
        app: Any = self.app
        found = []
        for owner in (self.screen, app):
            specs: tuple[KeySpec, ...] = getattr(owner, "KEYS", ())
            for spec in specs:
                if applies(owner, spec) is not True:
                    continue
                help_text = f"{spec.key_display or spec.key} – {tooltip(spec, app.lang)}"
                found.append(
                    (
                        palette_name(spec, app.lang),
                        help_text,
                        partial(owner.run_action, spec.action),
                    )
                )
        return found
