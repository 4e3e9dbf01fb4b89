"""Minutes of a meeting: MeetingState -> Document -> Markdown or printable HTML."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from starmote.documents.exclusions import exclusion_rows
from starmote.documents.fmt import (
    clean,
    convener_label,
    decisions_word,
    fmt_date,
    fmt_time,
    held_on,
    is_draft,
    lang_of,
    local_day,
    party_label,
    stamp_text,
)
from starmote.documents.model import (
    Block,
    Document,
    Fields,
    Heading,
    Items,
    Para,
    Signature,
    StampLine,
    Table,
)
from starmote.documents.render_html import render_html
from starmote.documents.render_md import render_markdown
from starmote.documents.review import review_section
from starmote.documents.timing_table import timing_section
from starmote.engine import presence
from starmote.engine.state import Action, Attendance, MeetingState, open_questions
from starmote.engine.timing import wall_at
from starmote.i18n import t
from starmote.i18n.glossary import consent_form
from starmote.plan.model import MeetingPlan, Person


def _attendance_line(state: MeetingState, att: Attendance, lang: str) -> str:
    plan = state.plan
    party = plan.party(att.party)
    head = party_label(plan, att.party) + (f", {party.role}" if party.role else "")
    parts: list[str] = []
    for change in att.log:
        at = fmt_time(change.at.wall, lang)
        mode = t(f"mode.{change.mode}", lang) if change.mode else ""
        if change.what == "checked_in":
            parts.append(t("minutes.att.present", lang, mode=mode, at=at))
        elif change.what == "late":
            parts.append(t("minutes.att.late", lang, mode=mode, at=at))
        elif change.what == "substitute":
            parts.append(t("minutes.att.substitute", lang, name=change.detail, mode=mode, at=at))
        elif change.what == "left":
            parts.append(t("minutes.att.left", lang, at=at))
        elif change.what == "dropped":
            parts.append(t("minutes.att.dropped", lang, at=at))
        elif change.what == "rejoined":
            parts.append(t("minutes.att.rejoined", lang, mode=mode, at=at))
    return clean(f"{head}: {'; '.join(parts)}")


def _away_for_part(state: MeetingState, listed: dict[str, list[int]], lang: str) -> list[str]:
    """Parties away for part of a phase, with when: leaving and coming back is still missing.

    A phase already named for the party (its view missing from the whole round) is not
    repeated.
    """
    rows = []
    for party, phase, gaps in presence.away_in_phases(state):
        if phase in listed.get(party, ()):
            continue
        times = ", ".join(
            fmt_time(wall_at(state, lo), lang)
            + "–"
            + (fmt_time(wall_at(state, hi), lang) if hi is not None else "")
            for lo, hi in gaps
        )
        part = state.plan.phases[phase].title(lang)
        label = party_label(state.plan, party)
        rows.append(t("minutes.away_part_of", lang, party=label, phase=part, times=times))
    return rows


def _attendance(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    present: list[str] = []
    notified: list[str] = []
    unnotified: list[str] = []
    gone: list[str] = []
    # Here only before the first part (came, then left): not "Närvarande" at the meeting.
    here = {party for party, _ in presence.in_meeting(state)}
    for att in state.attendance:
        label = party_label(plan, att.party)
        came = bool(att.log) and att.presence != "absent"
        if state.began is not None and came and att.party not in here:
            gone.append(_attendance_line(state, att, lang))
            continue
        if att.presence == "absent":
            reason = f": {att.reason}" if att.reason else ""
            (notified if att.notified else unnotified).append(clean(label + reason))
        elif att.presence == "expected":
            unnotified.append(t("minutes.att.unregistered", lang, party=label))
        else:
            present.append(_attendance_line(state, att, lang))
    blocks: list[Block] = [Heading(t("minutes.attendance", lang))]
    for key, rows in (
        ("minutes.att.heading_present", present),
        ("minutes.att.heading_gone_before", gone),
        ("minutes.att.heading_notified", notified),
        ("minutes.att.heading_unnotified", unnotified),
    ):
        if rows:
            blocks += [Heading(t(key, lang), 3), Items(tuple(rows))]
    # A missing party's view is lost and it hears nothing: say so, every time.
    missing: list[str] = []
    away = {a.party for a in state.attendance if a.presence in ("absent", "expected")}
    if state.began is not None:  # one that left before the start was not at the meeting
        away |= {a.party for a in state.attendance if a.log and a.party not in here}
    for att in state.attendance:
        if att.party in away:
            missing.append(
                t("minutes.perspective_missing", lang, party=party_label(plan, att.party))
            )
    partly: dict[str, list[int]] = {}
    for phase, party in state.missing:
        if party not in away:
            partly.setdefault(party, []).append(phase)
    for party, phases in partly.items():
        titles = ", ".join(plan.phases[i].title(lang) for i in sorted(set(phases)))
        missing.append(
            t("minutes.perspective_missing_in", lang, party=party_label(plan, party), phases=titles)
        )
    missing += _away_for_part(state, partly, lang)
    if missing:
        blocks += [Heading(t("minutes.perspective_heading", lang), 3), Items(tuple(missing))]
    return blocks + invited(state, lang)


def invited(state: MeetingState, lang: str, parties: tuple[str, ...] | None = None) -> list[Block]:
    """Who was kallad (the huvudmän, obliged to come) and who inbjuden, and whose presence
    was specifically asked for: what the invitation said, beside who came.

    Args:
        state: The meeting.
        lang: The document's language.
        parties: Only these parties (a team case's record names the session's parties only).

    Returns:
        A level-3 heading and its fields; nothing when nobody was summoned or invited.
    """
    plan = state.plan
    chosen = [p for p in plan.parties if parties is None or p.key in parties]
    rows = []
    for summons in ("kallad", "inbjuden"):
        names = [party_label(plan, p.key, lang) for p in chosen if p.summons == summons]
        if names:
            rows.append((t(f"minutes.invited.{summons}", lang), "; ".join(names)))
    asked = [party_label(plan, p.key, lang) for p in chosen if p.presence_requested]
    if asked:
        rows.append((t("minutes.invited.requested", lang), "; ".join(asked)))
    if not rows:
        return []
    return [Heading(t("minutes.invited", lang), 3), Fields(tuple((k, clean(v)) for k, v in rows))]


def _when(value: datetime, lang: str, dated: bool) -> str:
    """A wall time as HH:mm, with its full date in front when `dated`."""
    if not dated:
        return fmt_time(value, lang)
    return t(
        "minutes.day_and_time", lang, date=fmt_date(value, lang, "full"), time=fmt_time(value, lang)
    )


def _with_organisation(person: Person) -> str:
    """A chair or note taker as the header names them: "Karin Lund, Krokoms kommun"."""
    return person.name + (f", {person.organisation}" if person.organisation else "")


def _header(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    held = held_on(state)
    # Held on another day than booked: each time says its own day, the booked one too.
    moved = local_day(held) != local_day(plan.start)
    booked = f"{_when(plan.start, lang, moved)}–{fmt_time(plan.end, lang)}"
    actual = _when(held, lang, moved) + "–"
    if state.closed is not None:
        actual += _when(state.closed.wall, lang, local_day(state.closed.wall) != local_day(held))
    else:
        actual += t("minutes.not_closed", lang)
    rows = [
        (t("minutes.type", lang), f"{plan.title(lang)} ({plan.template_key})"),
        (t("minutes.case", lang), plan.case_code),
        (t("minutes.date", lang), fmt_date(held, lang, "full")),
        (t("minutes.booked", lang), booked),
        (t("minutes.actual", lang), actual),
    ]
    if plan.place:
        rows.append((t("minutes.place", lang), plan.place))
    if plan.video_link:
        rows.append((t("minutes.link", lang), plan.video_link))
    rows.append((t("minutes.chair", lang), _with_organisation(plan.chair)))
    # The form asks for the note taker's organisation as for the chair's: both are named so.
    note_taker = (
        _with_organisation(plan.note_taker) if plan.note_taker else t("minutes.none_person", lang)
    )
    rows.append((t("minutes.note_taker", lang), note_taker))
    rows.append((t("minutes.individual", lang), plan.individual.name))
    blocks: list[Block] = [
        Para(t("minutes.working_material", lang), note=True),
        Fields(tuple((k, clean(v)) for k, v in rows)),
    ]
    if state.close_reason:
        blocks.append(
            Para(clean(t("minutes.close_reason", lang, reason=state.close_reason)), note=True)
        )
    return blocks


def _consent(state: MeetingState, lang: str) -> list[Block]:
    plan, rows = state.plan, []
    c = state.consent
    if c is None:
        rows.append((t("minutes.consent.in_meeting", lang), t("minutes.consent.unrecorded", lang)))
    elif c.confirmed:
        at = fmt_time(c.at.wall, lang) if c.at else ""
        rows.append(
            (t("minutes.consent.in_meeting", lang), t("minutes.consent.confirmed", lang, at=at))
        )
    else:
        rows.append((t("minutes.consent.in_meeting", lang), t("minutes.consent.missing", lang)))
    if c is not None and c.scope:
        rows.append((t("minutes.consent.scope", lang), c.scope))
    if c is not None and c.note:
        rows.append((t("minutes.consent.note", lang), c.note))
    pc = plan.consent
    if pc.given:
        given = fmt_date(pc.given, lang) + (f" ({consent_form(pc.form, lang)})" if pc.form else "")
        rows.append((t("minutes.consent.given", lang), given))
    if pc.scope:
        scope = ", ".join(party_label(plan, s) if plan.has_party(s) else s for s in pc.scope)
        rows.append((t("minutes.consent.plan_scope", lang), scope))
    if pc.not_shared:
        rows.append((t("minutes.consent.not_shared", lang), "; ".join(pc.not_shared)))
    if pc.valid_until:
        rows.append((t("minutes.consent.valid_until", lang), fmt_date(pc.valid_until, lang)))
    rows += exclusion_rows(plan, pc, lang)
    return [Heading(t("minutes.consent", lang)), Fields(tuple((k, clean(v)) for k, v in rows))]


def question_items(state: MeetingState, case: str, lang: str) -> tuple[str, ...]:
    """Each frågeställning of `case` with what became of it: its answer, or why it waits."""
    status = state.question_statuses(case)
    texts = state.question_texts(case)
    items = []
    for i, question in enumerate(state.questions_of(case)):
        outcome = status.get(i, "open")
        text = texts.get(i, "")
        said = t(f"minutes.q.{outcome}_with", lang, text=text) if text else ""
        items.append(clean(f"{question} — {said or t('minutes.q.' + outcome, lang)}"))
    return tuple(items)


def _questions(state: MeetingState, lang: str) -> list[Block]:
    case = state.plan.case_code
    if not state.questions_of(case):
        return []
    items = question_items(state, case, lang)
    return [Heading(t("minutes.questions", lang)), Items(items, ordered=True)]


def _notes(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    blocks: list[Block] = [Heading(t("minutes.notes", lang))]
    groups: list[tuple[str, int | None]] = [(p.title(lang), i) for i, p in enumerate(plan.phases)]
    groups.append((t("minutes.notes_outside", lang), None))
    for title, index in groups:
        rows = []
        # A note written in one of the meeting type's own sections is shown there instead.
        of_part = (n for n in state.notes if n.phase == index and not n.section)
        for note in sorted(of_part, key=lambda n: n.id):
            who = party_label(plan, note.party, lang)
            at = fmt_time(note.at.wall, lang)
            rows.append(clean(f"{at} {who}: {note.text}" if who else f"{at} {note.text}"))
        if index is None and not rows:
            continue
        blocks.append(Heading(title, 3))
        blocks.append(Items(tuple(rows)) if rows else Para(t("minutes.no_notes", lang), note=True))
    return blocks


def own_sections(state: MeetingState, lang: str) -> list[Block]:
    """The minutes' own sections of the meeting type (Arbetsförmåga, Plan för återgång …),
    each with the entries written in it, in the order they were written, and who said
    each where the note names it (Arbetsförmåga is also how each party judges it)."""
    plan = state.plan
    blocks: list[Block] = []
    for section in plan.sections:
        rows = tuple(
            clean(f"{who}: {n.text}" if (who := party_label(plan, n.party, lang)) else n.text)
            for n in state.notes
            if n.section == section.key
        )
        blocks.append(Heading(section.title(lang)))
        blocks.append(Items(rows) if rows else Para(t("minutes.section.none", lang), note=True))
    return blocks


def own_task(plan: MeetingPlan, owner: str) -> bool:
    """Whether an insats is the person's or their network's own (närstående, god man),
    not an agency's: the SIP keeps what they do themselves apart from the huvudmän's."""
    return plan.has_party(owner) and not plan.party(owner).is_professional


def action_status(plan: MeetingPlan, action: Action, lang: str) -> str:
    """ "beslutad", or "föreslagen – bekräftas av Arbetsförmedlingen (…)"."""
    if action.proposed:
        return t("minutes.actions.proposed", lang, who=party_label(plan, action.owner, lang))
    if action.confirmed_at is not None:
        return t("minutes.actions.confirmed", lang, at=fmt_time(action.confirmed_at.wall, lang))
    return t("minutes.actions.decided", lang)


def _action_table(
    plan: MeetingPlan, numbered: list[tuple[int, Action]], lang: str, empty: str
) -> Block:
    if not numbered:
        return Para(t(empty, lang), note=True)
    keys = ("no", "what", "who", "when", "how_often", "status")
    header = tuple(t(f"minutes.actions.{k}", lang) for k in keys)
    rows = tuple(
        (
            str(n),
            clean(a.what),
            party_label(plan, a.owner, lang),
            fmt_date(a.due, lang) if a.due else "",
            clean(a.how_often),
            action_status(plan, a, lang),
        )
        for n, a in numbered
    )
    return Table(header, rows, right=(0,))


def _plans(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    # Only the horizons the meeting type sets goals for; none, and there is no goals section.
    blocks: list[Block] = [Heading(t("minutes.goals", lang))] if plan.horizons else []
    for horizon in plan.horizons:
        goals = tuple(clean(g.text) for g in state.goals if g.horizon == horizon)
        blocks.append(Heading(t(f"minutes.goals.{horizon}", lang), 3))
        blocks.append(Items(goals) if goals else Para(t("minutes.goals.none", lang), note=True))
    # One numbering for both tables: an insats's reminder names it by its number.
    numbered = list(enumerate(state.actions, 1))
    agencies = [(n, a) for n, a in numbered if not own_task(plan, a.owner)]
    own = [(n, a) for n, a in numbered if own_task(plan, a.owner)]
    blocks.append(Heading(t("minutes.actions", lang)))
    blocks.append(_action_table(plan, agencies, lang, "minutes.actions.none"))
    blocks.append(Heading(t("minutes.own", lang)))
    blocks.append(_action_table(plan, own, lang, "minutes.own.none"))
    word = plan.decisions_label(lang)
    blocks.append(Heading(decisions_word(plan, lang)))
    rows_d = tuple(clean(d.text) for d in state.decisions)
    none = t("minutes.entries.none" if word else "minutes.decisions.none", lang)
    blocks.append(Items(rows_d) if rows_d else Para(none, note=True))
    if state.parked:
        blocks.append(Heading(t("minutes.parked", lang)))
        blocks.append(
            Items(
                tuple(
                    clean(f"{party_label(plan, q.for_party, lang)}: {q.text}") for q in state.parked
                )
            )
        )
    return blocks


def to_follow_up(state: MeetingState, case: str, lang: str) -> list[Block]:
    """What the follow-up takes up: the frågeställningar deferred, the insatser to confirm."""
    plan = state.plan
    rows = [
        t("minutes.fu.deferred", lang, n=q.index + 1, question=q.question, reason=q.reason)
        for q in open_questions(state, case)
    ]
    for n, action in enumerate(state.actions, 1):
        if action.proposed and action.case == case:
            who = party_label(plan, action.owner, lang)
            rows.append(t("minutes.fu.to_confirm", lang, n=n, what=action.what, who=who))
    if not rows:
        return []
    return [Heading(t("minutes.fu.carried", lang), 3), Items(tuple(clean(r) for r in rows))]


def _responsible_and_follow_up(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    blocks: list[Block] = []
    mr = state.main_responsible
    if not plan.lead or plan.team_cases:
        pass  # the meeting type names no huvudansvarig: no section to say none was
    elif mr is None:
        blocks.append(Heading(t("minutes.main_responsible", lang)))
        blocks.append(Para(t("minutes.main_responsible.none", lang), note=True))
    else:
        blocks.append(Heading(t("minutes.main_responsible", lang)))
        party = plan.party(mr.party)
        rows = [
            (t("minutes.mr.person", lang), mr.person or party.person),
            (t("minutes.mr.org", lang), party.organisation),
        ]
        if party.email:
            rows.append((t("minutes.mr.email", lang), party.email))
        if mr.asked_individual:
            rows.append((t("minutes.mr.asked", lang), t("minutes.yes", lang)))
        blocks.append(Fields(tuple((k, clean(v)) for k, v in rows)))
    blocks.append(Heading(t("minutes.follow_up", lang)))
    fu = state.follow_up
    carried = to_follow_up(state, plan.case_code, lang)
    if state.plan_closed is not None:  # SIP avslutad: no next meeting is expected
        reason = clean(state.plan_closed)
        blocks.append(Para(t("minutes.plan_closed", lang, reason=reason)))
    if fu is None:
        if state.plan_closed is None:
            blocks.append(Para(t("minutes.follow_up.none", lang), note=True))
        return blocks + carried
    if fu.cancelled:
        blocks.append(Para(t("minutes.follow_up.cancelled", lang), note=True))
    convener = convener_label(plan, fu.convener, lang)
    rows = [
        (t("minutes.fu.date", lang), fmt_date(fu.start, lang, "full")),
        (t("minutes.fu.time", lang), f"{fmt_time(fu.start, lang)}–{fmt_time(fu.end, lang)}"),
        (t("minutes.fu.place", lang), fu.place or t("minutes.none_place", lang)),
    ]
    if fu.link:  # given in the follow-up form (None: the meeting's, shown at the top)
        rows.append((t("minutes.link", lang), fu.link.strip()))
    rows.append((t("minutes.fu.convener", lang), convener))
    blocks.append(Fields(tuple((k, clean(v)) for k, v in rows)))
    return blocks + carried


def _feedback(state: MeetingState, lang: str) -> list[Block]:
    text = clean(state.feedback.text) if state.feedback else ""
    return [
        Heading(t("minutes.feedback", lang)),
        Para(text) if text else Para(t("minutes.feedback.none", lang), note=True),
    ]


def draft_title(state: MeetingState, title: str, lang: str) -> str:
    """`title`, marked UTKAST while the meeting is still open."""
    return t("doc.draft_title", lang, title=title) if is_draft(state) else title


def draft_note(state: MeetingState, lang: str) -> list[Block]:
    """The remark that opens a draft: the meeting was still open when it was written."""
    return [Para(t("doc.draft_note", lang), note=True)] if is_draft(state) else []


def signature_block(lang: str) -> list[Block]:
    """Lines to sign on (the `signature_line` setting)."""
    keys = ("doc.sign.place_date", "doc.sign.signature", "doc.sign.name")
    return [Signature(tuple(t(k, lang) for k in keys))]


def document(
    state: MeetingState,
    title: str,
    lang: str,
    blocks: tuple[Block, ...],
    what: str,
    pt: float,
    code: str | None = None,
) -> Document:
    """A document of the meeting, with its printed pages' footer: case code, kind, draft.

    Args:
        state: The meeting.
        title: The document's title (already marked UTKAST if a draft).
        lang: Its language.
        blocks: Its content.
        what: What it is ("Minnesanteckningar"), for the footer.
        pt: Its printed text size.
        code: The case it is about (a team case); the meeting's own by default.
    """
    plan = state.plan
    footer = f"{code or plan.case_code} · {what}"
    if is_draft(state):
        footer += " · " + t("doc.draft", lang)
    words = (t("doc.page", lang), t("doc.page_of", lang))
    return Document(clean(title), lang, blocks, clean(footer), words, pt)


def build_minutes(
    state: MeetingState, stamp: datetime, lang: str | None = None, signature: bool = False
) -> Document:
    """The minutes of a meeting as a document.

    Args:
        state: The meeting as folded from its journal (retracted entries are already gone).
        stamp: Export time (aware); the only thing that may differ between two exports.
        lang: "sv" or "en" asked for explicitly; the case file's language by default.
        signature: End with lines to sign on.

    Returns:
        The document, ready for `render_markdown` or `render_html`; a draft (UTKAST in the
        title, a remark, every page's footer) while the meeting is open.
    """
    lang = lang_of(state, lang)
    plan = state.plan
    title = t(
        "minutes.title",
        lang,
        kind=plan.title(lang),
        code=plan.case_code,
        date=fmt_date(held_on(state), lang),
    )
    sections: Iterable[list[Block]] = (
        draft_note(state, lang),
        _header(state, lang),
        _attendance(state, lang),
        _consent(state, lang),
        _questions(state, lang),
        review_section(state, lang),  # a follow-up: what became of the previous plan
        _notes(state, lang),
        own_sections(state, lang),
        _plans(state, lang),
        _responsible_and_follow_up(state, lang),
        timing_section(state, lang),
        _feedback(state, lang),
        signature_block(lang) if signature else [],
        [StampLine(stamp_text(stamp, lang))],
    )
    blocks = tuple(b for section in sections for b in section)
    what = t("doc.minutes", lang)
    return document(state, draft_title(state, title, lang), lang, blocks, what, 11.0)


def minutes_markdown(
    state: MeetingState, stamp: datetime, lang: str | None = None, signature: bool = False
) -> str:
    """The minutes as Markdown (see `build_minutes`)."""
    return render_markdown(build_minutes(state, stamp, lang, signature))


def minutes_html(
    state: MeetingState, stamp: datetime, lang: str | None = None, signature: bool = False
) -> str:
    """The minutes as a self-contained printable HTML page (see `build_minutes`)."""
    return render_html(build_minutes(state, stamp, lang, signature))
