"""Meetings held and booked on chosen days, a marker typed everywhere, a search of the data dir."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from starmote.engine import commands as c
from starmote.plan.model import INDIVIDUAL, STOCKHOLM, Individual
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from tests.support.factories import make_plan

MARK = "Qxv7Zmark"
"""Typed into a meeting that is then purged: no file under the data dir may hold it."""


def hold(
    journal: Journal,
    booked: datetime,
    held: datetime | None = None,
    *,
    code: str = "SIP-2026-001",
    close: bool = True,
    marked: bool = False,
) -> str:
    """A meeting booked at `booked` whose first part began at `held` (never, if None).

    With `marked`, MARK is in the case code, the individual's pseudonym, a note, a goal,
    an action, a parked question, a decision, the feedback and the follow-up's place.
    A held and closed meeting closes properly (huvudansvarig, follow-up); one never
    held closes with a reason, as a cancelled meeting does.

    Returns:
        The meeting id.
    """
    mark = MARK if marked else "vanlig"
    name = f"Sam {MARK}" if marked else "Sam L."
    plan = make_plan(
        case_code=f"SIP-{MARK}-01" if marked else code,
        start=booked,
        individual=Individual(name),
    )
    parties = tuple(replace(p, person=name) if p.key == INDIVIDUAL else p for p in plan.parties)
    plan = replace(plan, parties=parties)
    opened = (held or booked) - timedelta(minutes=5)
    clock = FakeClock(wall0=opened.astimezone(UTC))
    s = Session.start(journal, plan, clock)
    for party in ("individ", "kommun", "region", "af"):
        s.do(c.CheckIn(party))
    s.do(c.MarkAbsent("fk", notified=True, reason="Sjuk"))
    if held is None:
        if close:
            s.do(c.CloseMeeting("Inställt"))
        return s.meeting_id
    clock.advance(300)
    s.do(c.NextPhase())
    s.do(c.ConfirmConsent("kommun, region, AF"))
    s.do(c.AddNote(f"Anteckning {mark}: Sam berättar om veckan."))
    clock.advance(300)
    s.do(c.NextPhase())
    s.do(c.AddNote(f"Arbetsträning {mark} i vår."))
    clock.advance(300)
    s.do(c.NextPhase())
    s.do(c.AddGoal("short", f"Mål {mark}: arbetsträning två dagar i veckan."))
    s.do(c.AddAction(f"Ordna praktik {mark}", "af", booked.date() + timedelta(days=14)))
    s.do(c.ParkQuestion(f"Kan FK svara om {mark}?", "fk"))
    s.do(c.AddDecision(f"Beslut {mark}."))
    if not close:
        return s.meeting_id
    for _ in range(2):
        clock.advance(300)
        s.do(c.NextPhase())
    s.do(c.SetMainResponsible("kommun"))
    follow_up = datetime.combine(booked.date() + timedelta(days=42), booked.timetz())
    s.do(c.SetFollowUp(follow_up, 60, f"Kommunhuset {mark}"))
    s.do(c.GiveFeedback(f"Det kändes bra {mark}."))
    clock.advance(300)
    s.do(c.NextPhase())
    s.do(c.CloseMeeting())
    return s.meeting_id


def days_ago(days: int, hour: int = 9) -> datetime:
    """`hour` o'clock in Stockholm, `days` days before today there."""
    today = datetime.now(UTC).astimezone(STOCKHOLM).date()
    return at(today - timedelta(days=days), hour)


def at(day: date, hour: int = 9) -> datetime:
    """`hour` o'clock on `day` in Stockholm."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=STOCKHOLM)


def leftovers(home: Path, needle: str = MARK) -> list[str]:
    """Every file under `home` whose name or bytes hold `needle` (as UTF-8, any letter case).

    Read in this process only while it holds no SQLite connection to the journal:
    closing a descriptor of the journal would drop that connection's locks.
    """
    wanted = needle.casefold().encode()
    found = []
    for path in sorted(home.rglob("*")):
        if needle.casefold() in path.name.casefold():
            found.append(f"{path} (name)")
        elif path.is_file() and wanted in path.read_bytes().lower():
            found.append(str(path))
    return found


@pytest.fixture
def secure_delete_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """Journals written as with SQLite's default build, which leaves deleted bytes in place.

    Some builds (Debian's among them) zero deleted content by default; most (macOS,
    python.org's) do not. A purge must leave nothing behind under either.
    """
    setup = Journal._setup

    def without_secure_delete(self: Journal) -> None:
        self._db.execute("PRAGMA secure_delete = OFF")
        setup(self)

    monkeypatch.setattr(Journal, "_setup", without_secure_delete)
