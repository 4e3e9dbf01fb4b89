"""The catalogues use one term per concept (starmote.i18n.glossary), and English has no
untranslated Swedish where a gloss is due."""

from __future__ import annotations

import re

import pytest

from starmote.i18n import catalogue
from starmote.i18n.glossary import GLOSSED, TERMS


def _hits(lang: str, word: str) -> list[str]:
    # After a slash the word is part of a path (exports/kallelse_<case>/), not prose.
    pattern = re.compile(rf"(?<![\w/]){re.escape(word)}", re.IGNORECASE)
    return [key for key, text in catalogue(lang).items() if pattern.search(text)]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("term", TERMS, ids=lambda term: term.concept)
def test_no_competing_term(term, lang: str) -> None:
    competing = {word: _hits(lang, word) for word in term.avoided(lang)}
    assert {w: keys for w, keys in competing.items() if keys} == {}, term.word(lang)
    assert _hits(lang, term.word(lang)), f"the glossary's {term.word(lang)!r} is used"


def test_swedish_terms_in_english_carry_their_gloss() -> None:
    for term, glossed in GLOSSED.items():
        # A case code such as SIP-2026-031 is a code, not the term.
        bare = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")
        for key, text in catalogue("en").items():
            if bare.search(text):
                assert glossed in text, f"{key}: {text}"


def test_english_has_no_untranslated_consent_form() -> None:
    for key, text in catalogue("en").items():
        # Given in parentheses after the English word is a gloss, not a leftover.
        bare = re.search(r"(?<![(\w])(muntligt|skriftligt)(?![)\w])", text)
        assert bare is None, f"{key}: {text}"
