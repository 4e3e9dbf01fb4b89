"""Quick date, time and duration entry for the chair: `15/12`, `+2v`, `+5a`, `fredag`, `13.30`."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

from starmote.errors import KeyedError

MAX_YEARS_AHEAD = 5
"""A due date further ahead than this is a typo, not a plan."""
EARLIEST = date(2000, 1, 1)


class DateParseError(KeyedError):
    """Text that is not a date, time or duration. `key` names the message in the catalogue."""


# Both languages at once: the chair types whatever comes to mind, and there are
# no clashes between the Swedish and English spellings.
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("januari", "january", "jan"),
        ("februari", "february", "feb"),
        ("mars", "march", "mar"),
        ("april", "apr"),
        ("maj", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("augusti", "august", "aug"),
        ("september", "sept", "sep"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

_WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("måndag", "mån", "monday", "mon"),
        ("tisdag", "tis", "tuesday", "tues", "tue"),
        ("onsdag", "ons", "wednesday", "wed"),
        ("torsdag", "tors", "tor", "thursday", "thurs", "thu"),
        ("fredag", "fre", "friday", "fri"),
        ("lördag", "lör", "saturday", "sat"),
        ("söndag", "sön", "sunday", "sun"),
    )
):
    for _name in _names:
        _WEEKDAYS[_name] = _number

_RELATIVE_WORDS = {
    "idag": 0,
    "i dag": 0,
    "today": 0,
    "imorgon": 1,
    "i morgon": 1,
    "imorron": 1,
    "tomorrow": 1,
    "iövermorgon": 2,
    "i övermorgon": 2,
    "övermorgon": 2,
}

_UNITS = {
    "d": "d",
    "dag": "d",
    "dagar": "d",
    "day": "d",
    "days": "d",
    "v": "w",
    "w": "w",
    "vecka": "w",
    "veckor": "w",
    "week": "w",
    "weeks": "w",
    "m": "m",
    "mån": "m",
    "månad": "m",
    "månader": "m",
    "month": "m",
    "months": "m",
    "å": "y",
    "år": "y",
    "y": "y",
    "year": "y",
    "years": "y",
}

# The patterns are strings that `re` compiles on first use (and caches): only the
# chair's typing needs them, so the way to the first frame does not compile fourteen.
# [0-9], not \d: int() would happily read Arabic-Indic digits too.
_ISO = r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
_COMPACT = r"([0-9]{4})([0-9]{2})([0-9]{2})"
_NUMERIC = r"([0-9]{1,2})[/.]([0-9]{1,2})(?:(?:[/.]|\.? )([0-9]{2}|[0-9]{4}))?\.?"
_DAY_MONTH = r"([0-9]{1,2})(?::e|:a)?\.? ?([^\W\d_]+)\.?(?:,? ([0-9]{4}))?"
_MONTH_DAY = r"([^\W\d_]+)\.? ([0-9]{1,2})(?:,? ([0-9]{4}))?"
_RELATIVE = r"(?:\+|om |in )([0-9]{1,6}) ?([^\W\d_]+)"
_WEEK = r"(?:v|w|vecka|week|v\.)\s?([0-9]{1,2})(?:,? ([0-9]{4}))?"
_ISO_WEEK = r"([0-9]{4})-?w([0-9]{1,2})"
# Working days: "+5a", "5 arbetsdagar", "om 5 arbetsdagar"; "+5wd", "5 working days".
_WORKING = (
    r"(?:\+|om |in )?([0-9]{1,5}) ?"
    r"(?:a|ad|arbetsdag|arbetsdagar|wd|workday|workdays|working days?|business days?)"
)


def _clean(text: str) -> str:
    return " ".join(text.split()).casefold()


def _shown(text: str) -> str:
    """The user's text as quoted back in a message: stripped and kept short."""
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateParseError("dates.invalid", text=_shown(text)) from None


