"""A STAR team session through the real app on a fake clock: four cases, FK for the first hour.

The sample session (sample_cases/star-team-januari.toml) has Försäkringskassan 09:00–10:00,
two cases that need FK (T-01, T-04), an anonymised case (T-02), a case whose person
attends (T-03), and the region's rehabkoordinator away. The chair drives it by keys;
what was stored is read back from the state, the exported documents are parsed.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from starmote.engine import commands as c
from starmote.engine.state import MeetingState
from starmote.tui.widgets.agenda import AgendaList, TeamNotes
from starmote.tui.widgets.casebanner import CaseBanner
from starmote.tui.widgets.choice import ChoiceField
from starmote.tui.widgets.closingpanel import ClosingPanel
from starmote.tui.widgets.review import ReviewList
from tests.support.tui import app_for, team_checked_in, team_session, type_text

PERSON = "individ-t-03"


def screen_name(app) -> str:
    return type(app.screen).__name__


def agenda_lines(app) -> dict[str, str]:
    """Each case's first agenda line by its code."""
    agenda = app.screen.query_one(AgendaList)
    lines = {}
    for i in range(agenda.option_count):
        option = agenda.get_option_at_index(i)
        if option.id:
            lines[option.id] = str(option.prompt).splitlines()[0]
    return lines


def flat(text: object) -> str:
    """Text as one line: wrapping depends on the width, not on what is said."""
    return " ".join(str(text).split())


