"""Minutes of a meeting: MeetingState -> Document -> Markdown or printable HTML."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from starmote.documents.fmt import (
    clean,
    fmt_date,
    fmt_time,
    held_on,
    lang_of,
    local_day,
    party_label,
    stamp_text,
)
from starmote.documents.model import Block, Document, Fields, Heading, Items, Para, StampLine, Table
from starmote.documents.render_html import render_html
from starmote.documents.render_md import render_markdown
from starmote.documents.timing_table import timing_section
from starmote.engine.state import Attendance, MeetingState
from starmote.i18n import t


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


def _attendance(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    present: list[str] = []
    notified: list[str] = []
    unnotified: list[str] = []
    for att in state.attendance:
        label = party_label(plan, att.party)
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
        ("minutes.att.heading_notified", notified),
        ("minutes.att.heading_unnotified", unnotified),
    ):
        if rows:
            blocks += [Heading(t(key, lang), 3), Items(tuple(rows))]
    # A missing party's view is lost and it hears nothing: say so, every time.
    missing: list[str] = []
    away = {a.party for a in state.attendance if a.presence in ("absent", "expected")}
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
    if missing:
        blocks += [Heading(t("minutes.perspective_heading", lang), 3), Items(tuple(missing))]
    return blocks


def _when(value: datetime, lang: str, dated: bool) -> str:
    """A wall time as HH:mm, with its full date in front when `dated`."""
    if not dated:
        return fmt_time(value, lang)
    return t(
        "minutes.day_and_time", lang, date=fmt_date(value, lang, "full"), time=fmt_time(value, lang)
    )


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
    chair = plan.chair.name + (f", {plan.chair.organisation}" if plan.chair.organisation else "")
    rows.append((t("minutes.chair", lang), chair))
    note_taker = plan.note_taker.name if plan.note_taker else t("minutes.none", lang)
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
        given = fmt_date(pc.given, lang) + (f" ({pc.form})" if pc.form else "")
        rows.append((t("minutes.consent.given", lang), given))
    if pc.scope:
        scope = ", ".join(party_label(plan, s) if plan.has_party(s) else s for s in pc.scope)
        rows.append((t("minutes.consent.plan_scope", lang), scope))
    if pc.not_shared:
        rows.append((t("minutes.consent.not_shared", lang), "; ".join(pc.not_shared)))
    if pc.valid_until:
        rows.append((t("minutes.consent.valid_until", lang), fmt_date(pc.valid_until, lang)))
    return [Heading(t("minutes.consent", lang)), Fields(tuple((k, clean(v)) for k, v in rows))]


def _questions(state: MeetingState, lang: str) -> list[Block]:
    case = state.plan.case_code
    if not state.questions_of(case):
        return []
    status = state.question_statuses(case)
    items = tuple(
        clean(f"{q} — {t('minutes.q.' + status.get(i, 'open'), lang)}")
        for i, q in enumerate(state.questions_of(case))
    )
    return [Heading(t("minutes.questions", lang)), Items(items, ordered=True)]


def _notes(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    blocks: list[Block] = [Heading(t("minutes.notes", lang))]
    groups: list[tuple[str, int | None]] = [(p.title(lang), i) for i, p in enumerate(plan.phases)]
    groups.append((t("minutes.notes_outside", lang), None))
    for title, index in groups:
        rows = []
        for note in sorted((n for n in state.notes if n.phase == index), key=lambda n: n.id):
            who = party_label(plan, note.party)
            at = fmt_time(note.at.wall, lang)
            rows.append(clean(f"{at} {who}: {note.text}" if who else f"{at} {note.text}"))
        if index is None and not rows:
            continue
        blocks.append(Heading(title, 3))
        blocks.append(Items(tuple(rows)) if rows else Para(t("minutes.no_notes", lang), note=True))
    return blocks


def _plans(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    blocks: list[Block] = [Heading(t("minutes.goals", lang))]
    for horizon in ("short", "long"):
        goals = tuple(clean(g.text) for g in state.goals if g.horizon == horizon)
        blocks.append(Heading(t(f"minutes.goals.{horizon}", lang), 3))
        blocks.append(Items(goals) if goals else Para(t("minutes.none", lang), note=True))
    blocks.append(Heading(t("minutes.actions", lang)))
    if state.actions:
        header = tuple(
            t(f"minutes.actions.{k}", lang) for k in ("no", "what", "who", "when", "how_often")
        )
        rows = tuple(
            (
                str(i),
                clean(a.what),
                party_label(plan, a.owner),
                fmt_date(a.due, lang) if a.due else "",
                clean(a.how_often),
            )
            for i, a in enumerate(state.actions, 1)
        )
        blocks.append(Table(header, rows, right=(0,)))
    else:
        blocks.append(Para(t("minutes.none", lang), note=True))
    blocks.append(Heading(t("minutes.decisions", lang)))
    rows_d = tuple(clean(d.text) for d in state.decisions)
    blocks.append(Items(rows_d) if rows_d else Para(t("minutes.none", lang), note=True))
    if state.parked:
        blocks.append(Heading(t("minutes.parked", lang)))
        blocks.append(
            Items(tuple(clean(f"{party_label(plan, q.for_party)}: {q.text}") for q in state.parked))
        )
    return blocks


def _responsible_and_follow_up(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    blocks: list[Block] = [Heading(t("minutes.main_responsible", lang))]
    mr = state.main_responsible
    if mr is None:
        blocks.append(Para(t("minutes.main_responsible.none", lang), note=True))
    else:
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
    if fu is None:
        blocks.append(Para(t("minutes.follow_up.none", lang), note=True))
        return blocks
    if fu.cancelled:
        blocks.append(Para(t("minutes.follow_up.cancelled", lang), note=True))
    convener = party_label(plan, fu.convener) if fu.convener else plan.chair.name
    rows = [
        (t("minutes.fu.date", lang), fmt_date(fu.start, lang, "full")),
        (t("minutes.fu.time", lang), f"{fmt_time(fu.start, lang)}–{fmt_time(fu.end, lang)}"),
        (t("minutes.fu.place", lang), fu.place or t("minutes.none", lang)),
        (t("minutes.fu.convener", lang), convener),
    ]
    blocks.append(Fields(tuple((k, clean(v)) for k, v in rows)))
    return blocks


def _feedback(state: MeetingState, lang: str) -> list[Block]:
    text = clean(state.feedback.text) if state.feedback else ""
    return [
        Heading(t("minutes.feedback", lang)),
        Para(text) if text else Para(t("minutes.feedback.none", lang), note=True),
    ]


def build_minutes(state: MeetingState, stamp: datetime, lang: str | None = None) -> Document:
    """The minutes of a meeting as a document.

    Args:
        state: The meeting as folded from its journal (retracted entries are already gone).
        stamp: Export time (aware); the only thing that may differ between two exports.
        lang: "sv" or "en"; the meeting's language by default.

    Returns:
        The document, ready for `render_markdown` or `render_html`.
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
        _header(state, lang),
        _attendance(state, lang),
        _consent(state, lang),
        _questions(state, lang),
        _notes(state, lang),
        _plans(state, lang),
        _responsible_and_follow_up(state, lang),
        timing_section(state, lang),
        _feedback(state, lang),
        [StampLine(stamp_text(stamp, lang))],
    )
    blocks = tuple(b for section in sections for b in section)
    return Document(clean(title), lang, blocks)


def minutes_markdown(state: MeetingState, stamp: datetime, lang: str | None = None) -> str:
    """The minutes as Markdown (see `build_minutes`)."""
    return render_markdown(build_minutes(state, stamp, lang))


def minutes_html(state: MeetingState, stamp: datetime, lang: str | None = None) -> str:
    """The minutes as a self-contained printable HTML page (see `build_minutes`)."""
    return render_html(build_minutes(state, stamp, lang))
