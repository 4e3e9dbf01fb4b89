"""A follow-up's plan: the last meeting's insatser, goals and parked questions in `[previous]`."""

from __future__ import annotations

from datetime import date

from starmote.plan.model import (
    MeetingPlan,
    Previous,
    PreviousAction,
    PreviousGoal,
    PreviousParked,
    PreviousQuestion,
)
from tests.support.factories import make_plan

PREVIOUS = Previous(
    meeting="m-prev",
    date=date(2026, 11, 5),
    goals=(
        PreviousGoal("short", "Sam har en praktikplats"),
        PreviousGoal("long", "Sam har ett arbete på halvtid"),
    ),
    insatser=(
        PreviousAction("Ansöka om arbetsträning", "kommun", "Krokoms kommun (Eva Ek)"),
        PreviousAction("Boka läkarbesök", "region", "Region (Per Ås)", due=date(2026, 11, 30)),
        PreviousAction("Utreda boendestöd", "ss", "Socialtjänsten (Ann Lo)"),
    ),
    parked=(PreviousParked("Kan FK bevilja rehabiliteringsersättning?", "fk", "FK (Lena Berg)"),),
    open_questions=(PreviousQuestion("Vem samordnar vården?"),),
)
"""What the previous meeting agreed; Socialtjänsten ("ss") is not called to the follow-up."""


def follow_up_plan(**kw: object) -> MeetingPlan:
    """The factory's SIP plan as a follow-up of `PREVIOUS`."""
    return make_plan(previous=PREVIOUS, **kw)


DEMO_PREVIOUS = Previous(
    meeting="m-prev",
    date=date(2026, 11, 5),
    goals=(PreviousGoal("short", "Kim har en praktikplats"),),
    insatser=(
        PreviousAction("Ansöka om arbetsträning", "socialtjanst", "Socialtjänsten"),
        PreviousAction("Utreda rehabiliteringsersättning", "fk", "Försäkringskassan"),
    ),
    parked=(PreviousParked("Kan psykiatrin ta emot i januari?", "psykiatri", "Psykiatrin"),),
)
"""The previous plan of the bundled demo case, for the app's tests."""
