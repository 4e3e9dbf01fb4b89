"""What every main screen shares: rendering from the state, the clock tick, language, key checks."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from starmote.engine import commands as c
from starmote.engine.state import MeetingState
from starmote.tui.widgets.base import StateView


class MeetingScreen(Screen[None]):
    """A main screen. Widgets with `show_state`/`show_time` are found once and fed on change."""

    LANG = "sv"
    KEYS: tuple[Any, ...] = ()

    @property
    def lang(self) -> str:
        """The UI language."""
        return self.LANG

    @property
    def meeting(self) -> Any:
        """The app (typed loosely so screens need not import it)."""
        return self.app

    @property
    def state(self) -> MeetingState:
        """The stored meeting state."""
        return self.meeting.state

    def now(self) -> float:
        """The meeting offset now (from the session's clock)."""
        return float(self.meeting.session.now().t)

    def apply(self, command: c.Command) -> str | None:
        """Hand a command to the app (the engine decides)."""
        return self.meeting.apply(command)  # type: ignore[no-any-return]

    def on_mount(self) -> None:
        self.show_state(self.state)

    def views(self) -> list[Any]:
        """Widgets that render the state (cached after the first lookup)."""
        cached = getattr(self, "_views", None)
        if cached is None:
            cached = [w for w in self.query("*") if hasattr(w, "show_state") and w is not self]
            self._views = cached
        return cached

    def show_state(self, state: MeetingState) -> None:
        """Redraw every state widget for a new state."""
        t = self.now()
        for view in self.views():
            view.show_state(state, t)

    def action_next_part(self) -> None:
        """The next part; asks first when it would leave someone unheard or end the last part."""
        from starmote.i18n import t
        from starmote.tui import fmt
        from starmote.tui.dialogs.confirm import ConfirmDialog
        from starmote.tui.keys import localize

        s, lang = self.state, self.lang
        if s.phase is None or s.consent_pending:
            self.apply(c.NextPhase())  # the engine explains what is missing
            return
        waiting = list(s.queue)  # still to have the word in this part's round
        last = s.phase >= len(s.phases) - 1
        if not waiting and not last:
            self.apply(c.NextPhase())
            return
        phase = s.plan.phases[s.phase].title(lang)
        if last:
            body = t("tui.next_part.last_body", lang, phase=phase)
        else:
            names = [fmt.party_short(s.plan, p) for p in waiting]
            listed = (
                names[0]
                if len(names) == 1
                else t("tui.list.and", lang, most="; ".join(names[:-1]), last=names[-1])
            )
            key = "tui.next_part.unheard_one" if len(names) == 1 else "tui.next_part.unheard_many"
            body = t(key, lang, phase=phase, names=listed)
        ask = localize(ConfirmDialog, lang)(t("tui.next_part.title", lang, phase=phase), body)
        self.meeting.open_dialog(ask, lambda yes: self.apply(c.NextPhase()) if yes else None)

    def refresh_keys(self) -> None:
        """Re-check which keys apply; the footer is rebuilt only when that changed (costly)."""
        signature = tuple(self.check_action(spec.action, ()) for spec in self.KEYS)
        if signature != getattr(self, "_key_signature", None):
            self._key_signature = signature
            self.refresh_bindings()

    def show_time(self, state: MeetingState, t: float) -> None:
        """Redraw only the clocks."""
        for view in self.views():
            if getattr(view, "TIMED", False):
                view.show_time(state, t)


__all__ = ["MeetingScreen", "StateView"]
