"""A team session's documents: one record per case, and an overview for the team.

Consents differ from person to person, so one document never covers several people.
Each case's minutes hold only that case: its questions, its consent (or that it was
anonymised), who was there while it was discussed, and its own entries. The overview
tells the team who came and when, which cases were taken and what was parked for whom,
and holds no notes, goals or names of the people the cases are about.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from starmote.documents.exclusions import exclusion_rows
from starmote.documents.fmt import (
    clean,
    fmt_date,
    fmt_diff,
    fmt_span,
    fmt_time,
    held_on,
    lang_of,
    party_label,
    stamp_text,
)
from starmote.documents.minutes import (
    _plans,
    action_status,
    document,
    draft_note,
    draft_title,
    invited,
    question_items,
    signature_block,
    to_follow_up,
)
from starmote.documents.model import Block, Document, Fields, Heading, Items, Para, StampLine, Table
from starmote.documents.review import review_section
from starmote.engine import presence
from starmote.engine.state import MeetingState
from starmote.i18n import t
from starmote.i18n.glossary import consent_form
from starmote.plan.model import TeamCase


def _spans_text(state: MeetingState, found: tuple[presence.Span, ...], lang: str) -> str:
    """ "09:00–10:00 (på plats)", one per stretch, with a stand-in named."""
    parts = []
    for span in found:
        start, end = presence.wall_span(state, span)
        until = fmt_time(end, lang) if end is not None else ""
        mode = t(f"mode.{span.mode}", lang) if span.mode else ""
        text = f"{fmt_time(start, lang)}–{until}" + (f" ({mode})" if mode else "")
        if span.substitute:
            text += " " + t("team.att.substitute", lang, name=span.substitute)
        parts.append(text)
    return ", ".join(parts)


def _session_rows(state: MeetingState, lang: str) -> list[tuple[str, str]]:
    plan = state.plan
    held = held_on(state)
    actual = fmt_time(held, lang) + "–"
    actual += fmt_time(state.closed.wall, lang) if state.closed else t("minutes.not_closed", lang)
    rows = [
        (t("minutes.type", lang), f"{plan.title(lang)} ({plan.template_key})"),
        (t("team.session", lang), plan.case_code),
        (t("minutes.date", lang), fmt_date(held, lang, "full")),
        (t("minutes.booked", lang), f"{fmt_time(plan.start, lang)}–{fmt_time(plan.end, lang)}"),
        (t("minutes.actual", lang), actual),
    ]
    chair = plan.chair.name + (f", {plan.chair.organisation}" if plan.chair.organisation else "")
    rows.append((t("minutes.chair", lang), chair))
    if plan.note_taker:
        rows.append((t("minutes.note_taker", lang), plan.note_taker.name))
    return rows


def _case_status(state: MeetingState, case: TeamCase, lang: str) -> str:
    window = presence.case_window(state, case.code)
    if window is None:
        return t("team.case.not_taken", lang)
    consent = state.consent_for(case.code)
    if not case.anonymised and consent is not None and not consent.confirmed:
        return t("team.case.no_consent", lang)
    return t("team.case.taken", lang) if window[1] is not None else t("team.case.running", lang)


def _case_used(state: MeetingState, code: str) -> float:
    index = state.phase_of_case(code)
    return state.phases[index].used if index is not None else 0.0


# --- one case ------------------------------------------------------------------------


def _case_header(state: MeetingState, case: TeamCase, lang: str) -> list[Block]:
    rows = [
        (t("minutes.case", lang), case.code),
        (t("team.kind", lang), t(f"team.kind.{case.kind}", lang)),
    ]
    window = presence.case_window(state, case.code)
    if window is not None:
        start, end = presence.wall_span(state, presence.Span(window[0], window[1]))
        until = fmt_time(end, lang) if end is not None else t("minutes.not_closed", lang)
        rows.append((t("team.case.time", lang), f"{fmt_time(start, lang)}–{until}"))
    rows.append((t("team.case.planned", lang), t("team.minutes", lang, n=case.minutes)))
    if case.person is not None and not case.anonymised:
        rows.append((t("minutes.individual", lang), case.person.name))
    session = [(k, clean(v)) for k, v in _session_rows(state, lang)]
    return [
        Para(t("minutes.working_material", lang), note=True),
        Para(t("team.one_case_note", lang), note=True),
        Fields(tuple((k, clean(v)) for k, v in rows)),
        Heading(t("team.session_heading", lang), 3),
        Fields(tuple(session)),
    ]


def _case_consent(state: MeetingState, case: TeamCase, lang: str) -> list[Block]:
    if case.anonymised:
        return [Heading(t("minutes.consent", lang)), Para(t("team.anonymised", lang))]
    rows: list[tuple[str, str]] = []
    recorded = state.consent_for(case.code)
    if recorded is None:
        rows.append((t("minutes.consent.in_meeting", lang), t("minutes.consent.unrecorded", lang)))
    elif recorded.confirmed:
        at = fmt_time(recorded.at.wall, lang) if recorded.at else ""
        rows.append(
            (t("minutes.consent.in_meeting", lang), t("minutes.consent.confirmed", lang, at=at))
        )
        if recorded.scope:
            rows.append((t("minutes.consent.scope", lang), recorded.scope))
    else:
        rows.append((t("minutes.consent.in_meeting", lang), t("minutes.consent.missing", lang)))
    planned = case.consent
    if planned is not None:
        if planned.given:
            given = fmt_date(planned.given, lang) + (
                f" ({consent_form(planned.form, lang)})" if planned.form else ""
            )
            rows.append((t("minutes.consent.given", lang), given))
        if planned.scope:
            plan = state.plan
            scope = ", ".join(
                party_label(plan, s) if plan.has_party(s) else s for s in planned.scope
            )
            rows.append((t("minutes.consent.plan_scope", lang), scope))
        if planned.not_shared:
            rows.append((t("minutes.consent.not_shared", lang), "; ".join(planned.not_shared)))
        rows += exclusion_rows(state.plan, planned, lang)
    return [Heading(t("minutes.consent", lang)), Fields(tuple((k, clean(v)) for k, v in rows))]


def _case_questions(state: MeetingState, case: TeamCase, lang: str) -> list[Block]:
    if not case.questions:
        return []
    items = question_items(state, case.code, lang)
    return [Heading(t("minutes.questions", lang)), Items(items, ordered=True)]


def _case_follow_up(state: MeetingState, case: TeamCase, lang: str) -> list[Block]:
    """What the case's follow-up takes up: its deferred questions, its insatser to confirm."""
    carried = to_follow_up(state, case.code, lang)
    return [Heading(t("minutes.follow_up", lang)), *carried[1:]] if carried else []


