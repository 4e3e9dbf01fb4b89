"""Calendar invites (.ics) built from an allow-list: only what an `InviteDraft` holds goes out.

An invite travels through mail servers and shared calendars. It carries a neutral title
(the meeting type and the case code), the time, the chair's and the attendees' work
addresses, and the place, video link and message as the chair approved them after seeing
the exact text (`invite_preview`, `engine.commands.ApproveInvite`). Nothing is filtered out
of it behind the chair's back: words that may reveal health or identity are marked in the
preview (`warning_words`), and the chair decides. Until approved, an invite is not written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from icalendar import Alarm, Calendar, Event, vCalAddress

from starmote.documents.fmt import fmt_date, fmt_time, held_on, lang_of, party_label
from starmote.documents.vtimezone import stockholm_vtimezone
from starmote.engine import commands as c
from starmote.engine.state import Action, InviteApproval, MeetingState
from starmote.errors import KeyedError
from starmote.i18n import t
from starmote.plan.model import STOCKHOLM, MeetingPlan, Party
from starmote.privacy import contains_personnummer, strip_unsafe

PRODID = "-//starmote//starmote 0.1//SV"
FOLLOW_UP = "follow_up"
"""The key of the follow-up meeting's invite; an insats's reminder is "action-<entry id>"."""

Method = Literal["REQUEST", "CANCEL", "PUBLISH"]


class InviteError(KeyedError):
    """An invite cannot be built or written (no organiser address, not approved…)."""


@dataclass(frozen=True)
class Attendee:
    """An invited work address; `required` for a party that is kallad or asked to come."""

    address: str
    required: bool = False


@dataclass(frozen=True)
class InviteDraft:
    """One calendar event exactly as it would be written: every field an invite may carry.

    The .ics and .eml writers take this and nothing else, so no other text of the case
    or the meeting can reach them.
    """

    key: str
    """"follow_up" or "action-<entry id>"."""
    method: Method
    """REQUEST (or CANCEL) for the follow-up, PUBLISH for a reminder."""
    uid: str
    """Opaque and stable: a digest, so no case code or date shows in it."""
    sequence: int
    start: datetime | date
    """Aware (Stockholm) for a meeting; a day for an all-day reminder."""
    end: datetime | date
    organiser: str
    """The chair's work address."""
    attendees: tuple[Attendee, ...]
    title: str
    """SUMMARY: the neutral title (meeting type and case code)."""
    place: str
    link: str
    """A video link."""
    message: str
    """The text of DESCRIPTION below the time and place."""
    lang: str

    @property
    def basis(self) -> str:
        """A digest of everything the invite carries: an approval holds for this text only."""
        fields = [
            self.key,
            self.method,
            self.uid,
            self.sequence,
            self.start.isoformat(),
            self.end.isoformat(),
            self.organiser,
            [(a.address, a.required) for a in self.attendees],
            self.title,
            self.place,
            self.link,
            self.message,
            self.lang,
        ]
        return hashlib.sha256(json.dumps(fields).encode()).hexdigest()[:16]

    @property
    def location(self) -> str:
        """LOCATION: the place, else the video link (what a calendar shows as where)."""
        return self.place or self.link

    @property
    def description(self) -> str:
        """DESCRIPTION: built from the fields above only."""
        if self.method == "PUBLISH":
            return self.message
        assert isinstance(self.start, datetime) and isinstance(self.end, datetime)
        lang = self.lang
        span = f"{fmt_date(self.start, lang, 'full')} {fmt_time(self.start, lang)}"
        lines = [self.title, t("invites.when", lang, when=f"{span}–{fmt_time(self.end, lang)}")]
        if self.place:
            lines.append(t("invites.where", lang, where=self.place))
        if self.link:
            lines.append(t("invites.link", lang, link=self.link))
        if not (self.place or self.link):
            lines.append(t("invites.where_separately", lang))
        if self.message:
            lines += ["", self.message]
        return "\n".join(lines)


@dataclass(frozen=True)
class Invite:
    """An invite as the meeting proposes it, and the chair's approval of it if any."""

    proposal: InviteDraft
    approval: InviteApproval | None = None

    @property
    def approved(self) -> bool:
        """Whether the chair approved this very invite (not one since moved or changed)."""
        return self.approval is not None and self.approval.basis == self.proposal.basis

    @property
    def draft(self) -> InviteDraft:
        """What would be written: the approved text, or the proposal until approved."""
        if not self.approved:
            return self.proposal
        assert self.approval is not None
        return with_text(
            self.proposal,
            self.approval.title,
            self.approval.place,
            self.approval.link,
            self.approval.message,
            self.approval.attendees,
        )


