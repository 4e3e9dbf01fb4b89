"""The meeting plan: template and case merged into frozen dataclasses.

A `MeetingPlan` is everything the engine needs to run one meeting. It is built
by `starmote.plan.case` from a template file and a case file, stored verbatim in
the journal's first event (as a plain dict), and never changes afterwards.
"""

from __future__ import annotations

from dataclasses import asdict, field
from datetime import date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from starmote.record import Record, record

STOCKHOLM = ZoneInfo("Europe/Stockholm")

MIN_DURATION, MAX_DURATION = 15, 480
"""Minutes a meeting may be booked for (a template's default, a case, a follow-up's upper bound)."""

INDIVIDUAL = "individ"
"""Party key reserved for the person the meeting is about (huvudperson)."""

TurnRule = Literal["round", "open"]
Summons = Literal["kallad", "inbjuden", "none"]


@record
class Phase(Record):
    """One part of the meeting circle (or of a STAR team session)."""

    key: str
    title_sv: str
    title_en: str
    share: float
    """Percent of the meeting's time (all phases of a template sum to 100)."""
    turns: TurnRule = "round"
    """`round`: every present party in order; `open`: open discussion."""
    individual_first: bool = True
    """In a round, the individual is offered the first word."""
    first: str = ""
    """Who opens a round: `FIRST_INDIVIDUAL`, `FIRST_CHAIR` (the chair's order) or a party
    kind ("fk"). "" in plans stored before templates said so: `individual_first` decides."""
    floor_share: float = 0.0
    """Rebalancing never cuts this phase below this percent of the meeting."""
    prompts_sv: tuple[str, ...] = ()
    prompts_en: tuple[str, ...] = ()
    case_code: str = ""
    """Set on the per-case phases of a STAR team session."""
    prompt_parties: tuple[str, ...] = ()
    """Per prompt, the party kind it names ("" for none): shown only when that kind takes part."""
    about_sv: str = ""
    """One line on what the part is for, as the invite's agenda gives it ("" for the title only)."""
    about_en: str = ""

    def title(self, lang: str) -> str:
        """The title in `lang` ("sv" or "en")."""
        return self.title_en if lang == "en" else self.title_sv

    def prompts(self, lang: str) -> tuple[str, ...]:
        """The chair's checklist in `lang`."""
        return self.prompts_en if lang == "en" else self.prompts_sv

    def about(self, lang: str) -> str:
        """What the part is for, in `lang` ("" if the template does not say)."""
        return self.about_en if lang == "en" else self.about_sv

    @property
    def opener(self) -> str:
        """Who opens a round: `FIRST_INDIVIDUAL`, `FIRST_CHAIR` or a party kind."""
        if self.first:
            return self.first
        return FIRST_INDIVIDUAL if self.individual_first else FIRST_CHAIR


FIRST_INDIVIDUAL = "individ"
"""A part's round opens with the person (if they wish the first word)."""
FIRST_CHAIR = "chair"
"""A part's round follows the chair's order of the parties."""
CONVENER_CHAIR = "chair"
"""The chair convenes the follow-up (otherwise a template names a party kind)."""


@record
class Section(Record):
    """A section of the minutes a meeting type keeps of its own (e.g. Arbetsförmåga)."""

    key: str
    title_sv: str
    title_en: str
    hint_sv: str = ""
    """What belongs in it, shown when writing an entry."""
    hint_en: str = ""

    def title(self, lang: str) -> str:
        """The heading in `lang`."""
        return self.title_en if lang == "en" else self.title_sv

    def hint(self, lang: str) -> str:
        """What belongs in the section, in `lang`."""
        return self.hint_en if lang == "en" else self.hint_sv


@record
class Window(Record):
    """The part of the meeting a party is available for, in minutes from start."""

    from_min: int = 0
    until_min: int | None = None

    def contains(self, minute: float) -> bool:
        """Whether the party is available `minute` minutes into the meeting."""
        if minute < self.from_min:
            return False
        return self.until_min is None or minute < self.until_min


PRIVATE_KINDS = ("individ", "narstaende", "vardnadshavare", "god_man")
"""Parties who take part as private persons: they cannot be huvudansvarig, and their
names are never offered as work contacts (a guardian is family, not an agency)."""


