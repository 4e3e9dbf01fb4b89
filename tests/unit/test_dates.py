"""Quick date, time and duration entry: what the chair types and what it means."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from starmote.dates import (
    DateParseError,
    add_months,
    combine_local,
    parse_due,
    parse_duration_min,
    parse_time,
    wall_clock_problem,
)
from starmote.i18n import en, sv

TODAY = date(2026, 12, 3)
"""A Thursday in ISO week 49: the factories' meeting day."""

DUE = [
    # ISO and compact
    ("2026-12-15", date(2026, 12, 15)),
    ("2027-1-5", date(2027, 1, 5)),
    ("20261215", date(2026, 12, 15)),
    # day/month: this year, or next year once passed
    ("15/12", date(2026, 12, 15)),
    ("3/12", date(2026, 12, 3)),
    ("1/12", date(2027, 12, 1)),
    ("15.12", date(2026, 12, 15)),
    ("15.12.", date(2026, 12, 15)),
    ("15/12/2026", date(2026, 12, 15)),
    ("15/12 2026", date(2026, 12, 15)),
    ("15.12.2027", date(2027, 12, 15)),
    ("15/12/27", date(2027, 12, 15)),
    ("29/2", date(2028, 2, 29)),
    # month names, Swedish and English, any case
    ("15 dec", date(2026, 12, 15)),
    ("15 December", date(2026, 12, 15)),
    ("15 DEC.", date(2026, 12, 15)),
    ("15dec", date(2026, 12, 15)),
    ("3 maj", date(2027, 5, 3)),
    ("3 may", date(2027, 5, 3)),
    ("1 okt", date(2027, 10, 1)),
    ("1 oct 2027", date(2027, 10, 1)),
    ("dec 15", date(2026, 12, 15)),
    ("  15   januari  ", date(2027, 1, 15)),
    # relative
    ("+3d", date(2026, 12, 6)),
    ("+0d", TODAY),
    ("+2v", date(2026, 12, 17)),
    ("+2w", date(2026, 12, 17)),
    ("+2 v", date(2026, 12, 17)),
    ("om 2 veckor", date(2026, 12, 17)),
    ("in 3 days", date(2026, 12, 6)),
    ("+1m", date(2027, 1, 3)),
    ("+3 mån", date(2027, 3, 3)),
    ("+1å", date(2027, 12, 3)),
    ("+1y", date(2027, 12, 3)),
    ("+5å", date(2031, 12, 3)),
    # words
    ("idag", TODAY),
    ("i dag", TODAY),
    ("today", TODAY),
    ("imorgon", date(2026, 12, 4)),
    ("Tomorrow", date(2026, 12, 4)),
    ("övermorgon", date(2026, 12, 5)),
    # weekdays: the next one after today (today's weekday is a week ahead)
    ("fredag", date(2026, 12, 4)),
    ("fre", date(2026, 12, 4)),
    ("Friday", date(2026, 12, 4)),
    ("fri", date(2026, 12, 4)),
    ("måndag", date(2026, 12, 7)),
    ("mon", date(2026, 12, 7)),
    ("torsdag", date(2026, 12, 10)),
    ("ons", date(2026, 12, 9)),
    ("sön", date(2026, 12, 6)),
    # ISO weeks: Monday, next occurrence on or after today
    ("v50", date(2026, 12, 7)),
    ("v 50", date(2026, 12, 7)),
    ("v.50", date(2026, 12, 7)),
    ("vecka 50", date(2026, 12, 7)),
    ("week 50", date(2026, 12, 7)),
    ("v53", date(2026, 12, 28)),
    ("v1", date(2027, 1, 4)),
    ("v49", date(2027, 12, 6)),
    ("v2 2027", date(2027, 1, 11)),
    ("2027-W02", date(2027, 1, 11)),
]


@pytest.mark.parametrize(("text", "expected"), DUE)
def test_parse_due(text: str, expected: date) -> None:
    assert parse_due(text, TODAY) == expected


