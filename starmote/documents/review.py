"""The follow-up's "Uppföljning av föregående plan": each item, whose it is, what became of it."""

from __future__ import annotations

from starmote.documents.fmt import clean, fmt_date, party_label
from starmote.documents.model import Block, Heading, Items, Para, Table
from starmote.engine.review import ReviewItem, review_items, review_of
from starmote.engine.state import MeetingState
from starmote.i18n import t
from starmote.plan.model import MeetingPlan, PreviousAction, PreviousGoal


def owner_label(plan: MeetingPlan, item: ReviewItem, lang: str) -> str:
    """Whose the item is: the party as this meeting names it, else as the last one did.

    An owner may not be called to the follow-up (or the chair may have changed), so the
    name copied from the previous meeting is kept for them.
    """
    if item.owner is None:
        return ""
    key, name = item.owner
    if plan.has_party(key):
        return party_label(plan, key, lang)
    return name or key


def status_text(state: MeetingState, item: ReviewItem, lang: str) -> tuple[str, str]:
    """(status, comment) of an item as the documents write them: "inte följd upp" if none."""
    review = review_of(state, item.kind, item.index)
    if review is None:
        return t("review.status.none", lang), ""
    return t(f"review.status.{review.status}", lang), review.comment


def _rows(state: MeetingState, items: list[ReviewItem], lang: str) -> tuple[tuple[str, ...], ...]:
    rows = []
    for n, item in enumerate(items, 1):
        status, comment = status_text(state, item, lang)
        row = item.item
        if isinstance(row, PreviousGoal):
            second = t(f"minutes.goals.{row.horizon}", lang)
        else:
            second = owner_label(state.plan, item, lang)
        if isinstance(row, PreviousAction) and row.due is not None:
            second += f" ({t('review.due', lang, date=fmt_date(row.due, lang))})"
        rows.append((str(n), clean(item.text), clean(second), status, clean(comment)))
    return tuple(rows)


def review_section(state: MeetingState, lang: str, case: str | None = None) -> list[Block]:
    """The minutes' section on the previous plan; nothing when the meeting is no follow-up.

    Args:
        state: The follow-up meeting.
        lang: The document's language.
        case: Only this case's items (a team case's own minutes); every item when None.

    Returns:
        A heading, where the plan came from, and one table each for the insatser, the
        goals and the parked questions it has; an item not reviewed says so.
    """
    previous = state.plan.previous
    items = [i for i in review_items(state.plan) if case is None or i.case == case]
    if previous is None or not items:
        return []
    blocks: list[Block] = [
        Heading(t("review.heading", lang)),
        Para(t("review.from", lang, date=fmt_date(previous.date, lang)), note=True),
    ]
    for kind in ("action", "goal", "parked"):
        of_kind = [i for i in items if i.kind == kind]
        if not of_kind:
            continue
        header = tuple(t(f"review.col.{k}", lang) for k in ("no", kind, f"{kind}_who"))
        header += (t("review.col.status", lang), t("review.col.comment", lang))
        blocks.append(Heading(t(f"review.kind.{kind}", lang), 3))
        blocks.append(Table(header, _rows(state, of_kind, lang), right=(0,)))
    return blocks


def plain_review(state: MeetingState, lang: str, case: str | None = None) -> list[Block]:
    """The plain copy's "Since last time": each insats and goal and how it went, in plain words.

    Args:
        state: The follow-up meeting.
        lang: The copy's language.
        case: Only this case's items (a team case's person's copy).

    Returns:
        Nothing when there is no previous plan with insatser or goals.
    """
    items = [
        i for i in review_items(state.plan, ("action", "goal")) if case is None or i.case == case
    ]
    if not items:
        return []
    lines = []
    for item in items:
        review = review_of(state, item.kind, item.index)
        status = review.status if review is not None else "none"
        said = t(f"plain.review.{status}", lang)
        comment = f" {review.comment.strip().rstrip('.')}." if review and review.comment else ""
        lines.append(clean(f"{item.text.strip().rstrip('.')}: {said}{comment}"))
    return [Heading(t("plain.review.heading", lang)), Items(tuple(lines))]
