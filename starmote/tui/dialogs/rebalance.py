"""Rebalance: the proposed new minutes per part, applied on confirmation."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from starmote.engine import commands as c
from starmote.engine.state import MeetingState
from starmote.i18n import t
from starmote.tui import fmt
from starmote.tui.keys import KeySpec


def proposal_table(state: MeetingState, proposal: tuple[float, ...], lang: str) -> str:
    """Rows "part  now → proposed min", finished parts marked done."""
    rows = []
    width = max(len(p.title(lang)) for p in state.plan.phases)
    for i, (phase, clock, new) in enumerate(
        zip(state.plan.phases, state.phases, proposal, strict=True)
    ):
        mark = "▶" if i == state.phase else " "
        if clock.done:
            tail = t("tui.rebalance.done", lang)
        else:
            tail = f"{fmt.minutes(clock.budget):>3} → {fmt.minutes(new):>3} min"
        rows.append(f"{mark} {phase.title(lang):<{width}}  {tail}")
    return "\n".join(rows)


class RebalanceDialog(ModalScreen[bool]):
    """Shows `timing.propose_rebalance` per part; Enter applies it through the engine."""

    KEY_SCOPE = "rebalance"
    KEYS = (
        KeySpec("apply", "enter,j,y", "apply", "app", show=True, key_display="Enter"),
        KeySpec("cancel", "escape,n", "cancel", "app", show=True, key_display="Esc"),
    )
    LANG = "sv"

    def __init__(
        self, state: MeetingState, proposal: tuple[float, ...], projected: str, booked: str
    ) -> None:
        super().__init__(classes="dialog-screen")
        self._proposal = proposal
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
