"""The fixed part of the new-case form: its sections and fields, built from a draft."""

from __future__ import annotations

from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Static

from starmote.i18n import LANGUAGES, t
from starmote.plan import limits
from starmote.plan.contacts import Contact
from starmote.plan.draft import CaseDraft
from starmote.plan.model import Previous
from starmote.plan.template import Template
from starmote.tui.newcase.blocks import consent_forms, yes_no
from starmote.tui.newcase.rows import area, choice, line, row

PEOPLE = {
    "chair_name": limits.NAME,
    "chair_email": limits.EMAIL,
    "chair_organisation": limits.NAME,
    "note_name": limits.NAME,
    "note_email": limits.EMAIL,
    "note_organisation": limits.NAME,
}
"""The chair's and the note taker's fields, in order, with their limits."""


def label(name: str, lang: str) -> str:
    """A field's label."""
    return t(f"newcase.field.{name}", lang)


def section(name: str, lang: str) -> Static:
    """A section's heading."""
    return Static(t(f"newcase.section.{name}", lang), classes="nc-section", markup=False)


def message(id: str) -> Static:
    """A message line for a list as a whole (no parties yet), hidden until there is one."""
    found = Static("", id=id, classes="nc-error", markup=False)
    found.display = False
    return found


def _yn(value: bool) -> str:
    return "yes" if value else "no"


def case_fields(d: CaseDraft, templates: dict[str, Template], lang: str) -> list[Widget]:
    """The template, the case code and the minutes' language."""
    choices = [(k, f"{tpl.title(lang)} ({k})") for k, tpl in templates.items()]
    languages = tuple((code, t(f"newcase.language.{code}", lang)) for code in LANGUAGES)
    return [
        section("case", lang),
        row(label("template", lang), choice(choices, d.template, "f-template")),
        row(label("code", lang), line(d.code, 40, "f-code"), t("newcase.hint.code", lang)),
        row(label("language", lang), choice(languages, d.language, "f-language")),
    ]


def individual_section(d: CaseDraft, lang: str) -> Vertical:
    """The person the meeting is about: a pseudonym, the first word, how to reach them."""
    return Vertical(
        section("individual", lang),
        row(
            label("individual", lang),
            line(d.individual, limits.NAME, "f-individual"),
            t("newcase.hint.individual", lang),
        ),
        row(label("first_word", lang), choice(yes_no(lang), _yn(d.first_word), "f-first_word")),
        row(label("contact_note", lang), line(d.contact_note, limits.SHORT, "f-contact_note")),
        id="nc-individual",
    )


def meeting_fields(d: CaseDraft, book: list[Contact], lang: str) -> list[Widget]:
    """When, how long and where; the chair and the note taker; the frågeställningar."""
    names = SuggestFromList(
        list(dict.fromkeys(c.person for c in book if c.person)), case_sensitive=False
    )
    people = [
        row(
            label(name, lang),
            line(getattr(d, name), limit, f"f-{name}", suggester=names if "name" in name else None),
        )
        for name, limit in PEOPLE.items()
    ]
    return [
        section("meeting", lang),
        row(label("when", lang), line(d.when, 60, "f-when"), t("newcase.hint.when", lang)),
        row(
            label("duration", lang),
            line(d.duration, 20, "f-duration"),
            t("newcase.hint.duration", lang),
        ),
        row(label("place", lang), line(d.place, limits.SHORT, "f-place")),
        row(label("video_link", lang), line(d.video_link, limits.LINK, "f-video_link")),
        section("people", lang),
        *people,
        section("questions", lang),
        row(
            label("questions", lang),
            area(d.questions, 20 * limits.TEXT, "f-questions"),
            t("newcase.one_per_line", lang),
        ),
    ]


def consent_section(d: CaseDraft, lang: str) -> Vertical:
    """The individual's consent: when and how given, until when, what is not shared."""
    return Vertical(
        section("consent", lang),
        row(label("consent_given", lang), line(d.consent_given, 30, "f-consent_given")),
        row(
            label("consent_form", lang),
            choice(consent_forms(lang), d.consent_form, "f-consent_form"),
        ),
        row(label("consent_until", lang), line(d.consent_until, 30, "f-consent_until")),
        row(
            label("not_shared", lang),
            area(d.not_shared, 20 * limits.SHORT, "f-not_shared"),
            t("newcase.one_per_line", lang),
        ),
        id="nc-consent",
    )


def previous_text(previous: Previous, lang: str) -> str:
    """What a follow-up brings from the meeting before: counts, and each insats with its owner."""
    lines = [
        t(
            "newcase.previous.summary",
            lang,
            date=previous.date.isoformat(),
            goals=len(previous.goals),
            actions=len(previous.insatser),
            parked=len(previous.parked),
            questions=len(previous.open_questions),
        )
    ]
    for action in previous.insatser:
        lines.append(f"  • {action.what} – {action.owner_name or action.owner}")
    lines.append(t("newcase.previous.kept", lang))
    return "\n".join(lines)
