"""Minutes of a meeting held on another day than booked, counts in words, notes kept out."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from starmote.documents.invites import follow_up_ics, proposals
from starmote.documents.minutes import minutes_html, minutes_markdown
from starmote.documents.plain_language import plain_markdown
from starmote.engine import commands as c
from starmote.plan.model import Individual
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from tests.support.exportcase import FOLLOW_UP, make_plan, play_meeting

STAMP = datetime(2026, 12, 9, 13, 0, tzinfo=UTC)


def held_late(home: Path) -> Session:
    """The SIP booked for Thursday 3 December 09:00, run on Wednesday 9 December 12:53–12:54."""
    clock = FakeClock(wall0=datetime(2026, 12, 9, 11, 53, tzinfo=UTC))
    session = Session.start(Journal.open(home), make_plan(), clock, meeting_id="held-late")
    for command in (c.CheckIn("individ"), c.CheckIn("kommun"), c.ConfirmConsent(), c.NextPhase()):
        session.do(command)
    clock.advance(60)
    session.do(c.CloseMeeting("Testkörning"))
    return session


def test_a_meeting_held_on_another_day_is_dated_the_day_it_was_held(tmp_path: Path) -> None:
    state = held_late(tmp_path).state
    md = minutes_markdown(state, STAMP)
    assert md.startswith("# Minnesanteckningar: SIP-möte SIP-2026-031, 9 december 2026\n")
    assert "- **Datum:** onsdag 9 december 2026\n" in md
    assert "- **Bokad tid:** torsdag 3 december 2026 kl. 09:00–10:30\n" in md
    assert "- **Faktisk tid:** onsdag 9 december 2026 kl. 12:53–12:54\n" in md
    en = minutes_markdown(state, STAMP, "en")
    assert "- **Date:** Wednesday, 9 December 2026\n" in en
    assert "- **Booked time:** Thursday, 3 December 2026, 09:00–10:30\n" in en
    assert "- **Actual time:** Wednesday, 9 December 2026, 12:53–12:54\n" in en
    page = minutes_html(state, STAMP)
    assert "9 december 2026 kl. 12:53–12:54" in page and "3 december 2026 kl. 09:00–10:30" in page
    # The person's summary says the day they were there.
    assert "Den 9 december 2026 hade du ett möte" in plain_markdown(state, STAMP)


def test_an_insats_reminder_names_the_day_its_minutes_carry(tmp_path: Path) -> None:
    """Booked for 3 December, held on 9 December: the reminder names the 9th, as the minutes do."""
    clock = FakeClock(wall0=datetime(2026, 12, 9, 11, 53, tzinfo=UTC))
    session = Session.start(Journal.open(tmp_path), make_plan(), clock, meeting_id="held-late")
    for command in (c.CheckIn("individ"), c.CheckIn("kommun"), c.ConfirmConsent(), c.NextPhase()):
        session.do(command)
    state = session.do(c.AddAction("Ordna boendestöd", "kommun", due=date(2026, 12, 18)))
    (reminder,) = proposals(state)
    # "Insats nr 1 i minnesanteckningarna från … den …": the minutes are dated 9 December.
    assert "den 9 december 2026." in reminder.message
    assert "3 december" not in reminder.message
    (english,) = proposals(state, "en")
    assert "on 9 December 2026." in english.message


def test_a_meeting_held_as_booked_shows_times_only() -> None:
    md = minutes_markdown(play_meeting().state, STAMP)
    assert "- **Datum:** torsdag 3 december 2026\n" in md
    assert "- **Bokad tid:** 09:00–10:30\n" in md
    assert "- **Faktisk tid:** 09:00–10:05\n" in md


def test_a_meeting_over_midnight_dates_its_end(tmp_path: Path) -> None:
    clock = FakeClock(wall0=datetime(2026, 12, 3, 22, 50, tzinfo=UTC))  # 23:50 local
    session = Session.start(Journal.open(tmp_path), make_plan(), clock, meeting_id="midnight")
    for command in (c.CheckIn("individ"), c.ConfirmConsent(), c.NextPhase()):
        session.do(command)
    clock.advance(20 * 60)
    session.do(c.CloseMeeting("Testkörning"))
    md = minutes_markdown(session.state, STAMP)
    assert "- **Faktisk tid:** 23:50–fredag 4 december 2026 kl. 00:10\n" in md


def test_each_rebalance_says_when_and_which_parts() -> None:
    p = play_meeting(close=False)
    budgets = tuple(cl.budget for cl in p.state.phases)
    once = p.do(c.Rebalance(budgets[:-1] + (budgets[-1] + 60,)))
    assert "Tiden omfördelades kl. 09:58 för: Avslutning." in minutes_markdown(once, STAMP)
    assert "rebalanced at 09:58 for: Closing." in minutes_markdown(once, STAMP, "en")
    twice = p.wait(60).do(c.Rebalance(budgets[:-1] + (budgets[-1] + 120,)))
    text = minutes_markdown(twice, STAMP)
    assert "kl. 09:58 för: Avslutning." in text and "kl. 09:59 för: Avslutning." in text


def test_the_contact_note_is_for_the_chair_only() -> None:
    note = "vill ha en paus halvvägs"
    plan = make_plan(individual=Individual("Kim L.", contact_note=f"Första SIP-mötet; {note}"))
    state = play_meeting(plan, approve=True).state
    for text in (
        minutes_markdown(state, STAMP),
        minutes_markdown(state, STAMP, "en"),
        minutes_html(state, STAMP),
        plain_markdown(state, STAMP),
        follow_up_ics(state, STAMP).decode(),
    ):
        assert note not in text and "halvvägs" not in text
    assert state.follow_up is not None and state.follow_up.start == FOLLOW_UP


def test_actual_time_starts_with_the_first_part_not_with_check_in() -> None:
    import tempfile
    from datetime import timedelta

    from starmote.engine import commands as c
    from starmote.plan.case import load_case
    from starmote.plan.resources import demo_case
    from starmote.store.journal import Journal
    from starmote.store.session import FakeClock, Session

    with tempfile.TemporaryDirectory() as home:
        clock = FakeClock()
        session = Session.start(Journal.open(home), load_case(demo_case()), clock)
        for party in session.state.plan.parties:
            session.do(c.CheckIn(party.key))
        clock.advance(20 * 60)  # the chair checked in early; the meeting begins later
        session.do(c.NextPhase())
        began = session.state.began
        assert began is not None and began.wall == session.state.opened.wall + timedelta(minutes=20)
        from starmote.documents.fmt import held_on

        assert held_on(session.state) == began.wall
        from starmote.documents.minutes import minutes_markdown

        text = minutes_markdown(session.state, clock.wall(), "sv")
        actual = next(line for line in text.splitlines() if "Faktisk tid" in line)
        assert "09:20–" in actual, actual
