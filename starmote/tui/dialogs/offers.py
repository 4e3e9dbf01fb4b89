"""The utbudskarta for the case taken up now: what the team considered, and an insats from it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from starmote.engine import commands as c
from starmote.engine.state import MeetingState
from starmote.i18n import t
from starmote.plan.model import Offer
from starmote.tui.keys import KeySpec
from starmote.tui.widgets.agenda import indented


def kind_name(kind: str, lang: str) -> str:
    """ "Arbetsförmedlingen" for af; a kind the catalogue does not name, as written."""
    key = f"tui.offer_kind.{kind}"
    name = t(key, lang)
    return kind if name == key else name


def considered(state: MeetingState) -> set[str]:
    """The offers marked as considered for the case taken up now."""
    case = state.case_of(None)
    return {key for (code, key) in state.offers_considered if code == case}


class OffersDialog(ModalScreen[Offer | None]):
    """Offers by organisation, those considered for this case ticked.

    Enter or space ticks (or unticks) the offer under the cursor, i makes it an insats
    (the form opens filled in), Esc closes. Every tick is stored as it is made.
    """

    KEY_SCOPE = "offers"
    KEYS = (
        KeySpec("toggle_offer", "space", "toggle_offer", "app", show=True, key_display="␣"),
        KeySpec("offer_action", "i", "make_action", "app", show=True),
        KeySpec("cancel", "escape", "cancel", "app", show=True, key_display="Esc"),
    )
    LANG = "sv"

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        app: Any = self.app
        state = app.state
        lang = self.LANG
        case = state.case_of(None)
        with Vertical(classes="dialog offers"):
            yield Static(t("tui.offers.title", lang, case=case), classes="dialog-title")
            yield OptionList(id="offers-list")
            yield Static(t("tui.offers.hint", lang), classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        app: Any = self.app
        state: MeetingState = app.state
        lang = self.LANG
        ticked = considered(state)
        chosen = {a.offer for a in state.actions if a.case == state.case_of(None)}
        listing = self.query_one(OptionList)
        width = listing.content_region.width - 2  # the option's padding
        keep = listing.highlighted
        listing.clear_options()
        kinds = list(dict.fromkeys(o.kind for o in state.plan.offers))
        for kind in kinds:
            listing.add_option(
                Option(Content.from_markup(f"[b]{escape(kind_name(kind, lang))}[/]"), disabled=True)
            )
            for offer in (o for o in state.plan.offers if o.kind == kind):
                box = "[$text-success]✔[/]" if offer.key in ticked else "☐"
                line = f" {box} {escape(offer.title)}"
                if offer.key in chosen:
                    line += f"  [$text-success]({t('tui.offers.is_action', lang)})[/]"
                if offer.description:
                    # Wrapped under the title, not back at the margin.
                    detail = f"[dim]{escape(offer.description)}[/]"
                    line += "\n" + "\n".join(indented(detail, width))
                listing.add_option(Option(Content.from_markup(line), id=offer.key))
        first = next(
            (i for i in range(listing.option_count) if listing.get_option_at_index(i).id), None
        )
        listing.highlighted = keep if keep is not None else first

    def on_resize(self) -> None:
        # The descriptions wrap to the width known after layout.
        self._fill()

    @property
    def offer(self) -> Offer | None:
        """The offer under the cursor."""
        app: Any = self.app
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return None
        key = listing.get_option_at_index(listing.highlighted).id
        return next((o for o in app.state.plan.offers if o.key == key), None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle_offer()

    def action_toggle_offer(self) -> None:
        app: Any = self.app
        offer = self.offer
        if offer is None:
            return
        now = offer.key not in considered(app.state)
        if app.apply(c.ConsiderOffer(offer.key, now)) is None:
            self._fill()

    def action_make_action(self) -> None:
        app: Any = self.app
        offer = self.offer
        if offer is None:
            return
        if offer.key not in considered(app.state):
            # An offer made an insats was considered, whatever else the team looked at.
            app.apply(c.ConsiderOffer(offer.key, True))
        self.dismiss(offer)

    def action_cancel(self) -> None:
        self.dismiss(None)
