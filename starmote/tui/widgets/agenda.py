"""A team session's agenda before the start: the cases with clock times, and what to watch for."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.markup import escape
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from starmote.dates import part_length
from starmote.engine.state import MeetingState
from starmote.i18n import t as tr
from starmote.plan import agenda
from starmote.plan.model import TeamCase
from starmote.tui import fmt
from starmote.tui import team as tm
from starmote.tui.widgets.base import StateView


def case_facts(state: MeetingState, case: TeamCase, lang: str) -> str:
    """Markup: anonymised or under consent, whom it needs, whether its person attends."""
    plan = state.plan
    facts = []
    if case.anonymised:
        facts.append(f"[b $text-warning]{tr('tui.team.anonymised', lang)}[/]")
    else:
        facts.append(tr("tui.team.under_consent", lang))
    if case.needs:
        needs = ", ".join(escape(tm.short_party(plan, key)) for key in case.needs)
        facts.append(tr("tui.team.needs", lang, parties=needs))
    if case.person is not None and case.person.attends:
        facts.append(tr("tui.team.person_attends", lang, name=escape(case.person.name)))
    return " · ".join(facts)


def case_warnings(state: MeetingState, code: str, lang: str) -> list[str]:
    """Markup: the windows of needed parties this case's place on the agenda falls outside."""
    lines = []
    for clash in agenda.window_clashes(state.plan):
        if clash.case != code:
            continue
        span = tm.window_wall(state, clash.party)
        if span is None:
            continue
        start, end = span
        lines.append(
            "[b $text-warning]⚠ "
            + tr(
                "tui.team.clash",
                lang,
                party=escape(tm.short_party(state.plan, clash.party)),
                start=fmt.hhmm(start),
                end=fmt.hhmm(end) if end else "…",
            )
            + "[/]"
        )
    return lines


INDENT = "     "


def indented(markup: str, width: int) -> list[str]:
    """`markup` wrapped to `width` cells, each line indented under its case's clock time."""
    content = Content.from_markup(markup)
    if width <= len(INDENT) + 10:
        return [INDENT + markup]
    return [INDENT + line.markup for line in content.wrap(width - len(INDENT))]


class AgendaList(OptionList):
    """The parts in agenda order; the cursor picks the case that u/n move."""

    def show_state(self, state: MeetingState, t: float) -> None:
        app: Any = self.app
        lang = app.lang
        rows = tm.agenda_rows(state, t)
        width = self.content_region.width - 2  # the option's padding
        signature = (state.plan.phases, state.phases, state.status, lang, width)
        if signature == getattr(self, "_signature", None):
            return
        self._signature = signature
        self._last = (state, t)
        keep = self.case
        self.clear_options()
        titles = max(len(p.title(lang)) for p in state.plan.phases if not p.case_code)
        options = []
        for row in rows:
            minutes = f"{part_length(row.budget_s, unit=False):>3} min"
            when = f"{fmt.hhmm(row.start)}–{fmt.hhmm(row.end)}"
            if state.status != "open":  # once it runs: what was held, and what runs now
                when = (
                    "[$text-success]✔[/] " if row.done else "[b]▶[/] " if row.current else "  "
                ) + when
            if not row.case:
                title = escape(state.plan.phases[row.index].title(lang)).ljust(titles)
                options.append(Option(Content.from_markup(f"{when}  {title} {minutes}")))
                continue
            case = state.plan.team_case(row.case)
            head = f"{when}  [b]{escape(case.code)}[/] {escape(tm.kind_text(case, lang))}"
            lines = [f"{head}  {minutes}"]
            for detail in (case_facts(state, case, lang), *case_warnings(state, case.code, lang)):
                lines += indented(detail, width)
            options.append(Option(Content.from_markup("\n".join(lines)), id=case.code))
        self.add_options(options)
        codes = [o.id for o in options]
        # The cursor stays on its case as the case moves; it starts on the first case.
        target = keep if keep is not None and keep in codes else next((c for c in codes if c), None)
        self.highlighted = codes.index(target) if target is not None else None

    def on_resize(self) -> None:
        # The details wrap under their case, to the width known after layout.
        last = getattr(self, "_last", None)
        if last is not None:
            self.show_state(*last)

    @property
    def case(self) -> str | None:
        """The case under the cursor (None on the opening and closing parts)."""
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id or None


class TeamHead(StateView):
    """The session in one or two lines: day, booked time, place."""

    def show_state(self, state: MeetingState, t: float) -> None:
        lang = self.lang
        plan = state.plan
        start = fmt.local_start(plan)
        end = fmt.local_start_of(plan.end)
        weekday = tr(f"tui.weekday.{start.weekday()}", lang)
        lines = [
            f"[b]{escape(plan.title(lang))}[/]  {weekday} {start:%Y-%m-%d}  "
            f"[b]{start:%H:%M}–{end:%H:%M}[/] ({plan.duration_min} min)",
        ]
        where = plan.place or plan.video_link
        if where:
            lines.append(escape(where))
        self.put("\n".join(lines))


class TeamNotes(StateView):
    """Below the agenda: when it ends, the parties' windows, and what does not fit."""

    def show_state(self, state: MeetingState, t: float) -> None:
        lang = self.lang
        plan = state.plan
        rows = tm.agenda_rows(state, t)
        lines = []
        if rows:
            lines.append(
                tr(
                    "tui.team.agenda_end",
                    lang,
                    end=fmt.hhmm(rows[-1].end),
                    booked=fmt.hhmm(plan.end),
                )
            )
        windows = []
        for party in plan.parties:
            span = tm.window_wall(state, party.key)
            if span is None:
                continue
            start, end = span
            until = fmt.hhmm(end) if end else "…"
            windows.append(f"{escape(tm.short_party(plan, party.key))} {fmt.hhmm(start)}–{until}")
        if windows:
            lines.append(f"{tr('tui.team.windows', lang)} {', '.join(windows)}")
        clashes = list(dict.fromkeys(clash.case for clash in agenda.window_clashes(plan)))
        if clashes:
            lines.append(
                "[b $text-warning]⚠ "
                + tr("tui.team.clashes", lang, cases=", ".join(map(escape, clashes)))
                + "[/]"
            )
        over = agenda.overbooked(plan)
        if over is not None:
            lines.append(
                "[b $text-warning]⚠ "
                + tr(
                    "tui.team.overbooked",
                    lang,
                    minutes=over.agenda_minutes,
                    booked=over.duration_min,
                )
                + "[/]"
            )
        self.put("\n".join(lines))