def _case_attendance(state: MeetingState, case: TeamCase, lang: str) -> list[Block]:
    plan = state.plan
    here = dict(presence.in_case(state, case.code))
    blocks: list[Block] = [Heading(t("team.case.attendance", lang))]
    if not here:
        return blocks + [Para(t("team.case.not_taken", lang), note=True)]
    rows = []
    for party in plan.parties:
        if party.key in here:
            label = party_label(plan, party.key) + (f", {party.role}" if party.role else "")
            rows.append(clean(f"{label}: {_spans_text(state, here[party.key], lang)}"))
    blocks.append(Items(tuple(rows)))
    missing = [
        party_label(plan, p.key)
        for p in plan.parties
        if p.key not in here and (not p.case or p.case == case.code)
    ]
    if missing:
        blocks += [
            Heading(t("minutes.perspective_heading", lang), 3),
            Items(tuple(t("minutes.perspective_missing", lang, party=m) for m in missing)),
        ]
    needed = [party_label(plan, k) for k in case.needs if k not in here]
    if needed:
        blocks.append(
            Para(t("team.case.needed_missing", lang, parties=", ".join(needed)), note=True)
        )
    return blocks + _case_invited(state, case, lang)


def _case_invited(state: MeetingState, case: TeamCase, lang: str) -> list[Block]:
    """Who the session summoned or invited, and whose presence this case asked for."""
    plan = state.plan
    session = tuple(p.key for p in plan.parties if not p.case)
    blocks = invited(state, lang, session)
    if case.needs:
        needs = "; ".join(party_label(plan, k) for k in case.needs if plan.has_party(k))
        rows = ((t("team.case.needs", lang), clean(needs)),)
        blocks = blocks or [Heading(t("minutes.invited", lang), 3)]
        blocks.append(Fields(rows))
    return blocks


def _case_notes(state: MeetingState, case: TeamCase, lang: str) -> list[Block]:
    plan = state.plan
    rows = []
    for note in sorted((n for n in state.notes if n.case == case.code), key=lambda n: n.id):
        who = party_label(plan, note.party, lang)
        at = fmt_time(note.at.wall, lang)
        rows.append(clean(f"{at} {who}: {note.text}" if who else f"{at} {note.text}"))
    body: Block = Items(tuple(rows)) if rows else Para(t("minutes.no_notes", lang), note=True)
    return [Heading(t("minutes.notes", lang)), body]


