"""The one filter for text bound for an invite: no name, personnummer, health or case words."""

from __future__ import annotations

import re

from starmote.plan.model import MeetingPlan
from starmote.privacy import find_personnummer_like, luhn_check_digit

# Anything shaped like a personnummer whose last ten digits pass Luhn, date or not
# (a typo'd date is still somebody's number to a reader).
_NUMBER_LIKE = re.compile(r"(?<!\d)(\d{6}|\d{8})[-+ ]?(\d{4})(?!\d)")

# Word stems that reveal health, care or social-services detail (sv + en). A word
# containing one is dropped whole, even inside an organisation's name: over-scrubbing
# a CN is harmless, leaking "Beroendemottagningen" is not.
# fmt: off
SENSITIVE_STEMS = (
    "diagnos", "depress", "deprim", "ångest", "angest", "anxiet", "panikångest", "psykos",
    "psykot", "psychos", "psychot", "schizo", "bipolär", "bipolar", "autis", "asperger",
    "missbruk", "beroende", "addict", "alkohol", "alcohol", "narkoti", "narcoti",
    "substans", "substance", "suicid", "självmord", "självskad", "selfharm", "self-harm",
    "ätstörning", "anorexi", "bulimi", "trauma", "demens", "dementi", "utmattning",
    "burnout", "sjukskriv", "sjukpenning", "sjukersättning", "sickleave", "sick-leave",
    "aktivitetsersättning", "läkarintyg", "intyg", "medicin", "medicat", "läkemedel",
    "psykiatri", "psychiatr", "funktionsnedsätt", "funktionshind", "disabilit", "cancer",
    "diabet", "epilep", "hemlös", "homeless", "försörjningsstöd", "bistånd",
    "skuldsanering", "orosanmälan", "kriminal", "frivård", "probation", "våldsutsatt",
    "misshandel", "abuse", "utredning",
    # Units and settings whose name alone tells what the case is about.
    "psyk", "psych", "habilit", "ungdomsmottagning", "barnahus", "kvinnojour", "tjejjour",
    "skyddat boende", "skyddad identitet", "skyddade personuppgifter", "behandlingshem",
    "familjehem", "fosterhem", "terapi", "therap", "kurator", "godman",
    "förvaltarskap", "arbetsförmåg", "arbetsoförmåg", "work capacity",
)
SENSITIVE_WORDS = (
    "adhd", "npf", "hiv", "aids", "ptsd", "ocd", "lss", "lvm", "lvu", "lpt", "drog",
    "droger", "drug", "drugs", "bup", "hvb",
)
# fmt: on

_STEMS = re.compile(
    r"[\w-]*(?:" + "|".join(map(re.escape, SENSITIVE_STEMS)) + r")[\w-]*", re.IGNORECASE
)
# A short word counts in a hyphenated compound too ("LSS-enheten", "BUP-mottagningen").
_WORDS = re.compile(
    r"(?<![\w-])(?:\w+-)*(?:" + "|".join(SENSITIVE_WORDS) + r")(?:-\w+)*(?![\w-])", re.IGNORECASE
)
# "god man" as words ("En god mandelkaka" is cake).
_GOD_MAN = re.compile(r"(?<!\w)god\s+man(?:nen|s)?(?!\w)", re.IGNORECASE)
# "ADD" only in capitals: the English verb must survive.
_ADD = re.compile(r"(?<![\w-])ADD(?![\w-])")
# A small word left hanging where scrubbing cut out what it pointed to ("kommun för ⟨…⟩)").
_DANGLING = re.compile(
    r"\s+(?:för|om|med|till|av|på|i|och|samt|for|about|with|of|to|and)(?=\s*(?:[),;:]|$))",
    re.IGNORECASE,
)


def _number_like(text: str) -> list[str]:
    found = list(find_personnummer_like(text))
    for m in _NUMBER_LIKE.finditer(text):
        ten = (m[1] + m[2])[-10:]
        if luhn_check_digit(ten[:9]) == int(ten[9]):
            found.append(m[0])
    return found


def _name_patterns(plan: MeetingPlan) -> list[re.Pattern[str]]:
    names = {plan.individual.name}
    for party in plan.parties:
        if party.is_individual and party.person:
            names.add(party.person)
    patterns = []
    for name in sorted(n.strip() for n in names if n.strip()):
        words = [w.strip(".,;:()") for w in name.split()]
        for piece in [name, *(w for w in words if len(w) >= 2)]:
            body = r"\s+".join(map(re.escape, piece.split()))
            patterns.append(re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE))
    return patterns


def scrub(text: str, plan: MeetingPlan) -> str:
    """Text made safe for an invite: the one filter for SUMMARY, DESCRIPTION, LOCATION and CN.

    Removes the individual's name (whole and each part), their personnummer in
    any form, anything personnummer-shaped that passes Luhn, and words that
    reveal health or case detail; then tidies the leftover punctuation.

    Args:
        text: Any text bound for an .ics or .eml.
        plan: The meeting plan (whose individual must not be named).

    Returns:
        The scrubbed text on one line per input line (double quotes become single,
        since a CN parameter cannot hold them).
    """
    lines = []
    own = re.sub(r"\D", "", plan.individual.personnummer or "")
    for line in (text or "").replace('"', "'").splitlines():
        line = original = "".join(ch for ch in line if ch.isprintable())
        for found in _number_like(line):
            line = line.replace(found, " ")
        if len(own) >= 10:
            digits = r"\D?".join(own[-10:])
            line = re.sub(rf"(?:\d{{2}})?{digits}", " ", line)
        for pattern in _name_patterns(plan):
            line = pattern.sub(" ", line)
        line = _STEMS.sub(" ", line)
        line = _WORDS.sub(" ", line)
        line = _ADD.sub(" ", line)
        line = _GOD_MAN.sub(" ", line)
        # Tidy only what scrubbing touched, so our own "…:" headings stay as written.
        lines.append(_tidy(line) if line != original else line)
    return "\n".join(lines).strip("\n")


def _tidy(line: str) -> str:
    previous = None
    while line != previous:
        previous = line
        line = re.sub(r"\s+", " ", line)
        line = re.sub(r"\s+([,;:.)])", r"\1", line)
        line = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", line)
        line = re.sub(r"\(\s*[,;:–-]?\s*\)", "", line)
        line = re.sub(r"\(\s*[,;:]\s*", "(", line)
        line = _DANGLING.sub("", line)
    line = line.strip()
    # Keep a leading "- " (a list item); drop separators left dangling at either end.
    line = line.rstrip(",;:–- ").lstrip(",;: ")
    return line if re.search(r"\w", line) else ""
