"""The plain-language copy (lättläst) for the person the meeting was about: what next, who to call.

Written to the person as "du", in short sentences, one insats a sentence saying who does
what by when; a relative is named by relation ("din mamma"), "insats" is explained, and
agency jargon (abbreviations, "huvudansvarig") is spelt out or left out. What was only
proposed is never told as settled. `lix` measures it: the copy stays at 30 or below.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from starmote.documents.fmt import (
    clean,
    fmt_date,
    fmt_time,
    held_on,
    lang_of,
    stamp_text,
)
from starmote.documents.minutes import document, draft_note, draft_title, own_task
from starmote.documents.model import Block, Document, Heading, Items, Para, StampLine
from starmote.documents.render_html import render_html
from starmote.documents.render_md import render_markdown
from starmote.documents.review import plain_review
from starmote.engine.state import CHAIR, NOTE_TAKER, Action, MeetingState
from starmote.i18n import t
from starmote.plan.model import MeetingPlan

PLAIN_PT = 13.0
"""The printed size of the copy: easy-to-read text is set at 12 pt or more."""

# Agency abbreviations a unit name may carry, spelt out (the copy uses no jargon).
_SPELT_OUT = {
    "sv": {
        "AME": "arbetsmarknadsenheten",
        "AF": "Arbetsförmedlingen",
        "FK": "Försäkringskassan",
        "IFO": "socialtjänsten",
        "EKB": "socialtjänsten",
        "VC": "vårdcentralen",
        "HC": "hälsocentralen",
        "PSM": "psykosociala mottagningen",
        "VUP": "vuxenpsykiatrin",
        "BUP": "barn- och ungdomspsykiatrin",
        "LSS": "LSS-handläggaren",
    },
    "en": {
        "AME": "the employment unit",
        "AF": "the Public Employment Service",
        "FK": "the Social Insurance Agency",
        "IFO": "social services",
        "VC": "the health centre",
        "HC": "the health centre",
    },
}

# Swedish infinitives that do not end in -a ("gå till", "se över", "ge stöd").
_SHORT_VERBS = frozenset(
    ("bo", "bli", "dö", "få", "ge", "gå", "ha", "le", "nå", "se", "slå", "stå", "ta", "tro", "må")
)


def _lower_first(text: str) -> str:
    """The insats as typed, to stand mid-sentence: "Stöd och matchning" -> "stöd och
    matchning"; an abbreviation ("IPS-stöd") keeps its capitals; no full stop at the end."""
    text = " ".join(text.split()).rstrip(".!")
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _is_verb_phrase(what: str) -> bool:
    """Whether an insats reads as a thing to do ("Ansöka om…"), not a thing ("Boendestöd")."""
    first = what.strip().split(" ", 1)[0].casefold().strip(".,:;")
    return first in _SHORT_VERBS or (len(first) > 2 and first.endswith("a") and " " in what.strip())


def _unit(organisation: str, lang: str) -> str:
    """The part of an organisation a person knows ("Exempelby kommun, AME": the AME, spelt out)."""
    head, _, unit = organisation.partition(",")
    name = (unit or head).strip()
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()  # "(Vuxenenheten)"
    spelt = _SPELT_OUT.get(lang, {})
    return spelt.get(name.upper(), name) if name.isupper() else name


def who(plan: MeetingPlan, key: str, lang: str) -> str:
    """How the copy names who does something, mid-sentence: "du", "din mamma",
    "Tove Ström på arbetsmarknadsenheten", "Maria Ek som ledde mötet"."""
    if key == CHAIR:
        return t("plain.who.chair", lang, name=plan.chair.name)
    if key == NOTE_TAKER:
        return plan.note_taker.name if plan.note_taker else t("plain.who.chair_unnamed", lang)
    if not plan.has_party(key):
        return key
    party = plan.party(key)
    if party.is_individual:
        return t("plain.who.you", lang)
    if party.kind == "god_man":
        return t("plain.who.god_man", lang, name=party.person).strip()
    if not party.is_professional:
        # A relative by relation, as the case names it ("mamma"); else by name.
        relation = party.role.strip().lower()
        if relation:
            return t("plain.who.relative", lang, relation=relation)
        return party.person or party.organisation
    unit = _unit(party.organisation, lang)
    if party.person and unit:
        return t("plain.who.agency", lang, person=party.person, unit=unit)
    return party.person or unit


def _sentence(plan: MeetingPlan, action: Action, lang: str) -> str:
    """One insats as one sentence: who does what, by when (how often as a second one)."""
    subject = who(plan, action.owner, lang)
    what = _lower_first(action.what)
    verb = lang == "sv" and _is_verb_phrase(action.what)
    if action.proposed:
        key = "plain.proposed_do" if verb else "plain.proposed"
    elif own_task(plan, action.owner):
        key = "plain.own_do" if verb else "plain.own"
    else:
        key = "plain.does_do" if verb else "plain.does"
    due = " " + t("plain.by", lang, date=fmt_date(action.due, lang)) if action.due else ""
    line = t(key, lang, who=subject, what=what, due=due)
    line = _upper_first(line)
    if action.how_often:
        line += " " + t("plain.often", lang, often=action.how_often.strip().rstrip("."))
    return clean(line)


