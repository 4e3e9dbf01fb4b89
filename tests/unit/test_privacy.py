"""Personnummer validation, masking and detection (starmote.privacy)."""

from __future__ import annotations

import pytest

from starmote.privacy import (
    find_personnummer_like,
    is_valid_personnummer,
    luhn_check_digit,
    mask_personnummer,
)

# Skatteverket's test person "Tolvan Tolvansson", and the samordningsnummer
# Skatteverket uses as its own example (SKV 707). No real person's numbers.
TOLVAN_12 = "19121212-1212"
TOLVAN_10 = "121212-1212"
SAMORDNING = "701063-2391"


@pytest.mark.parametrize(
    "text",
    [
        TOLVAN_12,
        TOLVAN_10,
        "191212121212",
        "1212121212",
        "121212+1212",  # the same person written with '+' (100 years or older)
        SAMORDNING,
        "19701063-2391",
        "  19121212-1212  ",
    ],
)
def test_valid_numbers(text: str) -> None:
    assert is_valid_personnummer(text)


@pytest.mark.parametrize(
    "text",
    [
        "19121212-1213",  # wrong check digit
        "121212-1211",
        "19121312-1212",  # month 13
        "19120230-1212",  # 30 February
        "19121292-1212",  # day 92 is neither a date nor date + 60
        "191212+121212",  # '+' belongs to the 10-digit form only
        "19121212+1212",
        "12121-21212",
        "12121212121",  # 11 digits
        "1912121212120",  # 13 digits
        "ABCDEF-1212",
        "１２１２１２-１２１２",  # full-width digits are not ASCII digits
        "",
        "19121212 1212",
    ],
)
def test_invalid_numbers(text: str) -> None:
    assert not is_valid_personnummer(text)


def test_non_string_is_invalid() -> None:
    assert not is_valid_personnummer(191212121212)  # type: ignore[arg-type]
    assert not is_valid_personnummer(None)  # type: ignore[arg-type]


def test_leap_day_in_short_form_depends_on_a_possible_century() -> None:
    # 000229: 2000 was a leap year, so a 10-digit number with that date exists.
    check = luhn_check_digit("000229123")
    assert is_valid_personnummer(f"000229-123{check}")
    check = luhn_check_digit("010229123")
    assert not is_valid_personnummer(f"010229-123{check}")  # 1901 and 2001 were not


def test_luhn_check_digit() -> None:
    assert luhn_check_digit("121212121") == 2
    assert luhn_check_digit("701063239") == 1


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (TOLVAN_12, "19121212-****"),
        (TOLVAN_10, "121212-****"),
        ("191212121212", "19121212****"),
        ("121212+1212", "121212+****"),
        (" 19121212-1212 ", "19121212-****"),
        ("pnr 1912", "pnr ****"),  # not personnummer-shaped: every digit hidden
        ("", ""),
    ],
)
def test_mask(text: str, masked: str) -> None:
    assert mask_personnummer(text) == masked


def test_mask_non_string() -> None:
    assert mask_personnummer(None) == ""  # type: ignore[arg-type]


def test_find_in_text() -> None:
    text = (
        f"Personen ({TOLVAN_12}) och {SAMORDNING}; även 1212121212 och 121212+1212. "
        "Inte 19121212-1213, inte tel 08-123 456 78, inte 1234567890123456."
    )
    assert find_personnummer_like(text) == [TOLVAN_12, SAMORDNING, "1212121212", "121212+1212"]


def test_find_ignores_digits_inside_longer_runs() -> None:
    assert find_personnummer_like("ref 9191212121212 och 12121212121") == []


def test_find_next_to_letters() -> None:
    # Glued to a letter it is still reported: better a false alarm than a leak.
    assert find_personnummer_like("pnr:1212121212, x191212121212") == ["1212121212", "191212121212"]


def test_find_nothing() -> None:
    assert find_personnummer_like("") == []
    assert find_personnummer_like("Inga nummer här.") == []
    assert find_personnummer_like(None) == []  # type: ignore[arg-type]


def test_find_names_catches_parts_genitive_case_and_hyphens() -> None:
    from starmote.privacy import find_names

    names = ["Robin K.", "Lena Berg", "Anna-Lena Ek"]
    assert find_names("Robins mamma ringde", names) == ["Robin"]
    assert find_names("LENA BERG tar det", names)[0] == "Lena Berg"
    assert find_names("annalena och anna lena", names) != []
    assert find_names("Bergsområdet, Ekman, robinia", names) == []  # whole words only
    assert find_names("", names) == []
