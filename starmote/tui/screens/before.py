"""Before the meeting: the case at a glance and check-in of every party."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Footer, Header, OptionList, Static

from starmote.engine import commands as c
from starmote.engine.state import MODES, MeetingState
from starmote.i18n import t
from starmote.i18n import t as tr
from starmote.plan.model import INDIVIDUAL
from starmote.tui import fmt
from starmote.tui.keys import KeySpec, localize
from starmote.tui.screens.base import MeetingScreen
from starmote.tui.widgets.base import StateView
from starmote.tui.widgets.overview import Overview
from starmote.tui.widgets.partylist import PartyList


class OrderHint(StateView):
    """Whether the person is offered the first word in rounds."""

    def show_state(self, state: MeetingState, t: float) -> None:
        if not state.plan.has_party(INDIVIDUAL):  # a team session: no one person's round
            self.put("")
            return
        order = "tui.before.first" if state.individual_first else "tui.before.last"
        self.put(escape(tr(order, self.lang, name=fmt.individual_name(state.plan))))


class BeforeScreen(MeetingScreen):
    """Check in the parties, settle consent, then start the first part."""

    KEY_SCOPE = "before"
    KEYS = (
        KeySpec("checkin", "c", "checkin", "attendance", show=True),
        KeySpec("absent", "f", "absent", "attendance", show=True),
        KeySpec("consent", "k", "consent", "meeting", show=True),
        KeySpec("start", "space", "start", "meeting", show=True, key_display="␣"),
        KeySpec("in_person", "h", "mode('in_person')", "attendance"),
        KeySpec("video", "v", "mode('video')", "attendance"),
        KeySpec("phone", "t", "mode('phone')", "attendance"),
        KeySpec("substitute", "e", "substitute", "attendance"),
        KeySpec("individual_first", "o", "individual_first", "meeting"),
    )

    def compose(self) -> ComposeResult:
        yield Header(icon="◔")
        with Horizontal(id="before-body"):
            with Vertical(id="before-parties"):
                yield Static(t("tui.before.parties", self.lang), classes="section-title")
                yield PartyList(id="parties")
                yield OrderHint(id="before-hint", classes="hint")
            with VerticalScroll(id="before-overview"):
                yield Overview(id="overview")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # MeetingScreen.on_mount draws the state: Textual calls it too (handlers run
        # along the whole MRO), so no super() call here.
        self.query_one(PartyList).focus()

    @property
    def party(self) -> str | None:
        """The party under the cursor."""
        return self.query_one(PartyList).party

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        s = self.state
        if s.status != "open":
            return None if action != "consent" else True
        if action == "start":
            return True if s.present else None
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_checkin()

    def action_checkin(self) -> None:
        from starmote.tui.dialogs.pick import PickDialog

        party = self.party
        if party is None:
            return
        lang = self.lang
        options: list[tuple[tuple[str, str | None], str, bool]] = [
            (("mode", m), t("tui.checkin.mode", lang, mode=t(f"mode.{m}", lang)), True)
            for m in MODES
        ]
        options += [
            (("absent", None), t("tui.checkin.absent", lang), True),
            (("substitute", None), t("tui.checkin.substitute", lang), party != INDIVIDUAL),
        ]
        title = fmt.party_name(self.state.plan, party, lang)

        def chose(choice: tuple[str, str | None] | None) -> None:
            if choice is None:
                return
            what, mode = choice
            if what == "mode" and mode:
                self.apply(c.CheckIn(party, mode))  # type: ignore[arg-type]
            elif what == "absent":
                self._absent(party)
            else:
                self._substitute(party)

        self.meeting.open_dialog(localize(PickDialog, lang)(title, options), chose)

    def action_mode(self, mode: str) -> None:
        if self.party:
            # The cursor stays on the party: every way of checking in leaves it there,
            # so Down, mode, Down, mode never marks the wrong one.
            self.apply(c.CheckIn(self.party, mode))  # type: ignore[arg-type]

    def action_absent(self) -> None:
        if self.party:
            self._absent(self.party)

    def action_substitute(self) -> None:
        if self.party and self.party != INDIVIDUAL:
            self._substitute(self.party)

    def _absent(self, party: str) -> None:
        from starmote.tui.dialogs.form import Field, FormDialog

        lang = self.lang
        notified = (
            ("yes", t("tui.absent.notified", lang)),
            ("no", t("tui.absent.unnotified", lang)),
        )
        dialog = localize(FormDialog, lang)(
            t("tui.absent.title", lang, party=fmt.party_name(self.state.plan, party, lang)),
            [
                Field("notified", t("tui.field.notified", lang), "yes", notified),
                Field("reason", t("tui.field.reason", lang)),
            ],
            lambda v: c.MarkAbsent(party, v["notified"] == "yes", v["reason"]),
        )
        self.meeting.open_dialog(dialog)

    def _substitute(self, party: str) -> None:
        from starmote.tui.dialogs.form import Field, FormDialog

        lang = self.lang
        modes = tuple((m, t(f"mode.{m}", lang)) for m in MODES)
        dialog = localize(FormDialog, lang)(
            t("tui.substitute.title", lang, party=fmt.party_name(self.state.plan, party, lang)),
            [
                Field("name", t("tui.field.name", lang)),
                Field("mode", t("tui.field.mode", lang), "in_person", modes),
            ],
            lambda v: c.NoteSubstitute(party, v["name"], v["mode"]),  # type: ignore[arg-type]
        )
        self.meeting.open_dialog(dialog)

    def action_consent(self) -> None:
        from starmote.tui.screens.consent import open_consent

        open_consent(self, self.lang)

    def action_individual_first(self) -> None:
        self.apply(c.SetIndividualFirst(not self.state.individual_first))

    def action_start(self) -> None:
        self.apply(c.NextPhase())