def line_of(listing: OptionList, entry_id: int) -> int:
    """The line of a list that shows entry `entry_id`."""
    ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
    return ids.index(str(entry_id))


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def press(pilot, *keys: str) -> None:
    """Each key once the screen it is meant for is up."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


# --- before the session ---------------------------------------------------------------


async def test_the_agenda_puts_fk_s_cases_in_fk_s_hour_and_moves_a_case_on_u_and_n(tmp_path):
    session, clock = team_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "BeforeScreen"
        lines = agenda_lines(app)
        # FK's cases come first, inside 09:00–10:00, though the file lists T-04 last.
        assert list(lines) == ["T-01", "T-04", "T-02", "T-03"]
        assert lines["T-01"].startswith("09:09–09:34  T-01 uppföljning")
        assert lines["T-04"].startswith("09:34–09:59  T-04 ny aktualisering")
        agenda = app.screen.query_one(AgendaList)
        first = flat(agenda.get_option_at_index(1).prompt)
        assert "med samtycke · behöver Försäkringskassan, Arbetsförmedlingen" in first
        t02 = str(agenda.get_option_at_index(3).prompt)
        assert "avidentifierat" in t02
        t03 = flat(agenda.get_option_at_index(4).prompt)
        assert "Robin K. deltar i sitt ärende" in t03
        notes = flat(app.screen.query_one(TeamNotes).plain)
        assert "Bara en del av tiden: Försäkringskassan 09:00–10:00" in notes
        assert "Slutar 11:42 (bokat till 12:00)" in notes
        assert "Utanför" not in notes

        # The cursor starts on the first case: it moves no earlier; consent waits for the case.
        assert agenda.case == "T-01"
        assert app.screen.check_action("move_case", (-1,)) is None  # greyed
        assert app.screen.check_action("consent", ()) is False  # not in the footer at all
        await press(pilot, "u")
        assert list(agenda_lines(app)) == ["T-01", "T-04", "T-02", "T-03"]

        # T-04 later: past FK's hour, and the agenda says so.
        await press(pilot, "tab", "down")
        assert agenda.case == "T-04"
        await press(pilot, "n")
        lines = agenda_lines(app)
        assert list(lines) == ["T-01", "T-02", "T-04", "T-03"]
        assert lines["T-02"].startswith("09:34–10:14")
        assert lines["T-04"].startswith("10:14–10:39")
        assert agenda.case == "T-04"  # the cursor moved with its case
        warning = flat(agenda.get_option_at_index(3).prompt)
        assert "⚠ Försäkringskassan är bara med 09:00–10:00" in warning
        assert "Utanför tiden för en part som behövs: T-04" in flat(
            app.screen.query_one(TeamNotes).plain
        )
        await press(pilot, "u")
        assert list(agenda_lines(app)) == ["T-01", "T-04", "T-02", "T-03"]
        assert "Utanför" not in app.screen.query_one(TeamNotes).plain
    order = [p.case_code for p in session.state.plan.phases if p.case_code]
    assert order == ["T-01", "T-04", "T-02", "T-03"]


async def test_a_case_s_person_is_listed_with_their_case_and_not_checked_in_before_it(tmp_path):
    session, clock = team_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        parties = app.screen.query_one("#parties", OptionList)
        index = next(
            i for i in range(parties.option_count) if parties.get_option_at_index(i).id == PERSON
        )
        line = str(parties.get_option_at_index(index).prompt)
        assert "Robin K." in line and "person i ärende T-03" in line
        parties.highlighted = index
        await pilot.pause()
        assert app.screen.check_action("mode", ("in_person",)) is None
        await press(pilot, "h")
        assert session.state.attendance_of(PERSON).presence == "expected"


# --- the whole session ------------------------------------------------------------------


def case_of_form(app) -> ChoiceField:
    return app.screen.query_one("#f-case", ChoiceField)


async def test_a_whole_four_case_session_on_a_fake_clock(tmp_path):
    session, clock = team_checked_in(tmp_path)
    app = app_for(session, clock, home=tmp_path)
    state = lambda: session.state  # noqa: E731
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "space")  # Inledning
        assert screen_name(app) == "LiveScreen"
        assert "T-01 09:09" in app.screen.query_one(CaseBanner).plain

        # Outside a case a form asks which case: a decision may be the team's own ...
        await press(pilot, "e")
        field = case_of_form(app)
        assert [v for v, _ in field.choices] == ["T-01", "T-04", "T-02", "T-03", ""]
        assert dict(field.choices)[""] == "Teamet (inget ärende)"
        assert field.value == ""
        await pilot.press("tab")
        await type_text(pilot, "Utbudskartan ses över i mars")
        await press(pilot, "ctrl+s")
        # ... a note never is (the engine says so: it needs a case).
        await press(pilot, "n")
        assert [v for v, _ in case_of_form(app).choices] == ["T-01", "T-04", "T-02", "T-03"]
        # T-02 is anonymised: the form says so, and a name from the case file is asked about.
        reminder = app.screen.query_one(".dialog-reminder").render().plain
        assert reminder == "Avidentifierat (T-02): skriv inga namn."
        await press(pilot, "right", "right")  # T-02
        await pilot.press("tab")
        await type_text(pilot, "Lena Berg ringer innan")
        await press(pilot, "ctrl+s")
        assert screen_name(app) == "ConfirmDialog"
        body = str(app.screen.query_one(".dialog-body").render())
        assert body == "Texten innehåller namnet ”Lena Berg”. Spara ändå?"
        await press(pilot, "escape")  # no: back to the form, nothing stored
        assert screen_name(app) == "FormDialog"
        assert not state().notes
        await press(pilot, "ctrl+s", "j")  # yes: stored as typed, for T-02
        assert screen_name(app) == "LiveScreen"
        assert [(d.case, d.text) for d in state().decisions] == [
            ("", "Utbudskartan ses över i mars")
        ]
        assert [(n.case, n.text) for n in state().notes] == [("T-02", "Lena Berg ringer innan")]

        # T-01 taken up: its consent is asked at once.
        clock.advance(9 * 60)
        await press(pilot, "d")
        assert state().current_case == "T-01"
        assert screen_name(app) == "PickDialog"
        assert str(app.screen.query_one(".dialog-title").render()) == "Samtycke – ärende T-01"
        await press(pilot, "1", "enter", "enter")  # confirmed, with the planned scope
        assert screen_name(app) == "LiveScreen"
        assert state().consent_for("T-01").confirmed
        banner = app.screen.query_one(CaseBanner).plain
        assert "Ärende T-01 uppföljning · samtycke bekräftat" in banner
        assert "behöver Försäkringskassan ✔, Arbetsförmedlingen ✔" in banner
        assert "? Sjukpenningen upphör i mars" in banner

        # An insats from the utbudskarta: the offer completes the what, the owner follows.
        await press(pilot, "i")
        await type_text(pilot, "Stöd o")
        await press(pilot, "right", "enter", "enter", "enter", "enter", "enter")
        assert screen_name(app) == "LiveScreen"
        [action] = state().actions
        assert (action.what, action.owner, action.offer, action.case) == (
            "Stöd och matchning",
            "af",
            "af-stod-och-matchning",
            "T-01",
        )
        # m: the offers considered for this case.
        await press(pilot, "m")
        assert screen_name(app) == "OffersDialog"
        listing = app.screen.query_one(OptionList)
        index = next(
            i
            for i in range(listing.option_count)
            if listing.get_option_at_index(i).id == "kommun-arbetstraning"
        )
        listing.highlighted = index
        await press(pilot, "space")
        assert ("T-01", "kommun-arbetstraning") in state().offers_considered
        assert "✔ Arbetsträning (AME)" in str(listing.get_option_at_index(index).prompt)
        await press(pilot, "escape")
        await press(pilot, "n")  # a note in a case belongs to it: no case asked for
        assert not app.screen.query("#f-case")
        await type_text(pilot, "AF har en plats i Stöd och matchning")
        await press(pilot, "ctrl+s")

        # T-04: FK's hour ends while it is taken up.
        clock.advance(25 * 60)
        await press(pilot, "d")
        if screen_name(app) == "ConfirmDialog":  # some had not had the word: go on anyway
            await press(pilot, "j")
        assert state().current_case == "T-04"
        assert screen_name(app) == "PickDialog"  # T-04's consent
        await press(pilot, "escape")  # not now: k asks again
        assert "samtycke: fråga (k)" in app.screen.query_one(CaseBanner).plain
        await press(pilot, "k", "1", "enter", "enter")
        assert state().consent_for("T-04").confirmed
        clock.advance(20 * 60)  # 09:54
        await pilot.pause(0.3)
        assert not [n for n in notices(app) if "Tiden för Försäkringskassan" in n]
        clock.advance(60)  # 09:55: five minutes left
        await pilot.pause(0.3)
        told = [n for n in notices(app) if "Tiden för Försäkringskassan" in n]
        assert told == ["Tiden för Försäkringskassan (Lena Berg) slutar 10:00 – om 5 min."]
        assert "Tiden för Försäkringskassan (Lena Berg) slutar 10:00" in (
            app.screen.query_one(CaseBanner).plain
        )
        clock.advance(60)
        await pilot.pause(0.3)
        assert len([n for n in notices(app) if "Tiden för Försäkringskassan" in n]) == 1  # once
        clock.advance(5 * 60)  # 10:01: still checked in
        await pilot.pause(0.3)
        assert screen_name(app) == "ConfirmDialog"
        assert str(app.screen.query_one(".dialog-title").render()) == (
            "Har Försäkringskassan (Lena Berg) gått?"
        )
        await press(pilot, "j")
        assert state().attendance_of("fk").presence == "left"
        assert "fk" not in state().queue
        assert state().turn is None or state().turn.party != "fk"
        await pilot.pause(0.3)
        assert screen_name(app) == "LiveScreen"  # asked once

        # T-02, anonymised: no consent to ask, every form reminds, names are asked about.
        await press(pilot, "d")
        if screen_name(app) == "ConfirmDialog":
            await press(pilot, "j")
        assert state().current_case == "T-02"
        assert screen_name(app) == "LiveScreen"
        assert "AVIDENTIFIERAT – skriv inga namn" in app.screen.query_one(CaseBanner).plain
        assert "fk" not in state().queue and state().turn.party != "fk"
        for key in ("g", "e", "i"):
            await press(pilot, key)
            reminder = app.screen.query_one(".dialog-reminder").render().plain
            assert reminder == "Ärende T-02 är avidentifierat: skriv inga namn.", key
            await press(pilot, "escape")
        await press(pilot, "g", "tab")
        await type_text(pilot, "Robins kontakt med vården")
        await press(pilot, "enter")
        assert screen_name(app) == "ConfirmDialog"
        assert "namnet ”Robin”" in str(app.screen.query_one(".dialog-body").render())
        await press(pilot, "n", "escape", "escape")  # no, and the form thrown away
        assert screen_name(app) == "LiveScreen" and not state().goals
        await press(pilot, "g", "tab")
        await type_text(pilot, "Kontakt med vården före mars")
        await press(pilot, "enter")
        assert [(g.case, g.text) for g in state().goals] == [
            ("T-02", "Kontakt med vården före mars")
        ]

        # T-03 needs the absent region: it says so, and f parks a question for it.
        clock.advance(40 * 60)
        await press(pilot, "d")
        if screen_name(app) == "ConfirmDialog":
            await press(pilot, "j")
        assert state().current_case == "T-03"
        await press(pilot, "1", "enter", "enter")  # consent confirmed
        banner = app.screen.query_one(CaseBanner).plain
        assert "Vuxenpsykiatrin ✗" in banner
        assert "Ärendet behöver Vuxenpsykiatrin, som inte är här" in banner
        assert "f parkerar en fråga" in banner
        assert "Robin K. väntas" in banner
        await press(pilot, "f")
        assert app.screen.query_one("#f-for_party", ChoiceField).value == "psykiatri"
        await pilot.press("tab")
        await type_text(pilot, "Kan psykiatrin ta emot en remiss?")
        await press(pilot, "enter")
        [parked] = state().parked
        assert (parked.for_party, parked.case) == ("psykiatri", "T-03")
        # Robin arrives for their own case, and has the word next.
        session.do(c.CheckIn(PERSON))
        app.state_changed(session.state)
        assert state().queue[0] == PERSON
        assert "Robin K. är här" in app.screen.query_one(CaseBanner).plain

        # Avslutning: Robin left with the case; a note asks which case it is for.
        clock.advance(45 * 60)
        await press(pilot, "d")
        if screen_name(app) == "ConfirmDialog":
            await press(pilot, "j")
        assert state().current_case == ""
        assert state().attendance_of(PERSON).presence == "left"
        await press(pilot, "n")
        assert case_of_form(app).value == "T-01"
        await pilot.press("tab")
        await type_text(pilot, "AF återkommer om T-01 i februari")
        await press(pilot, "ctrl+s")
        assert state().notes[-1].case == "T-01"

        # The closing review: a heading per case, the team's last; notes are there too.
        await press(pilot, "c")
        assert screen_name(app) == "ClosingScreen"
        review = app.screen.query_one(ReviewList)
        shown = [str(review.get_option_at_index(i).prompt) for i in range(review.option_count)]
        headings = [s for i, s in enumerate(shown) if review.get_option_at_index(i).disabled]
        # T-04 had nothing written: no heading for it.
        assert headings == [
            "Ärende T-01 uppföljning",
            "Ärende T-02 konsultation",
            "Ärende T-03 ny aktualisering",
            "Teamet",
        ]
        t01 = shown[1 : shown.index("Ärende T-02 konsultation")]
        assert any("AF har en plats i Stöd och matchning" in line for line in t01)
        assert shown[-1] == "Beslut: Utbudskartan ses över i mars"
        panel = app.screen.query_one(ClosingPanel).plain
        assert "Huvudansvarig" not in panel and "Nästa teammöte (u)" in panel
        assert app.screen.check_action("responsible", ()) is False
        assert app.screen.check_action("next_session", ()) is True
        assert app.screen.check_action("follow_up", ()) is False

        # Correct a note (Enter) and take one back (r), from the review.
        note = next(n for n in state().notes if n.text.startswith("AF har en plats"))
        review.highlighted = next(
            i
            for i in range(review.option_count)
            if review.get_option_at_index(i).id == str(note.id)
        )
        await press(pilot, "enter")
        assert screen_name(app) == "FormDialog"
        assert case_of_form(app).value == "T-01"  # a correction keeps its case
        await press(pilot, "tab")
        await type_text(pilot, " (för två)")
        await press(pilot, "ctrl+s")
        assert screen_name(app) == "ClosingScreen"
        fixed = next(n for n in state().notes if n.text.endswith("(för två)"))
        assert note.id in state().retracted
        assert (fixed.case, fixed.phase, fixed.party, fixed.at) == (
            note.case,
            note.phase,
            note.party,
            note.at,
        )  # where and when it was said
        named = next(n for n in state().notes if n.text == "Lena Berg ringer innan")
        review.highlighted = next(
            i
            for i in range(review.option_count)
            if review.get_option_at_index(i).id == str(named.id)
        )
        await press(pilot, "r", "enter")
        assert named.id in state().retracted
        assert all(n.id != named.id for n in state().notes)

        # Closed without huvudansvarig or follow-up, exported at once.
        await press(pilot, "d")
        if screen_name(app) == "ConfirmDialog":
            await press(pilot, "j")
        await press(pilot, "a", "j")  # close? yes
        assert state().status == "closed"
        assert screen_name(app) == "ConfirmDialog"  # export now?
        await press(pilot, "j")
        panel = app.screen.query_one(ClosingPanel).plain
        assert "Huvudansvarig" not in panel and "Mötet är avslutat." in panel

    exported = {p.name: p.read_text(encoding="utf-8") for p in export_dir(tmp_path).iterdir()}
    check_documents(state(), exported)


def export_dir(home: Path) -> Path:
    [folder] = (home / "exports").iterdir()
    return folder


def section(markdown: str, heading: str) -> list[str]:
    """The list items under the heading line `heading` ("## Närvaro"), up to the next heading."""
    body = markdown.split(f"\n{heading}\n", 1)[1]
    items = []
    for line in body.splitlines():
        if line.startswith("#"):
            break
        if line.startswith("- "):
            items.append(line[2:])
    return items


def check_documents(state: MeetingState, files: dict[str, str]) -> None:
    """Per-case attendance, no names in the anonymised case, an overview for the team."""
    minutes = {code: files[f"{code}_2027-01-14_minnesanteckningar.md"] for code in state.case_codes}
    present = {
        code: section(text, "## Närvarande när ärendet togs upp") for code, text in minutes.items()
    }
    who = {
        code: {line.split(":")[0].split(" (")[0] for line in rows} for code, rows in present.items()
    }
    assert (
        who["T-01"]
        == who["T-04"]
        == {
            "Försäkringskassan",
            "Exempelby kommun, AME",
            "Exempelby kommun, försörjningsstöd",
            "Arbetsförmedlingen",
        }
    )
    fk_t04 = next(line for line in present["T-04"] if line.startswith("Försäkringskassan"))
    assert fk_t04.endswith(": 09:34–10:01 (på plats)")  # FK left as its hour ended
    assert "Försäkringskassan" not in who["T-02"] | who["T-03"]
    assert "Robin K." in who["T-03"] and "Robin K." not in who["T-01"] | who["T-02"]
    assert all("Vuxenpsykiatrin" not in " ".join(rows) for rows in present.values())

    # The anonymised case: no name of a person any case is about, nor the name taken back.
    t02 = minutes["T-02"]
    people = [case.person.name for case in state.plan.team_cases if case.person is not None]
    assert people == ["Robin K."]
    assert "Robin" not in t02 and "Lena Berg ringer" not in t02
    assert section(t02, "### Kort sikt") == ["Kontakt med vården före mars"]

    overview = files["STAR-TEAM-2027-01_2027-01-14_oversikt.md"]
    assert section(overview, "### Närvarande")[0] == (
        "Försäkringskassan (Lena Berg): 09:00–10:01 (på plats) – ärenden T-01, T-04"
    )
    assert section(overview, "### Frånvarande, anmält förhinder") == [
        "Region Exempel, Vuxenpsykiatrin (Henrik Sjö): vakans"
    ]
    rows = [line.split("|")[1:-1] for line in overview.splitlines() if line.startswith("| T-")]
    assert [(r[0].strip(), r[1].strip()) for r in rows] == [
        ("T-01", "uppföljning"),
        ("T-04", "ny aktualisering"),
        ("T-02", "konsultation"),
        ("T-03", "ny aktualisering"),
    ]
    assert section(overview, "### Region Exempel, Vuxenpsykiatrin (Henrik Sjö)") == [
        "T-03: Kan psykiatrin ta emot en remiss?"
    ]
    assert "Utbudskartan ses över i mars" in overview
    for private in ("Robin", "AF har en plats", "Kontakt med vården", "Lena Berg ringer"):
        assert private not in overview, private


async def test_the_agenda_can_change_while_the_session_runs_for_cases_not_yet_taken_up(tmp_path):
    from starmote.tui.dialogs.agenda import AgendaDialog

    session, clock = team_checked_in(tmp_path)
    session.do(c.NextPhase())
    clock.advance(9 * 60)
    session.do(c.NextPhase())  # T-01 taken up
    session.do(c.ConfirmConsent())
    app = app_for(session, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "l")
        assert isinstance(app.screen, AgendaDialog)
        agenda = app.screen.query_one(AgendaList)
        assert agenda.case == "T-04"  # the first case still to come
        assert flat(agenda.get_option_at_index(1).prompt).startswith("▶ 09:09–09:34 T-01")
        # Robin can only come late: T-03 before T-02.
        await press(pilot, "down", "down", "u")
        order = [p.case_code for p in session.state.plan.phases if p.case_code]
        assert order == ["T-01", "T-04", "T-03", "T-02"]
        assert agenda.case == "T-03"
        assert flat(agenda.get_option_at_index(3).prompt).startswith("09:59–10:44 T-03")
        # T-01 is under way: it stays where it is, and the engine says why.
        await press(pilot, "up", "up", "n")
        assert agenda.case == "T-01"
        assert [p.case_code for p in session.state.plan.phases if p.case_code] == order
        assert any("redan" in n for n in notices(app)), notices(app)
        await press(pilot, "escape")
        assert screen_name(app) == "LiveScreen"