def _case_offers(state: MeetingState, case: TeamCase, lang: str) -> list[Block]:
    offers = {o.key: o for o in state.plan.offers}
    keys = [k for (c, k) in sorted(state.offers_considered) if c == case.code]
    keys += [a.offer for a in state.actions if a.case == case.code and a.offer]
    rows = []
    for key in dict.fromkeys(keys):
        offer = offers.get(key)
        if offer is None:
            continue
        chosen = any(a.offer == key and a.case == case.code for a in state.actions)
        mark = t("team.offer.chosen", lang) if chosen else t("team.offer.considered", lang)
        rows.append(clean(f"{offer.title} ({t('team.offer.of', lang, kind=offer.kind)}) — {mark}"))
    if not rows:
        return []
    return [Heading(t("team.offers", lang)), Items(tuple(rows))]


def _case_timing(state: MeetingState, case: TeamCase, lang: str) -> list[Block]:
    used = _case_used(state, case.code)
    header = tuple(t(f"minutes.timing.{k}", lang) for k in ("part", "planned", "actual", "diff"))
    planned = case.minutes * 60
    row = (case.code, fmt_span(planned), fmt_span(used), fmt_diff(used - planned))
    return [Heading(t("minutes.timing", lang)), Table(header, (row,), right=(1, 2, 3))]


def _only(state: MeetingState, code: str) -> MeetingState:
    """The state with only the entries of case `code` (for the shared goals/insatser sections)."""
    return replace(
        state,
        goals=tuple(g for g in state.goals if g.case == code),
        actions=tuple(a for a in state.actions if a.case == code),
        decisions=tuple(d for d in state.decisions if d.case == code),
        parked=tuple(q for q in state.parked if q.case == code),
    )


def build_case_minutes(
    state: MeetingState,
    code: str,
    stamp: datetime,
    lang: str | None = None,
    signature: bool = False,
) -> Document:
    """The minutes of one case of a team session: that case and nothing of the others.

    Args:
        state: The session as folded from its journal.
        code: The team case's code.
        stamp: Export time (aware).
        lang: "sv" or "en" asked for explicitly; the case file's language by default.
        signature: End with lines to sign on.

    Returns:
        The document, ready for `render_markdown` or `render_html` (UTKAST while open).
    """
    lang = lang_of(state, lang)
    case = state.plan.team_case(code)
    title = t("team.case_title", lang, code=code, date=fmt_date(held_on(state), lang))
    sections = (
        draft_note(state, lang),
        _case_header(state, case, lang),
        _case_consent(state, case, lang),
        _case_questions(state, case, lang),
        review_section(state, lang, code),  # a follow-up: this case's items of the last plan
        _case_attendance(state, case, lang),
        _case_notes(state, case, lang),
        _plans(_only(state, code), lang),
        _case_follow_up(state, case, lang),
        _case_offers(state, case, lang),
        _case_timing(state, case, lang),
        signature_block(lang) if signature else [],
        [StampLine(stamp_text(stamp, lang))],
    )
    blocks = tuple(b for s in sections for b in s)
    title = draft_title(state, title, lang)
    # Each printed page names the case it is about, not the session.
    return document(state, title, lang, blocks, t("doc.minutes", lang), 11.0, code)


# --- the session overview ----------------------------------------------------------------


