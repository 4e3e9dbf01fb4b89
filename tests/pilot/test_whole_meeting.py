"""A whole meeting played through key presses on the demo case, with a fake clock."""

from __future__ import annotations

from datetime import date, datetime

from starmote.plan.model import STOCKHOLM
from starmote.store.session import load_events
from tests.support.tui import app_for, new_session, type_text


async def test_whole_meeting_by_keys(tmp_path):
    session, clock = new_session(tmp_path)
    app = app_for(session, clock, home=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        # --- check-in: Sam, socialtjänst here, psykiatri video, FK phone, AF absent, AME here.
        await pilot.press("h", "down", "h", "down", "v", "down", "t", "down")
        await pilot.press("f", "enter")  # absent: with notice (default), then the reason
        await type_text(pilot, "sjuk")
        await pilot.press("enter")
        await pilot.press("down", "h")  # samcoach; mamma comes late
        # --- consent, confirmed with the planned scope
        await pilot.press("k", "1", "enter", "enter")
        assert app.state.consent is not None and app.state.consent.confirmed
        await pilot.press("space")
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
        state = app.state
        assert state.phase == 0 and state.turn is not None and state.turn.party == "individ"

        # --- Inledning: Sam first, a note bound to Sam, a prompt ticked, then the round
        await pilot.press("n")
        await type_text(pilot, "Sam hälsar alla välkomna")
        # The note is the part's unless tied to whoever said it: Tab to the field, → the
        # speaker (offered first). A note spans lines: Enter is a new line, Ctrl+S saves.
        await pilot.press("tab", "right", "ctrl+s", "1")
        for _ in range(4):
            clock.advance(100)
            await pilot.press("space")
        assert app.state.turn.party == "samcoach"
        clock.advance(60)
        await pilot.press("d")
        assert app.state.phase == 1

        # --- Aktuell situation: mamma arrives late (joins the round); skip, back, +1 min, pause
        await pilot.press("a", "7", "1")
        assert app.state.attendance_of("mamma").late
        assert app.state.queue[-1] == "mamma"
        clock.advance(120)
        await pilot.press("space")  # socialtjänst
        await pilot.press("s")  # socialtjänst passes -> psykiatri
        await pilot.press("b")  # back to socialtjänst after all
        assert app.state.turn.party == "socialtjanst"
        await pilot.press("+")
        await pilot.press("p")
        assert app.state.paused_at is not None
        clock.advance(30)
        await pilot.press("p")
        assert app.state.paused_at is None
        while app.state.queue:
            clock.advance(90)
            await pilot.press("space")
        await pilot.press("d")
        assert app.state.phase == 2

        # --- Behov: goals, an action (nonsense date refused, then fixed), decision, parked question
        await pilot.press("g", "enter")
        await type_text(pilot, "Eget boende med stöd")
        await pilot.press("enter")
        await pilot.press("g", "right", "enter")
        await type_text(pilot, "Arbete på deltid")
        await pilot.press("enter")
        await pilot.press("i")
        await type_text(pilot, "Ansöka om boendestöd")
        await pilot.press("enter")
        await type_text(pilot, "socialtj")
        await pilot.press("right", "enter")  # accept the suggestion
        await type_text(pilot, "blaha")
        await pilot.press("enter", "enter", "enter")  # how often, status, save
        assert not app.state.actions  # refused: the dialog is still open with the text kept
        assert type(app.screen).__name__ == "FormDialog"
        assert app.screen.focused.id == "f-due"  # the cursor is back on the field in error
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "2026-12-15")
        await pilot.press("enter", "enter", "enter")
        assert app.state.actions[0].owner == "socialtjanst"
        assert app.state.actions[0].due == date(2026, 12, 15)
        await pilot.press("e")
        await type_text(pilot, "Ny SIP om tre månader")
        await pilot.press("ctrl+s")
        await pilot.press("f", "enter")
        await type_text(pilot, "Kan AF erbjuda IPS-plats i vår?")
        await pilot.press("enter")
        assert app.state.parked[0].for_party == "af"

        # --- an overrun: the part's 40 minutes go by, then rebalance
        clock.advance(45 * 60)
        await pilot.pause()
        assert app.state.phases[2].budget < 45 * 60
        await pilot.press("r", "enter")
        assert app.state.rebalances == 1
        assert app.state.turn.party == "individ"  # Sam opens the round
        await pilot.press("space")
        assert app.state.turn.party == "socialtjanst"
        await pilot.press("j", "1")  # give Sam the word back (the speaker is not on the list)
        assert app.state.turn.party == "individ"
        clock.advance(60)
        await pilot.press("d")  # the Behov round is not done: asked first
        assert app.state.phase == 2
        await pilot.press("enter")
        assert app.state.phase == 3

        # --- Sammanfattning -> closing screen: huvudansvarig (Sam chose), follow-up, feedback
        await pilot.press("c")
        assert type(app.screen).__name__ == "ClosingScreen"
        await pilot.press("h", "enter", "enter", "right", "enter")
        lead = app.state.main_responsible
        assert lead is not None and lead.party == "socialtjanst" and lead.asked_individual
        await pilot.press("u")
        await type_text(pilot, "2027-03-04")
        await pilot.press("enter", "enter", "enter", "enter", "enter")
        assert app.state.follow_up is not None
        await pilot.press("o")
        await type_text(pilot, "Bra att alla lyssnade")
        await pilot.press("ctrl+s")
        await pilot.press("escape", "d")
        assert app.state.phase == 4
        clock.advance(120)
        await pilot.press("d")  # the last part: asked first
        assert app.state.status == "running"
        await pilot.press("enter")
        assert app.state.status == "closing"
        await pilot.pause()
        assert type(app.screen).__name__ == "ClosingScreen"
        await pilot.press("a")  # closing for good: asked first
        assert app.state.status == "closing"
        await pilot.press("enter")
        assert app.state.status == "closed"
        await pilot.press("n")  # no export now …
        await pilot.pause()
        assert not (tmp_path / "exports").exists()
        await pilot.press("x")  # … but later, from the closing screen's footer:
        await pilot.pause()
        # first the invites exactly as they would go out, then Ctrl+S approves and exports
        assert type(app.screen).__name__ == "InvitePreviewDialog"
        assert not (tmp_path / "exports").exists()
        await pilot.press("ctrl+s")
        await pilot.pause()

    # --- the journal: what happened, in order
    events = load_events(session.journal, session.meeting_id)
    kinds = [e.kind for e in events]
    # The invites' text is approved after closing, in the export's preview.
    closed_at = kinds.index("meeting_closed")
    assert set(kinds[closed_at + 1 :]) == {"invite_approved"}
    kinds = kinds[: closed_at + 1]
    assert kinds[0] == "meeting_opened" and kinds[-1] == "meeting_closed"
    key_kinds = [
        k
        for k in kinds
        if k
        not in (
            "turn_started",
            "turn_ended",
            "queue_set",
            "turn_extended",
            "turn_budget_set",
            "paused",
            "resumed",
        )
    ]
    assert key_kinds == [
        "meeting_opened",
        "party_checked_in",
        "party_checked_in",
        "party_checked_in",
        "party_checked_in",
        "party_absent",
        "party_checked_in",
        "consent_confirmed",
        "phase_started",
        "note_added",
        "prompt_ticked",
        "phase_ended",
        "phase_started",
        "party_checked_in",
        "phase_ended",
        "phase_started",
        "goal_added",
        "goal_added",
        "action_added",
        "decision_added",
        "question_parked",
        "rebalanced",
        "phase_ended",
        "phase_started",
        "main_responsible_set",
        "follow_up_set",
        "feedback_given",
        "phase_ended",
        "phase_started",
        "phase_ended",
        "meeting_closed",
    ]
    by_kind = {e.kind: e for e in events}
    assert by_kind["party_absent"].party == "af" and by_kind["party_absent"].reason == "sjuk"
    assert by_kind["note_added"].party == "individ" and by_kind["note_added"].phase == 0
    late = [e for e in events if e.kind == "party_checked_in" and e.party == "mamma"]
    assert late and late[0].late
    assert "turn_extended" in kinds and "paused" in kinds
    assert any(e.kind == "turn_ended" and e.skipped for e in events)

    # --- the final state
    final = session.state
    assert final.status == "closed" and final.close_reason == ""
    assert [g.horizon for g in final.goals] == ["short", "long"]
    assert final.decisions[0].text == "Ny SIP om tre månader"
    assert final.follow_up.start == datetime(2027, 3, 4, 9, 0, tzinfo=STOCKHOLM)
    assert final.follow_up.duration_min == 90
    assert final.feedback.text == "Bra att alla lyssnade"
    assert final.attendance_of("af").presence == "absent"
    assert [n.text for n in final.notes] == ["Sam hälsar alla välkomna"]

    # --- what the closing screen exported, read back
    out = tmp_path / "exports" / session.meeting_id
    names = sorted(p.name for p in out.iterdir())
    assert any(n.endswith(".md") for n in names) and any(n.endswith(".html") for n in names)
    minutes = next(p for p in out.iterdir() if p.name.endswith("_minnesanteckningar.md"))
    text = minutes.read_text(encoding="utf-8")
    assert "Aisha Karlsson" in text and "Ansöka om boendestöd" in text
    assert all((p.stat().st_mode & 0o777) == 0o600 for p in out.iterdir())
    from icalendar import Calendar

    invites = [p for p in out.iterdir() if p.suffix == ".ics"]
    assert invites
    for path in invites:
        calendar = Calendar.from_ical(path.read_bytes())
        assert all(not component.errors for component in calendar.walk())
