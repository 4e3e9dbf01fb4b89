"""Meetings played through the real engine, for the minutes/invites/export tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from starmote.engine import commands as c
from starmote.engine.rules import Now, decide, evolve, fold, open_meeting
from starmote.engine.state import MeetingState
from starmote.plan.model import (
    INDIVIDUAL,
    STOCKHOLM,
    Consent,
    Individual,
    MeetingPlan,
    Party,
    Person,
)
from tests.support.factories import START, circle_phases

FOLLOW_UP = datetime(2027, 3, 29, 9, 0, tzinfo=STOCKHOLM)
"""The day after daylight saving starts: 09:00 local is 07:00Z."""
MEETING_ID = "20261203-0900-SIP-2026-031-test"
SECRET = "HEMLIGT-STRUKET"
"""Text put only into entries that are retracted later."""


def make_plan(start: datetime = START, **kw: object) -> MeetingPlan:
    """A 90-minute SIP: individual, kommun and region (kallade), FK, AF, samcoach without e-mail."""
    parties = (
        Party(INDIVIDUAL, "", "individ", person="Kim L.", summons="none"),
        Party(
            "kommun",
            "Krokoms kommun",
            "kommun",
            "Eva Ek",
            "eva.ek@example.se",
            "socialsekreterare",
            "kallad",
            brings="Aktuell planering från socialtjänsten.",
        ),
        Party(
            "region",
            "Region Jämtland Härjedalen",
            "region",
            "Per Åström",
            "per.astrom@example.se",
            "rehabkoordinator",
            "kallad",
            brings="Er bedömning av arbetsförmågan.",
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
            brings="Vilka ersättningar som gäller och vad som händer härnäst.",
        ),
        Party(
            "af",
            "Arbetsförmedlingen",
            "af",
            "Omar Said",
            "omar.said@example.se",
            "arbetsförmedlare",
            "inbjuden",
            brings="Möjliga arbetsmarknadsinsatser.",
        ),
        Party("samcoach", "AME Krokom", "samcoach", "Jonas Öhman", "", "samcoach", "inbjuden"),
    )
    phases = circle_phases()
    values: dict[str, object] = dict(
        case_code="SIP-2026-031",
        template_key="motescirkel-sip",
        kind="sip",
        title_sv="SIP-möte",
        title_en="SIP meeting",
        start=start,
        duration_min=90,
        individual=Individual("Kim L."),
        parties=parties,
        phases=phases,
        chair=Person("Karin Lund", "karin.lund@example.se", "Krokoms kommun"),
        note_taker=Person("Nils Nord"),
        place="Kommunhuset, rum Storsjön",
        video_link="https://video.example.se/m/123",
        questions=("Hur kan Kim komma närmare arbete?", "Vem samordnar insatserna?"),
        consent=Consent(
            given=date(2026, 11, 20),
            form="skriftligt",
            scope=("kommun", "region", "fk", "af"),
            not_shared=("Uppgifter om familjen",),
        ),
    )
    values.update(kw)
    return MeetingPlan(**values)  # type: ignore[arg-type]


class Play:
    """Drives the pure engine with a hand-moved clock, like a Session without the journal."""

    def __init__(
        self, plan: MeetingPlan, meeting_id: str = MEETING_ID, lang: str | None = None
    ) -> None:
        self.wall0 = plan.start.astimezone(UTC)
        self.t = 0.0
        self.events = open_meeting(plan, meeting_id, self.now(), lang)
        self.state = fold(self.events)

    def now(self) -> Now:
        return Now(self.t, self.wall0 + timedelta(seconds=self.t))

    def wait(self, seconds: float) -> Play:
        self.t += seconds
        return self

    def do(self, *commands: c.Command) -> MeetingState:
        for command in commands:
            events = decide(self.state, command, self.now())
            for event in events:
                self.state = evolve(self.state, event)
            self.events += events
        return self.state


def approve_invites(p: Play, lang: str | None = None) -> MeetingState:
    """The chair approves every invite exactly as the preview shows it, as proposed."""
    from starmote.documents.invites import approve, invites

    for invite in invites(p.state, lang):
        if not invite.approved:
            p.do(approve(invite.proposal))
    return p.state


def play_meeting(
    plan: MeetingPlan | None = None,
    follow_up: datetime = FOLLOW_UP,
    close: bool = True,
    approve: bool = False,
) -> Play:
    """A whole SIP meeting: late, dropped, left and absent parties, retractions, a follow-up.

    With `approve`, the chair then approves the invites as proposed (after closing).
    """
    p = Play(plan or make_plan())
    p.do(
        c.CheckIn(INDIVIDUAL),
        c.CheckIn("kommun"),
        c.CheckIn("region", "video"),
        c.MarkAbsent("af", notified=True, reason="Krock med annat möte"),
        c.MarkAbsent("samcoach", notified=False),
        c.ConfirmConsent(scope="Kommun, region, FK och AF", note="Muntligt bekräftat"),
        c.NextPhase(),
    )
    p.wait(120).do(c.AddNote("Alla presenterade sig."))
    p.wait(300).do(c.CheckIn("fk", "phone"))  # FK is late: 09:07
    p.wait(120).do(c.NextPhase())  # Aktuell situation; individual first
    p.do(c.AddNote("Vill börja arbeta igen, gärna inom lager.", party=c.SPEAKER))
    p.wait(240).do(c.NextSpeaker(), c.AddNote("Har haft kontakt sedan i våras.", party=c.SPEAKER))
    p.wait(200).do(c.Drop("region"))
    p.wait(90).do(c.Rejoin("region", "phone"))
    p.wait(60).do(c.NextSpeaker(), c.AddNote(f"{SECRET} anteckning som ångras"))
    p.do(c.Retract(p.state.notes[-1].id, "fel person"))
    p.wait(300).do(c.NextPhase())  # Behov
    p.do(
        c.AddGoal("short", "Komma igång med arbetsträning inom tre månader."),
        c.AddGoal("long", "Arbete på deltid inom ett år."),
        c.AddAction("Ordna arbetsträning", "kommun", date(2027, 1, 15), "två dagar i veckan"),
        c.AddAction("Boka avstämningsmöte", "fk", date(2027, 2, 1)),
        c.AddAction("Stöd i vardagen", "region", None, "varje vecka"),
        c.AddDecision(f"{SECRET} beslut som ångras"),
    )
    p.do(c.Retract(p.state.decisions[-1].id))
    p.do(
        c.AddDecision("Kommunen samordnar arbetsträningen."),
        c.ParkQuestion("Kan AF erbjuda en praktikplats i vår?", "af"),
        c.SetQuestionStatus(0, "answered", text="Arbetsträning via kommunen från januari."),
        c.SetQuestionStatus(1, "deferred", text="Regionens läkare behöver tillfrågas först."),
    )
    p.wait(900).do(c.Leave("fk"))
    p.wait(600).do(c.NextPhase())  # Sammanfattning
    p.do(c.SetMainResponsible("kommun", asked_individual=True))
    p.wait(600).do(c.NextPhase())  # Avslutning
    p.do(
        c.SetFollowUp(follow_up, 60, "Kommunhuset, rum Storsjön", convener="kommun"),
        c.GiveFeedback("Bra att alla lyssnade på mig."),
    )
    if close:
        p.wait(400).do(c.NextPhase(), c.CloseMeeting())
    if approve:
        approve_invites(p)
    return p


LEAK_NAME = "Kim Lindqvist"
LEAK_PNRS = ("19121212-1212", "191212121212", "121212-1212")
LEAK_HEALTH = ("depression", "missbruk", "ADHD", "psykos")


def leaky_text(what: str) -> str:
    """Free text that holds every kind of forbidden detail."""
    return f"{what} för {LEAK_NAME} {' '.join(LEAK_PNRS)} ({', '.join(LEAK_HEALTH)})"


def leaky_typed(what: str) -> str:
    """Text typed in the meeting: the name and health words (the engine refuses a personnummer)."""
    return f"{what} för {LEAK_NAME} ({', '.join(LEAK_HEALTH)})"


def leaky_plan() -> MeetingPlan:
    """A plan whose every free-text field holds the name, personnummer and health words."""
    base = make_plan()
    parties = []
    for party in base.parties:
        if party.is_individual:
            parties.append(
                replace(
                    party, person=LEAK_NAME, role=leaky_text("roll"), brings=leaky_text("ta med")
                )
            )
        else:
            parties.append(
                replace(
                    party,
                    organisation=leaky_text(party.organisation),
                    person=f"{party.person} {LEAK_NAME}",
                    role=leaky_text("roll"),
                    brings=leaky_text("ta med"),
                )
            )
    phases = tuple(
        replace(ph, title_sv=leaky_text(ph.title_sv), title_en=leaky_text(ph.title_en))
        for ph in base.phases
    )
    return replace(
        base,
        individual=Individual(LEAK_NAME, contact_note=leaky_text("kontakt")),
        parties=tuple(parties),
        phases=phases,
        title_sv=leaky_text("SIP"),
        title_en=leaky_text("SIP"),
        chair=Person(
            f"Karin Lund {LEAK_NAME}", "karin.lund@example.se", leaky_text("Krokoms kommun")
        ),
        place=leaky_text("Kommunhuset"),
        video_link=leaky_text("https://video.example.se/"),
        questions=(leaky_text("fråga"),),
    )


def play_leaky_meeting() -> Play:
    """The leaky plan, with leaky notes, goals, insatser, follow-up place and feedback."""
    p = Play(leaky_plan())
    text = leaky_typed
    p.do(
        c.CheckIn(INDIVIDUAL),
        c.CheckIn("kommun"),
        c.CheckIn("region"),
        c.CheckIn("fk"),
        c.MarkAbsent("af", notified=True, reason=text("orsak")),
        c.ConfirmConsent(scope=text("omfattning"), note=text("not")),
        c.NextPhase(),
        c.AddNote(text("anteckning")),
        c.NextPhase(),
        c.AddGoal("short", text("mål")),
        c.AddAction(text("insats"), "kommun", date(2027, 1, 15), text("ofta")),
        c.AddDecision(text("beslut")),
        c.ParkQuestion(text("fråga"), "af"),
        c.SetMainResponsible("kommun", person=f"Eva Ek {LEAK_NAME}"),
        c.SetFollowUp(FOLLOW_UP, 60, text("Psykiatrimottagningen"), convener="kommun"),
        c.GiveFeedback(text("åsikt")),
    )
    return p
