"""Before the meeting: the case at a glance and check-in of every party."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.markup import escape
from textual.widgets import Footer, Header, OptionList, Static

from starmote.engine import commands as c
from starmote.engine.allowed import Asked, allows
from starmote.engine.state import MODES, MeetingState
from starmote.i18n import t
from starmote.i18n import t as tr
from starmote.plan import limits
from starmote.plan.model import INDIVIDUAL
from starmote.tui import fmt
from starmote.tui.keys import KeySpec, localize
from starmote.tui.screens.base import CONSENT, MeetingScreen
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
        # A team session's cases, earlier or later on the agenda (the case under its cursor).
        KeySpec("case_up", "u", "move_case(-1)", "meeting", show=True),
        KeySpec("case_down", "n", "move_case(1)", "meeting", show=True),
        KeySpec("start", "space", "start", "meeting", show=True, key_display="␣"),
        KeySpec("kallelse", "i", "kallelse", "meeting", show=True),
        KeySpec("in_person", "h", "mode('in_person')", "attendance"),
        KeySpec("video", "v", "mode('video')", "attendance"),
        KeySpec("phone", "t", "mode('phone')", "attendance"),
        KeySpec("substitute", "e", "substitute", "attendance"),
        KeySpec("individual_first", "o", "individual_first", "meeting"),
    )
    EXPLAINED = {
        **MeetingScreen.EXPLAINED,
        # h/v/t on a party already in that way: the notice says so, by name, rather than
        # a key that seems dead (the cursor, not the footer, shows whom it is for).
        "mode": frozenset({"engine.error.already_present"}),
    }

    @property
    def hidden(self) -> frozenset[str]:
        # A SIP meeting has no cases to move; a team session settles consent per case,
        # as each is taken up: keys that never apply are left out of the footer.
        if self.state.plan.is_team_session:
            return self.HIDDEN | {"consent"}
        return self.HIDDEN | {"move_case"}

    def compose(self) -> ComposeResult:
        team = self.state.plan.is_team_session
        yield Header(icon="◔")
        with Horizontal(id="before-body", classes="team" if team else ""):
            with Vertical(id="before-parties"):
                yield Static(t("tui.before.parties", self.lang), classes="section-title")
                yield PartyList(id="parties")
                yield OrderHint(id="before-hint", classes="hint")
            if team:
                # Imported here: a SIP meeting's first frame does without the agenda.
                from starmote.tui.widgets.agenda import AgendaList, TeamHead, TeamNotes

                with Vertical(id="before-agenda"):
                    yield TeamHead(id="team-head")
                    yield Static(t("tui.team.agenda_title", self.lang), classes="section-title")
                    yield AgendaList(id="agenda")
                    yield TeamNotes(id="team-notes")
            else:
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

    def action_kallelse(self) -> None:
        """Preview, approve and write the kallelse to the meeting (see `dialogs.invites`)."""
        from starmote.tui.dialogs.invites import kallelse_then_write

        kallelse_then_write(self.meeting, self.lang)

    def asks(self, action: str, parameters: tuple[object, ...]) -> tuple[Asked, ...] | None:
        if action == "consent":
            return CONSENT
        if action == "start":
            return (c.NextPhase,)
        if action == "individual_first":
            return (c.SetIndividualFirst,)
        if action == "move_case":
            if not self.state.plan.is_team_session:
                return (c.MoveCase,)
            by = int(parameters[0]) if parameters else 0  # type: ignore[call-overload]
            return (c.MoveCase(self._agenda_case() or "", by),)
        if action not in ("checkin", "absent", "substitute", "mode"):
            return None
        party = self._cursor()
        if party is None:
            return ()
        if action == "mode":
            return (c.CheckIn(party, parameters[0]),) if parameters else ()  # type: ignore[arg-type]
        choices = self._choices(party)
        if action == "checkin":
            return tuple(command for _, command in choices)
        return tuple(command for what, command in choices if what[0] == action)

    def _cursor(self) -> str | None:
        try:
            return self.party
        except NoMatches:  # asked before the list is composed
            return None

    def _agenda_case(self) -> str | None:
        """The case under the agenda's cursor (None in a SIP meeting)."""
        try:
            agenda: Any = self.query_one("#agenda")
        except NoMatches:
            return None
        return agenda.case  # type: ignore[no-any-return]

    def _choices(self, party: str) -> list[tuple[tuple[str, str | None], c.Command]]:
        """What checking in `party` can record: a way of taking part, absence, a substitute.

        The name of a substitute and the reason for an absence are typed next; the
        engine is asked before they are, so they stand empty here.
        """
        rows: list[tuple[tuple[str, str | None], c.Command]] = [
            (("mode", m), c.CheckIn(party, m)) for m in MODES
        ]
        rows.append((("absent", None), c.MarkAbsent(party, notified=True)))
        rows.append((("substitute", None), c.NoteSubstitute(party, "")))
        return rows

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option_list, PartyList):
            self.action_checkin()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Some keys depend on the party under the cursor (no substitute for the person),
        # and on the case under the agenda's (the first case moves no earlier).
        self.refresh_keys()

    def action_checkin(self) -> None:
        from starmote.tui.dialogs.pick import PickDialog

        party = self.party
        if party is None:
            return
        lang, state = self.lang, self.state

        def label(what: tuple[str, str | None]) -> str:
            kind, mode = what
            if kind == "mode":
                return t("tui.checkin.mode", lang, mode=t(f"mode.{mode}", lang))
            return t(f"tui.checkin.{kind}", lang)

        # Each choice greyed where the engine would not take it (no substitute for the person).
        options = [
            (what, label(what), allows(state, command)) for what, command in self._choices(party)
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
        if self.party:  # the key is live only where the engine would take a substitute
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
                Field("reason", t("tui.field.reason", lang), limit=limits.FIELDS["reason"]),
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
                Field("name", t("tui.field.name", lang), limit=limits.FIELDS["substitute"]),
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
        """Start the first part; far from the booking, the chair is asked first."""
        from starmote.documents.fmt import fmt_date
        from starmote.engine import timing
        from starmote.engine.allowed import refusal, start_off_booking
        from starmote.tui.dialogs.confirm import ConfirmDialog

        state, lang = self.state, self.lang
        now = self.meeting.session.now()
        off = start_off_booking(state, now.wall)
        if off is None or refusal(state, c.NextPhase()) is not None:
            self.apply(c.NextPhase())  # or the engine says why not
            return
        plan = state.plan
        start = fmt.local_start(plan)
        booked = f"{fmt_date(start, lang)} {fmt.hhmm(plan.start)}–{fmt.hhmm(plan.end)}"
        end = timing.wall_at(state, timing.projected_end(state, now.t))
        body = t(
            f"tui.start.{off}_body",
            lang,
            booked=booked,
            now=fmt.hhmm(now.wall),
            end=fmt.hhmm(end),
            booked_end=fmt.hhmm(plan.end),
        )
        ask = localize(ConfirmDialog, lang)(t("tui.start.title", lang), body)
        self.meeting.open_dialog(ask, lambda yes: self.apply(c.NextPhase()) if yes else None)

    def action_move_case(self, by: int) -> None:
        """Move the case under the agenda's cursor; the cursor moves with it."""
        case = self._agenda_case()
        if case is not None:
            self.apply(c.MoveCase(case, by))
