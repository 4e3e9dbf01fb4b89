"""A party's time window: a notice before it ends, and one question once it has."""

from __future__ import annotations

import math
from typing import Any

from textual.screen import ModalScreen

from starmote.engine import commands as c
from starmote.engine import timing
from starmote.engine.allowed import allows
from starmote.engine.state import MeetingState
from starmote.i18n import t
from starmote.tui import fmt


def window_news(
    state: MeetingState, now: float, lead_s: float, told: set[str], asked: set[str]
) -> tuple[list[tuple[str, float]], list[str]]:
    """What to say about the parties' windows now that was not said before.

    Args:
        state: The meeting.
        now: The meeting offset.
        lead_s: How long before a window ends to say so.
        told: Parties already told of; not changed here.
        asked: Parties already asked about; not changed here.

    Returns:
        (notices, questions): (party, seconds left) whose window ends soon, and in a
        team session the parties still here after their window ended, whom to ask about
        while a part runs.
    """
    if state.status not in ("open", "running"):
        return [], []
    notices, questions = [], []
    for party, left in timing.windows_ending(state, now, lead_s):
        if left > 0:
            if party not in told:
                notices.append((party, left))
        elif party not in asked and state.status == "running" and state.plan.is_team_session:
            # A team session plans each case around who is there; a SIP meeting goes on
            # with its round, and a (a) records a party leaving as before.
            questions.append(party)
    return notices, questions


class WindowWatch:
    """Tells the chair once per party, and asks once per party, in this run of the app."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.told: set[str] = set()
        self.asked: set[str] = set()

    def check(self, state: MeetingState, now: float) -> None:
        """Called on the clock's tick: a notice, or the question if no dialog is open."""
        app, lang = self.app, self.app.lang
        lead = max(0, int(app.settings.window_warning_min)) * 60
        notices, questions = window_news(state, now, lead, self.told, self.asked)
        for party, left in notices:
            self.told.add(party)
            app.notify(
                t(
                    "tui.window.ending",
                    lang,
                    party=fmt.party_name(state.plan, party, lang),
                    end=fmt.hhmm(timing.wall_at(state, now + left)),
                    minutes=max(1, math.ceil(left / 60)),
                ),
                severity="warning",
                timeout=20,
            )
        if questions and not isinstance(app.screen, ModalScreen):
            # One question at a time; the next waits for a later tick.
            self._ask(state, questions[0], now)

    def _ask(self, state: MeetingState, party: str, now: float) -> None:
        from starmote.tui.dialogs.confirm import ConfirmDialog
        from starmote.tui.keys import localize

        app, lang = self.app, self.app.lang
        self.asked.add(party)
        self.told.add(party)
        left = timing.window_left(state, party, now) or 0.0
        name = fmt.party_name(state.plan, party, lang)
        end = fmt.hhmm(timing.wall_at(state, now + left))
        dialog = localize(ConfirmDialog, lang)(
            t("tui.window.ask_title", lang, party=name),
            t("tui.window.ask_body", lang, party=name, end=end),
        )

        def answered(yes: bool | None) -> None:
            if yes and allows(app.state, c.Leave(party)):
                app.apply(c.Leave(party))

        app.open_dialog(dialog, answered)
