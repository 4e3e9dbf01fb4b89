"""Every meeting type in its own words: no shipped template's invite, closing panel,
minutes or plain-language copy carries another meeting type's wording."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from starmote.documents.fmt import decisions_word
from starmote.documents.invites import proposed_message
from starmote.documents.minutes import minutes_markdown
from starmote.documents.plain_language import build_plain
from starmote.documents.render_md import render_markdown
from starmote.engine import commands as c
from starmote.engine.state import MeetingState
from starmote.i18n import t
from starmote.plan import resources
from starmote.plan.case import load_case
from starmote.plan.model import MeetingPlan
from starmote.tui.widgets.closingpanel import ClosingPanel
from tests.support.meeting import Meeting

SAMPLES = {
    "motescirkel-sip": "demo.toml",
    "star-samplanering": "star-samplanering-fk-inbjuden.toml",
    "avstamningsmote": "avstamning-rygg.toml",
    "star-team": "star-team-januari.toml",
}
STAMP = datetime(2027, 1, 1, 12, 0, tzinfo=UTC)


def plan_of(template: str) -> MeetingPlan:
    return load_case(resources.samples_dir() / SAMPLES[template])


def own_words(plan: MeetingPlan, lang: str) -> set[str]:
    """The words a meeting type has of its own: its title, parts, sections, decisions,
    and the SIP vocabulary it takes on (huvudansvarig, goal horizons)."""
    words = {plan.title(lang), decisions_word(plan, lang)}
    words |= {p.title(lang) for p in plan.phases if not p.case_code}
    words |= {s.title(lang) for s in plan.sections}
    if plan.lead and not plan.is_team_session:
        lead = t("minutes.main_responsible", lang)
        words |= {lead, lead.lower()}  # a heading, and within a sentence
    words |= {t(f"minutes.goals.{h}", lang) for h in plan.horizons}
    return {w for w in words if w}


def held(plan: MeetingPlan) -> MeetingState:
    """A meeting of `plan` run to its end: everyone here, a decision, an entry in each of
    the type's own sections, a follow-up booked, closed."""
    m = Meeting(plan)
    for party in plan.parties:
        if not party.case:
            m.do(c.CheckIn(party.key, "in_person"))
    m.do(c.NextPhase())
    if m.state.consent_pending:
        m.do(c.ConfirmConsent())
    m.do(c.AddDecision("Nästa steg gås igenom vid uppföljningen"))
    for section in plan.sections:
        m.do(c.AddNote(f"Antecknat under {section.key}", section=section.key))
    while m.state.status != "closing":
        if m.state.consent_pending:  # a team case's own consent
            m.do(c.ConfirmConsent())
        m.wait(60).do(c.NextPhase())
    opened.append(panel_text(m.state, "sv") + panel_text(m.state, "en"))
    m.wait(600).do(c.SetFollowUp(plan.start + timedelta(days=60), 60, "Rum 2"))
    m.do(c.CloseMeeting("Testet avslutar här"))
    return m.state


opened: list[str] = []
"""The closing panel of the meetings `held` ran, as it stood before the follow-up was set."""


class Panel(ClosingPanel):
    """The closing screen's panel, drawn without an app around it."""

    shown_lang = "sv"

    @property
    def lang(self) -> str:
        return self.shown_lang


def panel_text(state: MeetingState, lang: str) -> str:
    panel = Panel()
    panel.shown_lang = lang
    panel.show_state(state, 0.0)
    return panel.plain


def rendered(state: MeetingState, lang: str) -> dict[str, str]:
    return {
        "invite": proposed_message(state, lang),
        "closing panel": panel_text(state, lang),
        "closing panel before the follow-up": opened[-1],
        "minutes": minutes_markdown(state, STAMP, lang),
        "plain": render_markdown(build_plain(state, STAMP, lang)),
    }


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("template", list(SAMPLES))
def test_no_other_meeting_type_s_words(template: str, lang: str) -> None:
    plans = {key: plan_of(key) for key in SAMPLES}
    mine = own_words(plans[template], lang)
    others = set().union(*(own_words(p, lang) for k, p in plans.items() if k != template))
    foreign = others - mine
    assert foreign, "the meeting types should differ in something"
    for what, text in rendered(held(plans[template]), lang).items():
        for word in foreign:
            found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
            assert found is None, f"{template} {what} ({lang}) says {word!r}"


def test_avstamning_in_its_own_words() -> None:
    state = held(plan_of("avstamningsmote"))
    invite = proposed_message(state, "sv")
    assert "1. Inledning – Försäkringskassan berättar varför mötet hålls" in invite
    assert "3. Arbetsförmåga och åtgärder" in invite
    assert "Mötescirkeln" not in invite and "huvudansvarig" not in invite
    assert "Sammankallande: Lena Berg (Försäkringskassan)" in invite
    minutes = minutes_markdown(state, STAMP, "sv")
    for heading in ("Arbetsförmåga", "Arbetsgivarens anpassningar", "Plan för återgång"):
        assert f"## {heading}" in minutes
    assert "- Antecknat under atergang" in minutes
    assert "## Överenskommelser" in minutes and "## Beslut" not in minutes
    assert "Huvudansvarig" not in minutes and "Huvudpersonen tillfrågades" not in minutes
    assert "Kort sikt" not in minutes and "## Mål" not in minutes
    assert re.search(r"Sammankallande\W+Försäkringskassan \(Lena Berg\)", minutes)
    panel = panel_text(state, "sv")
    assert "huvudansvarig" not in panel.lower()
    assert "Sammankallande: Försäkringskassan (Lena Berg)" in panel
    plain = render_markdown(build_plain(state, STAMP, "sv"))
    assert "Försäkringskassan kallar till mötet." in plain
    assert "## Plan för återgång" in plain and "## Överenskommelser" in plain


def test_sip_keeps_its_circle_and_huvudansvarig() -> None:
    state = held(plan_of("motescirkel-sip"))
    invite = proposed_message(state, "sv")
    assert "3. Behov – mötets längsta del" in invite
    assert "vem blir huvudansvarig" in invite
    panel = panel_text(state, "sv")
    assert "Huvudansvarig" in panel
    minutes = minutes_markdown(state, STAMP, "sv")
    assert "### Kort sikt" in minutes and "## Beslut" in minutes
    # The chair convenes a SIP meeting's follow-up unless told otherwise.
    assert re.search(r"Sammankallande\W+" + re.escape(state.plan.chair.name), minutes)


def test_an_own_section_keeps_who_said_it() -> None:
    """Arbetsförmåga is also "how the parties judge it": a note tied to a party says whose."""
    plan = plan_of("avstamningsmote")
    m = Meeting(plan)
    for party in plan.parties:
        m.do(c.CheckIn(party.key, "in_person"))
    m.do(c.NextPhase())
    m.do(c.ConfirmConsent())
    m.do(c.AddNote("Klarar fyra timmar om dagen", party="arbetsgivare", section="arbetsformaga"))
    m.do(c.AddNote("25 % från 1 december", section="atergang"))
    minutes = minutes_markdown(m.state, STAMP, "sv")
    assert "- Exempelby Bygg AB (Anders Lind): Klarar fyra timmar om dagen\n" in minutes
    assert "- 25 % från 1 december\n" in minutes
    english = minutes_markdown(m.state, STAMP, "en")
    assert "- Exempelby Bygg AB (Anders Lind): Klarar fyra timmar om dagen\n" in english
