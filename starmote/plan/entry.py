"""Reading one field of the `new` form: text, dates, lengths and windows as the chair types them.

Each reader returns the value for the case file or raises `FieldRefused` with the
message the form shows under the field. A personnummer is refused in every text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from starmote import privacy
from starmote.dates import DateParseError, add_months, combine_local, parse_due, parse_time
from starmote.dates import parse_duration_min as parse_duration
from starmote.i18n import t
from starmote.plan import limits
from starmote.plan.fields import CODE_RE, EMAIL_RE, KEY_RE
from starmote.plan.model import INDIVIDUAL, STOCKHOLM


class FieldRefused(Exception):
    """One field's value cannot be used; `str()` is the message, in the form's language."""


def refusal(lang: str) -> Callable[..., str]:
    """The form's messages in `lang`: `refusal(lang)("too_long", limit=200, got=250)`."""
    return lambda key, **values: t(f"newcase.error.{key}", lang, **values)


def text_field(value: str, limit: int, required: bool = False, *, lang: str = "sv") -> str:
    """`value` stripped, checked for length and a personnummer."""
    text = value.strip()
    if required and not text:
        raise FieldRefused(refusal(lang)("required"))
    if privacy.contains_personnummer(text):
        raise FieldRefused(refusal(lang)("personnummer"))
    if len(text) > limit:
        raise FieldRefused(refusal(lang)("too_long", limit=limit, got=len(text)))
    return text


def lines_field(value: str, limit: int, *, lang: str = "sv") -> list[str]:
    """Non-empty lines of `value`, each checked as a text of at most `limit`."""
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    for n, line in enumerate(lines, start=1):
        try:
            text_field(line, limit, lang=lang)
        except FieldRefused as err:
            raise FieldRefused(refusal(lang)("on_line", n=n, problem=str(err))) from None
    return lines


def email_field(value: str, *, lang: str = "sv") -> str:
    """A work e-mail address, or ""."""
    text = text_field(value, limits.EMAIL, lang=lang)
    if text and not EMAIL_RE.match(text):
        raise FieldRefused(refusal(lang)("email", value=text))
    return text


def link_field(value: str, *, lang: str = "sv") -> str:
    """A video link (http or https), or ""."""
    text = text_field(value, limits.LINK, lang=lang)
    if text and not text.startswith(("https://", "http://")):
        raise FieldRefused(refusal(lang)("link"))
    return text


def code_field(value: str, *, lang: str = "sv") -> str:
    """A case code: letters, digits, - and _, at most 40."""
    text = text_field(value, 40, True, lang=lang)
    if not CODE_RE.match(text):
        raise FieldRefused(refusal(lang)("code"))
    return text


def key_field(value: str, *, lang: str = "sv") -> str:
    """A party key as typed ("" is allowed: one is made from the kind)."""
    text = value.strip()
    if text and not KEY_RE.match(text):
        raise FieldRefused(refusal(lang)("key", value=text))
    if text == INDIVIDUAL:
        raise FieldRefused(refusal(lang)("key_reserved"))
    return text


def _date_error(err: DateParseError, lang: str) -> FieldRefused:
    return FieldRefused(err.message(lang))


