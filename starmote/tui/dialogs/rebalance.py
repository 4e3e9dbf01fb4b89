"""Rebalance: the proposed new minutes per part, applied on confirmation."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from starmote.dates import part_length
from starmote.engine import commands as c
from starmote.engine.state import MeetingState
from starmote.engine.timing import RebalanceProposal
from starmote.i18n import t
from starmote.tui.keys import KeySpec


def proposal_table(state: MeetingState, proposal: RebalanceProposal, lang: str) -> str:
    """Rows "part  now → proposed min", finished parts marked done, and a line for each
    part its floor holds: it gets more than its share, and the others less."""
    rows = []
    plan = state.plan
    width = max(len(p.title(lang)) for p in plan.phases)
    for i, (phase, clock, new) in enumerate(
        zip(plan.phases, state.phases, proposal.budgets, strict=True)
    ):
        mark = "▶" if i == state.phase else " "
        if clock.done:
            tail = t("tui.rebalance.done", lang)
        else:
            tail = f"{part_length(clock.budget, unit=False):>3} → {part_length(new)}"
            if i in proposal.floored:
                tail += "  " + t("tui.rebalance.at_floor", lang)
        rows.append(f"{mark} {phase.title(lang):<{width}}  {tail}")
    for i in proposal.floored:
        rows.append("")
        rows.append(
            t(
                "tui.rebalance.floor",
                lang,
                part=plan.phases[i].title(lang),
                share=f"{plan.phases[i].floor_share:g}",
                floor=part_length(proposal.budgets[i], unit=False),
                pro_rata=part_length(proposal.pro_rata[i], unit=False),
            )
        )
    return "\n".join(rows)


class RebalanceDialog(ModalScreen[bool]):
    """Shows `timing.rebalance_proposal` per part; Enter applies it through the engine.

    The minutes shown are the minutes applied: the parts still to come get whole minutes.
    """

    KEY_SCOPE = "rebalance"
    KEYS = (
        KeySpec("apply", "enter,j,y", "apply", "app", show=True, key_display="Enter"),
        KeySpec("cancel", "escape,n", "cancel", "app", show=True, key_display="Esc"),
    )
    LANG = "sv"

    def __init__(
        self, state: MeetingState, proposal: RebalanceProposal, projected: str, booked: str
    ) -> None:
        super().__init__(classes="dialog-screen")
        self._proposal = proposal.budgets
        self._table = proposal_table(state, proposal, self.LANG)
        self._intro = t("tui.rebalance.intro", self.LANG, projected=projected, booked=booked)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("tui.rebalance.title", self.LANG), classes="dialog-title")
            yield Static(self._intro, classes="dialog-body")
            yield Static(self._table, id="rebalance-table", classes="dialog-body")
            yield Static(t("tui.rebalance.hint", self.LANG), classes="dialog-hint")

    def action_apply(self) -> None:
        app: Any = self.app
        if app.apply(c.Rebalance(self._proposal)) is None:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
