"""The projector board follows the chair's journal, shows what the chair's screen shows, and
never a note, an entry or a person's name."""

from __future__ import annotations

import asyncio
import html
import re
import time
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from starmote.engine import commands as c
from starmote.i18n import t
from starmote.plan.case import load_case
from starmote.plan.model import STOCKHOLM
from starmote.plan.resources import samples_dir
from starmote.store import lease, paths
from starmote.store.follow import Follower
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from starmote.tui.board.app import BoardApp, make_board
from starmote.tui.board.view import party_label
from starmote.tui.widgets.clockline import ClockLine
from starmote.tui.widgets.speaker import SpeakerPanel
from tests.support.tui import app_for, demo_plan, live_session

WIDE = (160, 50)
"""Wide enough that the clock line leaves nothing out, on the chair's screen and the board."""


def screen_text(app: BoardApp) -> str:
    """Everything on the board's screen now, as the terminal shows it (from its SVG frame)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def caught_up(board: BoardApp, seq: int, pilot, timeout: float = 5.0) -> None:
    """Wait until the board shows the meeting as of event `seq` (it polls on its own)."""
    end = time.monotonic() + timeout
    while board.shown is None or board.shown.last_seq < seq:
        assert time.monotonic() < end, "the board never caught up"
        await asyncio.sleep(0.02)
    await pilot.pause()


def board_for(home: Path, clock: FakeClock, meeting_id: str | None = None) -> BoardApp:
    return make_board(Follower(paths.journal_path(home), clock, meeting_id), poll_s=0.02)


async def test_the_board_shows_the_part_and_speaker_the_chair_sees(tmp_path: Path) -> None:
    session, clock = live_session(tmp_path, absent=("af",))
    app = app_for(session, clock)
    board = board_for(tmp_path, clock)
    keys = ["space", "space", "s", "b", "plus", "space", "p", "p", "space", "d", "enter"]
    async with app.run_test(size=WIDE) as pilot, board.run_test(size=WIDE) as bpilot:
        await pilot.pause()
        for key in keys:
            clock.advance(17)
            await pilot.press(key)
            await pilot.pause()
            state = app.state
            await caught_up(board, state.last_seq, bpilot)
            assert board.shown is not None
            # The same part and clocks: the board's clock line is the chair's, to the letter.
            chair_clocks = app.main_screen.query_one(ClockLine).plain
            assert board.query_one(ClockLine).plain == chair_clocks
            assert board.shown.phase == state.phase
            view = board.view
            assert view is not None
            speaker = app.main_screen.query_one(SpeakerPanel).plain
            if state.turn is not None:
                assert view.label.endswith(party_label(board.shown.plan, state.turn.party, "sv"))
                # The same time left, in the big digits.
                assert f"{t('tui.speaker.left')} {view.digits}" in speaker or view.over
                assert state.queue[:1] == board.shown.queue[:1]
        assert app.state.phase == 1  # the sequence ended in the next part
        text = screen_text(board)
        assert "Aktuell situation" in text and "Frånvarande: Arbetsförmedlingen" in text


MARK = "ZQX"
"""Typed into every kind of entry, with a number: none may ever reach the board."""


def everything_typed(session: Session, clock: FakeClock) -> list[str]:
    """Put a marker into every kind of text a meeting holds; return the markers used."""
    used: list[str] = []

    def mark() -> str:
        used.append(f"{MARK}{len(used)}")
        return used[-1]

    commands = [
        c.AddNote(mark()),
        c.AddNote(mark(), party="socialtjanst"),
        c.AddGoal("short", mark()),
        c.AddGoal("long", mark()),
        c.AddAction(mark(), "socialtjanst", date(2027, 1, 15), mark()),
        c.AddDecision(mark()),
        c.ParkQuestion(mark(), "af"),
        c.SetMainResponsible("socialtjanst", mark()),
        c.SetFollowUp(datetime(2027, 1, 20, 9, 0, tzinfo=STOCKHOLM), 60, mark()),
        c.GiveFeedback(mark()),
        c.SetQuestionStatus(0, "answered"),
    ]
    for command in commands:
        clock.advance(11)
        session.do(command)
    first = session.state.notes[0].id
    session.do(c.Correct(first, c.AddNote(mark())))
    session.do(c.Retract(session.state.goals[0].id, mark()))
    assert session.state.notes and session.state.goals and session.state.actions
    return used


def names_of(session: Session) -> list[str]:
    """Every person's name and every free text of the plan (none belongs on the board)."""
    plan = session.state.plan
    found = [plan.individual.name, plan.chair.name, *plan.questions, *plan.consent.not_shared]
    found += [p.person for p in plan.parties if p.person]
    if plan.note_taker:
        found.append(plan.note_taker.name)
    found += [plan.place, plan.video_link]
    return [text for text in found if text]


async def test_no_note_entry_or_name_ever_reaches_the_board(tmp_path: Path) -> None:
    session, clock = live_session(tmp_path, absent=("af", "psykiatri"))
    session.do(c.NoteSubstitute("psykiatri", "Vera Vikarie"))
    board = board_for(tmp_path, clock)
    frames: list[str] = []
    async with board.run_test(size=WIDE) as pilot:
        await caught_up(board, session.state.last_seq, pilot)
        frames.append(screen_text(board))
        markers = everything_typed(session, clock)
        await caught_up(board, session.state.last_seq, pilot)
        frames.append(screen_text(board))
        for command in (c.NextSpeaker(), c.NextPhase(), c.NextSpeaker(), c.Pause()):
            clock.advance(30)
            session.do(command)
            await caught_up(board, session.state.last_seq, pilot)
            frames.append(screen_text(board))
        session.do(c.Resume())
        session.do(c.CloseMeeting(f"{MARK}-closed early"))
        await caught_up(board, session.state.last_seq, pilot)
        frames.append(screen_text(board))
    assert "SIP-2026-031" in frames[-1] and t("board.closed") in frames[-1]
    forbidden = [*markers, MARK, "Vera Vikarie", *names_of(session)]
    for frame in frames:
        for text in forbidden:
            assert text not in frame, text
    # The state the board draws from holds none of it either.
    shown = board.shown
    assert shown is not None and not (shown.notes or shown.goals or shown.actions)
    assert MARK not in repr(shown) and "Sam L." not in repr(shown)


