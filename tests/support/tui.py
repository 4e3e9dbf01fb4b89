"""Shared set-up for the TUI tests: the demo case on a fake clock in a temp journal."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from starmote.plan.case import load_case
from starmote.plan.model import MeetingPlan
from starmote.plan.resources import demo_case
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from starmote.store.settings import Settings
from starmote.tui.app import StarmoteApp, make_app

MEETING_ID = "20261203-0900-SIP-2026-031-test"


def demo_plan() -> MeetingPlan:
    """The bundled demo case (booked 2026-12-03 09:00 Stockholm = the FakeClock's start)."""
    return load_case(demo_case())


def new_session(home: Path, clock: FakeClock | None = None) -> tuple[Session, FakeClock]:
    """A fresh meeting on the demo case in a journal under `home`."""
    clock = clock or FakeClock()
    journal = Journal.open(home)
    return Session.start(journal, demo_plan(), clock, meeting_id=MEETING_ID), clock


def live_session(
    home: Path, absent: tuple[str, ...] = (), consent: bool = True
) -> tuple[Session, FakeClock]:
    """A meeting in Inledning: everyone checked in but `absent`, consent confirmed unless not."""
    from starmote.engine import commands as c

    session, clock = new_session(home)
    for party in session.state.plan.parties:
        if party.key in absent:
            session.do(c.MarkAbsent(party.key, notified=False, reason=""))
        else:
            session.do(c.CheckIn(party.key))
    session.do(c.NextPhase())
    if consent:
        session.do(c.ConfirmConsent())
    return session, clock


def app_for(
    session: Session,
    clock: FakeClock,
    lang: str = "sv",
    theme: str = "textual-dark",
    home: Path | None = None,
) -> StarmoteApp:
    """The app as the CLI builds it, with settings kept off the disk and no history lookup."""
    settings = Settings(lang=lang, theme=theme)
    return make_app(
        session, clock=clock, settings=settings, save_settings=False, history={}, home=home
    )


async def type_text(pilot: object, text: str) -> None:
    """Type `text` key by key (spaces included)."""
    keys = ["space" if ch == " " else ch for ch in text]
    await pilot.press(*keys)  # type: ignore[attr-defined]


TEAM_MEETING_ID = "20270114-0900-STAR-TEAM-2027-01-test"
TEAM_START_UTC = datetime(2027, 1, 14, 8, 0, tzinfo=UTC)
"""09:00 in Stockholm on the sample team session's day: the fake clock starts at its start."""


def team_plan() -> MeetingPlan:
    """The sample four-case STAR team session with the sample utbudskarta attached."""
    from dataclasses import replace

    from starmote.plan.offers import load_offers
    from starmote.plan.resources import sample_offers, samples_dir

    plan = load_case(samples_dir() / "star-team-januari.toml")
    return replace(plan, offers=load_offers(sample_offers()))


def team_session(home: Path) -> tuple[Session, FakeClock]:
    """A fresh team session, opened at its booked start (09:00), in a journal under `home`."""
    clock = FakeClock(wall0=TEAM_START_UTC)
    journal = Journal.open(home)
    return Session.start(journal, team_plan(), clock, meeting_id=TEAM_MEETING_ID), clock


def team_checked_in(home: Path) -> tuple[Session, FakeClock]:
    """The team session with everyone here but the region's rehabkoordinator (a vacancy)."""
    from starmote.engine import commands as c

    session, clock = team_session(home)
    for key in ("fk", "ame", "forsorjning", "af"):
        session.do(c.CheckIn(key, "video" if key == "af" else "in_person"))
    session.do(c.MarkAbsent("psykiatri", notified=True, reason="vakans"))
    return session, clock
