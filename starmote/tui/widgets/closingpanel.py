"""Huvudansvarig, follow-up, the individual's feedback, and what still blocks closing."""

from __future__ import annotations

from dataclasses import replace

from textual.markup import escape

from starmote.engine.allowed import refusal
from starmote.engine.commands import CloseMeeting, SetMainResponsible
from starmote.engine.state import MeetingState
from starmote.i18n import t as tr
from starmote.plan.model import MeetingPlan
from starmote.tui import fmt
from starmote.tui.widgets.base import StateView
from starmote.tui.widgets.entries import shown_text

RESPONSIBLE_SHOWN = frozenset({"engine.error.no_agency"})
"""A refusal of a huvudansvarig that keeps the section: with no agency here, h says why.
Any other (a team session names none) hides it."""


def names_responsible(state: MeetingState) -> bool:
    """Whether the meeting has a huvudansvarig section, as the engine says.

    A closed meeting is asked about as it stood before it closed: it still shows whom it
    named (or that no one was), unless it is of a kind that names no one.
    """
    asked = replace(state, status="closing") if state.status == "closed" else state
    why = refusal(asked, SetMainResponsible)
    return why is None or why.key in RESPONSIBLE_SHOWN


def who_feels(plan: MeetingPlan, lang: str) -> str:
    """Whose view of the meeting is asked for at the end: the person's, or a team session's team."""
    if plan.is_team_session:
        return tr("tui.team.the_team_lower", lang)
    return fmt.individual_name(plan)


class ClosingPanel(StateView):
    """What the closing needs, each with its key."""

    def show_state(self, state: MeetingState, t: float) -> None:
        lang = self.lang
        plan = state.plan
        name = escape(fmt.individual_name(plan))
        lines: list[str] = []
        if names_responsible(state):
            lines += self._responsible(state, name)
        heading = "tui.team.next_session" if plan.is_team_session else "tui.closing.follow_up"
        lines += [f"[b]{tr(heading, lang)}[/] [dim](u)[/]"]
        follow = state.follow_up
        if state.plan_closed is not None:  # SIP avslutad: no next meeting to book
            reason = escape(state.plan_closed)
            lines.append(f" [$text-success]{tr('tui.closing.plan_closed', lang, reason=reason)}[/]")
        elif follow is None or follow.cancelled:
            # A team's sessions are standing: the next one is a nicety, not a condition to close.
            colour = "dim" if plan.is_team_session else "$text-warning"
            key = "tui.closing.cancelled" if follow is not None else "tui.closing.not_set"
            lines.append(f" [{colour}]{tr(key, lang)}[/]")
        else:
            start = fmt.local_start_of(follow.start)
            weekday = tr(f"tui.weekday.{start.weekday()}", lang)
            lines.append(f" {weekday} {start:%Y-%m-%d %H:%M} ({follow.duration_min} min)")
            if follow.place:
                lines.append(f" {escape(follow.place)}")
            if follow.link:
                lines.append(f" {escape(follow.link)}")
            if not plan.is_team_session:
                key = follow.convener or plan.convener_key()  # the type's (FK) by default
                who = fmt.party_name(plan, key, lang) if key else plan.chair.name
                lines.append(f" {tr('minutes.fu.convener', lang)}: {escape(who)}")
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
        feels = escape(who_feels(plan, lang))
        lines += ["", f"[b]{tr('tui.closing.feedback', lang, name=feels)}[/] [dim](o)[/]"]
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
                # Only what the meeting type needs: an avstämningsmöte names no huvudansvarig.
                blocked = "tui.closing.blocked" if plan.lead else "tui.closing.blocked_follow_up"
                lines.append(f"[$text-warning]{tr(blocked, lang)}[/]")
        self.put("\n".join(lines))

    def _responsible(self, state: MeetingState, name: str) -> list[str]:
        """The huvudansvarig section, with the blank line that ends it."""
        lang, plan = self.lang, state.plan
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
        return [*lines, ""]