async def test_a_team_session_shows_the_case_code_never_the_person(tmp_path: Path) -> None:
    plan = load_case(samples_dir() / "star-team-januari.toml")
    plan = replace(plan, start=datetime(2026, 12, 3, 9, 0, tzinfo=STOCKHOLM))
    clock = FakeClock(wall0=plan.start.astimezone(UTC))
    journal = Journal.open(tmp_path)
    session = Session.start(journal, plan, clock, meeting_id="team")
    for key in ("fk", "ame", "forsorjning", "af"):
        session.do(c.CheckIn(key))
    session.do(c.MarkAbsent("psykiatri", notified=True, reason=f"{MARK} vakans"))
    board = board_for(tmp_path, clock)
    people = [case.person.name for case in plan.team_cases if case.person]
    questions = [q for case in plan.team_cases for q in case.questions]
    async with board.run_test(size=WIDE) as pilot:
        session.do(c.NextPhase())
        while session.state.current_case != "T-03":
            clock.advance(120)
            if session.state.consent_pending:
                session.do(c.ConfirmConsent(note=f"{MARK} samtycke"))
            session.do(c.NextPhase())
        session.do(c.CheckIn("individ-t-03"))
        session.do(c.JumpTo("individ-t-03"))
        await caught_up(board, session.state.last_seq, pilot)
        text = screen_text(board)
        assert "Ärende T-03" in text and "Personen (T-03)" in text
        assert "Frånvarande: Region Exempel, Vuxenpsykiatrin" in text
        for forbidden in (*people, *questions, MARK):
            assert forbidden not in text
    journal.close()


async def test_the_board_follows_across_a_restart_and_never_takes_the_lease(
    tmp_path: Path,
) -> None:
    session, clock = live_session(tmp_path)
    meeting = session.meeting_id
    board = board_for(tmp_path, clock)
    async with board.run_test(size=WIDE) as pilot:
        await caught_up(board, session.state.last_seq, pilot)
        # The chair's app holds the lease; the board is no obstacle to it.
        with lease.take(session.journal.path, meeting):
            session.do(c.NextSpeaker())
            await caught_up(board, session.state.last_seq, pilot)
        first = board.shown.turn.party  # type: ignore[union-attr]
        session.journal.close()  # the app quits (or its laptop dies)
        clock.advance(300)
        await pilot.pause(0.1)
        assert board.shown is not None and board.shown.last_seq == session.state.last_seq
        with Journal.open(tmp_path) as journal:  # and is started again: resume
            again = Session.resume(journal, meeting, clock)
            again.do(c.NextSpeaker())
            await caught_up(board, again.state.last_seq, pilot)
            assert board.shown.turn.party == again.state.turn.party != first  # type: ignore[union-attr]
            # The room's clock went on while the app was away, as the resumed app's did.
            assert board.follower.now() == pytest.approx(again.now().t)


async def test_the_board_waits_for_a_meeting_and_takes_the_next_one(tmp_path: Path) -> None:
    clock = FakeClock()
    journal = Journal.open(tmp_path)
    board = board_for(tmp_path, clock)
    async with board.run_test(size=WIDE) as pilot:
        await pilot.pause(0.1)
        assert board.shown is None and t("board.waiting") in screen_text(board)
        first = Session.start(journal, demo_plan(), clock, meeting_id="first")
        await caught_up(board, 1, pilot)
        assert board.shown.meeting_id == "first"  # type: ignore[union-attr]
        first.do(c.CloseMeeting("Testmöte"))
        await caught_up(board, first.state.last_seq, pilot)
        assert t("board.closed") in screen_text(board)
        plan = replace(demo_plan(), case_code="SIP-2026-099")
        Session.start(journal, plan, clock, meeting_id="second")
        end = time.monotonic() + 5
        while board.shown is None or board.shown.meeting_id != "second":
            assert time.monotonic() < end
            await asyncio.sleep(0.02)
        await pilot.pause()
        assert "SIP-2026-099" in screen_text(board)
    journal.close()


async def test_theme_follows_the_setting_and_t_toggles_it(tmp_path: Path) -> None:
    from starmote.store import settings as settings_mod
    from starmote.store.settings import Settings

    session, clock = live_session(tmp_path)
    settings_mod.save(Settings(theme="textual-dark"), tmp_path)
    board = make_board(
        Follower(session.journal.path, clock),
        settings=settings_mod.load(tmp_path),
        home=tmp_path,
        poll_s=0.02,
    )
    async with board.run_test(size=WIDE) as pilot:
        assert board.theme == "textual-dark"
        await pilot.press("t")
        assert board.theme == "starmote-light"
        await pilot.press("t")
        assert board.theme == "textual-dark"
        settings_mod.save(Settings(theme="starmote-light"), tmp_path)
        board._follow_settings()  # what its two-second look at the settings does
        assert board.theme == "starmote-light"
        footer = screen_text(board)
        assert "Avsluta" in footer and "Ljust/mörkt" in footer
        await pilot.press("q")
    assert board.return_code in (0, None)
