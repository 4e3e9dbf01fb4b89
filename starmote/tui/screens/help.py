"""F1: every key of the screen beneath, what it does, and whether it applies now."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from starmote.i18n import t
from starmote.tui.keys import KeySpec, description, tooltip


def help_text(screen: Any, app: Any, lang: str) -> str:
    """Markup rows "key  name – explanation", greyed where the key does not apply now."""
    lines: list[str] = []
    remapped = getattr(getattr(app, "settings", None), "keymap", {})
    for owner, title in ((screen, t("tui.help.screen", lang)), (app, t("tui.help.app", lang))):
        specs: tuple[KeySpec, ...] = getattr(owner, "KEYS", ())
        if not specs:
            continue
        lines.append(f"[b]{title}[/]")
        for spec in specs:
            if spec.id.startswith("tick") and spec.id != "tick1":
                continue
            scope = getattr(owner, "KEY_SCOPE", "")
            key = remapped.get(f"{scope}.{spec.id}") or spec.key_display or spec.key.split(",")[0]
            if spec.id == "tick1":
                key = "1–9"
            applies = owner.check_action(spec.action, ()) is True if spec.id != "tick1" else True
            what = f"{escape(description(spec, lang))} – {escape(tooltip(spec, lang))}"
            row = f" [b]{escape(key):>6}[/]  {what} [dim]({scope}.{spec.id})[/]"
            lines.append(row if applies else f"[dim]{row}[/]")
        lines.append("")
    lines.append(f"[dim]{escape(t('tui.help.settings', lang))}[/]")
    lines.append(f"[dim]{escape(t('tui.help.keymap', lang))}[/]")
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    """Context help over the current screen; F1 or Esc closes it."""

    KEY_SCOPE = "help"
    KEYS = (KeySpec("close_help", "escape,f1,q", "close", "app", show=True, key_display="Esc"),)
    LANG = "sv"

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__(classes="dialog-screen")
        self._under = under

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static(t("tui.help.title", self.LANG), classes="dialog-title")
            with VerticalScroll():
                yield Static(help_text(self._under, self.app, self.LANG), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
