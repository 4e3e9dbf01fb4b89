"""Who has the word, their turn's time, who is next, and whose perspective is missing."""

from __future__ import annotations

from textual.markup import escape

from starmote.engine import timing
from starmote.engine.allowed import round_done, still_to_speak
from starmote.engine.state import MeetingState
from starmote.i18n import t as tr
from starmote.plan.model import INDIVIDUAL
from starmote.tui import fmt
from starmote.tui.widgets.base import StateView


def exclusion_notice(state: MeetingState, party: str, lang: str) -> str:
    """What the consent keeps from `party`, to be heard while it has the word; "" if nothing.

    The consent is the meeting's, or in a team session that of the case taken up now.

    Returns:
        "AF: inget om hälsa (samtycke)", or "".
    """
    consent = state.plan.consent_of(state.current_case)
    kept = consent.excluded_for(party) if consent is not None else ()
    if not kept:
        return ""
    categories = ", ".join(tr(f"consent.category.{c}", lang) for c in kept)
    who = fmt.party_short(state.plan, party)
    return tr("tui.consent.excluded", lang, party=who, categories=categories)


class SpeakerPanel(StateView):
    """The speaker in bold; a turn past its budget counts up in the warning colour."""

    TIMED = True

    def show_state(self, state: MeetingState, t: float) -> None:
        self.show_time(state, t)

    def show_time(self, state: MeetingState, t: float) -> None:
        lang = self.lang
        plan = state.plan
        if state.phase is None:
            self.put("")
            return
        phase = plan.phases[state.phase]
        lines: list[str] = []
        if state.turn is not None:
            who = escape(fmt.party_name(plan, state.turn.party, lang))
            # The person the meeting, or in a team session the case, is about.
            own = plan.has_party(state.turn.party) and plan.party(state.turn.party).is_individual
            style = "b $text-accent" if own else "b"
            line = f"[dim]{tr('tui.speaker.now', lang)}[/] [{style}]{who}[/]"
            if own:
                sip = state.turn.party == INDIVIDUAL
                word = tr("tui.speaker.their_word" if sip else "tui.team.their_case", lang)
                line += f"  [i]{word}[/]"
            lines.append(line)
            kept = exclusion_notice(state, state.turn.party, lang)
            if kept:  # said while they speak, so nothing the consent keeps from them is said
                lines.append(f"[b $text-warning]{escape(kept)}[/]")
            left = timing.turn_remaining(state, t) or 0.0
            if left < 0:
                over = f"{tr('tui.speaker.over', lang)} {fmt.mmss(left)}"
                clock = f"[b reverse $text-warning] {over} [/]"
            else:
                clock = f"[b]{tr('tui.speaker.left', lang)} {fmt.mmss(left)}[/]"
            lines.append(
                f"{clock}  [dim]({tr('tui.speaker.of', lang)} {fmt.mmss(state.turn.budget)})[/]"
            )
        elif phase.turns == "open":
            lines += [f"[b]{tr('tui.speaker.open', lang)}[/]", ""]
        elif not round_done(state):  # someone waiting, or to be asked again; nobody speaks
            lines += [f"[b]{tr('tui.speaker.nobody', lang)}[/]", ""]
        else:  # the engine's word for it: everyone here was offered the word
            lines += [f"[b]{tr('tui.speaker.round_done', lang)}[/]", ""]
        if state.queue:
            nxt = escape(fmt.party_name(plan, state.queue[0], lang))
            line = f"[dim]{tr('tui.speaker.next', lang)}[/] [b]{nxt}[/]"
            rest = [escape(fmt.party_short(plan, p)) for p in state.queue[1:]]
            if rest:
                line += f"  [dim]{tr('tui.speaker.then', lang)} {', '.join(rest)}[/]"
            lines.append(line)
        again = [p for p in still_to_speak(state) if p not in state.queue]
        if again:
            names = ", ".join(escape(fmt.party_short(plan, p)) for p in again)
            lines.append(f"[dim]{tr('tui.speaker.passed', lang, names=names)}[/]")
        missing = state.missing_in(state.phase)
        if missing:
            names = ", ".join(escape(fmt.party_short(plan, p)) for p in missing)
            label = "tui.speaker.missing_open" if phase.turns == "open" else "tui.speaker.missing"
            lines.append(f"[$text-warning]{tr(label, lang)} {names}[/]")
        self.put("\n".join(lines))
