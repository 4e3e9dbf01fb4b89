"""Plans built in code, so engine tests do not depend on the file formats."""

from __future__ import annotations

from datetime import UTC, datetime

from starmote.plan.model import (
    INDIVIDUAL,
    STOCKHOLM,
    Individual,
    MeetingPlan,
    Party,
    Person,
    Phase,
    Window,
)

CIRCLE = (
    ("inledning", "Inledning", "Opening", 10, 0),
    ("aktuell", "Aktuell situation", "Current situation", 20, 0),
    ("behov", "Behov", "Needs", 45, 30),
    ("sammanfattning", "Sammanfattning", "Summary", 15, 0),
    ("avslutning", "Avslutning", "Closing", 10, 0),
)

# Booked start 09:00 Stockholm = 08:00 UTC in December; FakeClock starts there.
START = datetime(2026, 12, 3, 9, 0, tzinfo=STOCKHOLM)
OPENED_WALL = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


def circle_phases(open_last: bool = False) -> tuple[Phase, ...]:
    """The five parts of Mötescirkeln with the default shares."""
    phases = []
    for key, sv, en, share, floor in CIRCLE:
        turns = "open" if open_last and key == "avslutning" else "round"
        phases.append(
            Phase(
                key,
                sv,
                en,
                share,
                turns=turns,
                floor_share=floor,
                prompts_sv=(f"{sv} punkt 1", f"{sv} punkt 2"),
                prompts_en=(f"{en} item 1", f"{en} item 2"),
            )
        )
    return tuple(phases)


def make_plan(duration_min: int = 60, wants_first_word: bool = True, **kw) -> MeetingPlan:
    """A SIP plan: the individual, kommun, region, FK (invited, first hour), AF."""
    parties = (
        Party(INDIVIDUAL, "", "individ", person="Sam L.", summons="none"),
        Party(
            "kommun",
            "Krokoms kommun",
            "kommun",
            "Eva Ek",
            "eva.ek@example.se",
            "socialsekreterare",
            "kallad",
        ),
        Party(
            "region",
            "Region Jämtland Härjedalen",
            "region",
            "Per Ås",
            "per.as@example.se",
            "rehabkoordinator",
            "kallad",
        ),
        Party(
            "fk",
            "Försäkringskassan",
            "fk",
            "Lena Berg",
            "lena.berg@example.se",
            "handläggare",
            "inbjuden",
            presence_requested=True,
            window=Window(0, 60),
        ),
        Party(
            "af",
            "Arbetsförmedlingen",
            "af",
            "Omar Said",
            "omar.said@example.se",
            "arbetsförmedlare",
            "inbjuden",
        ),
    )
    values = dict(
        case_code="SIP-2026-001",
        template_key="motescirkel-sip",
        kind="sip",
        title_sv="SIP-möte",
        title_en="SIP meeting",
        start=START,
        duration_min=duration_min,
        individual=Individual("Sam L.", wants_first_word=wants_first_word),
        parties=parties,
        phases=circle_phases(),
        chair=Person("Karin Samordnare", "karin@example.se", "Krokoms kommun"),
        place="Kommunhuset, rum Storsjön",
        questions=("Hur kan Sam komma närmare arbete?", "Vem samordnar vården?"),
    )
    values.update(kw)
    return MeetingPlan(**values)
