"""The follow-up's panel: the previous plan's items, whose they are, and what became of them."""

from __future__ import annotations

from textual.content import Content
from textual.markup import escape

from starmote.engine.review import ReviewItem, review_items, review_of, unanswered_parked
from starmote.engine.state import MeetingState
from starmote.i18n import t
from starmote.plan.model import PreviousGoal
from starmote.tui import fmt
from starmote.tui.widgets.base import StateView


def items_now(state: MeetingState) -> list[ReviewItem]:
    """The items the chair reviews now: a team session's of the case taken up, else all."""
    items = review_items(state.plan)
    if state.plan.is_team_session:
        return [i for i in items if i.case == state.current_case]
    return items


def owner_short(state: MeetingState, item: ReviewItem, lang: str) -> str:
    """Whose the item is, short: the party as this meeting names it, else the name copied."""
    if isinstance(item.item, PreviousGoal):  # its horizon stands where an owner would
        return t(f"minutes.goals.{item.item.horizon}", lang)
    key, name = item.owner or ("", "")
    return fmt.party_short(state.plan, key) if state.plan.has_party(key) else name or key


def status_word(state: MeetingState, item: ReviewItem, lang: str) -> str:
    """The item's status now ("inte följd upp" until reviewed)."""
    review = review_of(state, item.kind, item.index)
    return t(f"review.status.{review.status if review else 'none'}", lang)


class PreviousPanel(StateView):
    """A follow-up only: a line per item; first the questions parked for whoever has the word."""

    DEFAULT_CSS = """
    PreviousPanel { height: auto; max-height: 8; padding: 0 1; border-top: hkey $panel; }
    """
    SHOWN = 5
    """Item lines at most: the live screen must keep the speaker and the checklist at 80x24."""

    def show_state(self, state: MeetingState, t_now: float) -> None:
        self._last = (state, t_now)
        lang = self.lang
        previous = state.plan.previous
        items = items_now(state)
        if previous is None or not items:
            self.display = False
            return
        self.display = True
        done = sum(1 for i in items if review_of(state, i.kind, i.index) is not None)
        title = t(
            "tui.review.panel",
            lang,
            date=previous.date.isoformat(),
            done=done,
            total=len(items),
        )
        lines = [f"[b]{escape(title)}[/b]"]
        speaker = state.turn.party if state.turn else None
        for item in unanswered_parked(state, speaker) if speaker else []:
            line = t(
                "tui.review.parked_line",
                lang,
                party=fmt.party_short(state.plan, speaker or ""),
                question=item.text,
            )
            lines.append(f"[b $text-warning]? {escape(line)}[/]")
        width = max(10, self.content_region.width - 2)
        # What is still to review first; the rest is in the pick (u) with its status.
        ordered = sorted(items, key=lambda i: review_of(state, i.kind, i.index) is not None)
        for item in ordered[: self.SHOWN]:
            reviewed = review_of(state, item.kind, item.index) is not None
            mark = "[$text-success]✔[/]" if reviewed else "☐"
            status = status_word(state, item, lang)
            body = Content(f"{item.text} · {owner_short(state, item, lang)}")
            if body.cell_length > width - len(status) - 2:
                body = body.truncate(max(1, width - len(status) - 3)).append("…")
            lines.append(f"{mark} [b]{escape(status)}[/b] {escape(body.plain)}")
        if len(ordered) > self.SHOWN:
            lines.append(f"  [dim]… +{len(ordered) - self.SHOWN}[/]")
        self.put("\n".join(lines))

    def on_resize(self) -> None:
        # Each line is cut to the width, known only after layout.
        last = getattr(self, "_last", None)
        if last is not None:
            self.show_state(*last)