def _actions(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    own = [a for a in state.actions if not a.proposed and own_task(plan, a.owner)]
    theirs = [a for a in state.actions if not a.proposed and not own_task(plan, a.owner)]
    proposed = [a for a in state.actions if a.proposed]
    blocks: list[Block] = []
    if own:
        blocks += [
            Heading(t("plain.own_heading", lang)),
            Items(tuple(_sentence(plan, a, lang) for a in own)),
        ]
    blocks += [Heading(t("plain.next_steps", lang)), Para(t("plain.insats", lang))]
    if theirs:
        blocks.append(Items(tuple(_sentence(plan, a, lang) for a in theirs)))
    else:
        blocks.append(Para(t("plain.no_actions", lang)))
    if proposed:
        blocks += [
            Heading(t("plain.proposed_heading", lang)),
            Para(t("plain.proposed_intro", lang)),
            Items(tuple(_sentence(plan, a, lang) for a in proposed)),
        ]
    return blocks


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
            text += " " + t("plain.meeting_place", lang, place=fu.place.strip().rstrip("."))
        key = fu.convener or state.plan.convener_key()
        if key:  # someone other than the chair calls the meeting (FK, for an avstämningsmöte)
            party = state.plan.party(key)
            who = _unit(party.organisation, lang) or party.person
            text += " " + _upper_first(t("plain.convener", lang, who=who))
    return [Heading(t("plain.next_meeting", lang)), Para(clean(text))]


def _who_to_call(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    mr = state.main_responsible
    blocks: list[Block] = [Heading(t("plain.contact", lang))]
    if mr is not None:
        party = plan.party(mr.party)
        person = mr.person or party.person
        unit = _unit(party.organisation, lang)
        name = t("plain.who.agency", lang, person=person, unit=unit) if person else unit
        blocks.append(Para(clean(_upper_first(t("plain.main_responsible", lang, who=name)))))
        blocks.append(Para(t("plain.main_responsible_role", lang)))
        email = party.email
    else:
        blocks.append(Para(clean(t("plain.ask_chair", lang, name=plan.chair.name))))
        email = plan.chair.email
    if email:
        blocks.append(Para(clean(t("plain.email_to", lang, email=email))))
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

    Short sentences only: what was decided, what they and their family do, what the
    agencies do and by when, what is only proposed, when the next meeting is, and whom
    to contact and how.

    Args:
        state: The meeting as folded from its journal.
        stamp: Export time (aware).
        lang: "sv" or "en" asked for explicitly; the case file's language by default.
        case: In a team session, the one case (whose person attended) the copy is for;
            it holds nothing of the other cases, and no next meeting (the team's is not theirs).

    Returns:
        The document, ready for `render_markdown` or `render_html` (printed at 13 pt).
    """
    lang = lang_of(state, lang)
    team = case is not None and bool(state.plan.team_cases)
    if team:
        state = _of_case(state, case or "")
    day = fmt_date(held_on(state), lang)
    blocks: list[Block] = [
        *draft_note(state, lang),
        Para(t("plain.intro", lang, date=day)),
        Para(t("plain.intro2", lang)),
    ]
    if state.decisions:
        # The meeting type's own word where it has one ("Överenskommelser": nobody decided).
        word = state.plan.decisions_label(lang)
        blocks += [
            Heading(word or t("plain.decided", lang)),
            Items(tuple(clean(d.text) for d in state.decisions)),
        ]
    blocks += plain_review(state, lang, case if team else None)
    goals = tuple(clean(g.text) for g in state.goals)
    if goals:
        blocks += [Heading(t("plain.goals", lang)), Items(goals)]
    for section in state.plan.sections:  # the meeting type's own (Plan för återgång …)
        rows = tuple(clean(n.text) for n in state.notes if n.section == section.key)
        if rows:
            blocks += [Heading(section.title(lang)), Items(rows)]
    blocks += _actions(state, lang)
    if team:
        blocks += [Heading(t("plain.next_meeting", lang)), Para(t("plain.team_next", lang))]
    else:
        blocks += _next_meeting(state, lang)
    blocks += _who_to_call(state, lang)
    blocks.append(StampLine(stamp_text(stamp, lang)))
    title = draft_title(state, t("plain.title", lang, date=day), lang)
    code = case if team else None  # a team case's copy names that case on every page
    return document(state, title, lang, tuple(blocks), t("doc.plain", lang), PLAIN_PT, code)


def plain_markdown(state: MeetingState, stamp: datetime, lang: str | None = None) -> str:
    """The plain-language summary as Markdown."""
    return render_markdown(build_plain(state, stamp, lang))


def plain_html(state: MeetingState, stamp: datetime, lang: str | None = None) -> str:
    """The plain-language summary as a printable HTML page."""
    return render_html(build_plain(state, stamp, lang))


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")


def lix(text: str) -> float:
    """LIX, the Swedish readability index: words per sentence + the percentage of long words.

    A long word has more than six letters. A sentence ends at ".", "!", "?" or ":", and so
    does a heading or a list item (each line of its own). 30 or below reads as easy
    Swedish; 40 as ordinary newspaper text.

    Args:
        text: Plain text (Markdown markup is ignored as punctuation).

    Returns:
        The index; 0.0 for text without words.
    """
    words = 0
    long_words = 0
    sentences = 0
    for line in text.splitlines():
        found = _WORD.findall(line)
        if not found:
            continue
        words += len(found)
        long_words += sum(1 for w in found if len(w.replace("-", "")) > 6)
        sentences += len(_SENTENCE_END.findall(line))
        # A line that ends without a full stop (a heading, a list item) is one too.
        if not line.rstrip(" *_").endswith((".", "!", "?", ":")):
            sentences += 1
    if not words:
        return 0.0
    return words / max(1, sentences) + 100 * long_words / words
