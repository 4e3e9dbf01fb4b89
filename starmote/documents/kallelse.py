"""The kallelse: the invite to the meeting itself, built from the case file's allow-list.

One REQUEST with one VEVENT to every party with a work e-mail, under the same rules as
the follow-up's invite (`invites.InviteDraft`): a neutral title, the time, the place and
link, and a message the chair sees and approves before anything is written. A party
kallad gets a kallelse, one inbjuden an inbjudan (the .eml to each group says which);
the message says what each is asked to bring. The people without e-mail (the person
the meeting is about, relatives) are listed for the chair only: they are told another way.

Its UID and SEQUENCE are kept in `store.issued` between runs, so a kallelse sent again
after a change updates the same calendar event.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from starmote.documents.eml import invite_email
from starmote.documents.export import plan_stem
from starmote.documents.invite_preview import Preview, rows
from starmote.documents.invites import (
    Attendee,
    Invite,
    InviteDraft,
    InviteError,
    agenda_lines,
    calendar,
    closing_lines,
    invitees,
    preparation_lines,
    summary,
)
from starmote.documents.invites import _uid as invite_uid
from starmote.documents.warning_words import case_names
from starmote.engine.state import InviteApproval
from starmote.i18n import t
from starmote.plan.model import INDIVIDUAL, STOCKHOLM, MeetingPlan, Party

KALLELSE = "kallelse"
"""The invite's key (an `ApproveInvite` of the meeting holds it by this key)."""


@dataclass(frozen=True)
class Elsewhere:
    """Someone who takes part but has no e-mail: the chair tells them another way."""

    who: str
    note: str
    """The case's contact note, for the person the meeting is about."""


def identity(plan: MeetingPlan) -> str:
    """What names this meeting's kallelse across runs, whatever its time or place.

    The case and the meeting it follows (a follow-up's case file names it): editing the
    case file's time keeps the kallelse the same event, while the next meeting of the
    same case gets its own.
    """
    previous = plan.previous.meeting if plan.previous else ""
    raw = f"{plan.case_code}|{plan.template_key}|{previous}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def first_uid(plan: MeetingPlan) -> str:
    """The UID of a kallelse never sent before: a digest, so no case code shows in it."""
    return hashlib.sha256(f"kallelse|{identity(plan)}".encode()).hexdigest()[:32] + "@starmote"


def _who(party: Party) -> str:
    return party.organisation or party.person


def message(plan: MeetingPlan, lang: str) -> str:
    """The kallelse's message: who is kallad and who inbjuden, the circle, what to bring."""
    people = invitees(plan)
    called = [_who(p) for p in people if p.summons == "kallad"]
    asked = [_who(p) for p in people if p.summons != "kallad"]
    lines = [t("kallelse.intro", lang)]
    if called:
        lines.append(t("kallelse.called", lang, who=", ".join(called)))
    if asked:
        lines.append(t("kallelse.asked", lang, who=", ".join(asked)))
    lines += ["", *agenda_lines(plan, lang), "", *preparation_lines(plan, lang)]
    return "\n".join([*lines, "", *closing_lines(plan, lang)])


def proposal(plan: MeetingPlan, lang: str, uid: str, sequence: int) -> InviteDraft:
    """The kallelse as the case proposes it, with the UID and SEQUENCE it would go out with.

    Raises:
        InviteError: The chair has no e-mail address (ORGANIZER is required).
    """
    if not plan.chair.email.strip():
        raise InviteError("invites.error.no_organizer")
    start = plan.start.astimezone(STOCKHOLM)
    return InviteDraft(
        key=KALLELSE,
        method="REQUEST",
        uid=uid,
        sequence=sequence,
        start=start,
        end=start + timedelta(minutes=plan.duration_min),
        organiser=plan.chair.email.strip(),
        attendees=tuple(
            Attendee(p.email.strip(), p.summons == "kallad" or p.presence_requested)
            for p in invitees(plan)
        ),
        title=summary(plan, lang),
        place=" ".join(plan.place.split()),
        link=plan.video_link.strip(),
        message=message(plan, lang),
        lang=lang,
    )


def content(draft: InviteDraft) -> str:
    """A digest of what the kallelse says, without its UID and SEQUENCE: when it changes,
    the next one sent is an update (SEQUENCE + 1)."""
    return replace(draft, uid="", sequence=0).basis


def told_elsewhere(plan: MeetingPlan, lang: str) -> list[Elsewhere]:
    """The parties with no work e-mail: the chair calls or writes to them instead."""
    out = []
    for party in plan.parties:
        email = party.email.strip()
        if email and "@" in email:
            continue
        if party.is_individual:
            name = party.person or plan.individual.name
            # The case's contact note is the SIP's person's; a team case's has none here.
            note = plan.individual.contact_note.strip() if party.key == INDIVIDUAL else ""
            out.append(Elsewhere(name or party.label(), note))
        else:
            out.append(Elsewhere(party.label(), ""))
    return out


def file_names(stem: str, lang: str) -> dict[str, str]:
    """The kallelse's files by what they hold: the .ics and one .eml per summons."""
    kind = "kallelse" if lang == "sv" else "notice"
    return {
        "ics": f"{stem}_{kind}.ics",
        "kallad": f"{stem}_{kind}.eml",
        "inbjuden": f"{stem}_{'inbjudan' if lang == 'sv' else 'invitation'}.eml",
    }


