"""Closing: review what was agreed, huvudansvarig, the follow-up, how it felt; then close."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static

from starmote.dates import DateParseError, combine_local, parse_duration_min
from starmote.engine import commands as c
from starmote.engine.allowed import Asked, allows, correction_refusal, refusal
from starmote.i18n import t
from starmote.plan import limits
from starmote.plan.model import STOCKHOLM
from starmote.tui import fmt
from starmote.tui.dialogs.confirm import ConfirmDialog
from starmote.tui.dialogs.form import Field, FormDialog, FormError
from starmote.tui.keys import KeySpec, localize
from starmote.tui.screens.base import MeetingScreen
from starmote.tui.screens.capture import (
    CAPTURE_ASKS,
    CAPTURE_KEYS,
    CaptureActions,
    capture_asks,
    local_today,
    parse_clock,
    parse_due,
)
from starmote.tui.widgets.closingpanel import ClosingPanel, who_feels
from starmote.tui.widgets.entries import all_entries
from starmote.tui.widgets.review import ReviewList


class ClosingScreen(CaptureActions, MeetingScreen):
    """The last screen; the engine refuses to close without lead and follow-up unless told why."""

    KEY_SCOPE = "closing"
    KEYS = (
        KeySpec("responsible", "h", "responsible", "closing", show=True),
        KeySpec("follow_up", "u", "follow_up", "closing", show=True),
        # The same key in a team session: its next sitting is the next teammöte.
        KeySpec("next_session", "u", "next_session", "closing", show=True),
        # Also once closed: the next meeting is moved or called off as life goes on. One
        # key, in the footer only once closed (before, 80 columns have no room for it).
        KeySpec("cancel_follow_up", "s", "cancel_follow_up", "closing"),
        KeySpec("cancel_after", "s", "cancel_after", "closing", show=True),
        KeySpec("close_plan", "P", "close_plan", "closing"),
        KeySpec("feedback", "o", "feedback", "closing"),  # its key stands in the panel: "(o)"
        KeySpec("close", "a", "close", "closing", show=True),
        KeySpec("correct", "enter", "correct", "closing", key_display="⏎"),
        KeySpec("retract", "r,delete", "retract", "closing", key_display="r"),
        KeySpec("export", "x", "export", "closing", show=True),
        KeySpec("export_other", "X", "export_other", "closing"),
        KeySpec("to_live", "escape", "back", "closing", key_display="Esc"),
        KeySpec("next_part", "d", "next_part", "part"),
        *(replace(spec, show=False) for spec in CAPTURE_KEYS),
    )
    ASKS: dict[str, tuple[Asked, ...]] = {
        "responsible": (c.SetMainResponsible,),
        "follow_up": (c.SetFollowUp,),
        "next_session": (c.SetFollowUp,),
        "cancel_follow_up": (c.CancelFollowUp,),
        "cancel_after": (c.CancelFollowUp,),
        "close_plan": (c.ClosePlan,),
        "feedback": (c.GiveFeedback,),
        "close": (c.CloseMeeting,),
        "next_part": (c.NextPhase,),
        **CAPTURE_ASKS,
    }
    """The kinds of command each key leads to (a form chooses the rest)."""
    # The footer swaps its keys when the meeting closes: the closing keys give way
    # to export (hidden, not greyed, so 80 columns hold what applies).
    HIDDEN = frozenset(
        {
            "responsible",
            "follow_up",
            "next_session",
            "close",
            "cancel_follow_up",
            "cancel_after",
            "close_plan",
        }
    )
    EXPLAINED = {
        **MeetingScreen.EXPLAINED,
        # h then says why no one can be huvudansvarig, and what to do instead.
        "responsible": frozenset({"engine.error.no_agency"}),
    }

    def compose(self) -> ComposeResult:
        yield Header(icon="◔")
        with Horizontal(id="closing-body"):
            with Vertical(id="closing-review"):
                yield Static(t("tui.closing.review", self.lang), classes="section-title")
                yield ReviewList(id="review")
            with VerticalScroll(id="closing-side"):
                yield ClosingPanel(id="closing-panel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # MeetingScreen.on_mount draws the state: Textual calls it too (handlers run
        # along the whole MRO), so no super() call here.
        self.query_one(ReviewList).focus()

    def asks(self, action: str, parameters: tuple[object, ...]) -> tuple[Asked, ...] | None:
        if action == "retract":
            entry = self._selected()
            return (c.Retract(entry),) if entry is not None else ()
        return capture_asks(self.state, action) or self.ASKS.get(action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        s = self.state
        if action in ("export", "export_other"):  # written once the meeting is closed
            return s.status == "closed"
        if action == "back":  # the live screen is there while a part runs
            return True if s.status == "running" else None
        named_for_other_kind = (action == "next_session") != s.plan.is_team_session
        if action in ("follow_up", "next_session") and named_for_other_kind:
            return False  # one key, named for the kind of meeting: the other name never shows
        if action in ("cancel_follow_up", "cancel_after") and (action == "cancel_after") != (
            s.status == "closed"
        ):
            return False  # one key (s): the footer names it once the meeting is closed
        if action == "correct":  # whatever the correction: the form chooses it
            entry = self._selected()
            fixable = entry is not None and correction_refusal(s, entry) is None
            return True if fixable else None
        return super().check_action(action, parameters)

    def _selected(self) -> int | None:
        try:
            return self.query_one(ReviewList).entry_id
        except Exception:  # asked before the list exists
            return None

    def action_back(self) -> None:
        self.meeting.show_view("live")

    def action_responsible(self) -> None:
        lang, state = self.lang, self.state
        plan = state.plan
        name = fmt.individual_name(plan)
        if refusal(state, c.SetMainResponsible) is not None:  # live only when no agency is
            self.notify(t("tui.responsible.none", lang), severity="warning", timeout=8)
            return
        choices = tuple(
            (p.key, p.label())
            for p in plan.parties
            if allows(state, c.SetMainResponsible(p.key))  # an agency: not the person, not kin
        )
        current = self.state.main_responsible
        yes_no = (
            ("no", t("tui.field.asked_no", lang)),
            ("yes", t("tui.field.asked_yes", lang, name=name)),
        )
        self._form(
            t("tui.responsible.title", lang),
            [
                Field(
                    "party",
                    t("tui.field.party", lang),
                    current.party if current else choices[0][0],
                    choices,
                ),
                Field(
                    "person",
                    t("tui.field.person", lang),
                    current.person if current else "",
                    placeholder=t("tui.field.person_hint", lang),
                    limit=limits.FIELDS["person"],
                ),
                Field(
                    "asked",
                    t("tui.field.asked", lang),
                    "yes" if current and current.asked_individual else "no",
                    yes_no,
                ),
            ],
            lambda v: c.SetMainResponsible(v["party"], v["person"], v["asked"] == "yes"),
            t("tui.closing.ask_individual", lang, name=name),
        )

    def action_follow_up(self) -> None:
        lang = self.lang
        plan = self.state.plan
        # A team session's next sitting is the next teammöte, not a follow-up of one plan.
        title = t("tui.team.next_session" if plan.is_team_session else "tui.follow_up.title", lang)
        current = self.state.follow_up
        start = fmt.local_start(plan)

        def build(v: dict[str, str]) -> c.Command:
            day = parse_due(v["date"], local_today(self), lang)
            if day is None:
                raise FormError(t("tui.error.date_needed", lang))
            at = parse_clock(v["time"], lang)
            try:
                minutes = parse_duration_min(v["minutes"])  # 60, 90 min, 1h30 …
            except DateParseError as err:
                raise FormError(err.message(lang)) from None
            try:
                start = combine_local(day, at, STOCKHOLM)  # not in a DST gap or fold
            except DateParseError as err:
                raise FormError(err.message(lang)) from None
            # A move keeps who convenes, unless the form asks (where the type names one).
            convener = v.get("convener", current.convener if current else "")
            return c.SetFollowUp(start, minutes, v["place"], convener, link=v["link"])

        when = fmt.local_start_of(current.start) if current and not current.cancelled else None
        link = plan.video_link if current is None or current.link is None else current.link
        closed = self.state.status == "closed"
        dialog = localize(FormDialog, lang)(
            title,
            [
                Field(
                    "date",
                    t("tui.field.date", lang),
                    when.date().isoformat() if when else "",
                    placeholder=t("tui.field.due_hint", lang),
                ),
                Field("time", t("tui.field.time", lang), f"{(when or start):%H:%M}"),
                Field(
                    "minutes",
                    t("tui.field.minutes", lang),
                    str(current.duration_min if current else plan.duration_min),
                ),
                Field(
                    "place",
                    t("tui.field.place", lang),
                    current.place if current else plan.place,
                    limit=limits.FIELDS["place"],
                ),
                Field(
                    "link",
                    t("tui.field.video_link", lang),
                    link,
                    placeholder=t("tui.field.video_link_hint", lang),
                    limit=limits.FIELDS["invite_link"],
                ),
                *self._convener_field(),
            ],
            build,
            t("tui.follow_up.after_closing", lang) if closed else "",
        )

        def moved(done: bool | None) -> None:
            if done and closed:  # the minutes and invites written before now say otherwise
                self.notify(t("tui.follow_up.send_again", lang), timeout=8)

        self.meeting.open_dialog(dialog, moved)

    def action_cancel_follow_up(self) -> None:
        """Call the follow-up off, after one question: the parties get a cancellation."""
        lang = self.lang
        fu = self.state.follow_up
        if fu is None:
            return
        when = fmt.local_start_of(fu.start)
        ask = localize(ConfirmDialog, lang)(
            t("tui.cancel_follow_up.title", lang),
            t("tui.cancel_follow_up.body", lang, when=f"{when:%Y-%m-%d %H:%M}"),
        )
        self.meeting.open_dialog(ask, lambda yes: self._cancel_follow_up() if yes else None)

    def action_cancel_after(self) -> None:
        """s once the meeting is closed: the same cancellation, named in the footer."""
        self.action_cancel_follow_up()

    def _cancel_follow_up(self) -> None:
        if self.meeting.apply(c.CancelFollowUp()) is None and self.state.status == "closed":
            self.notify(t("tui.follow_up.send_cancel", self.lang), timeout=8)

    def action_close_plan(self) -> None:
        """End the plan (SIP avslutad) with a reason: no follow-up is expected then."""
        lang = self.lang
        self._form(
            t("tui.close_plan.title", lang),
            [Field("reason", t("tui.field.plan_reason", lang), limit=limits.FIELDS["reason"])],
            lambda v: c.ClosePlan(v["reason"]),
            t("tui.close_plan.intro", lang),
        )

    def _convener_field(self) -> list[Field]:
        """Who convenes: the chair or an agency here; the meeting type's by default.

        Asked only where the meeting type names a party to convene (FK, for an
        avstämningsmöte): where the chair convenes, the form stays as short as it was.
        """
        lang, plan, current = self.lang, self.state.plan, self.state.follow_up
        if plan.is_team_session or not plan.convener_key():
            return []  # a team's next session is the team's own
        agencies = tuple((p.key, p.label()) for p in plan.parties if p.is_professional)
        if not agencies:
            return []
        chosen = (current.convener if current else "") or plan.convener_key()
        chair = (("", t("tui.convener.chair", lang, name=plan.chair.name)),)
        return [Field("convener", t("tui.field.convener", lang), chosen, chair + agencies)]

    def action_next_session(self) -> None:
        """The next team session: the follow-up form, named for a team."""
        self.action_follow_up()

    def action_feedback(self) -> None:
        lang = self.lang
        name = who_feels(self.state.plan, lang)
        self._form(
            t("tui.feedback.title", lang, name=name),
            [
                Field(
                    "text",
                    t("tui.field.feedback", lang),
                    limit=limits.FIELDS["feedback"],
                    multiline=True,
                )
            ],
            lambda v: c.GiveFeedback(v["text"]),
            t("tui.feedback.intro", lang, name=name),
        )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_keys()  # correct and retract act on the entry under the cursor

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a line of the review list: correct it."""
        if isinstance(event.option_list, ReviewList):
            event.stop()
            self.action_correct()

    def action_correct(self) -> None:
        entry_id = self._selected()
        if entry_id is None or self.state.status == "closed":
            return
        for entry in all_entries(self.state):
            if entry.id == entry_id:
                self.correct(entry)
                return

    def action_retract(self) -> None:
        entry = self.query_one(ReviewList).entry_id
        if entry is None:
            return
        lang = self.lang
        self._form(
            t("tui.retract.title", lang),
            [Field("reason", t("tui.field.retract_reason", lang), limit=limits.FIELDS["reason"])],
            lambda v: c.Retract(entry, v["reason"]),
            t("tui.retract.intro", lang),
        )

    def action_close(self) -> None:
        """Close for good, after one question: nothing can be added once it is closed."""
        lang = self.lang
        ask = localize(ConfirmDialog, lang)(t("tui.close.title", lang), t("tui.close.body", lang))
        self.meeting.open_dialog(ask, lambda yes: self._close() if yes else None)

    def _close(self) -> None:
        lang = self.lang
        refusal = self.meeting.apply(c.CloseMeeting(), quiet=True)
        if refusal is None:
            self._offer_export()
            return
        dialog = localize(FormDialog, lang)(
            t("tui.close.reason_title", lang),
            [Field("reason", t("tui.field.reason", lang), limit=limits.FIELDS["reason"])],
            lambda v: c.CloseMeeting(v["reason"]),
            refusal,
        )
        self.meeting.open_dialog(dialog, lambda done: self._offer_export() if done else None)

    def _offer_export(self) -> None:
        lang = self.lang
        ask = localize(ConfirmDialog, lang)(t("tui.export.title", lang), t("tui.export.body", lang))
        self.meeting.open_dialog(ask, lambda yes: self.action_export() if yes else None)

    def action_export(self) -> None:
        """The invites are shown (and approved) first; see `dialogs.invites`."""
        from starmote.tui.dialogs.invites import preview_then_export

        preview_then_export(self.meeting, self.lang)

    def action_export_other(self) -> None:
        """The same export, its documents in the other language than the case file's."""
        from starmote.documents.fmt import lang_of
        from starmote.tui.dialogs.invites import preview_then_export

        other = "en" if lang_of(self.state, None) == "sv" else "sv"
        preview_then_export(self.meeting, self.lang, other)