@record
class Party(Record):
    """Someone who takes part: an organisation's representative or a private person."""

    key: str
    organisation: str
    kind: str
    """fk, af, kommun, region, samcoach, narstaende, god_man, individ, ovrig, …"""
    person: str = ""
    email: str = ""
    role: str = ""
    summons: Summons = "inbjuden"
    presence_requested: bool = False
    window: Window | None = None
    brings: str = ""
    """What the party is asked to bring or prepare (goes into the invite)."""
    case: str = ""
    """In a team session: the one case this party takes part in (a person at their own case)."""

    @property
    def is_individual(self) -> bool:
        """Whether this is a person a case is about (the SIP's huvudperson, or a team case's)."""
        return self.key == INDIVIDUAL or self.kind == INDIVIDUAL

    @property
    def is_professional(self) -> bool:
        """Whether the party represents an agency (not the person, a relative or a god man)."""
        return not self.is_individual and self.kind not in PRIVATE_KINDS

    def label(self) -> str:
        """Short display label: organisation and person."""
        if self.person and self.organisation:
            return f"{self.organisation} ({self.person})"
        return self.person or self.organisation or self.key


@record
class Individual(Record):
    """The person the meeting is about. Pseudonym or initials by default."""

    name: str
    """Pseudonym or initials, as the coordinator wants it shown."""
    wants_first_word: bool = True
    contact_note: str = ""


@record
class Person(Record):
    """A named professional (chair, note-taker)."""

    name: str
    email: str = ""
    organisation: str = ""


CONSENT_CATEGORIES = ("halsa", "ekonomi", "familj", "missbruk")
"""Kinds of information a consent can keep from a party (hälsa, ekonomi, familj, missbruk):
few and fixed, so the chair can mark an entry with one key and a party's copy of the
minutes can leave out exactly what was marked."""


@record
class Exclusion(Record):
    """A kind of information the person does not want shared with one party."""

    party: str
    """The party's key."""
    category: str
    """One of CONSENT_CATEGORIES."""


@record
class Consent(Record):
    """Samtycke as recorded before the meeting."""

    given: date | None = None
    form: str = ""
    """skriftligt / muntligt."""
    scope: tuple[str, ...] = ()
    """Party keys or organisations the consent covers."""
    not_shared: tuple[str, ...] = ()
    """What the individual does not want shared."""
    valid_until: date | None = None
    exclude: tuple[Exclusion, ...] = ()
    """Categories of information kept from a party (entries marked so leave its copy)."""

    def excluded_for(self, party: str) -> tuple[str, ...]:
        """The categories kept from `party`, in CONSENT_CATEGORIES order."""
        mine = {e.category for e in self.exclude if e.party == party}
        return tuple(c for c in CONSENT_CATEGORIES if c in mine)

    @property
    def categories(self) -> tuple[str, ...]:
        """Every category kept from some party, in CONSENT_CATEGORIES order."""
        used = {e.category for e in self.exclude}
        return tuple(c for c in CONSENT_CATEGORIES if c in used)


CASE_KINDS = ("ny", "uppfoljning", "konsultation")
"""A team case is a new aktualisering, a follow-up of an earlier one, or a consultation."""


@record
class CasePerson(Record):
    """The person a team case is about, as the case file names them (a pseudonym)."""

    name: str
    attends: bool = False
    """Whether they take part in the team's discussion of their own case."""
    wants_first_word: bool = True


@record
class TeamCase(Record):
    """One case on a STAR team session's list: its own questions, consent and needs."""

    code: str
    minutes: int
    questions: tuple[str, ...] = ()
    anonymised: bool = False
    """Taken up avidentifierat: no names, no consent needed, no document to the person."""
    consent: Consent | None = None
    """The person's samtycke for this case (None when anonymised)."""
    needs: tuple[str, ...] = ()
    """Party keys whose presence the case needs (e.g. Försäkringskassan)."""
    kind: str = "ny"
    """One of CASE_KINDS."""
    person: CasePerson | None = None

    @property
    def party_key(self) -> str:
        """The key of the party that stands for this case's person when they attend."""
        return f"{INDIVIDUAL}-{self.code}".lower()