BAD_DUE = [
    ("", "dates.empty"),
    ("   ", "dates.empty"),
    ("31/02", "dates.invalid"),
    ("31/2/2027", "dates.invalid"),
    ("2026-13-01", "dates.invalid"),
    ("2026-02-30", "dates.invalid"),
    ("0/1", "dates.invalid"),
    ("15/13", "dates.invalid"),
    ("32 dec", "dates.invalid"),
    ("1999-12-31", "dates.too_early"),
    ("1/1/1999", "dates.too_early"),
    ("2031-12-04", "dates.too_far"),
    ("+6å", "dates.too_far"),
    ("+61m", "dates.too_far"),
    ("+999999d", "dates.too_far"),
    ("+999999å", "dates.too_far"),
    ("v54", "dates.no_week"),
    ("v0", "dates.no_week"),
    ("v53 2027", "dates.no_week"),
    ("nästa vecka", "dates.unknown"),
    ("-3d", "dates.unknown"),
    ("+3", "dates.unknown"),
    ("+3x", "dates.unknown"),
    ("15 smarch", "dates.unknown"),
    ("maj", "dates.unknown"),
    ("١٥/١٢", "dates.unknown"),
    ("15/12/202", "dates.unknown"),
]


@pytest.mark.parametrize(("text", "key"), BAD_DUE)
def test_parse_due_refuses(text: str, key: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_due(text, TODAY)
    assert info.value.key == key


def test_error_messages_in_both_languages() -> None:
    with pytest.raises(DateParseError) as info:
        parse_due("31/02", TODAY)
    assert info.value.message("sv") == "”31/02” är inget giltigt datum."
    assert info.value.message("en") == "“31/02” is not a valid date."
    assert str(info.value) == info.value.message("en")


def test_long_input_is_shortened_in_the_message() -> None:
    with pytest.raises(DateParseError) as info:
        parse_due("x" * 500, TODAY)
    assert len(info.value.values["text"]) == 40


def test_every_dates_key_exists_in_both_catalogues() -> None:
    sv_keys = {k for k in sv.MESSAGES if k.startswith("dates.")}
    en_keys = {k for k in en.MESSAGES if k.startswith("dates.")}
    assert sv_keys == en_keys
    assert len(sv_keys) == 14


def test_day_month_on_new_years_eve_rolls_over() -> None:
    assert parse_due("1/1", date(2026, 12, 31)) == date(2027, 1, 1)
    assert parse_due("31/12", date(2026, 12, 31)) == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 3), 1, date(2027, 1, 3)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2027, 3, 31), -1, date(2027, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_relative_month_clamps() -> None:
    assert parse_due("+1m", date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_due("+1å", date(2028, 2, 29)) == date(2029, 2, 28)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13:30", time(13, 30)),
        ("13.30", time(13, 30)),
        ("1330", time(13, 30)),
        ("0930", time(9, 30)),
        ("930", time(9, 30)),
        ("9", time(9, 0)),
        ("09", time(9, 0)),
        ("0", time(0, 0)),
        ("23:59", time(23, 59)),
        ("kl 13", time(13, 0)),
        ("kl. 8.15", time(8, 15)),
    ],
)
def test_parse_time(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "dates.time_empty"),
        ("25:00", "dates.time_invalid"),
        ("24:00", "dates.time_invalid"),
        ("13:60", "dates.time_invalid"),
        ("2500", "dates.time_invalid"),
        ("13:3", "dates.time_unknown"),
        ("lunch", "dates.time_unknown"),
        ("13:30:00", "dates.time_unknown"),
    ],
)
def test_parse_time_refuses(text: str, key: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_time(text)
    assert info.value.key == key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("60", 60),
        ("90 min", 90),
        ("90min", 90),
        ("45 minuter", 45),
        ("1h", 60),
        ("2 tim", 120),
        ("1 timme", 60),
        ("1h30", 90),
        ("1h 30min", 90),
        ("1 h och 15 min", 75),
        ("1,5h", 90),
        ("1.5 h", 90),
        ("1,25 h", 75),
        ("1:30", 90),
        ("24h", 1440),
    ],
)
def test_parse_duration(text: str, expected: int) -> None:
    assert parse_duration_min(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "dates.duration_empty"),
        ("0", "dates.duration_range"),
        ("0h", "dates.duration_range"),
        ("25h", "dates.duration_range"),
        ("2000", "dates.duration_range"),
        ("1,33h", "dates.duration_unknown"),
        ("1h75", "dates.duration_unknown"),
        ("1:75", "dates.duration_unknown"),
        ("en timme", "dates.duration_unknown"),
        ("-30", "dates.duration_unknown"),
    ],
)
def test_parse_duration_refuses(text: str, key: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_duration_min(text)
    assert info.value.key == key


# Text that looks a little like a date, so the strategy reaches the parser's corners.
_DATEISH = st.text(alphabet="0123456789/.-+: dvwmåyekfrnoabcjilsuthDV", max_size=16)
_TODAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(st.text(max_size=40), _DATEISH), today=_TODAYS)
def test_parse_due_only_ever_raises_date_parse_error(text: str, today: date) -> None:
    try:
        result = parse_due(text, today)
    except DateParseError as exc:
        assert exc.key.startswith("dates.")
        assert exc.message("sv") and exc.message("en")
    else:
        assert date(2000, 1, 1) <= result <= add_months(today, 60)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(max_size=20), _DATEISH))
