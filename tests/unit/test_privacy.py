"""starmote.privacy: the one personnummer detector, clean text, and names in text."""

from __future__ import annotations

import pytest

from starmote.privacy import (
    contains_personnummer,
    find_names,
    find_personnummer,
    is_valid_personnummer,
    luhn_check_digit,
    mask_personnummer,
    name_hits,
    strip_unsafe,
    unsafe_characters,
    visible,
)

# Skatteverket's test person "Tolvan Tolvansson", and the samordningsnummer Skatteverket
# uses as its own example (SKV 707); 19900101-0017 is on Skatteverket's list of
# testpersonnummer. No real person's numbers.
TOLVAN_12 = "19121212-1212"
TOLVAN_10 = "121212-1212"
SAMORDNING = "701063-2391"
TEST_1990 = "19900101-0017"

SPELLINGS = [
    TOLVAN_12,
    TOLVAN_10,
    "191212121212",
    "1212121212",
    "121212+1212",  # '+': the same person at 100 or older
    SAMORDNING,
    "19701063-2391",
    TEST_1990,
    "199001010017",
    "19121212 1212",
    "121212 1212",
    "19121212–1212",  # en dash
    "19121212—1212",  # em dash
    "19121212‐1212",  # Unicode hyphen
    "1912 1212 1212",
    "19 12 12 12 1212",
    "1912.12.12-1212",
    "1912-12-12-1212",
    "12.12.12-1212",
    "121212/1212",
    "1912/12/12/1212",
    "19121212 - 1212",
    "１９１２１２１２－１２１２",  # full-width
    "١٩١٢١٢١٢-١٢١٢",  # Arabic-Indic digits
    "۱۹۱۲۱۲۱۲-۱۲۱۲",  # Eastern Arabic-Indic (Persian) digits
    "1912\u200b1212-1212",  # a zero-width space hides nothing
    "1912\u202e1212-1212",  # nor does a bidi override
]
"""Every way a person may write a personnummer; the tests of case files and forms use these."""


@pytest.mark.parametrize("text", SPELLINGS)
def test_every_spelling_is_found_alone_and_in_a_sentence(text: str) -> None:
    assert is_valid_personnummer(text)
    sentence = f"Hen har nummer {text}, sa hen."
    assert find_personnummer(sentence) == [text]
    assert contains_personnummer(sentence)
    masked = mask_personnummer(sentence)
    assert not contains_personnummer(masked)
    assert masked.startswith("Hen har nummer ") and masked.endswith(", sa hen.")
    assert "*" in masked


@pytest.mark.parametrize(
    "text",
    [
        "19121212-1213",  # wrong check digit
        "121212-1211",
        "19121312-1212",  # month 13
        "19120230-1212",  # 30 February
        "19121292-1212",  # day 92 is neither a date nor date + 60
        "12121-21212",  # split inside the last four
        "12121212121",  # 11 digits
        "1912121212120",  # 13 digits
        "ABCDEF-1212",
        "",
    ],
)
def test_not_a_number(text: str) -> None:
    assert not is_valid_personnummer(text)
    assert find_personnummer(f"x {text} y") == []


@pytest.mark.parametrize(
    "phone",
    [
        "070-123 45 67",
        "070-1234567",
        "070 123 45 67",
        "08-123 456 78",
        "+46 70 123 45 67",
        "0046 70 123 45 67",
        "063-12 34 56",
        "0771-778 778",
    ],
)
def test_phone_numbers_as_people_write_them_are_no_personnummer(phone: str) -> None:
    assert find_personnummer(f"Ring {phone} i dag") == []


def test_ten_digits_in_a_row_that_pass_count_as_a_number() -> None:
    # A mobile number typed without spaces cannot be told from one: the forms ask for spaces.
    assert contains_personnummer("Ring 1212121212")


