"""`starmote new`: the form driven by keys writes a valid case file, and refuses what it must."""

from __future__ import annotations

import stat
from dataclasses import replace
from datetime import date, datetime

import pytest
from textual import events
from textual.widgets import Input, OptionList, Static

from starmote.cli.newcase import templates
from starmote.plan.case import load_case
from starmote.plan.draft import blank
from starmote.plan.files import validate_file
from starmote.plan.model import STOCKHOLM
from starmote.plan.writer import case_data, dumps
from starmote.store.carry import follow_up_draft
from starmote.store.casefiles import cases_dir
from starmote.store.contacts import address_book
from starmote.tui.newcase.app import make_newcase_app
from tests.support.followup import FOLLOW_UP, hold_meeting
from tests.support.tui import type_text

TODAY = date(2026, 11, 2)  # a Monday
TEMPLATES = templates("sv")
SIZE = (100, 40)


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    monkeypatch.setattr(Input, "cursor_blink", False)


def new_app(home, draft=None, book=(), lang="sv", today=TODAY):
    draft = draft or blank(TEMPLATES["motescirkel-sip"], lang)
    return make_newcase_app(draft, TEMPLATES, list(book), today=today, lang=lang, home=home)


async def fill(pilot, selector: str, text: str, typed: bool = True) -> None:
    """Go to a field and type (or paste) into it, as the chair does after Tab."""
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()
    await (type_text if typed else paste)(pilot, text)


async def paste(pilot, text: str) -> None:
    """Paste `text` into the focused field in one step, as a terminal's paste does.

    Typing a whole case key by key takes half a minute; one test does that, the others
    paste, which goes through the same field handlers."""
    pilot.app.focused.post_message(events.Paste(text))
    await pilot.pause()


def message_at(app, control_id: str) -> str:
    """The message under a field ("" when it has none)."""
    found = app.screen.query(f"#e-{control_id}")
    if not found or not found.first().display:
        return ""
    return str(found.first(Static).render())


async def type_sip_case(pilot, typed: bool = False) -> None:
    put = type_text if typed else paste
    await fill(pilot, "#f-code", typed=typed, text="SIP-2026-100")
    await fill(pilot, "#f-individual", typed=typed, text="Sam L.")
    await fill(pilot, "#f-when", typed=typed, text="tis 14:00")
    await fill(pilot, "#f-duration", typed=typed, text="1h")
    await fill(pilot, "#f-place", typed=typed, text="Kommunhuset, rum Storsjön")
    await fill(pilot, "#f-chair_name", typed=typed, text="Maria Ek")
    await fill(pilot, "#f-chair_email", typed=typed, text="maria.ek@kommun.example.se")
    await fill(pilot, "#f-questions", typed=typed, text="Hur kan Sam komma närmare arbete?")
    await pilot.press("enter")
    await put(pilot, "Vem samordnar vården?")
    await fill(pilot, "#f-consent_given", typed=typed, text="20/10")
    await pilot.press("tab", "right")  # consent form: skriftligt
    # The first party: Försäkringskassan for the first half hour.
    await fill(pilot, "#p1-organisation", typed=typed, text="Försäkringskassan")
    await pilot.press("tab")
    await put(pilot, "Lena Berg")
    await pilot.press("tab")
    await put(pilot, "lena.berg@fk.example.se")
    await pilot.press("tab")
    await put(pilot, "handläggare")
    await pilot.press("tab", "right", "right")  # kind: kommun, region, fk
    await pilot.press("tab", "tab", "right")  # summons stays inbjuden; presence requested
    await pilot.press("tab")
    await put(pilot, "0-30")
    await pilot.press("tab")
    await put(pilot, "Bedömning av arbetsförmåga")
    # A second party after it, a relative.
    await pilot.press("ctrl+n")
    await pilot.pause()
    await put(pilot, "Närstående")
    await pilot.press("tab")
    await put(pilot, "Eva L.")
    await pilot.press("tab", "tab", "tab")
    for _ in range(5):  # kind: … af, samcoach, narstaende
        await pilot.press("right")


