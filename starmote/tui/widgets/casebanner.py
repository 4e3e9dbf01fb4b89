"""The case taken up now: code, kind, consent or anonymity, whom it needs, questions, windows."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.markup import escape

from starmote.engine import timing
from starmote.engine.state import MeetingState
from starmote.i18n import t as tr
from starmote.plan.model import TeamCase
from starmote.tui import fmt
from starmote.tui import team as tm
from starmote.tui.widgets.base import StateView
from starmote.tui.widgets.checklist import shorten, wrap


def consent_markup(state: MeetingState, case: TeamCase, lang: str) -> str:
    """Anonymised (in reverse: no names), consent confirmed, to be asked (k), or missing."""
    if case.anonymised:
        return f"[b reverse $text-warning] {tr('tui.team.anonymised_banner', lang)} [/]"
    recorded = state.consent_for(case.code)
    if recorded is None:
        return f"[b $text-warning]{tr('tui.team.consent_pending', lang)}[/]"
    if recorded.confirmed:
        return f"[$text-success]{tr('tui.team.consent_confirmed', lang)}[/]"
    return f"[b $error]{tr('tui.team.consent_missing', lang)}[/]"


def needs_markup(state: MeetingState, case: TeamCase, lang: str) -> str:
    """ "behöver Försäkringskassan ✔, AME ✗": whom the case needs, and who of them is here."""
    plan = state.plan
    marks = []
    for key in case.needs:
        name = escape(tm.short_party(plan, key))
        here = plan.has_party(key) and state.attendance_of(key).here
        marks.append(f"{name} [$text-success]✔[/]" if here else f"{name} [b $error]✗[/]")
    return tr("tui.team.needs", lang, parties=", ".join(marks)) if marks else ""


def person_markup(state: MeetingState, case: TeamCase, lang: str) -> str:
    """Whether the case's own person, who was to attend, is here."""
    if case.person is None or not case.person.attends:
        return ""
    name = escape(case.person.name)
    key = case.party_key
    if state.plan.has_party(key) and state.attendance_of(key).here:
        return tr("tui.team.person_here", lang, name=name)
    return f"[$text-warning]{tr('tui.team.person_waiting', lang, name=name)}[/]"


def window_lines(state: MeetingState, t: float, lead_s: float, lang: str) -> list[str]:
    """A line per party here whose window ends soon, or has ended."""
    lines = []
    for party, left in timing.windows_ending(state, t, lead_s):
        name = escape(fmt.party_name(state.plan, party, lang))
        end = fmt.hhmm(timing.wall_at(state, t + left))
        if left > 0:
            text = tr("tui.window.line_ending", lang, party=name, end=end, left=fmt.mmss(left))
        else:
            text = tr("tui.window.line_ended", lang, party=name, end=end)
        lines.append(f"[b $text-warning]⏱ {text}[/]")
    return lines


class CaseBanner(StateView):
    """Under the clocks in a team session: what the chair must keep in view about this case.

    Between cases (the opening, the closing) it shows the agenda's cases with their times.
    """

    TIMED = True
    """Window notices count down."""

    def show_state(self, state: MeetingState, t: float) -> None:
        self.show_time(state, t)

    def on_resize(self) -> None:
        last = getattr(self, "_last", None)
        if last is not None:
            self.show_time(*last)

    def show_time(self, state: MeetingState, t: float) -> None:
        self._last = (state, t)
        lang = self.lang
        app: Any = self.app
        lead = 60 * max(0, int(app.settings.window_warning_min))
        # The window lines change each second only near a window's end; elsewhere this
        # redraw gives the same text, which `put` skips.
        case = tm.current_team_case(state)
        lines = self._case_lines(state, case, lang) if case else self._agenda_line(state, t, lang)
        lines += window_lines(state, t, lead, lang)
        self.put("\n".join(lines))

    def _case_lines(self, state: MeetingState, case: TeamCase, lang: str) -> list[str]:
        head = [
            f"[b $text-accent]{escape(tr('tui.team.case', lang, code=case.code))}[/]"
            f" {escape(tm.kind_text(case, lang))}",
            consent_markup(state, case, lang),
            needs_markup(state, case, lang),
            person_markup(state, case, lang),
        ]
        lines = [" · ".join(part for part in head if part)]
        width = self.content_region.width
        for question in case.questions:
            # One line each: the q key shows them whole.
            text = shorten(wrap(question, max(10, width - 2)), 1, max(10, width - 2))[0]
            lines.append(f"[dim]?[/] {escape(text)}")
        away = tm.needed_away(state, case)
        if away:
            names = ", ".join(escape(tm.short_party(state.plan, key)) for key in away)
            lines.append(f"[$text-warning]{tr('tui.team.needs_away', lang, parties=names)}[/]")
        return lines

    def _agenda_line(self, state: MeetingState, t: float, lang: str) -> list[str]:
        parts = []
        for row in tm.agenda_rows(state, t):
            if not row.case:
                continue
            mark = "[$text-success]✔[/]" if row.done else fmt.hhmm(row.start)
            parts.append(f"[b]{escape(row.case)}[/] {mark}")
        line = f"{tr('tui.team.agenda', lang)} " + "  ".join(parts)
        if Content.from_markup(line).cell_length > self.content_region.width > 0:
            line = f"{tr('tui.team.agenda', lang)} " + " ".join(
                escape(row.case) for row in tm.agenda_rows(state, t) if row.case and not row.done
            )
        return [line]
