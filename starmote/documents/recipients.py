"""Minutes per recipient: what the consent keeps from a party is left out of its copy.

The person's samtycke may keep a kind of information (hälsa, ekonomi, …) from one
party, and the chair marks the entries of that kind as they are written (one key in the
form). A party with such an exclusion gets a copy whose marked entries are left out,
saying only that parts were left out under the consent: not what, nor which category
(the consent's own exclusions and "not shared" wishes are left out of it too, since they
name it). Every other party gets the full minutes under its own name, so the chair sends
each party its file without having to think about which one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from starmote.documents.fmt import clean, party_label
from starmote.documents.minutes import build_minutes
from starmote.documents.model import Document, Para
from starmote.documents.team import build_case_minutes
from starmote.documents.warning_words import case_names
from starmote.engine.state import MeetingState, PreviousReview
from starmote.i18n import t
from starmote.plan.model import Consent, MeetingPlan, Party, TeamCase
from starmote.privacy import name_hits

_FOR = {"sv": "till", "en": "for"}
"""The word between the minutes' name and the recipient's key in a copy's file name."""


def recipients(plan: MeetingPlan, consent: Consent, case: str | None = None) -> tuple[Party, ...]:
    """Who gets a copy of the minutes (of one team case): the parties the consent covers.

    A consent that names its parties (`scope`) covers only those: no copy is made for
    another. The person is given the minutes as a whole (and a plain-language copy); in a
    team session a person attending their own case is no recipient of another's.
    """
    return tuple(
        p
        for p in plan.parties
        if not p.is_individual
        and (not p.case or p.case == case)
        and (not consent.scope or p.key in consent.scope)
    )


def _without(
    state: MeetingState, case: TeamCase | None, categories: tuple[str, ...]
) -> MeetingState:
    """`state` with no entry of `categories` (of `case`, in a team session), and with a
    consent that no longer says what it keeps from whom."""
    code = case.code if case is not None else None

    def kept(entry: object) -> bool:
        if code is not None and getattr(entry, "case", "") != code:
            return True
        return getattr(entry, "category", "") not in categories

    plan = state.plan
    if case is None:
        plan = replace(plan, consent=replace(plan.consent, exclude=(), not_shared=()))
    elif case.consent is not None:
        quiet = replace(case, consent=replace(case.consent, exclude=(), not_shared=()))
        cases = tuple(quiet if c.code == case.code else c for c in plan.team_cases)
        plan = replace(plan, team_cases=cases)
    plan, reviews = _previous_kept(plan, state.previous_reviews, kept)
    return replace(
        state,
        plan=plan,
        previous_reviews=reviews,
        notes=tuple(n for n in state.notes if kept(n)),
        goals=tuple(g for g in state.goals if kept(g)),
        actions=tuple(a for a in state.actions if kept(a)),
        decisions=tuple(d for d in state.decisions if kept(d)),
    )


def _previous_kept(
    plan: MeetingPlan,
    reviews: tuple[PreviousReview, ...],
    kept: Callable[[object], bool],
) -> tuple[MeetingPlan, tuple[PreviousReview, ...]]:
    """The previous plan's insatser and goals without the marked ones, and the reviews
    renumbered to match: a follow-up must not hand a party what the meeting before kept
    from it, in its review section either."""
    previous = plan.previous
    if previous is None:
        return plan, reviews
    places: dict[tuple[str, int], int] = {}
    lists: dict[str, tuple] = {}
    for kind, rows in (("action", previous.insatser), ("goal", previous.goals)):
        left: list = []
        for i, row in enumerate(rows):
            if kept(row):
                places[(kind, i)] = len(left)
                left.append(row)
        lists[kind] = tuple(left)
    renumbered = tuple(
        r if r.kind not in ("action", "goal") else replace(r, index=places[(r.kind, r.index)])
        for r in reviews
        if r.kind not in ("action", "goal") or (r.kind, r.index) in places
    )
    shorter = replace(previous, insatser=lists["action"], goals=lists["goal"])
    return replace(plan, previous=shorter), renumbered


def _slug(plan: MeetingPlan, party: Party, index: int) -> str:
    """The party's key for a file name; should it hold a name from the case, its place."""
    return f"part{index}" if name_hits(party.key, case_names(plan)) else party.key


def _copy(document: Document, recipient: str, left_out: bool, lang: str) -> Document:
    """`document` opened by whom the copy is for and, when it is cut, that it is."""
    head = [Para(clean(t("minutes.recipient", lang, recipient=recipient)), note=True)]
    if left_out:
        head.append(Para(t("minutes.left_out", lang), note=True))
    return replace(document, blocks=(*head, *document.blocks))


def recipient_copies(
    state: MeetingState,
    stamp: datetime,
    lang: str,
    signature: bool,
    minutes_name: Callable[[str | None], str],
    draft: str = "",
) -> dict[str, Document]:
    """A copy of the minutes for each recipient, where the consent keeps something from one.

    A meeting (or team case) whose consent excludes nothing gets no copies: its minutes
    are the same for all.

    Args:
        state: The meeting.
        stamp: Export time (aware).
        lang: The documents' language.
        signature: The minutes end with lines to sign on.
        minutes_name: The file name (without extension) of the minutes, given None for a
            SIP meeting's, or a team case's code.
        draft: What ends every name while the meeting is open ("_UTKAST"), or "".

    Returns:
        File name without extension -> document.
    """
    plan = state.plan
    out: dict[str, Document] = {}
    cases: tuple[TeamCase | None, ...] = plan.team_cases or (None,)
    for case in cases:
        consent = plan.consent if case is None else case.consent
        if consent is None or not consent.exclude:
            continue
        code = case.code if case is not None else None
        full = (
            build_minutes(state, stamp, lang, signature)
            if case is None
            else build_case_minutes(state, case.code, stamp, lang, signature)
        )
        covered = recipients(plan, consent, code)
        for index, party in enumerate(plan.parties, 1):
            if party not in covered:
                continue
            kept = consent.excluded_for(party.key)
            name = f"{minutes_name(code)}_{_FOR[lang]}-{_slug(plan, party, index)}{draft}"
            label = party_label(plan, party.key, lang)
            if not kept:
                out[name] = _copy(full, label, False, lang)
                continue
            cut = _without(state, case, kept)
            document = (
                build_minutes(cut, stamp, lang, signature)
                if case is None
                else build_case_minutes(cut, case.code, stamp, lang, signature)
            )
            out[name] = _copy(document, label, True, lang)
    return out