def _overview_attendance(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    here = dict(presence.in_meeting(state))
    by_case = {c.code: dict(presence.in_case(state, c.code)) for c in plan.team_cases}
    present: list[str] = []
    notified: list[str] = []
    unnotified: list[str] = []
    for att in state.attendance:
        party = plan.party(att.party)
        if party.case:
            continue  # a case's person: named in their own case's record only
        label = party_label(plan, att.party)
        if att.party in here:
            cases = [code for code, parties in by_case.items() if att.party in parties]
            taken = t("team.att.cases", lang, cases=", ".join(cases)) if cases else ""
            present.append(clean(f"{label}: {_spans_text(state, here[att.party], lang)}{taken}"))
        elif att.presence == "absent":
            reason = f": {att.reason}" if att.reason else ""
            (notified if att.notified else unnotified).append(clean(label + reason))
        else:
            unnotified.append(t("minutes.att.unregistered", lang, party=label))
    blocks: list[Block] = [Heading(t("minutes.attendance", lang))]
    for key, rows in (
        ("minutes.att.heading_present", present),
        ("minutes.att.heading_notified", notified),
        ("minutes.att.heading_unnotified", unnotified),
    ):
        if rows:
            blocks += [Heading(t(key, lang), 3), Items(tuple(rows))]
    return blocks


def _overview_cases(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    header = tuple(
        t(f"team.cases.{k}", lang) for k in ("code", "kind", "planned", "used", "status")
    )
    rows = []
    for phase in plan.phases:
        if not phase.case_code:
            continue
        case = plan.team_case(phase.case_code)
        rows.append(
            (
                case.code,
                t(f"team.kind.{case.kind}", lang),
                fmt_span(case.minutes * 60),
                fmt_span(_case_used(state, case.code)),
                _case_status(state, case, lang),
            )
        )
    return [Heading(t("team.cases", lang)), Table(header, tuple(rows), right=(2, 3))]


def _overview_parked(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    if not state.parked:
        return []
    blocks: list[Block] = [Heading(t("team.parked", lang))]
    for party in plan.parties:
        mine = [q for q in state.parked if q.for_party == party.key]
        if not mine:
            continue
        blocks.append(Heading(party_label(plan, party.key), 3))
        rows = tuple(clean(f"{q.case or t('team.the_team', lang)}: {q.text}") for q in mine)
        blocks.append(Items(rows))
    return blocks


def _overview_team(state: MeetingState, lang: str) -> list[Block]:
    """What the team agreed about itself (no case): decisions and actions."""
    plan = state.plan
    decisions = tuple(clean(d.text) for d in state.decisions if d.case == "")
    actions = tuple(
        clean(
            f"{a.what} — {party_label(plan, a.owner, lang)}"
            + (f", {fmt_date(a.due, lang)}" if a.due else "")
            + (f" ({action_status(plan, a, lang)})" if a.proposed else "")
        )
        for a in state.actions
        if a.case == ""
    )
    if not decisions and not actions:
        return []
    blocks: list[Block] = [Heading(t("team.own", lang))]
    if decisions:
        blocks += [Heading(t("minutes.decisions", lang), 3), Items(decisions)]
    if actions:
        blocks += [Heading(t("minutes.actions", lang), 3), Items(actions)]
    return blocks


def _overview_next(state: MeetingState, lang: str) -> list[Block]:
    fu = state.follow_up
    if fu is None or fu.cancelled:
        return []
    when = f"{fmt_date(fu.start, lang, 'full')} {fmt_time(fu.start, lang)}–{fmt_time(fu.end, lang)}"
    rows = [(t("team.next.when", lang), when)]
    if fu.place:
        rows.append((t("minutes.fu.place", lang), fu.place))
    return [Heading(t("team.next", lang)), Fields(tuple((k, clean(v)) for k, v in rows))]


def build_overview(state: MeetingState, stamp: datetime, lang: str | None = None) -> Document:
    """The team's overview of a session: attendance, cases taken, questions parked per party.

    It holds no notes, goals or names of the people the cases are about.

    Args:
        state: The session as folded from its journal.
        stamp: Export time (aware).
        lang: "sv" or "en"; the meeting's language by default.

    Returns:
        The document, ready for `render_markdown` or `render_html`.
    """
    lang = lang_of(state, lang)
    title = t(
        "team.overview_title", lang, code=state.plan.case_code, date=fmt_date(held_on(state), lang)
    )
    sections = (
        draft_note(state, lang),
        [Para(t("team.overview_note", lang), note=True)],
        [Fields(tuple((k, clean(v)) for k, v in _session_rows(state, lang)))],
        _overview_attendance(state, lang),
        invited(state, lang, tuple(p.key for p in state.plan.parties if not p.case)),
        _overview_cases(state, lang),
        _overview_parked(state, lang),
        _overview_team(state, lang),
        _overview_next(state, lang),
        [StampLine(stamp_text(stamp, lang))],
    )
    blocks = tuple(b for s in sections for b in s)
    title = draft_title(state, title, lang)
    return document(state, title, lang, blocks, t("doc.overview", lang), 11.0)


def attended_cases(state: MeetingState) -> tuple[str, ...]:
    """The cases whose person took part: only they get a plain-language copy."""
    out = []
    for case in state.plan.team_cases:
        if case.anonymised or case.person is None or not case.person.attends:
            continue
        if dict(presence.in_case(state, case.code)).get(case.party_key):
            out.append(case.code)
    return tuple(out)
