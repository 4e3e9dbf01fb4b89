"""The invite preview: exactly what each .ics would carry, with the words to look at marked.

The chair sees this before any invite is written, in the app and from `starmote export`:
every property that holds text from the case or the meeting (SUMMARY, LOCATION, URL,
DESCRIPTION, the addresses), as it will be written, and a warning for each word that may
reveal health, care, support or who the case is about.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from starmote.documents.export import invite_file
from starmote.documents.fmt import fmt_date, fmt_time, lang_of
from starmote.documents.invites import Invite, InviteDraft, invites
from starmote.documents.warning_words import Flag, case_names, flags
from starmote.engine.state import MeetingState
from starmote.i18n import t


@dataclass(frozen=True)
class PreviewRow:
    """One property of the invite: its iCalendar name and its text exactly as written."""

    name: str
    text: str
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True)
class Preview:
    """One invite as it would be written, and whether the chair has approved it."""

    invite: Invite
    file: str
    rows: tuple[PreviewRow, ...]

    @property
    def status(self) -> str:
        """approved, changed (approved once, but the invite has changed since) or pending."""
        if self.invite.approved:
            return "approved"
        return "changed" if self.invite.approval is not None else "pending"

    @property
    def flags(self) -> list[tuple[str, Flag]]:
        """Every warning, with the property it is in."""
        return [(row.name, flag) for row in self.rows for flag in row.flags]


def when(draft: InviteDraft) -> str:
    """The time of an invite as the preview shows it: the day, and the hours of a meeting."""
    if isinstance(draft.start, datetime) and isinstance(draft.end, datetime):
        day = fmt_date(draft.start, draft.lang, "full")
        return f"{day} {fmt_time(draft.start, draft.lang)}–{fmt_time(draft.end, draft.lang)}"
    return fmt_date(draft.start, draft.lang, "full")


def heading_kind(draft: InviteDraft) -> str:
    """What the invite is, for its heading: kallelse, follow_up, cancel (the follow-up's
    cancellation, which must not read as an invitation to it) or action (a reminder)."""
    if draft.key == "kallelse":
        return "kallelse"
    if draft.method == "CANCEL":
        return "cancel"
    return "follow_up" if draft.method != "PUBLISH" else "action"


def rows(draft: InviteDraft, names: Iterable[str]) -> tuple[PreviewRow, ...]:
    """The properties of `draft` that carry text, in the order a calendar shows them.

    Args:
        draft: The invite as it would be written.
        names: The names that tell who the case is about (`warning_words.case_names`).

    Returns:
        SUMMARY, the time, LOCATION and URL (when set), ORGANIZER, each ATTENDEE and
        DESCRIPTION, each with its warnings.
    """
    names = list(names)

    def row(name: str, text: str) -> PreviewRow:
        return PreviewRow(name, text, tuple(flags(text, names)))

    out = [row("SUMMARY", draft.title), PreviewRow("DTSTART", when(draft))]
    if draft.location:
        out.append(row("LOCATION", draft.location))
    if draft.link:
        out.append(row("URL", draft.link))
    out.append(row("ORGANIZER", draft.organiser))
    out += [row("ATTENDEE", a.address) for a in draft.attendees]
    out.append(row("DESCRIPTION", draft.description))
    return tuple(out)


def preview(state: MeetingState, invite: Invite, draft: InviteDraft | None = None) -> Preview:
    """The preview of `invite`, showing `draft` (an edit) or what would be written now."""
    shown = draft or invite.draft
    return Preview(invite, invite_file(state, shown), rows(shown, case_names(state.plan)))


def previews(state: MeetingState, lang: str | None = None) -> list[Preview]:
    """The preview of every invite of the meeting.

    Raises:
        InviteError: There is something to invite to but no organiser address.
    """
    return [preview(state, invite) for invite in invites(state, lang_of(state, lang))]


def approval_code(shown: Sequence[Preview]) -> str:
    """A short code for exactly the invites shown: `export --approve-invites CODE` approves
    them only while they are still what the chair saw (any change gives another code)."""
    bases = "".join(p.invite.proposal.basis for p in shown)
    return hashlib.sha256(bases.encode()).hexdigest()[:8]


def render_text(shown: Sequence[Preview], lang: str) -> str:
    """The previews as plain text for a terminal: exact properties, then the warnings.

    Args:
        shown: The previews to print.
        lang: "sv" or "en".

    Returns:
        Text ending in a blank line ("" when there is nothing to show).
    """
    out: list[str] = []
    width = max((len(r.name) for p in shown for r in p.rows), default=0) + 2
    for p in shown:
        out.append(
            t(
                f"preview.heading.{heading_kind(p.invite.draft)}",
                lang,
                file=p.file,
                status=t(f"preview.status.{p.status}", lang),
            )
        )
        for row in p.rows:
            lines = row.text.split("\n") or [""]
            out.append(f"  {row.name.ljust(width)}{lines[0]}")
            out += [f"  {' ' * width}{line}".rstrip() for line in lines[1:]]
        for name, flag in p.flags:
            out.append("  " + t(f"preview.warn.{flag.why}", lang, text=flag.text, field=name))
        out.append("")
    return "\n".join(out) + "\n" if out else ""
