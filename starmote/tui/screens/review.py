"""A follow-up's review of the previous plan on the live screen: the u key, the parked notice."""

from __future__ import annotations

from typing import Any

from starmote.engine import commands as c
from starmote.engine.allowed import allows
from starmote.engine.review import (
    ReviewItem,
    review_of,
    review_phase,
    statuses_for,
    unanswered_parked,
)
from starmote.engine.state import MeetingState
from starmote.i18n import t
from starmote.plan import limits
from starmote.tui import fmt
from starmote.tui.dialogs.form import Field, FormDialog
from starmote.tui.dialogs.pick import PickDialog
from starmote.tui.keys import localize
from starmote.tui.widgets.previous import items_now, owner_short, status_word


class ReviewActions:
    """Mixed into the live screen: the previous plan's items get a status and a comment."""

    LANG = "sv"

    def parked_notice(self, state: MeetingState) -> None:
        """When the word passes to a party, the questions parked for it last time come up."""
        speaker = state.turn.party if state.turn else None
        if speaker == getattr(self, "_notice_for", None):
            return
        self._notice_for = speaker
        questions = unanswered_parked(state, speaker) if speaker else []
        if questions:
            party = fmt.party_short(state.plan, speaker or "")
            text = "\n".join(q.text for q in questions)
            message = t("tui.review.parked_notice", self.LANG, party=party, question=text)
            screen: Any = self
            screen.notify(message, timeout=15)

    def review_reminder(self, state: MeetingState) -> None:
        """Leaving Aktuell situation with items not reviewed: say how many, and the key."""
        was = getattr(self, "_reminder_phase", state.phase)
        self._reminder_phase = state.phase
        if state.plan.is_team_session or state.phase == was or was != review_phase(state.plan):
            return
        left = [i for i in items_now(state) if review_of(state, i.kind, i.index) is None]
        if left:
            screen: Any = self
            message = t("tui.review.left", self.LANG, n=len(left))
            screen.notify(message, severity="warning", timeout=10)

    def action_review(self) -> None:
        """The previous plan: pick an item (a digit), then its status and a comment."""
        screen: Any = self
        lang, state = self.LANG, screen.state
        options = [
            (
                item,
                " – ".join(
                    (item.text, owner_short(state, item, lang), status_word(state, item, lang))
                ),
                allows(state, c.ReviewPrevious(item.kind, item.index, "")),
            )
            for item in items_now(state)
        ]

        def chose(item: ReviewItem | None) -> None:
            if item is not None:
                self._review_form(item)

        pick = localize(PickDialog, lang)(t("tui.review.pick_title", lang), options)
        screen.meeting.open_dialog(pick, chose)

    def _review_form(self, item: ReviewItem) -> None:
        screen: Any = self
        lang = self.LANG
        review = review_of(screen.state, item.kind, item.index)
        statuses = statuses_for(item.kind)
        choices = tuple((s, t(f"review.status.{s}", lang)) for s in statuses)
        fields = [
            Field(
                "status",
                t("tui.field.review_status", lang),
                review.status if review else statuses[0],
                choices,
            ),
            Field(
                "comment",
                t("tui.field.review_comment", lang),
                review.comment if review else "",
                limit=limits.FIELDS["review_comment"],
                placeholder=t("tui.field.review_comment_hint", lang),
            ),
        ]
        intro = f"{item.text} – {owner_short(screen.state, item, lang)}"

        def build(values: dict[str, str]) -> c.Command:
            return c.ReviewPrevious(item.kind, item.index, values["status"], values["comment"])

        dialog = localize(FormDialog, lang)(t("tui.review.form_title", lang), fields, build, intro)
        screen.meeting.open_dialog(dialog)
