"""Huvudansvarig, follow-up, the individual's feedback, and what still blocks closing."""

from __future__ import annotations

from textual.markup import escape

from starmote.engine.allowed import refusal
from starmote.engine.commands import CloseMeeting
from starmote.engine.state import MeetingState
from starmote.i18n import t as tr
from starmote.tui import fmt
from starmote.tui.widgets.base import StateView
from starmote.tui.widgets.entries import shown_text


class ClosingPanel(StateView):
    """What the closing needs, each with its key."""

    def show_state(self, state: MeetingState, t: float) -> None:
        lang = self.lang
        plan = state.plan
        name = escape(fmt.individual_name(plan))
        lines = [f"[b]{tr('tui.closing.responsible', lang)}[/] [dim](h)[/]"]
        lead = state.main_responsible
        if lead is None:
            lines.append(f" [$text-warning]{tr('tui.closing.not_set', lang)}[/]")
            lines.append(f" [i]{tr('tui.closing.ask_individual', lang, name=name)}[/]")
        else:
            asked = (
                f"  [dim]{tr('tui.closing.asked', lang, name=name)}[/]"
                if lead.asked_individual
                else ""
            )
            lines.append(
                f" {escape(fmt.party_short(plan, lead.party))}: {escape(lead.person) or '–'}{asked}"
            )
        lines += ["", f"[b]{tr('tui.closing.follow_up', lang)}[/] [dim](u)[/]"]
        follow = state.follow_up
        if follow is None or follow.cancelled:
            lines.append(f" [$text-warning]{tr('tui.closing.not_set', lang)}[/]")
        else:
            start = fmt.local_start_of(follow.start)
            weekday = tr(f"tui.weekday.{start.weekday()}", lang)
            lines.append(f" {weekday} {start:%Y-%m-%d %H:%M} ({follow.duration_min} min)")
            if follow.place:
                lines.append(f" {escape(follow.place)}")
        questions = [(c, q) for c in state.case_codes for q in state.questions_of(c)]
        if questions:
            answered = sum(
                1
                for c in state.case_codes
                for status in state.question_statuses(c).values()
                if status == "answered"
            )
            count = tr("tui.closing.questions_count", lang, n=answered, total=len(questions))
            colour = "$text-success" if answered == len(questions) else "$text-warning"
            lines += [
                "",
                f"[b]{tr('tui.closing.questions', lang)}[/] [dim](q)[/]",
                f" [{colour}]{count}[/]",
            ]
        lines += ["", f"[b]{tr('tui.closing.feedback', lang, name=name)}[/] [dim](o)[/]"]
        lines.append(
            f" {shown_text(state.feedback.text, 3, indent=' ')}"
            if state.feedback
            else f" [dim]{tr('tui.closing.optional', lang)}[/]"
        )
        lines.append("")
        if state.status == "closed":
            lines.append(f"[b $text-success]{tr('tui.closing.closed', lang)}[/]")
            if state.close_reason:
                lines.append(f" {tr('tui.closing.reason', lang)} {escape(state.close_reason)}")
            lines.append(f"[dim]{tr('tui.closing.export_hint', lang)}[/]")
        else:
            # The engine says whether a close without a stated reason would be taken now.
            why = refusal(state, CloseMeeting())
            if why is None:
                lines.append(f"[$text-success]{tr('tui.closing.ready', lang)}[/]")
            elif why.key == "engine.error.close_early":
                lines.append(f"[dim]{tr('tui.closing.parts_left', lang)}[/]")
            else:
                lines.append(f"[$text-warning]{tr('tui.closing.blocked', lang)}[/]")
        self.put("\n".join(lines))