def with_text(
    draft: InviteDraft,
    title: str,
    place: str,
    link: str,
    message: str,
    attendees: Sequence[str],
) -> InviteDraft:
    """`draft` with the texts the chair edited (an address it did not have is optional)."""
    required = {a.address.lower(): a.required for a in draft.attendees}
    return replace(
        draft,
        title=title,
        place=place,
        link=link,
        message=message,
        attendees=tuple(Attendee(a, required.get(a.lower(), False)) for a in attendees),
    )


def approve(draft: InviteDraft, proposal: InviteDraft | None = None) -> c.ApproveInvite:
    """The command that approves `draft`'s text for the invite `proposal` (default: itself).

    Args:
        draft: The invite as the chair saw it, with any edits.
        proposal: The invite as the meeting proposed it (what the approval holds for).

    Returns:
        An ApproveInvite for the engine.
    """
    base = proposal or draft
    return c.ApproveInvite(
        key=base.key,
        basis=base.basis,
        title=draft.title,
        place=draft.place,
        link=draft.link,
        message=draft.message,
        attendees=tuple(a.address for a in draft.attendees),
    )


# --- what the meeting proposes -------------------------------------------------------


def _uid(raw: str) -> str:
    # The raw id holds the meeting id (date and case code): only its digest goes out.
    return hashlib.sha256(raw.encode()).hexdigest()[:32] + "@starmote"


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


def summary(plan: MeetingPlan, lang: str) -> str:
    """The neutral title: "Samordningsmöte <case code>" or "Teammöte <code>"."""
    key = "invites.summary_team" if plan.team_cases else "invites.summary"
    return t(key, lang, code=plan.case_code)


def _who(party: Party) -> str:
    if party.person and party.organisation:
        return f"{party.person} ({party.organisation})"
    return party.person or party.organisation


def agenda_lines(plan: MeetingPlan, lang: str) -> list[str]:
    """What an invite says the meeting will go through: the meeting type's own parts, as
    its template words them (`Phase.about`); a team session's next session, its cases."""
    if plan.team_cases:
        # The next session of a team: its own cases, no circle, no huvudansvarig.
        return [t("invites.team_intro", lang)]
    lines = [t("invites.parts_intro", lang, kind=plan.title(lang), n=len(plan.phases))]
    return lines + [f"{i}. {p.about(lang) or p.title(lang)}" for i, p in enumerate(plan.phases, 1)]


def preparation_lines(plan: MeetingPlan, lang: str) -> list[str]:
    """What each party is asked to bring (organisation first), then what everyone is."""
    lines = [t("invites.prepare_intro", lang)]
    for party in plan.parties:
        if party.is_individual or not party.brings.strip():
            continue
        who = party.organisation or party.person
        lines.append(f"- {who}: {' '.join(party.brings.split())}")
    return [*lines, f"- {t('invites.prepare_all', lang)}"]


def closing_lines(plan: MeetingPlan, lang: str) -> list[str]:
    """Whom to ask (the chair, with the work address), and the note on what is left out."""
    chair = plan.chair
    contact = f"{chair.name} <{chair.email}>" if chair.email else chair.name
    return [t("invites.questions_to", lang, who=contact), "", t("invites.privacy_note", lang)]


def proposed_message(state: MeetingState, lang: str) -> str:
    """The follow-up's message as proposed: the parts, what to bring, who convenes, who to ask.

    The agenda is the meeting type's own parts, as its template words them (`Phase.about`),
    so an avstämningsmöte's invite never speaks of a SIP meeting's Behov or huvudansvarig.

    What each party brings, the convener and the chair come from the case: the preview
    shows them, marked where they may reveal something, before anything is written.
    """
    plan, fu = state.plan, state.follow_up
    lines = [*agenda_lines(plan, lang), "", *preparation_lines(plan, lang)]
    # The party the chair named, else the meeting type's (FK convenes an avstämningsmöte).
    key = (fu.convener if fu is not None else "") or plan.convener_key()
    convener = plan.party(key) if key else None
    if convener is not None:
        lines += ["", t("invites.convener", lang, who=_who(convener))]
    return "\n".join([*lines, "", *closing_lines(plan, lang)])


