"""A ready-to-send e-mail (.eml) with an invite, for coordinators who mail from their own client."""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from starmote.documents.invites import InviteDraft
from starmote.i18n import t


def invite_email(
    draft: InviteDraft, ics: bytes, stamp: datetime, wording: str | None = None
) -> bytes:
    """An RFC 5322 message: multipart/alternative with a neutral text part and the invite.

    Built from the approved draft alone, like the invite: From is the chair's work address,
    To the attendees' work addresses, and Subject and body say no more than the neutral
    title. The calendar part is `text/calendar; method=<METHOD>; charset=UTF-8`, base64 so
    no mail server can rewrap its CRLF-folded lines.

    Args:
        draft: The follow-up's invite, as the chair approved it.
        ics: Its bytes, from `invites.calendar([draft], …)`.
        stamp: Export time (aware) -> the Date header.
        wording: "kallad" or "inbjuden" for a kallelse's mail (its subject and body say
            which); None for the follow-up's invite.

    Returns:
        The message bytes (CRLF line ends).
    """
    lang = draft.lang
    cancel = draft.method == "CANCEL"
    msg = EmailMessage(policy=SMTP)
    msg["From"] = draft.organiser
    recipients = [
        a.address for a in draft.attendees if a.address.lower() != draft.organiser.lower()
    ]
    msg["To"] = ", ".join(recipients) if recipients else draft.organiser
    key = "invites.mail.subject_cancel" if cancel else "invites.mail.subject"
    if wording and not cancel:
        key = f"invites.mail.subject_{wording}"
    msg["Subject"] = t(key, lang, title=draft.title)
    msg["Date"] = format_datetime(stamp)
    digest = hashlib.sha256(ics).hexdigest()[:24]
    msg["Message-ID"] = f"<{digest}@starmote>"
    # Outlook opens an .eml with X-Unsent as a draft, ready to check and send.
    msg["X-Unsent"] = "1"
    body_key = "invites.mail.body_cancel" if cancel else "invites.mail.body"
    if wording and not cancel:
        body_key = f"invites.mail.body_{wording}"
    msg.set_content(t(body_key, lang, title=draft.title) + "\n")
    msg.add_alternative(
        ics,
        maintype="text",
        subtype="calendar",
        cte="base64",
        params={"method": draft.method, "charset": "UTF-8"},
    )
    # A fixed boundary keeps the export byte-stable (the default one is random).
    msg.set_boundary(f"=_starmote_{digest}")
    return msg.as_bytes()
