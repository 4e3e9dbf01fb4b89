"""One term per concept and language: what the catalogues say, and what they must not."""

from __future__ import annotations

from starmote.i18n import t
from starmote.record import Record, record


@record
class Term(Record):
    """A concept's one word in each language, and the competing words it replaces."""

    concept: str
    sv: str
    en: str
    not_sv: tuple[str, ...] = ()
    """Words for the same concept the Swedish catalogue must not use."""
    not_en: tuple[str, ...] = ()
    """Words for the same concept the English catalogue must not use."""

    def word(self, lang: str) -> str:
        """The term in `lang`."""
        return self.en if lang == "en" else self.sv

    def avoided(self, lang: str) -> tuple[str, ...]:
        """The competing words `lang`'s catalogue must not use."""
        return self.not_en if lang == "en" else self.not_sv


TERMS = (
    Term(
        "person",
        "personen",
        "the person",
        not_sv=("huvudperson", "individen", "den enskilde"),
        not_en=("main person", "the individual", "the person the meeting is about"),
    ),
    Term(
        "huvudansvarig",
        "huvudansvarig",
        "lead professional",
        not_en=("lead responsible", "main responsible", "lead contact", "responsible person"),
    ),
    Term("insats", "insats", "action", not_en=("intervention", "insats")),
    Term("kallad", "kallad", "called", not_en=("summoned", "summons")),
    Term("inbjuden", "inbjuden", "invited", not_sv=("inviterad",)),
    Term("kallelse", "kallelse", "notice", not_en=("kallelse",)),
)
"""The person the meeting is about, the huvudansvarig, an agreed insats (an action), and the
two ways a party is asked to come: kallad (obliged to come) and inbjuden (invited), and the
kallelse that asks them (the notice of the meeting)."""

GLOSSED = {"SIP": "SIP (coordinated individual plan)"}
"""Swedish terms that stay in English text, with the gloss they carry there."""


def consent_form(form: str, lang: str) -> str:
    """How consent was given, in `lang`: "muntligt" is "orally" in English.

    A form the catalogue does not know (typed freely in a case file) is shown as written.
    """
    word = t(f"consent.form.{form.strip().lower()}", lang)
    return form if word.startswith("consent.form.") else word
