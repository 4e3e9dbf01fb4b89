"""Words that may reveal health, care, support or identity: the invite preview warns of them.

A warning helps the chair see what an invite would say; it never changes the text. No list
knows every clinic or unit, so nothing is removed on its say-so: the chair reads the whole
invite before it is written, and these words are marked in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from starmote.plan.model import PRIVATE_KINDS, MeetingPlan
from starmote.privacy import name_hits, personnummer_spans

# Word stems (Swedish and English): a word that contains one is marked whole, also inside
# a compound or an e-mail address ("Psykiatrimottagningen", "psykiatri.mottagning@…").
# fmt: off
STEMS = (
    # diagnoses and conditions
    "diagnos", "depress", "deprim", "ångest", "angest", "anxiet", "psykos", "psykot",
    "psychos", "psychot", "schizo", "bipolär", "bipolar", "autis", "asperger", "missbruk",
    "beroende", "addict", "alkohol", "alcohol", "narkoti", "narcoti", "substans",
    "substance", "suicid", "självmord", "självskad", "selfharm", "self-harm", "ätstörning",
    "anorexi", "bulimi", "trauma", "demens", "dementi", "utmattning", "burnout", "cancer",
    "tumör", "diabet", "epilep", "infektion", "infectio", "smitt", "hepatit", "ohälsa",
    "funktionsnedsätt", "funktionshind", "disabilit", "hörselskad", "synskad",
    # care: clinics, units and what they do
    "psyk", "psych", "habilit", "rehab", "mottagning", "klinik", "clinic", "vårdcentral",
    "hälsocentral", "sjukhus", "lasarett", "hospital", "akutmott", "onkolog", "oncolog",
    "neurolog", "dialys", "dialysis", "njurmed", "hospice", "palliativ", "geriatri",
    "minnesmott", "smittskydd", "metadon", "methadon", "subutex", "buprenorf", "sprutbyt",
    "sprututbyt", "needle exchange", "sjukvård", "vårdavdeln", "vårdplan", "behandl",
    "treatment", "terapi", "therap", "remiss", "referral", "medicin", "medicat",
    "läkemedel", "läkarintyg", "intyg", "kurator", "psykolog", "logoped", "barnmorsk",
    "mödravård", "gynekolog", "abort", "ungdomsmottagning", "barnahus", "maria ungdom",
    "mariamottagning", "hälsouppgift", "hälsotillstånd",
    # social services, support and benefits
    "socialtjänst", "socialkontor", "socialsekreterare", "social services", "welfare",
    "försörjningsstöd", "bistånd", "vuxenenhet", "missbruksenhet", "familjebehandl",
    "familjehem", "fosterhem", "behandlingshem", "stödboende", "boendestöd",
    "gruppbostad", "korttidsboende", "daglig verksamhet", "personlig assistan",
    "assistansersättning", "hemtjänst", "särskilt boende", "härbärge", "hemlös",
    "homeless", "shelter", "skuldsanering", "orosanmälan", "sjukskriv", "sjukpenning",
    "sjukersättning", "sickleave", "sick-leave", "aktivitetsersättning", "arbetsförmåg",
    "arbetsoförmåg", "work capacity", "godman", "förvaltarskap", "överförmyndar",
    # protection, justice and migration
    "kriminal", "frivård", "probation", "häkte", "anstalt", "våldsutsatt", "våld i nära",
    "misshandel", "abuse", "kvinnojour", "tjejjour", "skyddat boende", "skyddad identitet",
    "skyddade personuppgifter", "migrationsverk", "migration", "asyl", "asylum",
    "flykting", "refugee", "ensamkommande",
)
WORDS = (
    "adhd", "npf", "hiv", "aids", "ptsd", "ocd", "lss", "lvm", "lvu", "lpt", "lrv", "drog",
    "droger", "drug", "drugs", "bup", "vup", "hvb", "sis", "laro", "ifo", "ekb", "psm",
    "bvc", "mvc", "vc", "hc", "dps",
)
"""Short words and abbreviations: marked as a whole word, or as a part of a hyphenated one
("LSS-enheten", "BUP-mottagningen"), never inside another word ("bussen" is no "lss")."""
# fmt: on

# Anchored at a word's start, so the scan tries each word once rather than each letter.
_STEMS = re.compile(
    r"(?<![\w-])[\w-]*?(?:" + "|".join(map(re.escape, STEMS)) + r")[\w-]*", re.IGNORECASE
)
_WORDS = re.compile(
    r"(?<![\w-])(?:\w+-)*(?:" + "|".join(WORDS) + r")(?:-\w+)*(?![\w-])", re.IGNORECASE
)
# "god man" as words ("en god mandelkaka" is cake); "ADD" only in capitals (the verb stays).
_GOD_MAN = re.compile(r"(?<!\w)god\s+man(?:nen|s)?(?!\w)", re.IGNORECASE)
_ADD = re.compile(r"(?<![\w-])ADD(?![\w-])")

Why = Literal["personnummer", "name", "sensitive"]
"""What a marked word may reveal: a personnummer, who the case is about, or health, care,
support or the case itself."""


@dataclass(frozen=True)
class Flag:
    """A marked stretch of text: where it is and why."""

    start: int
    end: int
    text: str
    why: Why


def case_names(plan: MeetingPlan) -> list[str]:
    """The names that tell who a case is about.

    The individual's pseudonym, every team case's person, and the people taking part as
    private persons (närstående, god man): "Sams mamma Lisa" says whose meeting it is.
    The professionals' names are not among them: they are the invitees.

    Args:
        plan: The meeting plan.

    Returns:
        The names, each once, in plan order.
    """
    names = [plan.individual.name]
    names += [p.person for p in plan.parties if p.is_individual or p.kind in PRIVATE_KINDS]
    names += [case.person.name for case in plan.team_cases if case.person is not None]
    return list(dict.fromkeys(n.strip() for n in names if n and n.strip()))


def flags(text: str, names: Iterable[str]) -> list[Flag]:
    """Everything in `text` the chair should look at before it leaves in an invite.

    Args:
        text: A title, place, link, message or address.
        names: The names from `case_names`.

    Returns:
        The marked stretches in order, not overlapping: a personnummer first, then the
        names, then words of the lists above.
    """
    found: list[Flag] = []

    def add(start: int, end: int, why: Why) -> None:
        if start < end and not any(f.start < end and start < f.end for f in found):
            found.append(Flag(start, end, text[start:end], why))

    for start, end in personnummer_spans(text):
        add(start, end, "personnummer")
    for hit in name_hits(text, names):
        add(hit.start, hit.end, "name")
    for pattern in (_STEMS, _WORDS, _GOD_MAN, _ADD):
        for m in pattern.finditer(text):
            add(m.start(), m.end(), "sensitive")
    return sorted(found, key=lambda f: f.start)
