"""Everything captured, one per line (per case in a team session), to correct or take back."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.markup import escape
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from starmote.engine.state import Entry, MeetingState
from starmote.i18n import t as tr
from starmote.tui import team as tm
from starmote.tui.widgets.entries import all_entries, entry_line


def grouped(state: MeetingState, lang: str) -> list[tuple[str, list[Entry]]]:
    """The entries under a heading per case in agenda order, then the team's own.

    A SIP meeting has one case: one group without a heading ("").
    """
    rows = all_entries(state)
    if not state.plan.is_team_session:
        return [("", rows)]
    groups: list[tuple[str, list[Entry]]] = []
    for case in tm.cases_in_order(state):
        mine = [e for e in rows if getattr(e, "case", "") == case.code]
        if mine:
            groups.append((tr("tui.team.case_heading", lang, case=tm.case_label(case, lang)), mine))
    team = [e for e in rows if not getattr(e, "case", "")]
    if team:
        groups.append((tr("tui.team.team_heading", lang), team))
    return groups


class ReviewList(OptionList):
    """The captured entries; the cursor picks one to correct (Enter) or take back (r)."""

    def show_state(self, state: MeetingState, t: float) -> None:
        app: Any = self.app
        # Most key presses touch none of these; rebuilding the options is the costly part.
        signature = (
            state.notes,
            state.goals,
            state.actions,
            state.decisions,
            state.parked,
            state.plan.phases,
            app.lang,
        )
        if signature == getattr(self, "_signature", None):
            return
        self._signature = signature
        keep_id = self.entry_id
        keep: int | None = self.highlighted  # type: ignore[has-type]  # a Textual reactive
        self.clear_options()
        groups = grouped(state, app.lang)
        if not any(entries for _, entries in groups):
            self.add_option(
                Option(
                    Content.from_markup(f"[dim]{tr('tui.entries.none', app.lang)}[/]"),
                    disabled=True,
                )
            )
            return
        options: list[Option] = []
        for heading, entries in groups:
            if heading:
                options.append(
                    Option(
                        Content.from_markup(f"[b $text-accent]{escape(heading)}[/]"), disabled=True
                    )
                )
            # One line each: a decision over several lines shows its first, then "…".
            options += [
                Option(Content.from_markup(entry_line(state, e, app.lang, lines=1)), id=str(e.id))
                for e in entries
            ]
        self.add_options(options)
        self.highlighted = _cursor(options, keep_id, keep)

    @property
    def entry_id(self) -> int | None:
        """The entry under the cursor (None on a heading)."""
        if self.highlighted is None or not self.option_count:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id) if option.id else None


def _cursor(options: list[Option], keep_id: int | None, keep: int | None) -> int | None:
    """Where the cursor goes after a redraw: its entry, else its line, never a heading.

    Enter and r always have a target: an entry taken back leaves the cursor on the next.
    """
    ids = [o.id for o in options]
    if keep_id is not None and str(keep_id) in ids:
        return ids.index(str(keep_id))
    start = min(keep, len(options) - 1) if keep is not None else 0
    for i in [*range(start, len(options)), *range(start - 1, -1, -1)]:
        if options[i].id:
            return i
    return None