@record
class Offer(Record):
    """One thing an organisation can offer, from the team's utbudskarta."""

    key: str
    kind: str
    """The kind of party that offers it (kommun, region, af, fk, …)."""
    title: str
    description: str = ""


HORIZONS = ("short", "long")
"""A goal is set for the short or the long term."""
OPEN_STATUSES = ("open", "deferred")
"""A frågeställning left open at a meeting: never taken up, or put off."""


@record
class PreviousGoal(Record):
    """A goal the previous meeting set, copied into the follow-up's case file."""

    horizon: str
    """short or long."""
    text: str
    case: str = ""
    """In a team session: the team case it belongs to ("" for the team or a SIP)."""
    category: str = ""
    """The consent category the chair marked it with (see `Consent.exclude`), or ""."""


@record
class PreviousAction(Record):
    """An insats the previous meeting agreed: what, whose, by when, how often."""

    what: str
    owner: str
    """The owner's party key at that meeting."""
    owner_name: str = ""
    """How the owner was named, kept should the party no longer take part."""
    due: date | None = None
    how_often: str = ""
    case: str = ""
    category: str = ""
    """The consent category the chair marked it with: it stays out of that party's copy."""


@record
class PreviousParked(Record):
    """A question parked at the previous meeting for a party that was not there."""

    text: str
    for_party: str
    for_name: str = ""
    case: str = ""


@record
class PreviousQuestion(Record):
    """A frågeställning the previous meeting left without an answer."""

    text: str
    status: str = "open"
    """open (never taken up) or deferred (put off)."""
    case: str = ""
    reason: str = ""
    """Why it was deferred, as the chair recorded it."""


