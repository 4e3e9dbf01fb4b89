"""Before the meeting: i shows the kallelse, Ctrl+S approves it and writes .ics and .eml."""

from __future__ import annotations

from icalendar import Calendar

from starmote.documents.kallelse import kallelse_dir
from tests.support.tui import app_for, new_session


async def test_the_kallelse_is_previewed_approved_and_written_from_the_before_screen(tmp_path):
    session, clock = new_session(tmp_path)
    app = app_for(session, clock, home=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "BeforeScreen"
        await pilot.press("i")
        await pilot.pause()
        assert type(app.screen).__name__ == "InvitePreviewDialog"
        assert app.screen.check_action("minutes_only", ()) is False  # no minutes before it
        assert not kallelse_dir(tmp_path, session.state.plan).exists()  # not before approval
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "BeforeScreen"
    approval = session.state.invite_approval("kallelse")
    assert approval is not None and session.state.status == "open"
    folder = kallelse_dir(tmp_path, session.state.plan)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "SIP-2026-031_2026-12-03_inbjudan.eml",
        "SIP-2026-031_2026-12-03_kallelse.eml",
        "SIP-2026-031_2026-12-03_kallelse.ics",
    ]
    cal = Calendar.from_ical((folder / names[-1]).read_bytes())
    (event,) = cal.walk("VEVENT")
    assert str(cal["METHOD"]) == "REQUEST" and int(event["SEQUENCE"]) == 0
