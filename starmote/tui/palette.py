"""Command palette: every key of the current screen by a prefixed name, plus settings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, Self

from rich.align import Align
from rich.text import Text
from textual.app import ComposeResult
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from starmote.i18n import t
from starmote.tui.keys import KeySpec, applies, palette_name, tooltip


class ListedCommands(Provider):
    """A provider of a plain list of (name, help, action): listed when the palette
    opens, matched by name as the chair types. Subclasses say what `_commands` lists."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)


class MeetingCommands(ListedCommands):
    """Every command the footer and the keys offer, and settings; one that does not apply
    now is offered too, and says why when picked."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app: Any = self.app
        lang = app.lang
        screen: Any = self.screen
        found: list[tuple[str, str, Callable[[], Any]]] = []
        seen: set[str] = set()
        for owner in (screen, app):
            specs: tuple[KeySpec, ...] = getattr(owner, "KEYS", ())
            for spec in specs:
                if spec.id in seen:
                    continue
                seen.add(spec.id)
                now = applies(owner, spec)
                if now is False:  # hidden: the footer does not show it either
                    continue
                help_text = f"{spec.key_display or spec.key} – {tooltip(spec, lang)}"
                run: Callable[[], Any] = partial(owner.run_action, spec.action)
                if now is None:
                    # Greyed in the footer, yet offered here as there; picked, it says why not.
                    why = owner.why_not(spec.action) if hasattr(owner, "why_not") else None
                    help_text = why or help_text
                    run = partial(app.notify, why or help_text, severity="warning", timeout=6)
                found.append((palette_name(spec, lang), help_text, run))
        group = t("tui.group.settings", lang)
        for name, theme in (
            ("tui.cmd.theme_dark", "textual-dark"),
            ("tui.cmd.theme_light", "starmote-light"),
        ):
            found.append((f"{group}: {t(name, lang)}", "", partial(app.set_theme_choice, theme)))
        other = "en" if lang == "sv" else "sv"
        found.append(
            (f"{group}: {t('tui.cmd.lang', lang)}", "", partial(app.set_lang_choice, other))
        )
        found.append((f"{group}: {t('tui.cmd.bell', lang)}", "", app.toggle_bell))
        return found


class LocalCommandPalette(CommandPalette):
    """Textual's command palette with its "No matches found" in the UI language."""

    def __init__(self, placeholder: str, no_matches: str, **kwargs: Any) -> None:
        super().__init__(placeholder=placeholder, **kwargs)
        self.no_matches = no_matches

    def compose(self) -> ComposeResult:
        # Textual's own layout, with our result list in place of its CommandList.
        for widget in super().compose():
            yield LocalCommandList(self.no_matches) if type(widget) is CommandList else widget


class LocalCommandList(CommandList):
    """The palette's result list: its one disabled line, the no-matches notice, is ours."""

    def __init__(self, no_matches: str) -> None:
        super().__init__()
        self.no_matches = no_matches

    def add_options(self, new_options: Iterable[Any]) -> Self:
        # Hits are never disabled; the palette adds a disabled line only to say nothing matched.
        return super().add_options(self._local(option) for option in new_options)

    def _local(self, option: Any) -> Any:
        if not (isinstance(option, Option) and option.disabled):
            return option
        notice = Align.center(Text(self.no_matches, style="not bold"))
        return Option(notice, id=option.id, disabled=True)
