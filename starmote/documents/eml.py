"""A ready-to-send e-mail (.eml) with an invite, for coordinators who mail from their own client."""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from icalendar import Calendar

from starmote.documents.fmt import lang_of
from starmote.documents.invites import invitees, scrub, summary
from starmote.engine.state import MeetingState
from starmote.i18n import t


def invite_email(
    state: MeetingState, ics: bytes, stamp: datetime, lang: str | None = None
) -> bytes:
    """An RFC 5322 message: multipart/alternative with a neutral text part and the invite.

    The calendar part is `text/calendar; method=<METHOD>; charset=UTF-8`, base64 so
    no mail server can rewrap its CRLF-folded lines. Subject and body are as neutral
    as the invite itself (case code only).

    Args:
        state: The meeting (for addresses, names and the case code).
        ics: The invite bytes from `invites.follow_up_ics`.
        stamp: Export time (aware) -> the Date header.
        lang: "sv" or "en"; the meeting's language by default.

    Returns:
        The message bytes (CRLF line ends).
    """
    lang = lang_of(state, lang)
    plan = state.plan
    method = str(Calendar.from_ical(ics).get("METHOD", "REQUEST")).upper()
    chair_email = plan.chair.email.strip()
    msg = EmailMessage(policy=SMTP)
    from_name = scrub(plan.chair.name, plan)
    msg["From"] = f"{from_name} <{chair_email}>" if from_name else chair_email
    recipients = [p.email.strip() for p in invitees(plan)]
    msg["To"] = ", ".join(recipients) if recipients else chair_email
    title = summary(plan, lang)
    key = "invites.mail.subject_cancel" if method == "CANCEL" else "invites.mail.subject"
    msg["Subject"] = scrub(t(key, lang, title=title), plan)
    msg["Date"] = format_datetime(stamp)
    digest = hashlib.sha256(ics).hexdigest()[:24]
    msg["Message-ID"] = f"<{digest}@starmote>"
    # Outlook opens an .eml with X-Unsent as a draft, ready to check and send.
    msg["X-Unsent"] = "1"
    body_key = "invites.mail.body_cancel" if method == "CANCEL" else "invites.mail.body"
    msg.set_content(scrub(t(body_key, lang, title=title), plan) + "\n")
    msg.add_alternative(
        ics,
        maintype="text",
        subtype="calendar",
        cte="base64",
        params={"method": method, "charset": "UTF-8"},
    )
    # A fixed boundary keeps the export byte-stable (the default one is random).
    msg.set_boundary(f"=_starmote_{digest}")
    return msg.as_bytes()
