"""What a consent keeps from whom, in the words of the minutes."""

from __future__ import annotations

from starmote.documents.fmt import party_label
from starmote.i18n import t
from starmote.plan.model import Consent, MeetingPlan


def category_labels(categories: tuple[str, ...], lang: str) -> str:
    """The categories as words in `lang` ("hälsa, missbruk")."""
    return ", ".join(t(f"consent.category.{c}", lang) for c in categories)


def exclusion_rows(plan: MeetingPlan, consent: Consent, lang: str) -> list[tuple[str, str]]:
    """The consent section's row of exclusions in the full minutes (none when there are none).

    Returns:
        [("Undantag", "Arbetsförmedlingen (Omar Said): inget om hälsa")] or [].
    """
    parties = dict.fromkeys(e.party for e in consent.exclude)
    said = [
        t(
            "minutes.consent.exclude_row",
            lang,
            party=party_label(plan, key, lang),
            categories=category_labels(consent.excluded_for(key), lang),
        )
        for key in parties
    ]
    return [(t("minutes.consent.exclude", lang), "; ".join(said))] if said else []