def test_non_string_is_invalid() -> None:
    assert not is_valid_personnummer(191212121212)  # type: ignore[arg-type]
    assert find_personnummer(None) == []  # type: ignore[arg-type]
    assert mask_personnummer(None) == ""  # type: ignore[arg-type]


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
        (TOLVAN_12, "********-****"),
        ("Pnr 121212-1212 nämndes", "Pnr ******-**** nämndes"),
        ("1912 1212 1212", "**** **** ****"),
        ("１９１２１２１２－１２１２", "********－****"),
        ("1912\u200b1212-1212", "********-****"),
        ("Tel 070-123 45 67", "Tel 070-123 45 67"),
        ("", ""),
    ],
)
def test_mask(text: str, masked: str) -> None:
    assert mask_personnummer(text) == masked


def test_find_in_text() -> None:
    text = (
        f"Personen ({TOLVAN_12}) och {SAMORDNING}; även 1212121212 och 121212+1212. "
        "Inte 19121212-1213, inte tel 08-123 456 78, inte 1234567890123456."
    )
    assert find_personnummer(text) == [TOLVAN_12, SAMORDNING, "1212121212", "121212+1212"]


def test_find_ignores_digits_inside_longer_runs() -> None:
    assert find_personnummer("ref 9191212121212 och 12121212121") == []


def test_find_next_to_letters() -> None:
    # Glued to a letter it is still reported: better a false alarm than a leak.
    assert find_personnummer("pnr:1212121212, x191212121212") == ["1212121212", "191212121212"]


def test_find_nothing() -> None:
    assert find_personnummer("") == []
    assert find_personnummer("Inga nummer här, möte 2026-12-03 kl. 09:00.") == []


# --- clean text ---------------------------------------------------------------------

UNSAFE = [
    "\x1b",  # ESC: starts a terminal escape sequence
    "\x07",  # BEL
    "\x00",
    "\x7f",  # DEL
    "\x9b",  # C1: CSI
    "\x85",  # C1: next line
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",  # right-to-left override
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",  # Arabic letter mark
    "\u200b",  # zero-width space
    "\u2028",  # line separator
    "\ufeff",
]


@pytest.mark.parametrize("ch", UNSAFE)
def test_control_and_bidi_characters_are_found_removed_and_shown(ch: str) -> None:
    text = f"Rum{ch} 4"
    assert unsafe_characters(text) == [ch]
    assert unsafe_characters(text, multiline=True) == [ch]
    cleaned = strip_unsafe(text)
    assert unsafe_characters(cleaned) == [] and cleaned.replace(" ", "") == "Rum4"
    assert visible(text) == f"Rum[U+{ord(ch):04X}] 4"


def test_tab_and_line_feed_belong_to_multi_line_text_only() -> None:
    assert unsafe_characters("a\tb\nc") == ["\t", "\n"]
    assert unsafe_characters("a\tb\nc", multiline=True) == []
    assert strip_unsafe("a\tb\r\nc\rd") == "a b c d"
    assert strip_unsafe("a\tb\r\nc\rd", multiline=True) == "a\tb\nc\nd"
    assert visible("a\tb\nc") == "a\tb\nc"
    assert strip_unsafe("Vanlig text, åäö – “citat”") == "Vanlig text, åäö – “citat”"


# --- names ---------------------------------------------------------------------------


def test_find_names_catches_parts_genitive_case_and_hyphens() -> None:
    names = ["Robin K.", "Lena Berg", "Anna-Lena Ek"]
    assert find_names("Robins mamma ringde", names) == ["Robin"]
    assert find_names("LENA BERG tar det", names)[0] == "Lena Berg"
    assert find_names("annalena och anna lena", names) != []
    assert find_names("Bergsområdet, Ekman, robinia", names) == []  # whole words only
    assert find_names("", names) == []


def test_name_hits_are_places_in_the_text_as_written() -> None:
    text = "Hos Ｓａｍｓ mamma, sam.lind@x.se, Lars' bror"
    hits = name_hits(text, ["Sam Lind", "Lars"])
    assert [text[h.start : h.end] for h in hits] == ["Ｓａｍｓ", "sam.lind", "Lars'"]
