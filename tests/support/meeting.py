"""A meeting driven through the engine by hand: a fake offset and an in-memory event list."""

from __future__ import annotations

from datetime import timedelta

from starmote.engine import commands as c
from starmote.engine import events as ev
from starmote.engine.rules import Now, decide, evolve, fold, open_meeting
from starmote.plan.model import MeetingPlan
from tests.support.factories import OPENED_WALL, make_plan


class Meeting:
    """A meeting driven by hand: a fake offset and an in-memory event list."""

    def __init__(self, plan: MeetingPlan | None = None, opened_late_s: float = 0.0) -> None:
        self.plan = plan or make_plan()
        self.t = 0.0
        self.wall0 = OPENED_WALL + timedelta(seconds=opened_late_s)
        self.events = open_meeting(self.plan, "m-1", self.now())
        self.state = fold(self.events)

    def now(self) -> Now:
        return Now(self.t, self.wall0 + timedelta(seconds=self.t))

    def at(self, t: float) -> Meeting:
        assert t >= self.t, "time never goes backwards"
        self.t = t
        return self

    def wait(self, seconds: float) -> Meeting:
        return self.at(self.t + seconds)

    def do(self, *commands: c.Command) -> list[ev.Event]:
        new: list[ev.Event] = []
        for command in commands:
            events = decide(self.state, command, self.now())
            for event in events:
                self.state = evolve(self.state, event)
            new.extend(events)
        self.events.extend(new)
        return new

    def speaker(self) -> str | None:
        return self.state.turn.party if self.state.turn else None


def checked_in(m: Meeting, *absent: str) -> Meeting:
    for party in m.plan.parties:
        if party.key not in absent:
            m.do(c.CheckIn(party.key, "phone" if party.key == "af" else "in_person"))
    for party in absent:
        m.do(c.MarkAbsent(party, notified=False, reason=""))
    return m
