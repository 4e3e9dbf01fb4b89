"""History over real journals played through Session: every figure worked out by hand."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from starmote.engine import commands as c
from starmote.engine.attendance import PartyOutcome
from starmote.plan.model import STOCKHOLM
from starmote.store import summary
from starmote.store.history import (
    AbsenceRun,
    Filters,
    FollowUps,
    OrgFigures,
    PartyHistory,
    PartyMeetingRow,
    attendance_history,
    case_lines,
    cells,
    follow_up_line,
    monthly,
    party_history,
    report,
    run_lines,
)
from starmote.store.journal import Journal
from tests.support.journals import (
    FOLLOW_UP_TODAY,
    plan_on,
    play_follow_ups,
    play_hand_journal,
    play_team_session,
    play_three_meetings,
    start,
)

TODAY = date(2027, 2, 1)


@pytest.fixture
def journal(tmp_path: Path):
    with Journal(tmp_path / "j.sqlite3") as journal:
        play_three_meetings(journal)
        yield journal


def by_name(rows: tuple[OrgFigures, ...] | list[OrgFigures]) -> dict[str, OrgFigures]:
    return {r.organisation or r.kind: r for r in rows}


def counts(row: OrgFigures) -> dict[str, object]:
    """The figures of a row without its run (compared on their own)."""
    return {k: v for k, v in row.__dict__.items() if k not in ("run", "kind", "organisation")}


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
    # m1 ran from its booked start to 10 minutes in; FK was booked for the first hour.
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
            booked_s=3600.0,
            due_s=600.0,
            present_due_s=0.0,
        ),
    )


def test_three_meetings_by_hand(journal: Journal) -> None:
    found = report(journal, today=TODAY)
    assert (found.meetings, found.first, found.last) == (3, date(2026, 10, 1), date(2026, 12, 3))
    rows = by_name(found.rows)
    assert list(rows) == [  # by kind, then name; the individual under its kind, unnamed
        "Arbetsförmedlingen",
        "Försäkringskassan",
        "individ",
        "Krokoms kommun",
        "Region Jämtland Härjedalen",
    ]
    # Held: m1 0-10 min, m2 0-60 min, m3 0-20 min: 5,400 s due of each organisation.
    assert rows["Arbetsförmedlingen"] == OrgFigures(
        "af", "Arbetsförmedlingen", invited=3, in_person=2, late=1, absent_notified=1,
        due_s=5400.0, present_s=600.0 + 600.0,  # m1 all 10 min, m3 from 10 of 20 min
        run=AbsenceRun(3, absent=1, in_a_row=0, last_absence=date(2026, 11, 5)),
    )  # fmt: skip
    assert rows["Försäkringskassan"] == OrgFigures(
        "fk", "Försäkringskassan", invited=3, video=1, absent_unnotified=2,
        due_s=5400.0, present_s=3600.0,
        run=AbsenceRun(3, absent=2, unnotified=2, in_a_row=1, last_absence=date(2026, 12, 3)),
    )  # fmt: skip
    assert rows["individ"] == OrgFigures(
        "individ", "", invited=3, in_person=2, not_recorded=1,
        due_s=4200.0, present_s=4200.0,  # m3 did not record the individual: not in the share
    )  # fmt: skip
    assert rows["Krokoms kommun"] == OrgFigures(
        "kommun", "Krokoms kommun", invited=3, in_person=3, late=1, left_early=1,
        due_s=5400.0, present_s=600.0 + 3300.0 + 1200.0,
        run=AbsenceRun(3),
    )  # fmt: skip
    assert rows["Region Jämtland Härjedalen"] == OrgFigures(
        "region", "Region Jämtland Härjedalen", invited=3, in_person=2, phone=1, dropped=1,
        substitutes=1, due_s=5400.0, present_s=5400.0,
        run=AbsenceRun(3, substitutes=1),
    )  # fmt: skip
    for row in found.rows:
        assert row.attended + row.absent + row.not_recorded == row.invited


def test_the_table_cells_and_the_runs(journal: Journal) -> None:
    found = report(journal, today=TODAY)
    rows = by_name(found.rows)
    assert cells(rows["Försäkringskassan"]) == (
        ["3", "0", "1", "0", "0", "0", "0", "0", "0", "2", "0", "67 %", "–", "2 av 3"]
    )
    assert cells(rows["individ"], "en")[-3:] == ["100 %", "–", "–"]
    assert run_lines(found) == [
        "Försäkringskassan: frånvarande 2 av de senaste 3, ingen ersättare, 2 utan besked"
        " (senast 2026-12-03)",
        "Arbetsförmedlingen: frånvarande 1 av de senaste 3, ingen ersättare (senast 2026-11-05)",
    ]
    assert run_lines(found, "en")[0] == (
        "Försäkringskassan: absent from 2 of the last 3, no substitute, 2 without notice"
        " (last 2026-12-03)"
    )


def test_the_run_is_the_latest_six_and_counts_a_stand_in(tmp_path: Path) -> None:
    """FK away at four of its latest six meetings (three in a row), never a stand-in;
    the region sent one once. Older meetings do not count."""
    fk = ["absent", "present", "absent", "present", "present", "absent", "absent", "absent"]
    with Journal(tmp_path / "j.sqlite3") as journal:
        for n, what in enumerate(fk):
            s, _ = start(journal, plan_on(date(2026, 3, 1 + n)), f"r{n}")
            s.do(c.CheckIn("individ"))
            s.do(c.CheckIn("kommun"))
            s.do(c.CheckIn("af"))
            if n == 5:
                s.do(c.NoteSubstitute("region", "Vera Vikarie"))
            else:
                s.do(c.CheckIn("region"))
            if what == "absent":
                s.do(c.MarkAbsent("fk", notified=n % 2 == 0))
            else:
                s.do(c.CheckIn("fk"))
            s.do(c.NextPhase())
            s.do(c.ConfirmConsent())
            s.do(c.CloseMeeting("Testmöte"))
        found = by_name(report(journal, today=TODAY).rows)
        fk_run = found["Försäkringskassan"].run
        assert fk_run == AbsenceRun(
            meetings=6, absent=4, unnotified=2, in_a_row=3, last_absence=date(2026, 3, 8)
        )
        assert fk_run.describe() == (
            "frånvarande 4 av de senaste 6, 3 i rad, ingen ersättare, 2 utan besked"
            " (senast 2026-03-08)"
        )
        assert found["Region Jämtland Härjedalen"].run == AbsenceRun(6, substitutes=1)
        # The before-meeting note of the next meeting says the same, from the same rows.
        notes = party_history(journal, plan_on(date(2026, 4, 1)))
        assert notes["fk"] == PartyHistory("fk", fk_run)
        assert notes["fk"].notice() == (
            "Frånvarande 4 av de senaste 6, 3 i rad, ingen ersättare, 2 utan besked"
            " (senast 2026-03-08)."
        )
        assert notes["kommun"].notice() == ""
        # A period ending before the last three gives the run as it stood then.
        earlier = by_name(report(journal, Filters(end=date(2026, 3, 5)), TODAY).rows)
        assert earlier["Försäkringskassan"].run == AbsenceRun(
            meetings=5, absent=2, unnotified=0, in_a_row=0, last_absence=date(2026, 3, 3)
        )


def test_party_history_before_the_next_meeting(journal: Journal) -> None:
    # The January meeting is already open (before-meeting screen) with yet another FK officer.
    plan = plan_on(date(2027, 1, 14), fk_officer="Eva Ny")
    s, _ = start(journal, plan, "m4")
    s.do(c.CheckIn("fk"))
    history = party_history(journal, plan, exclude_meeting="m4")
    assert history["fk"].run == AbsenceRun(3, 2, 2, 0, 1, date(2026, 12, 3))
    assert history["af"].run == AbsenceRun(3, 1, 0, 0, 0, date(2026, 11, 5))
    # m3 never recorded the individual's attendance: two meetings to speak of, not three.
    assert history["individ"].run == AbsenceRun(2)
    assert history["region"].run == AbsenceRun(3, substitutes=1)
    assert [k for k, h in history.items() if h.stayed_away] == ["fk", "af"]
    # The same words as the report's runs, as of this meeting.
    lines = run_lines(report(journal, today=TODAY))
    assert (
        lines[0]
        == "Försäkringskassan: "
        + history["fk"].notice()[0].lower()
        + (history["fk"].notice()[1:-1])
    )


def test_a_meeting_abandoned_before_check_in_is_not_a_meeting_missed(journal: Journal) -> None:
    start(journal, plan_on(date(2026, 12, 10)), "m-abandoned")  # opened, then the laptop died
    history = party_history(journal, plan_on(date(2027, 1, 14)))
    assert (history["fk"].run.meetings, history["fk"].run.absent) == (3, 2)
    assert report(journal, today=TODAY).meetings == 3


def test_party_history_counts_only_earlier_meetings(journal: Journal) -> None:
    history = party_history(journal, plan_on(date(2026, 11, 5)), exclude_meeting="m2")
    assert (history["fk"].run.meetings, history["fk"].run.absent) == (1, 1)
    assert history["af"].run.absent == 0


def test_organisations_match_across_cases_but_people_do_not(journal: Journal) -> None:
    other = plan_on(date(2027, 1, 14), case_code="SIP-2027-002")
    history = party_history(journal, other)
    assert history["fk"].run.absent == 2
    # Another case's individual is another person.
    assert history["individ"].run.meetings == 0


def test_relatives_in_two_cases_are_two_people(tmp_path: Path) -> None:
    """A private person typed with an organisation ("Närstående") is still only themself."""
    from starmote.plan.model import Party

    def with_relative(day: date, code: str):
        plan = plan_on(day, case_code=code)
        relative = Party("mamma", "Närstående", "narstaende", person="Eva L.")
        return replace(plan, parties=(*plan.parties, relative))

    with Journal(tmp_path / "j.sqlite3") as journal:
        s, _ = start(journal, with_relative(date(2026, 9, 1), "SIP-X"), "x1")
        for party in ("individ", "kommun", "region", "fk", "af"):
            s.do(c.CheckIn(party))
        s.do(c.MarkAbsent("mamma", notified=False))
        s.do(c.NextPhase())
        s.do(c.CloseMeeting("Testmöte"))
        other = party_history(journal, with_relative(date(2026, 10, 1), "SIP-Y"))
        same = party_history(journal, with_relative(date(2026, 10, 1), "SIP-X"))
        assert (other["mamma"].run.meetings, same["mamma"].run.absent) == (0, 1)
        rows = by_name(report(journal, today=TODAY).rows)
        assert rows["narstaende"].organisation == "" and rows["narstaende"].run is None


def test_organisation_names_match_ignoring_case_and_spaces(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        for n, (name, fk) in enumerate(
            [
                ("Försäkringskassan", c.MarkAbsent("fk", notified=False)),
                (" försäkringskassan  ", c.CheckIn("fk")),
            ]
        ):
            plan = plan_on(date(2026, 12, 1 + n))
            plan = replace(
                plan,
                parties=tuple(
                    replace(p, organisation=name) if p.key == "fk" else p for p in plan.parties
                ),
            )
            s, _ = start(journal, plan, f"m{n}")
            for party in ("individ", "kommun", "region", "af"):
                s.do(c.CheckIn(party))
            s.do(fk)
            s.do(c.NextPhase())
            s.do(c.CloseMeeting("Testmöte"))
        fk_row = next(r for r in report(journal, today=TODAY).rows if r.kind == "fk")
    # Spelled as in the most recent meeting.
    assert (fk_row.organisation, fk_row.invited, fk_row.in_person, fk_row.absent_unnotified) == (
        "försäkringskassan",
        2,
        1,
        1,
    )
    assert fk_row.run == AbsenceRun(2, 1, 1, 0, 0, date(2026, 12, 1))


def test_filters_by_period_template_and_party(journal: Journal) -> None:
    autumn = report(journal, Filters(start=date(2026, 10, 1), end=date(2026, 11, 30)), TODAY)
    assert autumn.meetings == 2 and by_name(autumn.rows)["Försäkringskassan"].invited == 2
    fk = report(journal, Filters(party="fk"), TODAY)
    assert [r.organisation for r in fk.rows] == ["Försäkringskassan"] and fk.meetings == 3
    by_org = report(journal, Filters(party="krokoms  KOMMUN"), TODAY)
    assert [r.organisation for r in by_org.rows] == ["Krokoms kommun"]
    assert report(journal, Filters(template="star-team"), TODAY).rows == ()
    assert report(journal, Filters(template="motescirkel-sip"), TODAY).meetings == 3


def test_monthly_adds_up_to_the_whole(journal: Journal) -> None:
    rows, _ = monthly(journal, today=TODAY)
    assert sorted({r.period for r in rows}) == ["2026-10", "2026-11", "2026-12"]
    whole = by_name(report(journal, today=TODAY).rows)
    for name, total in whole.items():
        months = [r for r in rows if (r.organisation or r.kind) == name]
        added = months[0]
        for more in months[1:]:
            added = added.add(more)
        assert counts(replace(added, period="")) == counts(total)


# --- the small journal of the issue, by hand ------------------------------------------


@pytest.fixture
def hand(tmp_path: Path):
    with Journal(tmp_path / "hand.sqlite3") as journal:
        sessions = play_hand_journal(journal)
        team = play_team_session(journal)
        yield journal, {**sessions, "team-1": team}


def test_hand_computed_rows(hand) -> None:
    journal, _ = hand
    rows = [r for r in attendance_history(journal) if r.meeting_id != "team-1"]
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
    assert (facts["h1", "individ"].due_s, facts["h1", "individ"].present_due_s) == (3000, 3000)
    assert (facts["h2", "fk"].present_s, facts["h2", "fk"].booked_s) == (55 * 60, 60 * 60)
    assert facts["h1", "fk"].mode is None and facts["h1", "fk"].notified is True


def test_hand_computed_figures(hand) -> None:
    journal, _ = hand
    found = report(journal, Filters(template="motescirkel-sip"), TODAY)
    assert found.meetings == 2  # h3 never started
    rows = by_name(found.rows)
    # h1 held 0-50 min, h2 0-60 min: 6,600 s due of each party booked for the hour.
    assert counts(rows["Försäkringskassan"]) == counts(
        OrgFigures("fk", "", invited=2, phone=1, late=1, absent_notified=1,
                   due_s=6600.0, present_s=3300.0)  # checked in by mistake in h1: absent
    )  # fmt: skip
    assert counts(rows["Arbetsförmedlingen"]) == counts(
        OrgFigures("af", "", invited=2, in_person=1, substitutes=1, absent_unnotified=1,
                   due_s=6600.0, present_s=3000.0)  # h2's stand-in, then absent: absent
    )  # fmt: skip
    assert counts(rows["Krokoms kommun"]) == counts(
        OrgFigures("kommun", "", invited=2, in_person=2, left_early=1,
                   due_s=6600.0, present_s=1200.0 + 3600.0)
    )  # fmt: skip
    assert counts(rows["Region Jämtland Härjedalen"]) == counts(
        OrgFigures("region", "", invited=2, in_person=1, phone=1, dropped=1,
                   due_s=6600.0, present_s=600.0 + 3600.0)
    )  # fmt: skip
    assert rows["Försäkringskassan"].run == AbsenceRun(2, 1, 0, 0, 0, date(2026, 9, 1))
    assert rows["Arbetsförmedlingen"].run == AbsenceRun(2, 1, 1, 1, 1, date(2026, 9, 15))
    assert cells(rows["Arbetsförmedlingen"])[11] == "45 %"


def test_a_team_session_counts_cases_present(hand) -> None:
    """FK there for the first two of four cases; the person of T-03 for their own case."""
    journal, sessions = hand
    found = report(journal, Filters(template="star-team"), TODAY)
    rows = by_name(found.rows)
    assert (rows["Försäkringskassan"].cases_present, rows["Försäkringskassan"].cases_total) == (
        2,
        4,
    )
    assert cells(rows["Försäkringskassan"])[12] == "2 av 4"
    assert case_lines(found) == [
        "Region Exempel, Vuxenpsykiatrin: närvarande i 0 av 4 ärenden",
        "Försäkringskassan: närvarande i 2 av 4 ärenden",
    ]
    assert (rows["Arbetsförmedlingen"].cases_present, rows["Arbetsförmedlingen"].cases_total) == (
        4,
        4,
    )
    psych = rows["Region Exempel, Vuxenpsykiatrin"]
    assert (psych.cases_present, psych.cases_total, psych.absent_notified) == (0, 4, 1)
    person = rows["individ"]  # the case's person: due and present for their own case only
    assert (person.cases_present, person.cases_total, person.late, person.share) == (1, 1, 0, 1.0)
    # The same parties the per-case minutes name (engine.presence.in_case).
    from starmote.engine.presence import in_case

    state = sessions["team-1"].state
    fk_cases = [c.code for c in state.plan.team_cases if "fk" in dict(in_case(state, c.code))]
    assert sorted(fk_cases) == ["T-01", "T-04"]


def test_follow_ups_held_on_time_late_or_not_yet_due(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        play_follow_ups(journal)
        found = report(journal, today=FOLLOW_UP_TODAY)
        assert found.follow_ups == FollowUps(
            due=4, on_time=1, late=3, held_late=1, plan_closed=0, not_due=1
        )
        assert follow_up_line(found.follow_ups) == (
            "Uppföljningar: 4 har passerat sitt datum – 1 hölls i tid, 3 är sena"
            " (1 av dem hölls senare), 0 planer avslutades i stället. 1 har sitt datum kvar."
        )
        # Judged a day after C's date only A, B and C were due; B was then still to come.
        early = report(journal, today=date(2026, 10, 4))
        assert (early.follow_ups.due, early.follow_ups.late, early.follow_ups.held_late) == (
            3,
            2,
            0,
        )
        autumn = report(journal, Filters(start=date(2026, 9, 2), end=date(2026, 9, 3)))
        assert autumn.follow_ups.due == 2  # only b1's and c1's
        _, per_month = monthly(journal, today=FOLLOW_UP_TODAY)
        assert [(f.period, f.due, f.not_due) for f in per_month] == [
            ("2026-09", 4, 0),
            ("2026-11", 0, 1),
        ]


def test_a_plan_closed_instead_of_a_follow_up(tmp_path: Path) -> None:
    """Closing a plan (issue #13) folds into `state.plan_closed`; history is ready for it."""
    with Journal(tmp_path / "j.sqlite3") as journal:
        play_follow_ups(journal)
        # c1's summary, folded as if its plan had been closed in it.
        from starmote.engine.fold import fold
        from starmote.store.session import load_events

        c1 = fold(load_events(journal, "c1"))
        object.__setattr__(c1, "plan_closed", True)
        journal.store_summaries([summary.summarize(c1)])
        found = report(journal, today=FOLLOW_UP_TODAY)
        assert (found.follow_ups.late, found.follow_ups.plan_closed) == (2, 1)


def test_history_says_what_the_minutes_say(hand) -> None:
    """Each organisation's figures, counted again from the text of each meeting's minutes."""
    from starmote.documents.fmt import party_label
    from starmote.documents.minutes import minutes_markdown

    hand_journal, sessions = hand
    expected: dict[str, dict[str, int]] = {}
    for mid in ("h1", "h2"):
        state = sessions[mid].state
        text = minutes_markdown(state, datetime(2026, 10, 1, tzinfo=UTC))
        sections = {b.splitlines()[0]: b for b in text.split("\n### ") if b.strip()}
        for party in state.plan.parties:
            label = party_label(state.plan, party.key)
            name = party.organisation or party.kind
            got = expected.setdefault(name, {})

            def add(key: str, n: int = 1, got: dict[str, int] = got) -> None:
                got[key] = got.get(key, 0) + n

            add("invited")
            present = [
                line
                for line in sections["Närvarande"].splitlines()
                if line.startswith(f"- {label}")
            ]
            if present:
                line = present[0]
                mode = re.findall(r"(på plats|video|telefon)", line)[-1]
                add({"på plats": "in_person", "video": "video", "telefon": "phone"}[mode])
                add("late", "kom sent" in line)
                add("substitutes", "ersättare" in line)
                left = re.findall(r"lämnade (\d\d:\d\d)", line)
                until = party.window.until_min if party.window else state.plan.duration_min
                ends = f"{9 + until // 60:02d}:{until % 60:02d}"
                add("left_early", bool(left) and left[-1] < ends)
                add("dropped", line.rsplit(";", 1)[-1].strip().startswith("tappade"))
            elif label in sections.get("Frånvarande, anmält förhinder", ""):
                add("absent_notified")
            elif label in sections.get("Frånvarande utan att ha hört av sig", ""):
                add("absent_unnotified")
    rows = by_name(report(hand_journal, Filters(template="motescirkel-sip"), TODAY).rows)
    for name, figures in expected.items():
        row = rows[name]
        for key, n in figures.items():
            assert getattr(row, key) == n, (name, key)
