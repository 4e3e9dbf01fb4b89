"""What every main screen shares: rendering from the state, the clock tick, language, key checks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.screen import Screen

from starmote.engine import commands as c
from starmote.engine.allowed import Asked, refusal, still_to_speak
from starmote.engine.state import MeetingState
from starmote.tui.keys import applies
from starmote.tui.widgets.base import StateView

CONSENT: tuple[Asked, ...] = (c.ConfirmConsent, c.RecordConsentMissing)
"""What the consent key (k) leads to: either answer."""


class MeetingScreen(Screen[None]):
    """A main screen. Widgets with `show_state`/`show_time` are found once and fed on change."""

    LANG = "sv"
    KEYS: tuple[Any, ...] = ()
    HIDDEN: frozenset[str] = frozenset()
    """Actions hidden, not greyed, when the engine refuses them: one key does two things
    (p pauses or resumes) and the footer names only what it does now."""
    EXPLAINED: dict[str, frozenset[str]] = {
        "next_part": frozenset(
            {"engine.error.consent_required", "engine.error.case_consent_required"}
        ),
    }
    """Refusals that leave a key enabled, so pressing it says why: the next part waits
    for consent (the meeting's, or the case's), and the chair should hear that rather
    than find the key dead."""

    @property
    def hidden(self) -> frozenset[str]:
        """The actions hidden when refused, now (a screen may hide more in one kind of meeting)."""
        return self.HIDDEN

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

    # --- what applies now: the engine says --------------------------------

    def asks(self, action: str, parameters: tuple[object, ...]) -> Iterable[Asked] | None:
        """What the key for `action` may give: commands, or kinds of command (one is enough).

        Args:
            action: The action's name.
            parameters: Its parameters (the digit of a numbered key).

        Returns:
            The commands or command classes to ask the engine about; None when the
            action is no command (moving between views, help), which the screen decides.
        """
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        asked = self.asks(action, parameters)
        if asked is None:
            return True
        return self.engine_says(action, asked)

    def engine_says(self, action: str, asked: Iterable[Asked]) -> bool | None:
        """True if the engine allows one of `asked`; else the key greys (None) or hides (False)."""
        state = self.state
        why = None
        for command in asked:
            why = refusal(state, command)
            if why is None:
                return True
        if why is not None and why.key in self.EXPLAINED.get(action, ()):
            return True
        return False if action in self.hidden else None

    def why_not(self, action: str) -> str | None:
        """Why the key for `action` (as written in a key table) does nothing now, in words.

        Returns:
            The engine's refusal in the UI language, or None when the engine gives no reason.
        """
        from textual.actions import parse as parse_action

        _, name, parameters = parse_action(action)
        for command in self.asks(name, parameters) or ():
            why = refusal(self.state, command)
            if why is not None:
                return str(self.meeting.refusal(why))
        return None

    def views(self) -> list[Any]:
        """Widgets that render the state (cached once the screen is mounted).

        Not before: the app's clock ticks on the main screen as soon as it is on the
        stack, which may be before its widgets are composed. A list cached then would be
        empty, and the screen would never draw anything.
        """
        cached = getattr(self, "_views", None)
        if cached is None:
            cached = [w for w in self.query("*") if hasattr(w, "show_state") and w is not self]
            if self.is_mounted:
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
        if s.phase is None or refusal(s, c.NextPhase()) is not None:
            self.advance()  # the first part starts, or the engine says why not
            return
        # Still to have the word in this part's round, one who passed included.
        waiting = list(still_to_speak(s))
        last = s.phase >= len(s.phases) - 1
        if not waiting and not last:
            self.advance()
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
        self.meeting.open_dialog(ask, lambda yes: self.advance() if yes else None)

    def advance(self) -> None:
        """Go on to the next part; a team case taken up asks for its consent at once."""
        if self.apply(c.NextPhase()) is not None:
            return
        state = self.state
        if state.plan.is_team_session and state.consent_pending and state.current_case:
            from starmote.tui.screens.consent import open_consent

            open_consent(self, self.lang)

    def refresh_keys(self) -> None:
        """Re-check which keys apply; the footer is rebuilt only when that changed (costly)."""
        signature = tuple(applies(self, spec) for spec in self.KEYS)
        if signature != getattr(self, "_key_signature", None):
            self._key_signature = signature
            self.refresh_bindings()

    def show_time(self, state: MeetingState, t: float) -> None:
        """Redraw only the clocks."""
        for view in self.views():
            if getattr(view, "TIMED", False):
                view.show_time(state, t)


__all__ = ["MeetingScreen", "StateView"]