def kallelse_files(
    plan: MeetingPlan, draft: InviteDraft, stem: str, stamp: datetime
) -> dict[str, bytes]:
    """The approved kallelse as files: the .ics, and a ready .eml for each group.

    The kallade get a mail that says kallelse, the inbjudna one that says inbjudan; both
    carry the same invite (one UID), so either reply lands on the same event.
    """
    ics = calendar([draft], stamp)
    names = file_names(stem, draft.lang)
    files = {names["ics"]: ics}
    by_address = {p.email.strip().lower(): p.summons for p in invitees(plan)}
    for summons in ("kallad", "inbjuden"):
        group = tuple(
            a
            for a in draft.attendees
            if (by_address.get(a.address.lower(), "inbjuden") == "kallad") == (summons == "kallad")
        )
        if group:
            mail = replace(draft, attendees=group)
            files[names[summons]] = invite_email(mail, ics, stamp, wording=summons)
    return files


def preview_of(invite: Invite, plan: MeetingPlan, stem: str) -> Preview:
    """The kallelse's preview: its exact text, with the words to look at marked."""
    shown = invite.draft
    return Preview(invite, file_names(stem, shown.lang)["ics"], rows(shown, case_names(plan)))


OWNED_SUFFIXES = tuple(
    f"_{name}.{ext}"
    for name, ext in (
        ("kallelse", "ics"),
        ("kallelse", "eml"),
        ("inbjudan", "eml"),
        ("notice", "ics"),
        ("notice", "eml"),
        ("invitation", "eml"),
    )
)
"""The kallelse folder's own files: a newer kallelse of the case replaces them all."""


def kallelse_dir(home: Path | str | None, plan: MeetingPlan) -> Path:
    """`<data home>/exports/kallelse_<case code>/`: the case's latest kallelse, and only it.

    Named by the case, not the date: a kallelse moved to another day replaces the one
    before it, rather than leaving it beside the new one with the old time.
    """
    from starmote.store import paths

    code = plan_stem(plan).rsplit("_", 1)[0]
    return paths.data_home(home) / "exports" / f"kallelse_{code}"


def follows(home: Path | str | None, plan: MeetingPlan) -> tuple[str, int] | None:
    """The UID and next SEQUENCE of the follow-up invite this meeting was booked as, if any.

    A case file from `new --from` names the meeting before; if that meeting's journal is
    still kept and booked this follow-up, the kallelse is an update of the invite sent
    then: the parties' calendars keep one event, not two.
    """
    from starmote.engine.fold import fold
    from starmote.store.journal import Journal
    from starmote.store.session import load_events

    if plan.previous is None or not Journal.exists(home):
        return None
    try:
        with Journal.open(home) as journal:
            events = load_events(journal, plan.previous.meeting)
    except Exception:  # noqa: BLE001 – an unreadable journal: a new event, not a failure
        return None
    fu = fold(events).follow_up if events else None
    if fu is None or fu.cancelled:
        return None
    return invite_uid(fu.uid), fu.sequence + 1


def kallelse_invite(
    plan: MeetingPlan,
    lang: str,
    home: Path | str | None,
    approval: InviteApproval | None = None,
) -> Invite:
    """The kallelse as it would go out now, with the chair's approval if given.

    Its UID and SEQUENCE: as last sent if the text is the same, else the next
    SEQUENCE of the same UID (`store.issued`); the first one updates the follow-up
    invite it was booked as (`follows`), or starts a new event.

    Raises:
        InviteError: The chair has no e-mail address.
    """
    from starmote.store.issued import next_issue

    base = follows(home, plan)
    uid, first = base if base is not None else (first_uid(plan), 0)
    draft = proposal(plan, lang, uid, first)
    issued = next_issue(home, identity(plan), content(draft), uid, first)
    return Invite(replace(draft, uid=issued.uid, sequence=issued.sequence), approval)


def write_kallelse(
    plan: MeetingPlan,
    draft: InviteDraft,
    proposal: InviteDraft,
    home: Path | str | None,
    out_dir: Path | str | None = None,
    stamp: datetime | None = None,
) -> list[Path]:
    """Write the kallelse the chair approved (.ics and .eml) as a whole set; keep its SEQUENCE.

    Args:
        plan: The case.
        draft: The text the chair approved (`Invite.draft` once approved; from the command
            line, the proposal its code approved).
        proposal: The kallelse as proposed (`kallelse_invite`): its UID and SEQUENCE are kept.
        home: The data directory (where `store.issued` keeps the SEQUENCE).
        out_dir: The folder; `kallelse_dir` by default.
        stamp: Export time (aware); now by default.

    Returns:
        The written files.

    Raises:
        InviteError: A personnummer in its text.
    """
    from starmote.store import issued, paths

    stamp = stamp or datetime.now(UTC)
    out = Path(out_dir) if out_dir is not None else kallelse_dir(home, plan)
    files = kallelse_files(plan, draft, plan_stem(plan), stamp)
    written = paths.write_set(out, files, lambda name: name.endswith(OWNED_SUFFIXES))
    kept = issued.Issued(proposal.uid, proposal.sequence, content(proposal))
    issued.record(home, identity(plan), kept)
    return written