@record
class Previous(Record):
    """What a follow-up meeting carries from the meeting before it, copied so it outlives it.

    The previous meeting may be purged (gallring) before the follow-up is held: nothing
    here refers to its journal except by the id, which is only shown.
    """

    meeting: str
    """The previous meeting's journal id."""
    date: date
    """The day it was held."""
    goals: tuple[PreviousGoal, ...] = ()
    insatser: tuple[PreviousAction, ...] = ()
    parked: tuple[PreviousParked, ...] = ()
    open_questions: tuple[PreviousQuestion, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Whether nothing was carried over (no goal, insats, parked or open question)."""
        return not (self.goals or self.insatser or self.parked or self.open_questions)


@record
class MeetingPlan(Record):
    """A template applied to a case: what the engine runs."""

    case_code: str
    template_key: str
    kind: str
    """sip, star-samplanering, avstamning, star-team."""
    title_sv: str
    title_en: str
    start: datetime
    """Booked start, aware, Europe/Stockholm."""
    duration_min: int
    individual: Individual
    parties: tuple[Party, ...]
    """In turn order; includes the individual (key `individ`) when present in the case."""
    phases: tuple[Phase, ...]
    chair: Person
    note_taker: Person | None = None
    place: str = ""
    video_link: str = ""
    questions: tuple[str, ...] = ()
    """Frågeställningar."""
    consent: Consent = field(default_factory=Consent)
    team_cases: tuple[TeamCase, ...] = ()
    """In listed order; the agenda order is the order of their phases."""
    offers: tuple[Offer, ...] = ()
    """The utbudskarta copied in when the meeting opened, so it is kept with the meeting."""
    language: str = "sv"
    source: str = ""
    """The case file the plan came from (for messages only)."""
    previous: Previous | None = None
    """For a follow-up: what the meeting before agreed and left open (see `Previous`)."""
    lead: bool = True
    """Whether the meeting names a huvudansvarig (an avstämningsmöte does not: FK coordinates)."""
    convener: str = CONVENER_CHAIR
    """Who convenes the follow-up: the chair, or the party of this kind."""
    horizons: tuple[str, ...] = ("short", "long")
    """The goal horizons the meeting type sets goals for (none: it keeps no goals)."""
    decisions_sv: str = ""
    """What the meeting type calls its decisions ("" for the catalogue's "Beslut")."""
    decisions_en: str = ""
    sections: tuple[Section, ...] = ()
    """The minutes' own sections of this meeting type."""

    def title(self, lang: str) -> str:
        """Meeting type title in `lang`."""
        return self.title_en if lang == "en" else self.title_sv

    def decisions_label(self, lang: str) -> str:
        """The word for decisions in `lang`: the template's own, or "" for the catalogue's."""
        return self.decisions_en if lang == "en" else self.decisions_sv

    def convener_key(self) -> str:
        """The party key of the follow-up's default convener ("" for the chair).

        Returns:
            The first agency party of the template's convener kind, or "" when the chair
            convenes or no such party is in the case.
        """
        if self.convener == CONVENER_CHAIR:
            return ""
        return next((p.key for p in self.parties if p.kind == self.convener), "")

    def section(self, key: str) -> Section | None:
        """The minutes section with `key`, or None."""
        return next((s for s in self.sections if s.key == key), None)

    def shown_prompts(self, phase: int) -> tuple[int, ...]:
        """Indexes of the prompts of `phase` the chair sees: those naming a party kind
        only when a party of that kind is in the meeting."""
        ph = self.phases[phase]
        kinds = {p.kind for p in self.parties}
        named = ph.prompt_parties
        return tuple(
            i
            for i in range(len(ph.prompts_sv))
            if i >= len(named) or not named[i] or named[i] in kinds
        )

    def party(self, key: str) -> Party:
        """The party with `key`; KeyError if there is none."""
        for party in self.parties:
            if party.key == key:
                return party
        raise KeyError(key)

    def label_of(self, key: str) -> str:
        """How party `key` is named on screen and in documents; the key itself if unknown.

        Returns:
            "Försäkringskassan (Lena Berg)", or the individual's pseudonym.
        """
        if not self.has_party(key):
            return key
        party = self.party(key)
        if party.is_individual:
            return self.individual.name.strip() or party.label()
        return party.label()

    @property
    def is_team_session(self) -> bool:
        """Whether this meeting takes several cases in turn (a STAR team session)."""
        return bool(self.team_cases)

    def team_case(self, code: str) -> TeamCase:
        """The team case with `code`; KeyError if there is none."""
        for case in self.team_cases:
            if case.code == code:
                return case
        raise KeyError(code)

    def consent_of(self, case: str) -> Consent | None:
        """The consent that governs what is captured for `case`.

        A SIP meeting has one; in a team session each case has its own (None for an
        anonymised case, and for the team itself: "").
        """
        if not self.team_cases:
            return self.consent
        for team_case in self.team_cases:
            if team_case.code == case:
                return team_case.consent
        return None

    def has_party(self, key: str) -> bool:
        """Whether `key` names a party of this meeting."""
        return any(p.key == key for p in self.parties)

    @property
    def duration_s(self) -> int:
        """Booked length in seconds."""
        return self.duration_min * 60

    @property
    def end(self) -> datetime:
        """The booked end (aware, in the start's zone)."""
        return self.start + timedelta(minutes=self.duration_min)

    def phase_budgets(self) -> tuple[int, ...]:
        """Seconds per phase from the shares, rounded so they sum to the shares' total.

        The shares of a template's circle sum to 100, so the budgets fill the booked time
        exactly; a team session's agenda may end before the booked end, or run past it.
        """
        raw = [self.duration_s * p.share / 100 for p in self.phases]
        budgets = [int(r) for r in raw]
        # Largest remainder, so the budgets add up to the (rounded) total exactly.
        short = round(sum(raw)) - sum(budgets)
        order = sorted(range(len(raw)), key=lambda i: (budgets[i] - raw[i], i))
        for i in order[:short]:
            budgets[i] += 1
        return tuple(budgets)


def plan_to_dict(plan: MeetingPlan) -> dict[str, Any]:
    """A JSON-ready dict of `plan` (dates as ISO strings)."""
    data = asdict(plan)
    data["start"] = plan.start.isoformat()
    data["consent"] = _consent_to_dict(plan.consent)
    for case, stored in zip(plan.team_cases, data["team_cases"], strict=True):
        stored["consent"] = _consent_to_dict(case.consent) if case.consent else None
    data["previous"] = _previous_to_dict(plan.previous) if plan.previous else None
    return data


def _previous_to_dict(previous: Previous) -> dict[str, Any]:
    data = asdict(previous)
    data["date"] = previous.date.isoformat()
    for action in data["insatser"]:
        action["due"] = action["due"].isoformat() if action["due"] else None
    return data


def _previous_from_dict(data: dict[str, Any]) -> Previous:
    insatser = []
    for stored in data.get("insatser", ()):
        action = dict(stored)
        action["due"] = date.fromisoformat(action["due"]) if action.get("due") else None
        insatser.append(PreviousAction(**action))
    return Previous(
        meeting=data["meeting"],
        date=date.fromisoformat(data["date"]),
        goals=tuple(PreviousGoal(**g) for g in data.get("goals", ())),
        insatser=tuple(insatser),
        parked=tuple(PreviousParked(**p) for p in data.get("parked", ())),
        open_questions=tuple(PreviousQuestion(**q) for q in data.get("open_questions", ())),
    )


def _consent_to_dict(consent: Consent) -> dict[str, Any]:
    data = asdict(consent)
    for key in ("given", "valid_until"):
        value = getattr(consent, key)
        data[key] = value.isoformat() if value else None
    return data


def _consent_from_dict(data: dict[str, Any]) -> Consent:
    consent = dict(data)
    for key in ("given", "valid_until"):
        consent[key] = date.fromisoformat(consent[key]) if consent.get(key) else None
    consent["scope"] = tuple(consent.get("scope", ()))
    consent["not_shared"] = tuple(consent.get("not_shared", ()))
    consent["exclude"] = tuple(Exclusion(**e) for e in consent.get("exclude", ()))
    return Consent(**consent)


def _team_case_from_dict(data: dict[str, Any]) -> TeamCase:
    case = dict(data)
    # Journals from before team cases had their own consent and questions stored
    # one question and a consent flag.
    if "question" in case:
        question = case.pop("question")
        case["questions"] = (question,) if question else ()
    consent = case.get("consent")
    if isinstance(consent, dict):
        case["consent"] = _consent_from_dict(consent)
    else:
        case["consent"] = Consent() if consent else None
    case["questions"] = tuple(case.get("questions", ()))
    case["needs"] = tuple(case.get("needs", ()))
    person = case.get("person")
    case["person"] = CasePerson(**person) if person else None
    return TeamCase(**case)


def plan_from_dict(data: dict[str, Any]) -> MeetingPlan:
    """Rebuild a plan written by `plan_to_dict`."""
    parties = []
    for p in data["parties"]:
        p = dict(p)
        p["window"] = Window(**p["window"]) if p.get("window") else None
        parties.append(Party(**p))
    phases = []
    for ph in data["phases"]:
        ph = dict(ph)
        ph["prompts_sv"] = tuple(ph.get("prompts_sv", ()))
        ph["prompts_en"] = tuple(ph.get("prompts_en", ()))
        ph["prompt_parties"] = tuple(ph.get("prompt_parties", ()))
        phases.append(Phase(**ph))
    note_taker = data.get("note_taker")
    individual = dict(data["individual"])
    # Plans stored before starmote stopped taking a personnummer may hold one: never read.
    individual.pop("personnummer", None)
    return MeetingPlan(
        case_code=data["case_code"],
        template_key=data["template_key"],
        kind=data["kind"],
        title_sv=data["title_sv"],
        title_en=data["title_en"],
        start=datetime.fromisoformat(data["start"]),
        duration_min=data["duration_min"],
        individual=Individual(**individual),
        parties=tuple(parties),
        phases=tuple(phases),
        chair=Person(**data["chair"]),
        note_taker=Person(**note_taker) if note_taker else None,
        place=data.get("place", ""),
        video_link=data.get("video_link", ""),
        questions=tuple(data.get("questions", ())),
        consent=_consent_from_dict(data.get("consent") or {}),
        team_cases=tuple(_team_case_from_dict(c) for c in data.get("team_cases", ())),
        offers=tuple(Offer(**o) for o in data.get("offers", ())),
        previous=_previous_from_dict(data["previous"]) if data.get("previous") else None,
        language=data.get("language", "sv"),
        source=data.get("source", ""),
        # Plans stored before templates said these read as the SIP meeting they were.
        lead=data.get("lead", True),
        convener=data.get("convener", CONVENER_CHAIR),
        horizons=tuple(data.get("horizons", ("short", "long"))),
        decisions_sv=data.get("decisions_sv", ""),
        decisions_en=data.get("decisions_en", ""),
        sections=tuple(Section(**x) for x in data.get("sections", ())),
    )
