"""Export on the closing screen: the invites are shown exactly, edited, approved, then written."""

from __future__ import annotations

from datetime import date, datetime

from icalendar import Calendar
from textual import events

from starmote.engine import commands as c
from starmote.plan.model import STOCKHOLM
from starmote.store.session import load_events
from tests.support.tui import app_for, live_session, type_text

PLACE = "Psykiatrimottagningen, plan 2"


def closed(home):
    """A closed meeting with a follow-up at a place that tells what the case is about."""
    session, clock = live_session(home)
    session.do(c.AddAction("Ansöka om boendestöd", "socialtjanst", date(2026, 12, 15)))
    session.do(c.SetFollowUp(datetime(2027, 3, 4, 9, 0, tzinfo=STOCKHOLM), 60, PLACE))
    session.do(c.CloseMeeting("Avbrutet för att testa"))
    return session, clock


def exported(home, session) -> list:
    folder = home / "exports" / session.meeting_id
    return sorted(folder.iterdir()) if folder.exists() else []


async def test_the_chair_sees_the_warning_edits_the_place_and_approves(tmp_path):
    session, clock = closed(tmp_path)
    app = app_for(session, clock, home=tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ClosingScreen"
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "InvitePreviewDialog"
        preview = str(dialog.query_one("#preview-0").render())
        assert f"LOCATION     {PLACE}" in preview and "SUMMARY" in preview
        warnings = str(dialog.query_one("#warnings-0").render())
        assert "»Psykiatrimottagningen« i LOCATION kan avslöja hälsa" in warnings
        assert exported(tmp_path, session) == []  # nothing is written before approval
        dialog.query_one("#place-0").focus()
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "Rum 4")
        # A paste brings its control and bidi characters no further than the field.
        app.post_message(events.Paste(", plan\u202e\x1b 2"))
        await pilot.pause()
        preview = str(dialog.query_one("#preview-0").render())
        assert "LOCATION     Rum 4, plan 2" in preview and "Psykiatri" not in preview
        assert "LOCATION" not in str(dialog.query_one("#warnings-0").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClosingScreen"

    stored = load_events(session.journal, session.meeting_id)
    approvals = [e for e in stored if e.kind == "invite_approved"]
    assert [a.key for a in approvals] == ["follow_up", f"action-{session.state.actions[0].id}"]
    assert approvals[0].place == "Rum 4, plan 2"
    files = exported(tmp_path, session)
    invite = next(p for p in files if p.name.endswith("_uppfoljning.ics"))
    (event,) = Calendar.from_ical(invite.read_bytes()).walk("VEVENT")
    assert str(event["LOCATION"]) == "Rum 4, plan 2"
    assert "psykiatrimottagningen" not in invite.read_text("utf-8").lower()
    assert any(p.name.endswith("_insatser.ics") for p in files)
    # x writes the e-mail too, with the same invitation attached (issue #15, item 12).
    import email

    mail = next(p for p in files if p.name.endswith("_uppfoljning.eml"))
    parts = email.message_from_bytes(mail.read_bytes()).walk()
    assert any(part.get_content_type() == "text/calendar" for part in parts)


async def test_minutes_only_writes_no_invite_and_escape_writes_nothing(tmp_path):
    session, clock = closed(tmp_path)
    app = app_for(session, clock, home=tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClosingScreen"
        assert exported(tmp_path, session) == []
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
    files = exported(tmp_path, session)
    assert files and not [p for p in files if p.suffix in (".ics", ".eml")]
    kinds = [e.kind for e in load_events(session.journal, session.meeting_id)]
    assert "invite_approved" not in kinds


async def test_a_paste_brings_no_control_or_bidi_character_into_a_note(tmp_path):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock, home=tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "FormDialog"
        app.screen.query_one("#f-text").focus()
        # As a terminal delivers a paste: to the app, which hands it to the focused field.
        app.post_message(events.Paste("Sam\x1b[2J mår\u202e bättre\x07\r\nandra raden"))
        await pilot.pause()
        shown = app.screen.query_one("#f-text").text
        assert shown == "Sam[2J mår bättre\nandra raden"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert session.state.notes[-1].text == "Sam[2J mår bättre\nandra raden"
