"""Formatting shared by the documents: language, dates and times (Babel), spans, names, masking."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_datetime, format_time

from starmote import privacy
from starmote.engine.state import CHAIR, NOTE_TAKER, MeetingState
from starmote.i18n import t
from starmote.plan.model import STOCKHOLM, MeetingPlan

LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def lang_of(state: MeetingState, lang: str | None) -> str:
    """The language of a meeting's documents: the one rule, for every document it has.

    The case file's `language` decides (the minutes go into the person's record in it);
    a language asked for explicitly (`export --lang`, the closing screen's export in the
    other language) overrides it. The screen's language is the chair's own choice and
    plays no part.

    Args:
        state: The meeting.
        lang: A language asked for explicitly, or None.

    Returns:
        "sv" or "en".
    """
    for candidate in (lang, state.plan.language):
        if candidate in LOCALES:
            return candidate
    return "sv"


def is_draft(state: MeetingState) -> bool:
    """Whether the meeting is still open: its documents are drafts (UTKAST) until it closes."""
    return state.status != "closed"


def fmt_date(value: date | datetime, lang: str, form: str = "long") -> str:
    """A date in the local calendar (Stockholm), e.g. "3 december 2026"."""
    if isinstance(value, datetime):
        value = value.astimezone(STOCKHOLM).date()
    return format_date(value, form, locale=LOCALES[lang])


def local_day(value: datetime) -> date:
    """The calendar day of a wall time in Stockholm."""
    return value.astimezone(STOCKHOLM).date()


def held_on(state: MeetingState) -> datetime:
    """When the meeting began: its first part's start (the booked day may be another).

    Not when the app opened it: a chair may check in the parties well before, or open
    the case the day before to prepare. A meeting that never began counts from opening.
    """
    return (state.began or state.opened).wall


def fmt_time(value: datetime, lang: str) -> str:
    """A wall time as Stockholm local HH:mm."""
    return format_time(value, "HH:mm", tzinfo=STOCKHOLM, locale=LOCALES[lang])


def fmt_stamp(value: datetime, lang: str) -> str:
    """The export stamp: date and time in Stockholm."""
    return format_datetime(value, "d MMMM y HH:mm", tzinfo=STOCKHOLM, locale=LOCALES[lang])


def fmt_span(seconds: float) -> str:
    """Seconds as m:ss (or h:mm:ss), rounded to whole seconds."""
    total = int(round(abs(seconds)))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    body = f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
    return f"−{body}" if seconds < 0 and total else body


def fmt_diff(seconds: float) -> str:
    """A signed difference, "+1:30" over, "−0:45" under, "0:00" on time."""
    text = fmt_span(seconds)
    return f"+{text}" if seconds >= 0.5 else text


def clean(text: str) -> str:
    """Free text for a document: any personnummer in it masked (minimisation).

    The renderers mask every text again (`model.shown`): this keeps the document model
    itself free of one, for whatever else reads it.
    """
    return privacy.mask_personnummer(text)


def party_label(plan: MeetingPlan, key: str | None, lang: str = "sv") -> str:
    """How a party, or the chair or note taker, is named in documents.

    Returns:
        "Försäkringskassan (Lena Berg)", "Maria Ek (ordförande)", or "" for no one.
    """
    if key == CHAIR:
        return t("doc.chair_label", lang, name=plan.chair.name)
    if key == NOTE_TAKER:
        name = plan.note_taker.name if plan.note_taker else ""
        return t("doc.note_taker_label", lang, name=name)
    return plan.label_of(key) if key else ""


def stamp_text(stamp: datetime, lang: str) -> str:
    """The text of the export stamp line."""
    return t("minutes.stamp", lang, at=fmt_stamp(stamp, lang))


def decisions_word(plan: MeetingPlan, lang: str) -> str:
    """What the meeting type calls its decisions: its own word ("Överenskommelser") or "Beslut"."""
    return plan.decisions_label(lang) or t("minutes.decisions", lang)


def convener_label(plan: MeetingPlan, convener: str, lang: str) -> str:
    """Who convenes the follow-up: the party the chair named, else the meeting type's
    convener (Försäkringskassan for an avstämningsmöte), else the chair.

    Args:
        plan: The meeting's plan.
        convener: The party key the follow-up names ("" if none was named).
        lang: "sv" or "en".

    Returns:
        "Försäkringskassan (Lena Berg)", or the chair's name.
    """
    key = convener or plan.convener_key()
    return party_label(plan, key, lang) if key else plan.chair.name
