"""Calendar invites (.ics) for the follow-up meeting and reminders for the insatser.

Everything that leaves here goes through `scrub`: an invite travels through mail
servers and shared calendars, so it names the case code only, never the person,
a personnummer, a frågeställning or anything about health or the case.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event, vCalAddress

from starmote.documents.fmt import fmt_date, fmt_time, lang_of
from starmote.documents.scrub import scrub
from starmote.documents.vtimezone import stockholm_vtimezone
from starmote.engine.state import Action, MeetingState
from starmote.errors import KeyedError
from starmote.i18n import t
from starmote.plan.model import STOCKHOLM, MeetingPlan, Party

PRODID = "-//starmote//starmote 0.1//SV"
CIRCLE_PARTS = ("inledning", "aktuell", "behov", "sammanfattning", "avslutning")


class InviteError(KeyedError):
    """An invite cannot be built (e.g. the chair has no e-mail to organise it from)."""


def _uid(raw: str, plan: MeetingPlan) -> str:
    # A case code typed as a personnummer would leak through the UID; hash it away then.
    if scrub(raw, plan) == raw:
        return raw
    return hashlib.sha256(raw.encode()).hexdigest()[:32] + "@starmote"


def _address(email: str, cn: str, plan: MeetingPlan, **params: str) -> vCalAddress:
    addr = vCalAddress(f"mailto:{email}")
    name = scrub(cn, plan)
    if name:
        addr.params["CN"] = name
    for key, value in params.items():
        addr.params[key.upper().replace("_", "-")] = value
    return addr


def _intact(text: str, plan: MeetingPlan) -> str:
    """`text` if the privacy scrub leaves it unchanged, else "".

    A half-scrubbed sentence reads as broken to the recipient and can still
    hint at what was removed, so free text goes in whole or not at all.
    """
    return text if scrub(text, plan) == text else ""


def _organisation(name: str, plan: MeetingPlan) -> str:
    """The principal of an organisation, fit for an invite, or "".

    Only the part before the first comma, bracket, slash, colon or dash: "Region
    Exempel, BUP" or "Region Exempel (BUP)" names the clinic
    and so what the case is about, "Region Exempel" does not. A unit's name is
    never sent, flagged by the scrub or not, since no word list knows every unit.
    """
    principal = re.split(r"\s*(?:[,;(/:–—]|\s-\s)", name, maxsplit=1)[0].strip()
    return _intact(principal, plan)


def _cn(person: str, organisation: str, plan: MeetingPlan | None = None) -> str:
    if plan is not None:
        organisation = _organisation(organisation, plan)
    if person and organisation:
        return f"{person} ({organisation})"
    return person or organisation


def attendee_parties(plan: MeetingPlan) -> list[Party]:
    """The parties that get the invite: professionals with a work e-mail, never the individual.

    Args:
        plan: The meeting plan.

    Returns:
        Parties in plan order, one per distinct e-mail address.
    """
    seen: set[str] = set()
    out = []
    for party in plan.parties:
        email = party.email.strip().lower()
        if party.is_individual or not email or "@" not in email or email in seen:
            continue
        seen.add(email)
        out.append(party)
    return out


def invitees(plan: MeetingPlan) -> list[Party]:
    """`attendee_parties` less the chair, who organises the meeting and is not invited to it."""
    chair = plan.chair.email.strip().lower()
    return [p for p in attendee_parties(plan) if p.email.strip().lower() != chair]


def _base(lang: str, method: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID if lang == "sv" else PRODID.replace("//SV", "//EN"))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    return cal


def summary(plan: MeetingPlan, lang: str) -> str:
    """The neutral title: "Samordningsmöte <case code>" or "Teammöte <code>" (scrubbed)."""
    key = "invites.summary_team" if plan.team_cases else "invites.summary"
    return scrub(t(key, lang, code=plan.case_code), plan)


def location(place: str, plan: MeetingPlan) -> str:
    """`place` if scrubbing leaves it untouched, else "" (a half-scrubbed address misleads)."""
    place = " ".join((place or "").split())
    return place if scrub(place, plan) == place else ""


def description(state: MeetingState, lang: str) -> str:
    """The invite body: time, place, the five parts of Mötescirkeln, what each party brings."""
    plan, fu = state.plan, state.follow_up
    assert fu is not None
    lines = [summary(plan, lang)]
    span = f"{fmt_date(fu.start, lang, 'full')} {fmt_time(fu.start, lang)}–{fmt_time(fu.end, lang)}"
    lines.append(t("invites.when", lang, when=span))
    where = location(fu.place, plan)
    lines.append(
        t("invites.where", lang, where=where) if where else t("invites.where_separately", lang)
    )
    if plan.team_cases:
        # The next session of a team: its own cases, no circle, no huvudansvarig.
        lines += ["", t("invites.team_intro", lang)]
    else:
        lines += ["", t("invites.circle_intro", lang)]
        parts = enumerate(CIRCLE_PARTS, 1)
        lines += [f"{i}. {t('invites.circle.' + key, lang)}" for i, key in parts]
    lines += ["", t("invites.prepare_intro", lang)]
    for party in plan.parties:
        if party.is_individual or not party.brings.strip():
            continue
        who = _organisation(party.organisation, plan) or scrub(party.person, plan)
        brings = _intact(party.brings.strip(), plan)
        if who and brings:
            lines.append(f"- {who}: {brings}")
    lines.append(f"- {t('invites.prepare_all', lang)}")
    convener = plan.party(fu.convener) if fu.convener else None
    if convener is not None:
        lines += [
            "",
            t(
                "invites.convener",
                lang,
                who=scrub(_cn(convener.person, convener.organisation, plan), plan),
            ),
        ]
    chair = scrub(plan.chair.name, plan)
    # An address like bup.sip@… would be cut to a useless "<.sip@…>": whole or not at all.
    email = _intact(plan.chair.email, plan)
    contact = f"{chair} <{email}>" if email else chair
    lines += ["", t("invites.questions_to", lang, who=contact), "", t("invites.privacy_note", lang)]
    return "\n".join(scrub(line, plan) if line else "" for line in lines)


def _follow_up_event(state: MeetingState, stamp: datetime, lang: str, cancel: bool) -> Event:
    plan, fu = state.plan, state.follow_up
    assert fu is not None
    if not plan.chair.email:
        raise InviteError("invites.error.no_organizer")
    event = Event()
    event.add("uid", _uid(fu.uid, plan))
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("sequence", fu.sequence)
    # zoneinfo-aware values make icalendar write DTSTART;TZID=Europe/Stockholm.
    event.add("dtstart", fu.start.astimezone(STOCKHOLM))
    event.add("dtend", fu.end.astimezone(STOCKHOLM))
    event.add("summary", summary(plan, lang))
    where = location(fu.place, plan)
    if where:
        event.add("location", where)
    event.add("description", description(state, lang))
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("class", "PRIVATE")
    chair_email = plan.chair.email.strip()
    chair_cn = _cn(plan.chair.name, plan.chair.organisation, plan)
    event.add("organizer", _address(chair_email, chair_cn, plan))
    # The chair is an attendee too (ROLE=CHAIR); as organiser it has accepted already,
    # so it is not asked to reply to its own invite.
    event.add(
        "attendee",
        _address(chair_email, chair_cn, plan, role="CHAIR", partstat="ACCEPTED", rsvp="FALSE"),
    )
    for party in invitees(plan):
        required = party.summons == "kallad" or party.presence_requested
        event.add(
            "attendee",
            _address(
                party.email.strip(),
                _cn(party.person, party.organisation, plan),
                plan,
                cutype="INDIVIDUAL",
                role="REQ-PARTICIPANT" if required else "OPT-PARTICIPANT",
                partstat="NEEDS-ACTION",
                rsvp="TRUE",
            ),
        )
    if not cancel:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary(plan, lang))
        alarm.add("trigger", timedelta(minutes=-30))
        event.add_component(alarm)
    return event


def follow_up_ics(
    state: MeetingState, stamp: datetime, lang: str | None = None, cancel: bool | None = None
) -> bytes:
    """The follow-up meeting as an iTIP message (REQUEST, or CANCEL once cancelled).

    Args:
        state: The meeting; must have a follow-up.
        stamp: Export time (aware) -> DTSTAMP in UTC.
        lang: "sv" or "en"; the meeting's language by default.
        cancel: Force a CANCEL (True) or REQUEST (False); by default from `follow_up.cancelled`.

    Returns:
        UTF-8 bytes, CRLF line ends, folded at 75 octets.

    Raises:
        InviteError: No follow-up, or the chair has no e-mail address (ORGANIZER is required).
    """
    if state.follow_up is None:
        raise InviteError("invites.error.no_follow_up")
    lang = lang_of(state, lang)
    cancel = state.follow_up.cancelled if cancel is None else cancel
    cal = _base(lang, "CANCEL" if cancel else "REQUEST")
    cal.add_component(stockholm_vtimezone())
    cal.add_component(_follow_up_event(state, stamp, lang, cancel))
    return cal.to_ical()


def actions_ics(state: MeetingState, stamp: datetime, lang: str | None = None) -> bytes | None:
    """Reminders for insatser with a due date: one all-day VEVENT each (METHOD:PUBLISH).

    Not VTODO: Outlook and Google ignore it. The reminder names the insats by its
    number in the minutes and its owner, never its text (that is case detail).

    Args:
        state: The meeting.
        stamp: Export time (aware) -> DTSTAMP in UTC.
        lang: "sv" or "en"; the meeting's language by default.

    Returns:
        The calendar bytes, or None if no insats has a due date.

    Raises:
        InviteError: The chair has no e-mail address (ORGANIZER).
    """
    lang = lang_of(state, lang)
    plan = state.plan
    # Numbered as in the minutes they belong to: a team session has a set per case.
    numbered: list[tuple[str, int, Action]] = []
    seen: dict[str, int] = {}
    for action in state.actions:
        code = action.case or plan.case_code
        seen[code] = seen.get(code, 0) + 1
        numbered.append((code, seen[code], action))
    due = [(code, n, a) for code, n, a in numbered if a.due is not None]
    if not due:
        return None
    if not plan.chair.email:
        raise InviteError("invites.error.no_organizer")
    cal = _base(lang, "PUBLISH")
    meeting_day = fmt_date(plan.start, lang)
    for code, number, action in due:
        assert action.due is not None
        owner = plan.party(action.owner) if plan.has_party(action.owner) else None
        who = scrub(_cn(owner.person, owner.organisation, plan) if owner else action.owner, plan)
        event = Event()
        event.add("uid", _uid(f"{state.meeting_id}-action-{action.id}@starmote", plan))
        event.add("dtstamp", stamp.astimezone(UTC))
        event.add("sequence", 0)
        event.add("dtstart", action.due)
        event.add("dtend", action.due + timedelta(days=1))
        event.add("summary", scrub(t("invites.action.summary", lang, code=code, n=number), plan))
        text = [
            t("invites.action.body", lang, n=number, date=meeting_day, code=code),
            t("invites.action.owner", lang, who=who),
        ]
        if action.how_often:
            text.append(t("invites.action.often", lang, often=action.how_often))
        event.add("description", "\n".join(scrub(line, plan) for line in text))
        event.add(
            "organizer",
            _address(
                plan.chair.email.strip(), _cn(plan.chair.name, plan.chair.organisation, plan), plan
            ),
        )
        event.add("transp", "TRANSPARENT")
        event.add("class", "PRIVATE")
        cal.add_component(event)
    return cal.to_ical()


def ics_text(data: bytes) -> str:
    """Decoded, unfolded text of an .ics (for checks: what a reader would see)."""
    return (
        data.decode("utf-8")
        .replace("\r\n ", "")
        .replace("\r\n\t", "")
        .replace("\\n", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\")
    )


__all__ = [
    "InviteError",
    "actions_ics",
    "attendee_parties",
    "description",
    "follow_up_ics",
    "ics_text",
    "location",
    "scrub",
    "summary",
]