def _next_of(month: int, day: int, today: date, text: str) -> date:
    """The first `day`/`month` on or after today (29 February may be a few years off)."""
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise DateParseError("dates.invalid", text=_shown(text))
    for year in range(today.year, today.year + MAX_YEARS_AHEAD + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise DateParseError("dates.invalid", text=_shown(text))


def _full_year(digits: str) -> int:
    year = int(digits)
    return 2000 + year if len(digits) == 2 else year


def add_months(start: date, months: int) -> date:
    """`start` plus `months` calendar months, clamped to the end of a shorter month.

    Args:
        start: The date to count from.
        months: Months to add (may be negative).

    Returns:
        The date; 31 January + 1 month is the last day of February.
    """
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def _relative(amount: int, unit: str, today: date) -> date:
    if unit == "d":
        return today + timedelta(days=amount)
    if unit == "w":
        return today + timedelta(weeks=amount)
    if unit == "m":
        return add_months(today, amount)
    return add_months(today, 12 * amount)


def _week_monday(week: int, year: int | None, today: date, text: str) -> date:
    """Monday of ISO week `week`: in `year`, or the next such Monday on or after today."""
    if not 1 <= week <= 53:
        raise DateParseError("dates.no_week", week=week)
    years = [year] if year is not None else range(today.year, today.year + MAX_YEARS_AHEAD + 1)
    for y in years:
        try:
            monday = date.fromisocalendar(y, week, 1)
        except ValueError:
            continue  # no week 53 that year
        if year is not None or monday >= today:
            return monday
    raise DateParseError("dates.no_week", week=week)


def _parse(text: str, today: date) -> date | None:
    """The date `text` names, or None when it matches no known form."""
    if text in _RELATIVE_WORDS:
        return today + timedelta(days=_RELATIVE_WORDS[text])
    if text in _WEEKDAYS:
        ahead = (_WEEKDAYS[text] - today.weekday() - 1) % 7 + 1
        return today + timedelta(days=ahead)
    if m := re.fullmatch(_ISO, text) or re.fullmatch(_COMPACT, text):
        return _make(int(m[1]), int(m[2]), int(m[3]), text)
    if m := re.fullmatch(_ISO_WEEK, text):
        return _week_monday(int(m[2]), int(m[1]), today, text)
    if m := re.fullmatch(_WEEK, text):
        return _week_monday(int(m[1]), int(m[2]) if m[2] else None, today, text)
    if m := re.fullmatch(_NUMERIC, text):
        day, month = int(m[1]), int(m[2])
        if m[3]:
            return _make(_full_year(m[3]), month, day, text)
        return _next_of(month, day, today, text)
    day_month = re.fullmatch(_DAY_MONTH, text)
    month_day = re.fullmatch(_MONTH_DAY, text)
    if day_month and day_month[2] in _MONTHS:
        day, month, year = int(day_month[1]), _MONTHS[day_month[2]], day_month[3]
    elif month_day and month_day[1] in _MONTHS:
        day, month, year = int(month_day[2]), _MONTHS[month_day[1]], month_day[3]
    else:
        return _parse_relative(text, today)
    if year:
        return _make(int(year), month, day, text)
    return _next_of(month, day, today, text)


def swedish_holidays(years: range) -> frozenset[date]:
    """Swedish public holidays in `years`, and the eves a workplace is closed on.

    From the `holidays` package (maintained; Easter-based and fixed days alike), with
    its de facto holidays: midsommarafton, julafton and nyårsafton are not public
    holidays by law, but no agency works on them.

    Args:
        years: The calendar years wanted.

    Returns:
        The days, weekends not included unless a holiday falls on one.
    """
    import holidays  # on first use only: it costs a tenth of a second to import

    found = holidays.country_holidays("SE", years=years, categories=("public", "de_facto"))
    return frozenset(found)


def add_working_days(start: date, count: int) -> date:
    """The day `count` working days after `start`: weekends and Swedish holidays skipped.

    Args:
        start: The day to count from (itself not counted).
        count: Working days ahead; 0 is `start` itself.

    Returns:
        The date.
    """
    # A year has some 250 working days: look far enough ahead for the holidays.
    years = range(start.year, start.year + count // 240 + 2)
    closed = swedish_holidays(years)
    day, left = start, count
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in closed:
            left -= 1
    return day


def _parse_relative(text: str, today: date) -> date | None:
    if w := re.fullmatch(_WORKING, text):
        count = int(w[1])
        if count > 260 * MAX_YEARS_AHEAD:
            raise DateParseError("dates.too_far", text=_shown(w[0]), years=MAX_YEARS_AHEAD)
        return add_working_days(today, count)
    m = re.fullmatch(_RELATIVE, text)
    if not m or m[2] not in _UNITS:
        return None
    try:
        return _relative(int(m[1]), _UNITS[m[2]], today)
    except (OverflowError, ValueError):
        # Past year 9999: certainly more than five years ahead.
        raise DateParseError("dates.too_far", text=_shown(m[0]), years=MAX_YEARS_AHEAD) from None


def parse_due(text: str, today: date) -> date:
    """The date the chair typed, for a due date or a follow-up.

    Accepts ISO `2026-12-15`; `15/12`, `15.12`, `15 dec`, `15 december`
    (this year, or next year once passed), with an optional year
    (`15/12/2026`, `15/12 2026`, `15 dec 2026`); relative `+3d`, `+2v`/`+2w`,
    `+1m` (clamped to the month's end), `+1å`/`+1y` (`+0d` is today); working
    days `+5a`, `5 arbetsdagar`, `+5wd`, `5 working days` (weekends and Swedish
    holidays skipped, midsommarafton, julafton and nyårsafton too);
    `idag`/`today`, `imorgon`/`tomorrow`; a weekday (`fre`, `friday`: the
    next one after today); a week `v50`, `vecka 50`, `week 50` (its Monday,
    next occurrence on or after today; `v50 2027` for a given year).

    Args:
        text: What was typed; case and extra spaces do not matter.
        today: The day to count from (the meeting's date).

    Returns:
        The date.

    Raises:
        DateParseError: Not a date, an impossible date (31/02), or outside
            2000-01-01 … five years after `today`.
    """
    cleaned = _clean(text)
    if not cleaned:
        raise DateParseError("dates.empty")
    result = _parse(cleaned, today)
    if result is None:
        raise DateParseError("dates.unknown", text=_shown(text))
    if result < EARLIEST:
        raise DateParseError("dates.too_early", date=result.isoformat())
    if result > add_months(today, 12 * MAX_YEARS_AHEAD):
        raise DateParseError("dates.too_far", text=result.isoformat(), years=MAX_YEARS_AHEAD)
    return result


_TIME = r"(?:kl\.? ?)?([0-9]{1,2})(?:[:.]?([0-9]{2}))?"


def parse_time(text: str) -> time:
    """A clock time: `13:30`, `13.30`, `1330`, `930`, `9` (09:00), `kl 13`.

    Args:
        text: What was typed.

    Returns:
        The time (naive; the caller knows the zone).

    Raises:
        DateParseError: Not a time, or an impossible one (25:00, 13:60).
    """
    cleaned = _clean(text)
    if not cleaned:
        raise DateParseError("dates.time_empty")
    m = re.fullmatch(_TIME, cleaned)
    if not m:
        raise DateParseError("dates.time_unknown", text=_shown(text))
    hour, minute = int(m[1]), int(m[2] or 0)
    if hour > 23 or minute > 59:
        raise DateParseError("dates.time_invalid", text=_shown(text))
    return time(hour, minute)


def wall_clock_problem(moment: datetime) -> Literal["gap", "fold"] | None:
    """Whether the wall time of `moment` happens exactly once in its zone.

    Args:
        moment: A date and time with its zone as tzinfo; its `fold` is ignored.

    Returns:
        "gap" when clocks skip it (spring forward), "fold" when it happens twice
        (fall back), else None.
    """
    first, second = moment.replace(fold=0), moment.replace(fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    # A wall time in the gap does not survive the round trip through UTC; one in the fold does.
    back = first.astimezone(UTC).astimezone(first.tzinfo)
    return "gap" if back.replace(tzinfo=None) != first.replace(tzinfo=None) else "fold"


def combine_local(day: date, at: time, zone: tzinfo) -> datetime:
    """The moment the chair means by `day` at `at` in `zone`.

    Args:
        day: The date typed.
        at: The time typed.
        zone: Where it is meant (Europe/Stockholm).

    Returns:
        The aware datetime.

    Raises:
        DateParseError: The time does not exist that day, or happens twice (a DST change):
            the chair picks another time rather than have starmote guess.
    """
    moment = datetime.combine(day, at, tzinfo=zone)
    problem = wall_clock_problem(moment)
    if problem is not None:
        raise DateParseError(f"dates.time_{problem}", time=f"{at:%H:%M}", date=day.isoformat())
    return moment


MAX_DURATION_MIN = 24 * 60

_MIN = r"(?:m|min|mins|minut|minuter|minute|minutes)\.?"
_HOUR = r"(?:h|t|tim|timme|timmar|hour|hours)\.?"
_MINUTES_ONLY = rf"([0-9]{{1,4}}) ?(?:{_MIN})?"
_HOURS = rf"([0-9]{{1,2}})(?:[.,]([0-9]{{1,2}}))? ?{_HOUR}"
_HOURS_MINUTES = rf"([0-9]{{1,2}}) ?{_HOUR} ?(?:och |and )?([0-9]{{1,2}}) ?(?:{_MIN})?"
_CLOCK = r"([0-9]{1,2}):([0-5][0-9])"


def _duration(cleaned: str) -> float | None:
    if m := re.fullmatch(_MINUTES_ONLY, cleaned):
        return int(m[1])
    if m := re.fullmatch(_HOURS, cleaned):
        fraction = int(m[2]) / 10 ** len(m[2]) if m[2] else 0
        return (int(m[1]) + fraction) * 60
    if m := re.fullmatch(_HOURS_MINUTES, cleaned) or re.fullmatch(_CLOCK, cleaned):
        return None if int(m[2]) > 59 else int(m[1]) * 60 + int(m[2])
    return None


def parse_duration_min(text: str) -> int:
    """A length in minutes: `60`, `90 min`, `1h`, `1h30`, `1 h 30 min`, `1,5 h`, `1:30`.

    Args:
        text: What was typed.

    Returns:
        Whole minutes, 1 to 1440.

    Raises:
        DateParseError: Not a duration (or not whole minutes), zero, or over a day.
    """
    cleaned = _clean(text)
    if not cleaned:
        raise DateParseError("dates.duration_empty")
    minutes = _duration(cleaned)
    # round(): 1,1 h is 66 minutes, not 66.00000000000001.
    if minutes is None or abs(minutes - round(minutes)) > 1e-9:
        raise DateParseError("dates.duration_unknown", text=_shown(text))
    if not 1 <= round(minutes) <= MAX_DURATION_MIN:
        raise DateParseError("dates.duration_range", text=_shown(text), max=MAX_DURATION_MIN)
    return round(minutes)


def part_length(seconds: float, unit: bool = True) -> str:
    """A part's length, the one way every screen and refusal shows it: "40 min", "40:30 min".

    Rounded to whole seconds, never to whole minutes, so a part of 40 min 30 s reads the
    same on the circle, the clock line, the agenda and the minutes' timing table (40:30).

    Args:
        seconds: The length.
        unit: Add " min" (a narrow column that says its unit elsewhere leaves it off).

    Returns:
        Whole minutes alone when the length is a whole number of minutes, else m:ss.
    """
    total = int(round(max(0.0, seconds)))
    minutes, rest = divmod(total, 60)
    text = f"{minutes}:{rest:02d}" if rest else str(minutes)
    return f"{text} min" if unit else text
