"""Attendance history over a real journal: meetings played through Session with a fake clock."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from starmote.engine import commands as c
from starmote.engine.attendance import PartyOutcome
from starmote.plan.model import STOCKHOLM, MeetingPlan
from starmote.store import paths
from starmote.store.history import (
    OrgSummary,
    PartyHistory,
    PartyMeetingRow,
    attendance_history,
    format_table,
    organisation_summaries,
    party_history,
    write_csv,
)
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from tests.support.factories import make_plan

NAMES = ("Sam L.", "Eva Ek", "Per Ås", "Lena Berg", "Nils Ny", "Omar Said", "Vera Vikarie", "Karin")


def plan_on(day: date, fk_officer: str = "Lena Berg", **kw) -> MeetingPlan:
    """The factory plan booked at 09:00 on `day`, with FK sending `fk_officer`."""
    plan = make_plan(start=datetime(day.year, day.month, day.day, 9, 0, tzinfo=STOCKHOLM), **kw)
    parties = tuple(replace(p, person=fk_officer) if p.key == "fk" else p for p in plan.parties)
    return replace(plan, parties=parties)


def start(journal: Journal, plan: MeetingPlan, meeting_id: str) -> tuple[Session, FakeClock]:
    clock = FakeClock(wall0=plan.start.astimezone(UTC))
    return Session.start(journal, plan, clock, meeting_id=meeting_id), clock


def play_three_meetings(journal: Journal) -> None:
    """FK stays away without notice in meetings 1 and 3 and comes to meeting 2."""
    # 1 October: everyone but FK, who sends no word.
    s, clock = start(journal, plan_on(date(2026, 10, 1)), "m1")
    for party in ("individ", "kommun", "region", "af"):
        s.do(c.CheckIn(party))
    s.do(c.MarkAbsent("fk", notified=False))
    s.do(c.ConfirmConsent("alla parter"))
    s.do(c.NextPhase())
    clock.advance(600)
    s.do(c.NextPhase())
    s.do(c.CloseMeeting("Testmöte"))

    # 5 November: a different FK officer on video, for FK's hour; AF ill and said so;
    # the region sends a substitute; kommun arrives after the start.
    s, clock = start(journal, plan_on(date(2026, 11, 5), fk_officer="Nils Ny"), "m2")
    s.do(c.CheckIn("individ"))
    s.do(c.CheckIn("fk", "video"))
    s.do(c.MarkAbsent("af", notified=True, reason="sjuk"))
    s.do(c.NoteSubstitute("region", "Vera Vikarie"))
    s.do(c.ConfirmConsent("alla parter"))
    s.do(c.NextPhase())
    clock.advance(300)
    s.do(c.CheckIn("kommun"))
    clock.advance(3300)  # FK's window is the first hour: leaving at 60 min is not early
    s.do(c.Leave("fk"))
    s.do(c.CloseMeeting("Testmöte"))

    # 3 December: FK again without word; AF said it could not come, then came late;
    # kommun leaves early; the region's phone line drops for good; nobody notes the individual.
    s, clock = start(journal, plan_on(date(2026, 12, 3)), "m3")
    s.do(c.MarkAbsent("fk", notified=False))
    s.do(c.MarkAbsent("af", notified=True))
    s.do(c.CheckIn("kommun"))
    s.do(c.CheckIn("region", "phone"))
    s.do(c.ConfirmConsent("alla parter"))
    s.do(c.NextPhase())
    clock.advance(600)
    s.do(c.CheckIn("af"))
    clock.advance(600)
    s.do(c.Leave("kommun"))
    s.do(c.Drop("region"))
    s.do(c.CloseMeeting("Testmöte"))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    with Journal(paths.journal_path(paths.data_home(home))) as journal:
        play_three_meetings(journal)
    return home


@pytest.fixture
def journal(home: Path):
    with Journal.open(home) as journal:
        yield journal


def test_one_row_per_party_per_meeting(journal: Journal) -> None:
    rows = attendance_history(journal)
    assert [(r.meeting_id, r.party, r.outcome) for r in rows] == [
        ("m1", "individ", "present"),
        ("m1", "kommun", "present"),
        ("m1", "region", "present"),
        ("m1", "fk", "absent_unnotified"),
        ("m1", "af", "present"),
        ("m2", "individ", "present"),
        ("m2", "kommun", "late"),
        ("m2", "region", "substitute"),
        ("m2", "fk", "present"),
        ("m2", "af", "absent_notified"),
        ("m3", "individ", "not_recorded"),
        ("m3", "kommun", "left_early"),
        ("m3", "region", "dropped"),
        ("m3", "fk", "absent_unnotified"),
        ("m3", "af", "late"),
    ]
    assert rows[3] == PartyMeetingRow(
        meeting_id="m1",
        date=date(2026, 10, 1),
        start=datetime(2026, 10, 1, 9, 0, tzinfo=STOCKHOLM),
        case_code="SIP-2026-001",
        template="motescirkel-sip",
        organisation="Försäkringskassan",
        kind="fk",
        closed=True,
        attendance=PartyOutcome(
            party="fk",
            outcome="absent_unnotified",
            mode=None,
            late=False,
            substitute=False,
            left_early=False,
            dropped=False,
            drops=0,
            notified=False,
            present_s=0.0,
            booked_s=3600.0,  # FK's window: the first hour
        ),
    )


def test_summary_by_organisation(journal: Journal) -> None:
    summaries = organisation_summaries(journal)
    assert summaries == [
        OrgSummary(
            "af",
            "Arbetsförmedlingen",
            meetings=3,
            present=1,
            late=1,
            absent_notified=1,
            last_absence=date(2026, 11, 5),
        ),
        OrgSummary(
            "fk",
            "Försäkringskassan",
            meetings=3,
            present=1,
            absent_unnotified=2,
            last_absence=date(2026, 12, 3),
        ),
        OrgSummary("individ", "", meetings=3, present=2, not_recorded=1),
        OrgSummary("kommun", "Krokoms kommun", meetings=3, present=1, late=1, left_early=1),
        OrgSummary(
            "region", "Region Jämtland Härjedalen", meetings=3, present=1, substitute=1, dropped=1
        ),
    ]
    fk = summaries[1]
    assert (fk.attended, fk.absent) == (1, 2)


def test_party_history_before_the_next_meeting(journal: Journal) -> None:
    # The January meeting is already open (before-meeting screen) with yet another FK officer.
    plan = plan_on(date(2027, 1, 14), fk_officer="Eva Ny")
    s, _ = start(journal, plan, "m4")
    s.do(c.CheckIn("fk"))
    history = party_history(journal, plan, exclude_meeting="m4")
    assert history == {
        # m3 never recorded the individual's attendance: two meetings to speak of, not three.
        "individ": PartyHistory(
            "individ", meetings=2, absent=0, absent_unnotified=0, substitutes=0, last_absence=None
        ),
        "kommun": PartyHistory(
            "kommun", meetings=3, absent=0, absent_unnotified=0, substitutes=0, last_absence=None
        ),
        "region": PartyHistory(
            "region", meetings=3, absent=0, absent_unnotified=0, substitutes=1, last_absence=None
        ),
        "fk": PartyHistory(
            "fk",
            meetings=3,
            absent=2,
            absent_unnotified=2,
            substitutes=0,
            last_absence=date(2026, 12, 3),
        ),
        "af": PartyHistory(
            "af",
            meetings=3,
            absent=1,
            absent_unnotified=0,
            substitutes=0,
            last_absence=date(2026, 11, 5),
        ),
    }
    assert [k for k, h in history.items() if h.stayed_away] == ["fk", "af"]


def test_a_meeting_abandoned_before_check_in_is_not_a_meeting_missed(journal: Journal) -> None:
    start(journal, plan_on(date(2026, 12, 10)), "m-abandoned")  # opened, then the laptop died
    history = party_history(journal, plan_on(date(2027, 1, 14)))
    assert (history["fk"].meetings, history["fk"].absent) == (3, 2)
    assert history["kommun"].meetings == 3


def test_party_history_counts_only_earlier_meetings(journal: Journal) -> None:
    history = party_history(journal, plan_on(date(2026, 11, 5)), exclude_meeting="m2")
    assert (history["fk"].meetings, history["fk"].absent) == (1, 1)
    assert history["af"].absent == 0


def test_organisations_match_across_cases_but_people_do_not(journal: Journal) -> None:
    other = plan_on(date(2027, 1, 14), case_code="SIP-2027-002")
    history = party_history(journal, other)
    assert history["fk"].absent == 2
    # Another case's individual is another person.
    assert history["individ"].meetings == 0


def with_fk(plan: MeetingPlan, organisation: str) -> MeetingPlan:
    parties = tuple(
        replace(p, organisation=organisation) if p.key == "fk" else p for p in plan.parties
    )
    return replace(plan, parties=parties)


def hold(journal: Journal, plan: MeetingPlan, meeting_id: str, fk: c.Command) -> None:
    """A short meeting: everyone checked in but FK, for whom `fk` is done; one part; closed."""
    s, _ = start(journal, plan, meeting_id)
    for party in ("individ", "kommun", "region", "af"):
        s.do(c.CheckIn(party))
    s.do(fk)
    s.do(c.NextPhase())
    s.do(c.ConfirmConsent())
    s.do(c.CloseMeeting("Testmöte"))


def test_organisation_names_match_ignoring_case_and_spaces(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        hold(
            journal,
            with_fk(plan_on(date(2026, 12, 1)), "Försäkringskassan"),
            "m1",
            c.MarkAbsent("fk", notified=False),
        )
        hold(
            journal,
            with_fk(plan_on(date(2026, 12, 2)), " försäkringskassan  "),
            "m2",
            c.CheckIn("fk"),
        )
        summaries = {s.kind: s for s in organisation_summaries(journal)}
    fk = summaries["fk"]
    # Spelled as in the most recent meeting.
    assert (fk.organisation, fk.meetings, fk.present, fk.absent_unnotified) == (
        "försäkringskassan",
        2,
        1,
        1,
    )


def test_empty_journal(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        assert attendance_history(journal) == []
        assert organisation_summaries(journal) == []
        assert party_history(journal, make_plan())["fk"].meetings == 0
    assert format_table([], "en") == "No meetings in the journal yet.\n"


def test_table_per_organisation_in_swedish_and_english(journal: Journal) -> None:
    summaries = organisation_summaries(journal)
    sv_blocks = format_table(summaries).split("\n\n")
    assert [b.splitlines()[0] for b in sv_blocks] == [
        "Arbetsförmedlingen",
        "Försäkringskassan",
        "Individen",
        "Krokoms kommun",
        "Region Jämtland Härjedalen",
    ]
    assert sv_blocks[1] == (
        "Försäkringskassan\n"
        "  Möten                       3\n"
        "  Närvarande, i tid           1\n"
        "  Kom sent                    0\n"
        "  Gick tidigt                 0\n"
        "  Föll bort (linjen bröts)    0\n"
        "  Ersättare                   0\n"
        "  Frånvarande, anmält         0\n"
        "  Frånvarande, utan besked    2\n"
        "  Ej noterad                  0\n"
        "  Senast frånvarande        2026-12-03"
    )
    en_blocks = format_table(summaries, "en").split("\n\n")
    assert en_blocks[2].splitlines()[0] == "The individual"
    assert "  Absent, without notice    2" in en_blocks[1]
    assert max(len(line) for line in format_table(summaries, "en").splitlines()) <= 80


def test_party_history_notice() -> None:
    fk = PartyHistory(
        "fk",
        meetings=3,
        absent=2,
        absent_unnotified=2,
        substitutes=0,
        last_absence=date(2026, 12, 3),
    )
    assert (
        fk.notice()
        == "Frånvarande vid 2 av 3 tidigare möten, 2 utan att höra av sig (senast 2026-12-03)."
    )
    af = PartyHistory(
        "af",
        meetings=3,
        absent=1,
        absent_unnotified=0,
        substitutes=0,
        last_absence=date(2026, 11, 5),
    )
    assert af.notice("en") == "Absent from 1 of 3 earlier meetings (last 2026-11-05)."
    assert PartyHistory("kommun", 3, 0, 0, 0, None).notice() == ""


def test_csv_has_aggregates_only(journal: Journal) -> None:
    out = io.StringIO()
    write_csv(organisation_summaries(journal), out)
    assert out.getvalue().splitlines() == [
        "kind,organisation,meetings,present,late,left_early,dropped,substitute,"
        "absent_notified,absent_unnotified,not_recorded,last_absence,attended,absent",
        "af,Arbetsförmedlingen,3,1,1,0,0,0,1,0,0,2026-11-05,2,1",
        "fk,Försäkringskassan,3,1,0,0,0,0,0,2,0,2026-12-03,1,2",
        "individ,,3,2,0,0,0,0,0,0,1,,2,0",
        "kommun,Krokoms kommun,3,1,1,1,0,0,0,0,0,,3,0",
        "region,Region Jämtland Härjedalen,3,1,0,0,1,1,0,0,0,,3,0",
    ]


def test_csv_defuses_spreadsheet_formulas() -> None:
    out = io.StringIO()
    write_csv([OrgSummary("fk", '=HYPERLINK("x")', meetings=1, present=1)], out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["organisation"] == '\'=HYPERLINK("x")'


def summaries_of(home: Path) -> list[OrgSummary]:
    with Journal.open(home) as journal:
        return organisation_summaries(journal)


def test_cli_history(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from starmote.cli.main import main

    assert main(["--home", str(home), "history"]) == 0
    sv_out = capsys.readouterr().out
    assert sv_out == format_table(summaries_of(home))
    assert "Frånvarande, utan besked    2" in sv_out

    assert main(["history", "--lang", "en", "--home", str(home)]) == 0
    en_out = capsys.readouterr().out
    assert en_out == format_table(summaries_of(home), "en")

    assert main(["history", "--home", str(home), "--csv"]) == 0
    csv_out = capsys.readouterr().out
    assert csv_out.startswith("kind,organisation,meetings,")
    assert "fk,Försäkringskassan,3,1,0,0,0,0,0,2,0,2026-12-03,1,2" in csv_out

    for output in (sv_out, en_out, csv_out):
        for name in NAMES:
            assert name not in output
        assert "SIP-2026-001" not in output


def test_cli_history_on_a_fresh_home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from starmote.cli.main import main

    assert main(["--lang", "en", "--home", str(tmp_path / "new"), "history"]) == 0
    assert capsys.readouterr().out == "No meetings in the journal yet.\n"


def test_cli_history_on_a_broken_journal(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from starmote.cli.main import main

    home = tmp_path / "home"
    home.mkdir()
    paths.journal_path(home).write_bytes(b"this is not a database" * 100)
    assert main(["--home", str(home), "history"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1


# --- figures computed by hand over a small journal -------------------------------


def play_hand_journal(journal: Journal) -> dict[str, Session]:
    """Three meetings whose figures are worked out by hand in the tests below."""
    sessions = {}
    # 1 September. FK checked in by mistake, then marked absent with notice before the
    # start; AF sends a stand-in; the region's phone line drops for good at 10 min;
    # kommun leaves after 20 minutes of a 60-minute meeting.
    s, clock = start(journal, plan_on(date(2026, 9, 1)), "h1")
    s.do(c.CheckIn("individ"))
    s.do(c.CheckIn("kommun"))
    s.do(c.CheckIn("region", "phone"))
    s.do(c.CheckIn("fk", "video"))
    s.do(c.MarkAbsent("fk", notified=True, reason="sjuk"))
    s.do(c.NoteSubstitute("af", "Vera Vikarie"))
    s.do(c.NextPhase())
    s.do(c.ConfirmConsent())
    clock.advance(600)
    s.do(c.Drop("region"))
    clock.advance(600)
    s.do(c.Leave("kommun"))
    clock.advance(1800)
    s.do(c.CloseMeeting("Testmöte"))
    sessions["h1"] = s
    # 15 September. A stand-in noted for AF, then AF marked absent without word after
    # all; FK checks in five minutes after the start.
    s, clock = start(journal, plan_on(date(2026, 9, 15)), "h2")
    for party in ("individ", "kommun", "region"):
        s.do(c.CheckIn(party))
    s.do(c.NoteSubstitute("af", "Vera Vikarie"))
    s.do(c.MarkAbsent("af", notified=False))
    s.do(c.NextPhase())
    s.do(c.ConfirmConsent())
    clock.advance(300)
    s.do(c.CheckIn("fk", "phone"))
    clock.advance(3300)
    s.do(c.CloseMeeting("Testmöte"))
    sessions["h2"] = s
    # 29 September: opened, FK marked absent, never started. Not a meeting anyone missed.
    s, _ = start(journal, plan_on(date(2026, 9, 29)), "h3")
    s.do(c.MarkAbsent("fk", notified=False))
    s.do(c.CheckIn("individ"))
    sessions["h3"] = s
    return sessions


@pytest.fixture
def hand(tmp_path: Path):
    with Journal(tmp_path / "hand.sqlite3") as journal:
        sessions = play_hand_journal(journal)
        yield journal, sessions


def test_hand_computed_rows(hand) -> None:
    journal, _ = hand
    rows = attendance_history(journal)
    assert [(r.meeting_id, r.party, r.outcome) for r in rows] == [
        ("h1", "individ", "present"),
        ("h1", "kommun", "left_early"),
        ("h1", "region", "dropped"),
        ("h1", "fk", "absent_notified"),
        ("h1", "af", "substitute"),
        ("h2", "individ", "present"),
        ("h2", "kommun", "present"),
        ("h2", "region", "present"),
        ("h2", "fk", "late"),
        ("h2", "af", "absent_unnotified"),
    ]  # h3 was never started: not there
    facts = {(r.meeting_id, r.party): r.attendance for r in rows}
    # Partial attendance in minutes: the first part started at the booked start.
    assert facts["h1", "kommun"].present_s == 20 * 60
    assert facts["h1", "region"].present_s == 10 * 60
    assert (facts["h1", "region"].mode, facts["h1", "region"].drops) == ("phone", 1)
    assert facts["h1", "individ"].present_s == 50 * 60  # closed at 50 minutes
    assert (facts["h2", "fk"].present_s, facts["h2", "fk"].booked_s) == (55 * 60, 60 * 60)
    assert facts["h1", "fk"].mode is None and facts["h1", "fk"].notified is True


def test_hand_computed_summary(hand) -> None:
    journal, _ = hand
    got = {s.kind: s for s in organisation_summaries(journal)}
    assert got == {
        "individ": OrgSummary("individ", "", meetings=2, present=2),
        "kommun": OrgSummary("kommun", "Krokoms kommun", meetings=2, present=1, left_early=1),
        "region": OrgSummary(
            "region", "Region Jämtland Härjedalen", meetings=2, present=1, dropped=1
        ),
        "fk": OrgSummary(
            "fk",
            "Försäkringskassan",
            meetings=2,
            late=1,
            absent_notified=1,
            last_absence=date(2026, 9, 1),
        ),
        "af": OrgSummary(
            "af",
            "Arbetsförmedlingen",
            meetings=2,
            substitute=1,
            absent_unnotified=1,
            last_absence=date(2026, 9, 15),
        ),
    }


def test_hand_computed_party_history(hand) -> None:
    journal, _ = hand
    history = party_history(journal, plan_on(date(2026, 10, 13)))
    assert history["fk"] == PartyHistory("fk", 2, 1, 0, 0, date(2026, 9, 1))
    assert history["af"] == PartyHistory("af", 2, 1, 1, 1, date(2026, 9, 15))
    assert history["region"] == PartyHistory("region", 2, 0, 0, 0, None)


def test_history_says_what_the_minutes_say(hand) -> None:
    from starmote.documents.fmt import party_label
    from starmote.documents.minutes import minutes_markdown

    journal, sessions = hand
    outcome = {(r.meeting_id, r.party): r.outcome for r in attendance_history(journal)}
    for mid in ("h1", "h2"):
        state = sessions[mid].state
        text = minutes_markdown(state, datetime(2026, 10, 1, tzinfo=UTC))
        sections = {block.splitlines()[0]: block for block in text.split("\n### ") if block.strip()}
        absent = sections.get("Frånvarande, anmält förhinder", "")
        absent += sections.get("Frånvarande utan att ha hört av sig", "")
        assert absent  # each meeting had someone away
        for party in state.plan.parties:
            said_absent = party_label(state.plan, party.key) in absent
            assert said_absent == (outcome[mid, party.key].startswith("absent")), (mid, party)