async def test_a_case_typed_in_the_form_validates_and_round_trips(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_sip_case(pilot, typed=True)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "SavedDialog"
        await pilot.press("escape")
        await pilot.pause()
    outcome = app.return_value
    assert outcome is not None and outcome.then is None
    path = outcome.path
    assert path == cases_dir(tmp_path) / "SIP-2026-100.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert validate_file(path) == []
    plan = load_case(path)
    assert plan.start == datetime(2026, 11, 3, 14, 0, tzinfo=STOCKHOLM)
    assert plan.duration_min == 60
    assert plan.questions == ("Hur kan Sam komma närmare arbete?", "Vem samordnar vården?")
    fk = plan.party("fk")
    assert (fk.person, fk.email, fk.role, fk.summons) == (
        "Lena Berg",
        "lena.berg@fk.example.se",
        "handläggare",
        "inbjuden",
    )
    assert fk.presence_requested and fk.window is not None and fk.window.until_min == 30
    assert fk.brings == "Bedömning av arbetsförmåga"
    assert plan.party("narstaende").person == "Eva L."
    assert plan.consent.given == date(2026, 10, 20) and plan.consent.form == "skriftligt"
    assert plan.consent.scope == ("fk", "narstaende")
    # load → write → load gives the same plan.
    again = tmp_path / "again.toml"
    again.write_text(dumps(case_data(plan)), encoding="utf-8")
    assert replace(load_case(again), source="") == replace(plan, source="")


async def test_a_personnummer_is_refused_at_its_field_and_nothing_is_saved(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_sip_case(pilot)
        await fill(pilot, "#f-individual", "19121212-1212")
        await pilot.press("tab")
        await pilot.pause()
        assert "personnummer" in message_at(app, "f-individual")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "NewCaseScreen"
        assert app.screen.focused is app.screen.query_one("#f-individual")
        status = str(app.screen.query_one("#nc-status", Static).render())
        assert "1 fält behöver rättas" in status
        # Nor in a party's field, where it is refused the same way.
        await fill(pilot, "#f-individual", "Sam L.")
        await fill(pilot, "#p1-brings", " 191212121212")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#p1-brings")
        assert "personnummer" in message_at(app, "p1-brings")
    assert app.return_value is None
    assert not cases_dir(tmp_path).exists() or not any(cases_dir(tmp_path).iterdir())


async def test_a_bad_date_is_refused_with_the_message_at_the_field(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_sip_case(pilot)
        await fill(pilot, "#f-when", "31/02 10:00")
        await pilot.press("tab")
        await pilot.pause()
        assert message_at(app, "f-when") == "”31/02” är inget giltigt datum."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#f-when")
        # Put right, it is said back as the day it was read as.
        await pilot.press("ctrl+u")
        await type_text(pilot, "15/12 13.30")
        await pilot.press("tab")
        await pilot.pause()
        assert message_at(app, "f-when") == ""
        hints = [str(w.render()) for w in app.screen.query(".nc-hint").results(Static)]
        assert "→ tisdag 15 december 2026 13:30" in hints


async def test_the_address_book_completes_a_contact_and_never_offers_the_individual(tmp_path):
    hold_meeting(tmp_path)  # an earlier meeting on the demo case: Sam L., his mother Eva L.
    book = address_book(tmp_path)
    app = new_app(tmp_path, book=book)
    async with app.run_test(size=SIZE) as pilot:
        await fill(pilot, "#p1-person", "Len")
        await pilot.press("right", "tab")  # take the suggestion, move on
        await pilot.pause()
        party = app.screen.parties()[0].draft()
        assert (party.person, party.organisation, party.email, party.role, party.kind) == (
            "Lena Berg",
            "Försäkringskassan",
            "lena.berg@fk.example.se",
            "handläggare",
            "fk",
        )
        # The list: the agencies' people, never Sam or his mother.
        await pilot.press("ctrl+b")
        await pilot.pause()
        picker = app.screen
        assert type(picker).__name__ == "ContactPicker"
        await pilot.press("ctrl+u")
        listed = [str(o.prompt) for o in picker.query_one(OptionList).options]
        assert any("Aisha Karlsson" in line for line in listed)
        assert not any("Sam L." in line or "Eva L." in line for line in listed)
        await type_text(pilot, "eva")
        await pilot.pause()
        assert picker.query_one(OptionList).option_count == 0
        await pilot.press("ctrl+u")
        await type_text(pilot, "aisha")
        await pilot.press("enter")
        await pilot.pause()
        party = app.screen.parties()[0].draft()
        assert (party.person, party.kind) == ("Aisha Karlsson", "kommun")


async def test_an_existing_file_is_never_overwritten_without_asking(tmp_path):
    target = cases_dir(tmp_path) / "SIP-2026-100.toml"
    target.parent.mkdir(parents=True)
    target.write_text("# my own notes\n")
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_sip_case(pilot)
        path = app.screen.query_one("#f-path", Input)
        await fill(pilot, "#f-path", "")
        await pilot.press("ctrl+u")
        await paste(pilot, str(target))
        assert path.value == str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("escape")  # no
        await pilot.pause()
        assert target.read_text() == "# my own notes\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # yes, overwrite
        await pilot.pause()
        assert type(app.screen).__name__ == "SavedDialog"
        await pilot.press("enter")  # start the meeting now
        await pilot.pause()
    assert app.return_value.then == "run" and app.return_value.path == target
    assert validate_file(target) == [] and stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_new_from_a_held_meeting_carries_its_insatser_goals_and_open_questions(tmp_path):
    state = hold_meeting(tmp_path).state
    app = new_app(tmp_path, draft=follow_up_draft(state), today=date(2027, 1, 10))
    async with app.run_test(size=SIZE) as pilot:
        previous = str(app.screen.query_one("#nc-previous", Static).render())
        assert "2 mål, 3 insatser, 1 parkerade frågor och 2 öppna frågeställningar" in previous
        assert "Ansöka om boendestöd – Exempelby kommun, socialtjänsten" in previous
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    path = app.return_value.path
    assert validate_file(path) == []
    plan = load_case(path)
    assert plan.start == FOLLOW_UP and plan.duration_min == 60
    assert plan.place == "Socialkontoret, rum Ån"
    assert plan.previous is not None and plan.previous.meeting == state.meeting_id
    assert [(a.what, a.owner) for a in plan.previous.insatser] == [
        ("Ansöka om boendestöd", "socialtjanst"),
        ("Praktik via AME", "samcoach"),
        ("Söka tre jobb", "individ"),
    ]
    assert [g.text for g in plan.previous.goals] == [
        "Sam har ett eget boende före sommaren",
        "Arbete på deltid",
    ]
    assert [q.status for q in plan.previous.open_questions] == ["deferred", "open"]
    assert plan.questions == tuple(q.text for q in plan.previous.open_questions)
    text = path.read_text(encoding="utf-8")
    assert "[[previous.insatser]]" in text and 'owner = "socialtjanst"' in text


async def test_a_team_session_lists_its_cases_instead_of_an_individual(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")  # motescirkel-sip → star-samplanering
        await pilot.press("right")  # → star-team
        await pilot.pause()
        assert app.screen.value("template") == "star-team"
        assert not app.screen.query_one("#nc-individual").display
        assert app.screen.query_one("#nc-team").display
        assert app.screen.value("duration") == "180"
        await fill(pilot, "#f-code", "STAR-TEAM-2027-01", typed=False)
        await fill(pilot, "#f-when", "2027-01-14 09:00", typed=False)
        await fill(pilot, "#f-place", "Kommunhuset", typed=False)
        await fill(pilot, "#f-chair_name", "Maria Ek", typed=False)
        await fill(pilot, "#p1-organisation", "Arbetsförmedlingen", typed=False)
        await pilot.press("tab", "tab", "tab", "tab", "right", "right")  # kind: af
        case = app.screen.cases()[0]
        await fill(pilot, f"#{case.cid('code')}", "T-01")
        await pilot.press("tab", "tab")
        await type_text(pilot, "25")
        await pilot.press("tab")
        await paste(pilot, "Vilken väg mot arbete finns?")
        await pilot.press("tab", "right")  # avidentifierat
        await pilot.press("ctrl+t")
        await pilot.pause()
        await type_text(pilot, "T-02")
        await pilot.press("tab", "tab")
        await type_text(pilot, "20")
        await fill(pilot, f"#{app.screen.cases()[1].cid('needs')}", "af")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    path = app.return_value.path
    assert validate_file(path) == []
    plan = load_case(path)
    assert [(c.code, c.minutes, c.anonymised) for c in plan.team_cases] == [
        ("T-01", 25, True),
        ("T-02", 20, False),
    ]
    assert plan.team_cases[1].needs == ("af",)
    assert plan.team_cases[1].consent is not None


async def test_parties_are_added_moved_and_removed_in_speaking_order(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await fill(pilot, "#p1-organisation", "A")
        for name in ("B", "C"):
            await pilot.press("ctrl+n")
            await pilot.pause()
            await type_text(pilot, name)
        await pilot.press("ctrl+up")  # C before B
        await pilot.pause()
        order = [b.draft().organisation for b in app.screen.parties()]
        assert order == ["A", "C", "B"]
        await pilot.press("ctrl+r")  # C goes
        await pilot.pause()
        assert [b.draft().organisation for b in app.screen.parties()] == ["A", "B"]
        titles = [str(w.render()) for w in app.screen.query(".nc-block-title").results(Static)]
        assert titles == ["Part 1: A", "Part 2: B"]


async def test_quitting_with_unsaved_changes_asks_first(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_value is None  # nothing typed: it quits at once
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await fill(pilot, "#f-code", "SIP-1")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.value("code") == "SIP-1"


async def test_the_form_speaks_english_when_asked(tmp_path):
    app = new_app(tmp_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        labels = [str(w.render()) for w in app.screen.query(".nc-label").results(Static)]
        assert "Date and time" in labels and "Datum och tid" not in labels
        assert message_at(app, "f-code") == "Must be filled in."
        shown = [
            b.binding.description for b in app.screen.active_bindings.values() if b.binding.show
        ]
        assert {"Save", "New party", "Address book", "Quit"} <= set(shown)
        assert "Spara" not in shown


async def test_a_kind_the_new_template_lacks_is_kept_and_flagged_not_changed(tmp_path):
    draft = blank(TEMPLATES["motescirkel-sip"])
    draft.parties[0].kind = "narstaende"
    app = new_app(tmp_path, draft=draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right")  # star-team has no relatives among its roles
        await pilot.pause()
        assert app.screen.parties()[0].draft().kind == "narstaende"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert message_at(app, "p1-kind").startswith("Välj ett slag som mallen har: kommun")
