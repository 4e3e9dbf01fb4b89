"""The case at a glance: meeting type, time, place, planned timeline, frågeställningar, consent."""

from __future__ import annotations

from datetime import timedelta

from textual.markup import escape

from starmote.engine.state import MeetingState
from starmote.i18n import t as tr
from starmote.tui import fmt
from starmote.tui.widgets.base import StateView


class Overview(StateView):
    """Static facts of the plan plus the consent status as recorded."""

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
        if plan.place:
            lines.append(f"{tr('tui.overview.place', lang)} {escape(plan.place)}")
        if plan.video_link:
            lines.append(f"{tr('tui.overview.link', lang)} {escape(plan.video_link)}")
        chair = escape(plan.chair.name)
        if plan.note_taker:
            chair += f" · {tr('tui.overview.note_taker', lang)} {escape(plan.note_taker.name)}"
        lines.append(f"{tr('tui.overview.chair', lang)} {chair}")
        if plan.individual.contact_note:
            # The chair's preparation note: on this screen only, never in minutes or invites.
            lines.append(
                f"[b]{tr('tui.overview.contact_note', lang)}[/] "
                f"{escape(plan.individual.contact_note)}"
            )
        lines += ["", f"[b]{tr('tui.overview.timeline', lang)}[/]"]
        at = start
        width = max(len(p.title(lang)) for p in plan.phases)
        for phase, seconds in zip(plan.phases, plan.phase_budgets(), strict=True):
            lines.append(
                f" {at:%H:%M}  {escape(phase.title(lang)).ljust(width)}  "
                f"{fmt.minutes(seconds):>3} min"
            )
            at += timedelta(seconds=seconds)
        if plan.questions:
            lines += ["", f"[b]{tr('tui.overview.questions', lang)}[/]"]
            lines += [f" {i}. {escape(q)}" for i, q in enumerate(plan.questions, start=1)]
        lines += [
            "",
            f"[b]{tr('tui.overview.consent', lang)}[/] {escape(fmt.consent_text(state, lang))}",
        ]
        if plan.consent.not_shared:
            lines.append(
                f" {tr('tui.overview.not_shared', lang)} "
                f"{escape(', '.join(plan.consent.not_shared))}"
            )
        for party in dict.fromkeys(e.party for e in plan.consent.exclude):
            kept = ", ".join(
                tr(f"consent.category.{c}", lang) for c in plan.consent.excluded_for(party)
            )
            said = tr(
                "tui.consent.excluded", lang, party=fmt.party_short(plan, party), categories=kept
            )
            lines.append(f" [$text-warning]{escape(said)}[/]")
        self.put("\n".join(lines))
