"""The parties at check-in: who they are, how they were asked, and where they stand now."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.markup import escape
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from starmote.engine.state import Attendance, MeetingState
from starmote.i18n import t as tr
from starmote.plan.model import INDIVIDUAL
from starmote.tui import fmt

if TYPE_CHECKING:
    from starmote.store.history import PartyHistory


def absence_note(summary: PartyHistory | None, lang: str) -> str:
    """ "Frånvarande vid 2 av 3 tidigare möten …", or "" when the party never stayed away."""
    return summary.notice(lang) if summary is not None else ""


def party_prompt(
    state: MeetingState,
    att: Attendance,
    lang: str,
    history: PartyHistory | None = None,
    compact: bool = False,
) -> Content:
    """Two lines: name and presence; how summoned, window, earlier absences."""
    plan = state.plan
    party = plan.party(att.party)
    name = escape(fmt.party_name(plan, att.party, lang))
    colour = {
        "present": "$text-success",
        "absent": "$error",
        "left": "$text-warning",
        "dropped": "$text-warning",
    }.get(att.presence, "$text-muted")
    first = f"[b]{name}[/]"
    details: list[str] = [f"[{colour}]{escape(fmt.presence_text(att, lang))}[/]"]
    if att.party == INDIVIDUAL:
        details.append(tr("tui.party.individual", lang))
    elif party.case:
        # A team case's person: listed with their case, checked in when it is taken up.
        details.append(tr("tui.team.person_party", lang, case=party.case))
    else:
        if party.role and not compact:
            details.append(escape(party.role))
        if party.summons != "none":
            details.append(tr(f"tui.summons.{party.summons}", lang))
        if party.presence_requested and not compact:
            details.append(tr("tui.party.presence_requested", lang))
    span = None
    if plan.is_team_session:
        from starmote.tui.team import window_wall  # a SIP meeting's first frame needs none of it

        span = window_wall(state, att.party)
    if span is not None:
        # A team plans its agenda by the clock: "kan 09:00–10:00".
        start, end = span
        closes = fmt.hhmm(end) if end else "…"
        details.append(tr("tui.team.party_window", lang, start=fmt.hhmm(start), end=closes))
    elif party.window is not None:
        until = party.window.until_min
        details.append(
            tr(
                "tui.party.window",
                lang,
                start=party.window.from_min,
                end=until if until is not None else "…",
            )
        )
    note = absence_note(history, lang)
    second = "   " + details[0] + (f" [dim]· {' · '.join(details[1:])}[/]" if details[1:] else "")
    if note:
        second += f"  [$text-warning]{escape(note)}[/]"
    return Content.from_markup(f"{first}\n{second}")


class PartyList(OptionList):
    """One option per party in turn order; the cursor picks whom to check in."""

    def show_state(self, state: MeetingState, t: float) -> None:
        app: Any = self.app
        history = app.history or {}
        keep: int | None = self.highlighted  # type: ignore[has-type]  # a Textual reactive
        self._state = state
        compact = 0 < self.size.width < 70
        # Rebuilding the options is the costly part of a key press here; skip it when
        # nothing they show has changed (most commands do not touch attendance).
        signature = (state.attendance, id(app.history), compact, app.lang)
        if signature == getattr(self, "_signature", None):
            return
        self._signature = signature
        self.clear_options()
        self.add_options(
            Option(
                party_prompt(state, att, app.lang, history.get(att.party), compact), id=att.party
            )
            for att in state.attendance
        )
        self.highlighted = keep if keep is not None else 0

    def on_resize(self) -> None:
        state = getattr(self, "_state", None)
        if state is not None:
            self.show_state(state, 0.0)

    @property
    def party(self) -> str | None:
        """The party under the cursor."""
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id