def _follow_up(state: MeetingState, lang: str) -> InviteDraft:
    plan, fu = state.plan, state.follow_up
    assert fu is not None
    attendees = tuple(
        Attendee(p.email.strip(), p.summons == "kallad" or p.presence_requested)
        for p in invitees(plan)
    )
    return InviteDraft(
        key=FOLLOW_UP,
        method="CANCEL" if fu.cancelled else "REQUEST",
        uid=_uid(fu.uid),
        sequence=fu.sequence,
        start=fu.start.astimezone(STOCKHOLM),
        end=fu.end.astimezone(STOCKHOLM),
        organiser=plan.chair.email.strip(),
        attendees=attendees,
        title=summary(plan, lang),
        place=" ".join(fu.place.split()),
        link=(plan.video_link if fu.link is None else fu.link).strip(),
        message=proposed_message(state, lang),
        lang=lang,
    )


def _numbered(state: MeetingState) -> list[tuple[str, int, Action]]:
    """Each insats with its case and its number in that case's minutes."""
    numbered: list[tuple[str, int, Action]] = []
    seen: dict[str, int] = {}
    for action in state.actions:
        code = action.case or state.plan.case_code
        seen[code] = seen.get(code, 0) + 1
        numbered.append((code, seen[code], action))
    return numbered


def _reminder(
    state: MeetingState, code: str, number: int, action: Action, lang: str
) -> InviteDraft:
    plan = state.plan
    assert action.due is not None
    owner = plan.party(action.owner) if plan.has_party(action.owner) else None
    # The chair or note taker may own an insats too: named as in the minutes.
    who = _who(owner) if owner else party_label(plan, action.owner, lang)
    # The insats's own text is case detail: it is named by its number in the minutes,
    # and the minutes by the day they carry (the day held, should it not be the booked one).
    day = fmt_date(held_on(state), lang)
    text = [
        t("invites.action.body", lang, n=number, date=day, code=code),
        t("invites.action.owner", lang, who=who),
    ]
    if action.how_often:
        text.append(t("invites.action.often", lang, often=action.how_often))
    return InviteDraft(
        key=f"action-{action.id}",
        method="PUBLISH",
        uid=_uid(f"{state.meeting_id}-action-{action.id}@starmote"),
        sequence=0,
        start=action.due,
        end=action.due + timedelta(days=1),
        organiser=plan.chair.email.strip(),
        attendees=(),
        title=t("invites.action.summary", lang, code=code, n=number),
        place="",
        link="",
        message="\n".join(text),
        lang=lang,
    )


def proposals(state: MeetingState, lang: str | None = None) -> list[InviteDraft]:
    """Every invite the meeting has, as it would be written unedited: the follow-up, if
    there is one, then a reminder for each insats with a due date.

    Args:
        state: The meeting.
        lang: "sv" or "en"; the meeting's language by default.

    Returns:
        The drafts in that order (none without a follow-up or dated insats).

    Raises:
        InviteError: There is something to invite to, but the chair has no e-mail address
            to send it from (ORGANIZER is required).
    """
    lang = lang_of(state, lang)
    drafts = [_follow_up(state, lang)] if state.follow_up is not None else []
    for code, number, action in _numbered(state):
        if action.due is not None:
            drafts.append(_reminder(state, code, number, action, lang))
    if drafts and not state.plan.chair.email.strip():
        raise InviteError("invites.error.no_organizer")
    return drafts


def invites(state: MeetingState, lang: str | None = None) -> list[Invite]:
    """Every invite of the meeting with the chair's approval, if it still holds.

    Raises:
        InviteError: As for `proposals`.
    """
    return [Invite(p, state.invite_approval(p.key)) for p in proposals(state, lang)]


# --- writing -------------------------------------------------------------------------


def _checked(text: str) -> str:
    """The last line of defence: a personnummer never leaves in an invite."""
    if contains_personnummer(text):
        raise InviteError("invites.error.personnummer")
    return strip_unsafe(text, multiline=True)