def parse_when(text: str, today: date, *, lang: str = "sv") -> datetime:
    """The start the chair typed: a date and a time, in the app's quick forms.

    `tis 14:00`, `15/12 13.30`, `+2v 9`, `2026-12-15 09:00`. A date alone is refused
    (a meeting needs its time); so are a day before `today` and a time the clocks
    skip or repeat that night.

    Args:
        text: What was typed.
        today: The day to count from (Stockholm).
        lang: Language of the message.

    Returns:
        The aware start (Europe/Stockholm).

    Raises:
        FieldRefused: With the message for the field.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        raise FieldRefused(refusal(lang)("when_empty"))
    # A date alone reads as a date first: `15/12 2026` is a year, not 20:26.
    whole: DateParseError | None = None
    try:
        parse_due(cleaned, today)
    except DateParseError as err:
        whole = err
    else:
        raise FieldRefused(refusal(lang)("when_no_time"))
    day_text, _, time_text = cleaned.rpartition(" ")
    if not day_text:
        raise _date_error(whole, lang)
    try:
        at = parse_time(time_text)
    except DateParseError:
        raise _date_error(whole, lang) from None
    try:
        day = parse_due(day_text, today)
    except DateParseError as err:
        raise _date_error(err, lang) from None
    if day < today:
        raise FieldRefused(refusal(lang)("when_past", date=day.isoformat()))
    try:
        return combine_local(day, at, STOCKHOLM)
    except DateParseError as err:
        raise _date_error(err, lang) from None


def parse_past_day(text: str, today: date, *, lang: str = "sv") -> date | None:
    """A day that has been (consent given): `20/11` is the last 20 November, not the next.

    Returns:
        The date, or None when nothing was typed.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        found = parse_due(cleaned, today)
    except DateParseError as err:
        raise _date_error(err, lang) from None
    if found > today:
        # A day and month without a year mean the latest one; counted from a year back.
        try:
            earlier = parse_due(cleaned, add_months(today, -12) + timedelta(days=1))
        except DateParseError:
            earlier = found
        if (earlier.month, earlier.day) == (found.month, found.day) and earlier <= today:
            found = earlier
    return found


def parse_day(text: str, today: date, *, lang: str = "sv") -> date | None:
    """A day ahead (consent valid until), or None when nothing was typed."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return parse_due(cleaned, today)
    except DateParseError as err:
        raise _date_error(err, lang) from None


def parse_minutes(text: str, lo: int, hi: int, *, lang: str = "sv") -> int:
    """A length (`90`, `1h30`) in whole minutes from `lo` to `hi`."""
    try:
        minutes = parse_duration(text)
    except DateParseError as err:
        raise _date_error(err, lang) from None
    if not lo <= minutes <= hi:
        raise FieldRefused(refusal(lang)("minutes_range", lo=lo, hi=hi, value=minutes))
    return minutes


_WINDOW = re.compile(r"^\s*([0-9:.]*)\s*[-–—]\s*([0-9:.]*)\s*$")


def parse_window(
    text: str, start: datetime | None, duration: int | None, *, lang: str = "sv"
) -> tuple[int, int | None] | None:
    """A party's time window: minutes from the start, or clock times that day.

    `0-60` (the first hour), `30-` (from half past), `-60`, `09:00-10:00`.

    Returns:
        (from_min, until_min or None), or None when nothing was typed.
    """
    if not text.strip():
        return None
    found = _WINDOW.match(text)
    if not found or not (found[1] or found[2]):
        raise FieldRefused(refusal(lang)("window", value=text.strip()))

    def minutes(part: str, default: int | None) -> int | None:
        if not part:
            return default
        if part.isdigit():
            return int(part)
        try:
            at = parse_time(part)
        except DateParseError:
            raise FieldRefused(refusal(lang)("window", value=text.strip())) from None
        if start is None:
            raise FieldRefused(refusal(lang)("window_needs_start"))
        local = start.astimezone(STOCKHOLM)
        offset = datetime.combine(local.date(), at) - local.replace(tzinfo=None)
        return int(offset.total_seconds() // 60)

    lo = minutes(found[1], 0) or 0
    hi = minutes(found[2], None)
    if lo < 0 or (hi is not None and hi <= lo):
        raise FieldRefused(refusal(lang)("window_order"))
    if duration is not None and (lo >= duration or (hi is not None and hi > duration)):
        raise FieldRefused(refusal(lang)("window_beyond", duration=duration))
    return lo, hi


def split_keys(text: str) -> list[str]:
    """Party keys typed with commas or spaces between them."""
    return [k for k in re.split(r"[,\s]+", text.strip()) if k]


def unique_key(base: str, taken: Iterable[str]) -> str:
    """A party key from `base` (a kind or an organisation) not among `taken`: fk, fk-2, …"""
    slug = re.sub(r"[^a-z0-9_-]+", "-", _ascii(base.lower())).strip("-")[:30] or "part"
    if slug == INDIVIDUAL:
        slug = "part"
    used = set(taken)
    key, n = slug, 2
    while key in used:
        key, n = f"{slug}-{n}", n + 1
    return key


def _ascii(text: str) -> str:
    return text.translate(str.maketrans("åäöéü", "aaoeu"))
