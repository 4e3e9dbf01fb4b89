"""The chair's prompts for the current part, numbered so a digit ticks them."""

from __future__ import annotations

from textual.markup import escape

from starmote.i18n import t as tr
from starmote.state import MeetingState
from starmote.tui.widgets.base import StateView


class Checklist(StateView):
    """`1 [x] Välkomna …` per prompt of the current part."""

    def show_state(self, state: MeetingState, t: float) -> None:
        lang = self.lang
        if state.phase is None:
            self.put("")
            return
        prompts = state.plan.phases[state.phase].prompts(lang)
        lines = [f"[b]{escape(tr('tui.checklist.title', lang))}[/b]"]
        if state.consent_pending and state.status == "running":
            consent = escape(tr("tui.checklist.consent", lang))
            lines.append(f"[b $text-warning]k[/] [$text-warning]{consent}[/]")
        for i, prompt in enumerate(prompts):
            done = (state.phase, i) in state.ticked
            box = "[$text-success]✔[/]" if done else "☐"
            style = "dim strike" if done else ""
            key = str(i + 1) if i < 9 else " "
            body = f"[{style}]{escape(prompt)}[/]" if style else escape(prompt)
            lines.append(f"[dim]{key}[/] {box} {body}")
        if not prompts:
            lines.append(f"[dim]{escape(tr('tui.checklist.none', lang))}[/]")
        self.put("\n".join(lines))