def _event(draft: InviteDraft, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", draft.uid)
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("sequence", draft.sequence)
    # zoneinfo-aware values make icalendar write DTSTART;TZID=Europe/Stockholm.
    event.add("dtstart", draft.start)
    event.add("dtend", draft.end)
    event.add("summary", _checked(draft.title))
    if draft.location:
        event.add("location", _checked(draft.location))
    if draft.link:
        event.add("url", _checked(draft.link))
    event.add("description", _checked(draft.description))
    event.add("organizer", vCalAddress(f"mailto:{_checked(draft.organiser)}"))
    event.add("class", "PRIVATE")
    if draft.method == "PUBLISH":
        event.add("transp", "TRANSPARENT")
        return event
    event.add("status", "CANCELLED" if draft.method == "CANCEL" else "CONFIRMED")
    event.add("transp", "OPAQUE")
    # The chair is an attendee too (ROLE=CHAIR); as organiser it has accepted already.
    chair = vCalAddress(f"mailto:{_checked(draft.organiser)}")
    chair.params.update({"ROLE": "CHAIR", "PARTSTAT": "ACCEPTED", "RSVP": "FALSE"})
    event.add("attendee", chair)
    for attendee in draft.attendees:
        if attendee.address.lower() == draft.organiser.lower():
            continue
        address = vCalAddress(f"mailto:{_checked(attendee.address)}")
        address.params.update(
            {
                "CUTYPE": "INDIVIDUAL",
                "ROLE": "REQ-PARTICIPANT" if attendee.required else "OPT-PARTICIPANT",
                "PARTSTAT": "NEEDS-ACTION",
                "RSVP": "TRUE",
            }
        )
        event.add("attendee", address)
    if draft.method == "REQUEST":
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _checked(draft.title))
        alarm.add("trigger", timedelta(minutes=-30))
        event.add_component(alarm)
    return event


def calendar(drafts: Sequence[InviteDraft], stamp: datetime) -> bytes:
    """An .ics of `drafts`: one VEVENT each, from their fields alone.

    Args:
        drafts: Invites of one method and language (the follow-up, or the reminders).
        stamp: Export time (aware) -> DTSTAMP in UTC.

    Returns:
        UTF-8 bytes, CRLF line ends, folded at 75 octets.

    Raises:
        InviteError: A text holds a personnummer (the engine refuses one; this is the
            last line of defence), or there is nothing to write.
    """
    if not drafts:
        raise InviteError("invites.error.nothing")
    method, lang = drafts[0].method, drafts[0].lang
    cal = Calendar()
    cal.add("prodid", PRODID if lang == "sv" else PRODID.replace("//SV", "//EN"))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if method != "PUBLISH":
        cal.add_component(stockholm_vtimezone())
    for draft in drafts:
        cal.add_component(_event(draft, stamp))
    return cal.to_ical()


def follow_up_ics(state: MeetingState, stamp: datetime, lang: str | None = None) -> bytes:
    """The follow-up meeting as an iTIP message (REQUEST, or CANCEL once cancelled).

    Args:
        state: The meeting; must have a follow-up whose invite the chair approved.
        stamp: Export time (aware) -> DTSTAMP in UTC.
        lang: "sv" or "en"; the meeting's language by default.

    Returns:
        The .ics bytes.

    Raises:
        InviteError: No follow-up, no organiser address, or its text not approved.
    """
    if state.follow_up is None:
        raise InviteError("invites.error.no_follow_up")
    (invite,) = [i for i in invites(state, lang) if i.proposal.key == FOLLOW_UP]
    if not invite.approved:
        raise InviteError("invites.error.not_approved")
    return calendar([invite.draft], stamp)


def actions_ics(state: MeetingState, stamp: datetime, lang: str | None = None) -> bytes | None:
    """Reminders for the insatser with a due date whose text the chair approved (PUBLISH).

    All-day VEVENTs, not VTODO (Outlook and Google ignore it). A reminder names the insats
    by its number in the minutes, never its text (that is case detail).

    Returns:
        The calendar bytes, or None when no reminder is approved.

    Raises:
        InviteError: The chair has no e-mail address (ORGANIZER).
    """
    approved = [
        i.draft for i in invites(state, lang) if i.proposal.method == "PUBLISH" and i.approved
    ]
    return calendar(approved, stamp) if approved else None


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
    "FOLLOW_UP",
    "Attendee",
    "Invite",
    "InviteDraft",
    "InviteError",
    "actions_ics",
    "approve",
    "attendee_parties",
    "calendar",
    "follow_up_ics",
    "ics_text",
    "invitees",
    "invites",
    "proposals",
    "summary",
    "with_text",
]
