"""The question before a name is stored in an anonymised case quotes each name."""

from __future__ import annotations

from starmote.tui.team import names_question


def test_a_name_ending_in_a_full_stop_does_not_double_the_sentences() -> None:
    assert names_question(["Robin K."], "sv") == "Texten innehåller namnet ”Robin K.”. Spara ändå?"
    assert (
        names_question(["Robin K."], "en") == "The text contains the name “Robin K.”. Save anyway?"
    )


def test_several_names_are_each_quoted_and_listed() -> None:
    asked = names_question(["Lena Berg", "Robin K.", "Sara Holm"], "sv")
    assert asked == "Texten innehåller namnen ”Lena Berg”, ”Robin K.” och ”Sara Holm”. Spara ändå?"