def test_time_and_duration_only_ever_raise_date_parse_error(text: str) -> None:
    for parse in (parse_time, parse_duration_min):
        try:
            parse(text)
        except DateParseError as exc:
            assert exc.key.startswith("dates.")


STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.mark.parametrize(
    ("day", "at", "problem"),
    [
        (date(2026, 3, 29), time(2, 0), "gap"),  # clocks go 02:00 -> 03:00
        (date(2026, 3, 29), time(2, 59), "gap"),
        (date(2026, 3, 29), time(3, 0), None),
        (date(2026, 3, 29), time(1, 59), None),
        (date(2026, 10, 25), time(2, 0), "fold"),  # clocks go 03:00 -> 02:00
        (date(2026, 10, 25), time(2, 30), "fold"),
        (date(2026, 10, 25), time(3, 0), None),
        (date(2026, 10, 25), time(1, 59), None),
        (date(2026, 12, 3), time(9, 0), None),
    ],
)
def test_wall_clock_problem_finds_the_gap_and_the_fold(day: date, at: time, problem: str) -> None:
    assert wall_clock_problem(datetime.combine(day, at, tzinfo=STOCKHOLM)) == problem
    # UTC has no DST: never a problem.
    assert wall_clock_problem(datetime.combine(day, at, tzinfo=UTC)) is None


def test_combine_local_refuses_with_the_time_and_the_day() -> None:
    with pytest.raises(DateParseError) as gap:
        combine_local(date(2026, 3, 29), time(2, 30), STOCKHOLM)
    assert gap.value.message("en") == (
        "02:30 does not exist on 2026-03-29: clocks spring forward an hour that night."
        " Choose another time."
    )
    with pytest.raises(DateParseError) as fold:
        combine_local(date(2026, 10, 25), time(2, 30), STOCKHOLM)
    assert fold.value.key == "dates.time_fold"
    assert "inträffar två gånger den 2026-10-25" in fold.value.message("sv")
    moment = combine_local(date(2026, 10, 25), time(9, 0), STOCKHOLM)
    assert moment.isoformat() == "2026-10-25T09:00:00+01:00"


# --- working days (issue #12) ---------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["+5a", "5 arbetsdagar", "om 5 arbetsdagar", "+5wd", "5 working days"]
)
def test_working_days_skip_the_weekend_and_midsommarafton(typed: str) -> None:
    # Wednesday 17 June 2026: Thursday counts, Friday is midsommarafton, then Mon–Thu.
    assert parse_due(typed, date(2026, 6, 17)) == date(2026, 6, 25)


def test_working_days_skip_easter_and_christmas() -> None:
    # Maundy Thursday 2026: Good Friday, the weekend and Easter Monday are closed.
    assert parse_due("+1a", date(2026, 4, 2)) == date(2026, 4, 7)
    # Julafton, juldagen, annandag jul (a Saturday) and the weekend.
    assert parse_due("+3a", date(2026, 12, 22)) == date(2026, 12, 29)
    # Nyårsafton and nyårsdagen, then trettondagen on the Wednesday after.
    assert parse_due("+3a", date(2026, 12, 30)) == date(2027, 1, 7)
    # Kristi himmelsfärd (Thursday 14 May 2026) and nationaldagen on a weekday (2025).
    assert parse_due("+1a", date(2026, 5, 13)) == date(2026, 5, 15)
    assert parse_due("+1a", date(2025, 6, 5)) == date(2025, 6, 9)
    assert parse_due("+0a", date(2026, 12, 24)) == date(2026, 12, 24)


def test_the_holidays_are_computed_not_listed_for_every_year() -> None:
    from starmote.dates import swedish_holidays

    days = swedish_holidays(range(2030, 2031))
    assert date(2030, 4, 19) in days  # Good Friday 2030 (Easter is 21 April)
    assert date(2030, 6, 21) in days  # midsommarafton: the Friday between 19 and 25 June
    assert date(2030, 6, 20) not in days


def test_too_many_working_days_is_too_far() -> None:
    with pytest.raises(DateParseError) as err:
        parse_due("+9000a", date(2026, 12, 3))
    assert err.value.key == "dates.too_far"
