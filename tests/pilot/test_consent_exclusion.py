"""A consent exclusion in the meeting: one key marks an entry; the speaker line says it for AF."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from starmote.engine import commands as c
from starmote.plan.model import Exclusion
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from starmote.tui.widgets.entries import EntryLog
from tests.support.tui import MEETING_ID, app_for, demo_plan, type_text

NOTICE = "Arbetsförmedlingen: inget om hälsa (samtycke)"


def excluding_session(home: Path) -> tuple[Session, FakeClock]:
    """The demo case whose consent keeps health information from AF, in Inledning."""
    plan = demo_plan()
    plan = replace(plan, consent=replace(plan.consent, exclude=(Exclusion("af", "halsa"),)))
    clock = FakeClock()
    session = Session.start(Journal.open(home), plan, clock, meeting_id=MEETING_ID)
    for party in plan.parties:
        session.do(c.CheckIn(party.key))
    session.do(c.NextPhase())
    session.do(c.ConfirmConsent())
    return session, clock


def speaker(app) -> str:
    return str(app.screen.query_one("#speaker").render())


async def test_ctrl_t_marks_a_note_and_the_notice_shows_on_af_s_turn_only(tmp_path):
    session, clock = excluding_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        assert session.state.turn is not None and session.state.turn.party == "individ"
        assert NOTICE not in speaker(app)
        await pilot.press("n")
        await pilot.pause()
        assert "Ctrl+T = undanta enligt samtycket" in str(
            app.screen.query_one(".dialog-hint").render()
        )
        await type_text(pilot, "QX9 sover dåligt")
        await pilot.press("ctrl+t")
        await pilot.pause()
        mark = str(app.screen.query_one("#form-mark").render())
        assert mark == "Undantas enligt samtycket: hälsa – inte i kopian till Arbetsförmedlingen"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [(n.text, n.category) for n in session.state.notes] == [
            ("QX9 sover dåligt", "halsa")
        ]
        assert "QX9 sover dåligt (undantas: hälsa)" in app.screen.query_one(EntryLog).plain
        seen = []
        while session.state.turn is not None and session.state.turn.party != "samcoach":
            await pilot.press("space")
            await pilot.pause()
            party = session.state.turn.party if session.state.turn else None
            seen.append((party, NOTICE in speaker(app)))
        assert ("af", True) in seen
        assert all(shown == (party == "af") for party, shown in seen), seen


def test_in_a_team_session_the_notice_follows_the_case_taken_up() -> None:
    from starmote.plan.case import load_case
    from starmote.plan.resources import samples_dir
    from starmote.tui.widgets.speaker import exclusion_notice
    from tests.support.meeting import Meeting

    plan = load_case(samples_dir() / "star-team-januari.toml")
    cases = tuple(
        replace(case, consent=replace(case.consent, exclude=(Exclusion("af", "missbruk"),)))
        if case.code == "T-01" and case.consent is not None
        else case
        for case in plan.team_cases
    )
    m = Meeting(replace(plan, team_cases=cases))
    for key in ("fk", "ame", "forsorjning", "af", "psykiatri"):
        m.do(c.CheckIn(key))
    m.do(c.NextPhase())
    assert exclusion_notice(m.state, "af", "sv") == ""  # the opening: no case's consent
    m.do(c.NextPhase(), c.ConfirmConsent())
    assert m.state.current_case == "T-01"
    assert (
        exclusion_notice(m.state, "af", "en")
        == "Arbetsförmedlingen: nothing on substance use (consent)"
    )
    assert exclusion_notice(m.state, "fk", "sv") == ""
    m.do(c.NextPhase())
    assert m.state.current_case == "T-04" and exclusion_notice(m.state, "af", "sv") == ""
