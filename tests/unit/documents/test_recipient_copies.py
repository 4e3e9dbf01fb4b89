"""Per-recipient minutes: an excluded party's copy holds none of the entries marked for it."""

from __future__ import annotations

import stat
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from starmote.documents.export import export_meeting
from starmote.engine import commands as c
from starmote.plan.case import load_case
from starmote.plan.model import Consent, Exclusion
from starmote.plan.resources import samples_dir
from tests.support.factories import make_plan
from tests.support.meeting import Meeting, checked_in
from tests.support.review import PREVIOUS

STAMP = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
MARKED = ("QX7-note", "QX7-goal", "QX7-action", "QX7-decision")
"""Unique markers typed into the entries marked hälsa: found in no file of AF's."""


def read(paths: list[Path]) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in paths)


def sip_meeting() -> Meeting:
    consent = Consent(
        not_shared=("inga hälsouppgifter till AF",), exclude=(Exclusion("af", "halsa"),)
    )
    m = checked_in(Meeting(make_plan(consent=consent)))
    m.do(c.NextPhase())
    m.do(
        c.AddNote(f"{MARKED[0]} sover dåligt", party=c.SPEAKER, category="halsa"),
        c.AddGoal("short", f"{MARKED[1]} sova bättre", category="halsa"),
        c.AddAction(f"{MARKED[2]} remiss", "region", category="halsa"),
        c.AddDecision(f"{MARKED[3]} regionen tar kontakt", category="halsa"),
        c.AddNote("ZZ9 vill arbeta deltid"),
        c.AddAction("ZZ9 praktik", "af"),
    )
    return m


def test_af_s_copy_leaves_out_every_marked_entry_and_says_only_that_parts_are_left_out(
    tmp_path: Path,
) -> None:
    written = export_meeting(sip_meeting().state, tmp_path, invites=False, stamp=STAMP)
    names = [p.name for p in written]
    af = [p for p in written if "_till-af" in p.name]
    fk = [p for p in written if "_till-fk" in p.name]
    full = [p for p in written if "minnesanteckningar" in p.name and "_till-" not in p.name]
    assert len(af) == len(fk) == len(full) == 2, names  # md and html each
    assert not any("till-individ" in n for n in names)  # the person has the whole minutes
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    text = read(af)
    for marker in MARKED:
        assert marker not in text
        assert marker in read(full) and marker in read(fk)
    assert "ZZ9 vill arbeta deltid" in text and "ZZ9 praktik" in text
    assert "Kopia till Arbetsförmedlingen (Omar Said)" in text
    assert "utelämnade ur den här kopian" in text
    # Nothing says which kind of information was left out, nor the wish behind it.
    assert "hälsa" not in text.lower()
    assert "inget om hälsa" in read(full) and "utelämnade" not in read(fk)


def test_without_an_exclusion_there_are_no_copies(tmp_path: Path) -> None:
    m = checked_in(Meeting(make_plan()))
    written = export_meeting(m.state, tmp_path, invites=False, stamp=STAMP)
    assert not any("_till-" in p.name for p in written)


def test_a_team_case_s_copies_follow_that_case_s_consent(tmp_path: Path) -> None:
    plan = load_case(samples_dir() / "star-team-januari.toml")
    t01 = plan.team_case("T-01")
    assert t01.consent is not None
    cases = tuple(
        replace(case, consent=replace(t01.consent, exclude=(Exclusion("af", "missbruk"),)))
        if case is t01
        else case
        for case in plan.team_cases
    )
    m = Meeting(replace(plan, team_cases=cases))
    for key in ("fk", "ame", "forsorjning", "af", "psykiatri"):
        m.do(c.CheckIn(key))
    m.do(c.NextPhase(), c.NextPhase(), c.ConfirmConsent())
    assert m.state.current_case == "T-01"
    m.do(
        c.AddNote("QX8 återfall i våras", category="missbruk"),
        c.AddDecision("ZZ8 AME tar kontakt"),
    )
    written = export_meeting(m.state, tmp_path, minutes=("md",), invites=False, stamp=STAMP)
    names = sorted(p.name for p in written if "_till-" in p.name)
    # Only T-01 has an exclusion, and its consent covers fk, af, ame and psykiatri: no copy
    # for försörjningsstöd, nor for Robin (T-03's person).
    keys = ("af", "ame", "fk", "psykiatri")
    assert names == [f"T-01_2027-01-14_minnesanteckningar_till-{k}_UTKAST.md" for k in keys]
    af = read([p for p in written if "_till-af" in p.name])
    ame = read([p for p in written if "_till-ame" in p.name])
    assert "QX8" not in af and "ZZ8 AME tar kontakt" in af
    assert "QX8" in ame and "missbruk" not in af


def test_a_follow_up_keeps_last_meeting_s_marked_items_out_of_af_s_review_section(
    tmp_path: Path,
) -> None:
    """An insats or goal marked hälsa at the last meeting stays out of AF's copy of the
    follow-up too, and the reviews of the items left keep their own statuses."""
    previous = replace(
        PREVIOUS,
        insatser=(
            replace(PREVIOUS.insatser[0], what="QX8-remiss till psykiatrin", category="halsa"),
            *PREVIOUS.insatser[1:],
        ),
        goals=(replace(PREVIOUS.goals[0], text="QX8-sova bättre", category="halsa"),),
    )
    consent = Consent(exclude=(Exclusion("af", "halsa"),))
    m = checked_in(Meeting(make_plan(previous=previous, consent=consent)))
    m.do(c.NextPhase(), c.ConfirmConsent(), c.NextPhase())
    m.do(
        c.ReviewPrevious("action", 0, "done", "QX8-kommentar"),
        c.ReviewPrevious("action", 1, "partly", "Tid bokad i januari"),
        c.ReviewPrevious("goal", 0, "changed"),
    )
    written = export_meeting(m.state, tmp_path, invites=False, stamp=STAMP)
    af = read([p for p in written if "_till-af" in p.name])
    full = read([p for p in written if "minnesanteckningar" in p.name and "_till-" not in p.name])
    assert "QX8" not in af
    assert "QX8-remiss till psykiatrin" in full and "QX8-sova bättre" in full
    # The insats after the marked one is AF's first, with its own review.
    rows = [line for line in af.splitlines() if "Boka läkarbesök" in line and "|" in line]
    assert rows and rows[0].startswith("| 1 |") and "delvis" in rows[0], rows


def test_a_mark_is_carried_to_the_next_meeting_s_case_file(tmp_path: Path) -> None:
    """`new --from` writes the mark with the item, and the follow-up reads it back."""
    from starmote.plan.casedata import to_data
    from starmote.plan.resources import templates_dir
    from starmote.plan.template import load_template
    from starmote.plan.writer import dumps
    from starmote.store.carry import follow_up_draft

    sip = load_template(templates_dir() / "motescirkel-sip.toml")
    state = sip_meeting().state
    path = tmp_path / "follow-up.toml"
    draft = follow_up_draft(state)
    draft.when = "2027-01-20 10:00"  # no follow-up was booked in this meeting
    data = to_data(draft, sip, date(2027, 1, 10))
    path.write_text(dumps(data), encoding="utf-8")
    previous = load_case(path).previous
    assert previous is not None
    marked = {a.what: a.category for a in previous.insatser}
    assert marked == {f"{MARKED[2]} remiss": "halsa", "ZZ9 praktik": ""}
    assert [g.category for g in previous.goals] == ["halsa"]
