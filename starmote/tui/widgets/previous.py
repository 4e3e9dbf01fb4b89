"""The follow-up's panel: the previous plan's items, whose they are, and what became of them."""

from __future__ import annotations

from textual.markup import escape

from starmote.engine.review import ReviewItem, review_items, review_of, unanswered_parked
from starmote.engine.state import MeetingState
from starmote.i18n import t
from starmote.plan.model import PreviousAction, PreviousParked
from starmote.tui import fmt
from starmote.tui.widgets.base import StateView


def items_now(state: MeetingState) -> list[ReviewItem]:
    """The items the chair reviews now: a team session's of the case taken up, else all."""
    items = review_items(state.plan)
    if state.plan.is_team_session:
        return [i for i in items if i.case == state.current_case]
    return items


def owner_short(state: MeetingState, item: ReviewItem) -> str:
    """Whose the item is, short: the party as this meeting names it, else the name copied."""
    row = item.item
    if isinstance(row, PreviousAction):
        key, name = row.owner, row.owner_name
    elif isinstance(row, PreviousParked):
        key, name = row.for_party, row.for_name
    else:
        return t(f"minutes.goals.{row.horizon}", state.lang)
    return fmt.party_short(state.plan, key) if state.plan.has_party(key) else name or key


def status_word(state: MeetingState, item: ReviewItem, lang: str) -> str:
    """The item's status now ("inte följd upp" until reviewed)."""
    review = review_of(state, item.kind, item.index)
    return t(f"review.status.{review.status if review else 'none'}", lang)


class PreviousPanel(StateView):
    """A follow-up only: a line per item; first the questions parked for whoever has the word."""

    DEFAULT_CSS = """
    PreviousPanel { height: auto; max-height: 9; padding: 0 1; border-top: hkey $panel; }
    """

    def show_state(self, state: MeetingState, t_now: float) -> None:
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
        for item in items:
            reviewed = review_of(state, item.kind, item.index) is not None
            mark = "[$text-success]✔[/]" if reviewed else "☐"
            who = owner_short(state, item)
            body = escape(f"{item.text} · {who} · {status_word(state, item, lang)}")
            lines.append(f"{mark} {body}" if reviewed else f"{mark} [dim]{body}[/]")
        self.put("\n".join(lines))
