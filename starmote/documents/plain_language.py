"""The plain-language summary for the person the meeting was about: what next, who to call."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from starmote.documents.fmt import (
    clean,
    fmt_date,
    fmt_time,
    held_on,
    lang_of,
    party_label,
    stamp_text,
)
from starmote.documents.model import Block, Document, Fields, Heading, Items, Para, StampLine
from starmote.documents.render_html import render_html
from starmote.documents.render_md import render_markdown
from starmote.engine.state import MeetingState
from starmote.i18n import t


def _next_steps(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    rows = []
    for action in state.actions:
        line = t(
            "plain.action", lang, who=party_label(plan, action.owner), what=action.what.rstrip(". ")
        )
        if action.due:
            line += " " + t("plain.action_due", lang, date=fmt_date(action.due, lang))
        if action.how_often:
            line += " " + t("plain.action_often", lang, often=action.how_often)
        rows.append(clean(line))
    body: Block = Items(tuple(rows)) if rows else Para(t("plain.no_actions", lang))
    return [Heading(t("plain.next_steps", lang)), body]


def _next_meeting(state: MeetingState, lang: str) -> list[Block]:
    fu = state.follow_up
    if fu is None:
        text = t("plain.no_meeting", lang)
    elif fu.cancelled:
        text = t("plain.meeting_cancelled", lang)
    else:
        text = t(
            "plain.meeting",
            lang,
            date=fmt_date(fu.start, lang, "full"),
            time=fmt_time(fu.start, lang),
        )
        if fu.place:
            text += " " + t("plain.meeting_place", lang, place=fu.place)
    return [Heading(t("plain.next_meeting", lang)), Para(clean(text))]


def _who_to_call(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    mr = state.main_responsible
    blocks: list[Block] = [Heading(t("plain.contact", lang))]
    if mr is not None:
        party = plan.party(mr.party)
        person = mr.person or party.person
        key = "plain.main_responsible" if person else "plain.main_responsible_org"
        blocks.append(Para(clean(t(key, lang, person=person, org=party.organisation))))
        blocks.append(Para(t("plain.main_responsible_role", lang)))
        rows = [(t("plain.name", lang), person), (t("plain.org", lang), party.organisation)]
        if party.email:
            rows.append((t("plain.email", lang), party.email))
    else:
        blocks.append(Para(t("plain.ask_chair", lang)))
        rows = [
            (t("plain.name", lang), plan.chair.name),
            (t("plain.org", lang), plan.chair.organisation),
        ]
        if plan.chair.email:
            rows.append((t("plain.email", lang), plan.chair.email))
    blocks.append(Fields(tuple((k, clean(v)) for k, v in rows if v)))
    return blocks


def _of_case(state: MeetingState, case: str) -> MeetingState:
    """Only what was agreed in `case`: the copy goes to that one person."""
    return replace(
        state,
        goals=tuple(g for g in state.goals if g.case == case),
        actions=tuple(a for a in state.actions if a.case == case),
        decisions=tuple(d for d in state.decisions if d.case == case),
        main_responsible=None,
        follow_up=None,
    )


def build_plain(
    state: MeetingState, stamp: datetime, lang: str | None = None, case: str | None = None
) -> Document:
    """A short, plain-language summary for the person the case is about.

    Short sentences only: what was decided, what happens next and when, when
    the next meeting is, and whom to contact (the huvudansvarig).

    Args:
        state: The meeting as folded from its journal.
        stamp: Export time (aware).
        lang: "sv" or "en"; the meeting's language by default.
        case: In a team session, the one case (whose person attended) the copy is for;
            it holds nothing of the other cases, and no next meeting (the team's is not theirs).

    Returns:
        The document, ready for `render_markdown` or `render_html`.
    """
    lang = lang_of(state, lang)
    team = case is not None and bool(state.plan.team_cases)
    if team:
        state = _of_case(state, case or "")
    day = fmt_date(held_on(state), lang)
    blocks: list[Block] = [
        Para(t("plain.intro", lang, date=day)),
        Para(t("plain.intro2", lang)),
    ]
    if state.decisions:
        blocks += [
            Heading(t("plain.decided", lang)),
            Items(tuple(clean(d.text) for d in state.decisions)),
        ]
    goals = tuple(clean(g.text) for g in state.goals)
    if goals:
        blocks += [Heading(t("plain.goals", lang)), Items(goals)]
    blocks += _next_steps(state, lang)
    if team:
        blocks += [Heading(t("plain.next_meeting", lang)), Para(t("plain.team_next", lang))]
    else:
        blocks += _next_meeting(state, lang)
    blocks += _who_to_call(state, lang)
    blocks.append(StampLine(stamp_text(stamp, lang)))
    return Document(t("plain.title", lang, date=day), lang, tuple(blocks))


def plain_markdown(state: MeetingState, stamp: datetime, lang: str | None = None) -> str:
    """The plain-language summary as Markdown."""
    return render_markdown(build_plain(state, stamp, lang))


def plain_html(state: MeetingState, stamp: datetime, lang: str | None = None) -> str:
    """The plain-language summary as a printable HTML page."""
    return render_html(build_plain(state, stamp, lang))
