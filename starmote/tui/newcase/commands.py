"""The form's keys in the command palette, by their prefixed names (as in the meeting app)."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from starmote.tui.keys import KeySpec, applies, palette_name, tooltip


class FormCommands(Provider):
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

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
