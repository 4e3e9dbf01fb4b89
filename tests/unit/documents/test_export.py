"""export_meeting: file names, private modes, atomic writes and byte-stable output."""

from __future__ import annotations

import difflib
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from starmote.documents.export import export_files, export_meeting, file_stem
from starmote.documents.invites import InviteError, approve, invites
from starmote.engine import commands as c
from starmote.engine.rules import fold
from starmote.plan.model import Person
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session, load_events
from tests.support.exportcase import (
    approve_invites,
    make_plan,
    play_leaky_meeting,
    play_meeting,
)

STAMP = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
LATER = datetime(2026, 12, 5, 7, 30, tzinfo=UTC)
STEM = "SIP-2026-031_2026-12-03"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(scope="module")
def meeting():
    return play_meeting(approve=True)


def test_writes_everything_with_case_code_names_and_mode_0600(meeting, tmp_path: Path) -> None:
    out = tmp_path / "export"
    written = export_meeting(meeting.state, out, eml=True, stamp=STAMP)
    assert [p.name for p in written] == [
        f"{STEM}_minnesanteckningar.md",
        f"{STEM}_lattlast.md",
        f"{STEM}_minnesanteckningar.html",
        f"{STEM}_lattlast.html",
        f"{STEM}_uppfoljning.ics",
        f"{STEM}_uppfoljning.eml",
        f"{STEM}_insatser.ics",
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        p.name for p in written
    )  # no temp files left
    for path in written:
        assert mode(path) == 0o600, path
        assert "Kim" not in path.name
    assert mode(out) == 0o700
    ics = (out / f"{STEM}_uppfoljning.ics").read_bytes()
    assert Calendar.from_ical(ics)["METHOD"] == "REQUEST"
    assert ics.count(b"\r\n") == ics.count(b"\n")  # written in binary: CRLF untouched


def test_existing_directory_keeps_its_mode(meeting, tmp_path: Path) -> None:
    out = tmp_path / "shared"
    out.mkdir(mode=0o755)
    out.chmod(0o755)
    written = export_meeting(meeting.state, out, minutes=("md",), invites=False, stamp=STAMP)
    assert [p.name for p in written] == [f"{STEM}_minnesanteckningar.md", f"{STEM}_lattlast.md"]
    assert mode(out) == 0o755 and all(mode(p) == 0o600 for p in written)


def test_overwrite_replaces_and_stays_private(meeting, tmp_path: Path) -> None:
    target = tmp_path / f"{STEM}_minnesanteckningar.md"
    target.write_text("old")
    target.chmod(0o644)
    export_meeting(meeting.state, tmp_path, minutes=("md",), invites=False, stamp=STAMP)
    assert target.read_text().startswith("# Minnesanteckningar") and mode(target) == 0o600


def test_two_exports_differ_only_in_stamp_lines(meeting, tmp_path: Path) -> None:
    a = export_meeting(meeting.state, tmp_path / "a", eml=False, stamp=STAMP)
    b = export_meeting(meeting.state, tmp_path / "b", eml=False, stamp=LATER)
    assert [p.name for p in a] == [p.name for p in b]
    for pa, pb in zip(a, b, strict=True):
        la = pa.read_bytes().decode().splitlines()
        lb = pb.read_bytes().decode().splitlines()
        changed = [x for x in difflib.unified_diff(la, lb, lineterm="", n=0) if x[:1] in "+-"]
        changed = [x for x in changed if not x.startswith(("+++", "---"))]
        assert changed, pa.name
        if pa.suffix == ".ics":
            assert all(x[1:].startswith("DTSTAMP:") for x in changed), changed
        else:
            assert len(changed) == 2 and "Exporterad" in changed[0], changed
    again = export_meeting(meeting.state, tmp_path / "c", eml=True, stamp=STAMP)
    for pa in a:
        assert (tmp_path / "c" / pa.name).read_bytes() == pa.read_bytes()
    assert len(again) == len(a) + 1
    twice = export_meeting(meeting.state, tmp_path / "d", eml=True, stamp=STAMP)
    assert [p.read_bytes() for p in twice] == [p.read_bytes() for p in again]  # .eml included


def test_english_names_and_content(tmp_path: Path) -> None:
    p = play_meeting()
    approve_invites(p, "en")  # the chair approved the English text
    written = export_meeting(p.state, tmp_path, minutes=("html",), lang="en", stamp=STAMP)
    assert [p.name for p in written] == [
        f"{STEM}_minutes.html",
        f"{STEM}_plain-language.html",
        f"{STEM}_follow-up.ics",
        f"{STEM}_actions.ics",
    ]
    assert '<html lang="en">' in written[0].read_text()
    assert b"SUMMARY:Coordination meeting SIP-2026-031" in written[2].read_bytes()


def test_cancelled_follow_up_writes_the_cancel_file(tmp_path: Path) -> None:
    p = play_meeting(close=False)
    p.do(c.CancelFollowUp())
    approve_invites(p)
    names = [x.name for x in export_meeting(p.state, tmp_path, minutes=(), stamp=STAMP)]
    assert names == [f"{STEM}_uppfoljning-installd.ics", f"{STEM}_insatser.ics"]
    cal = Calendar.from_ical((tmp_path / names[0]).read_bytes())
    assert cal["METHOD"] == "CANCEL"


def test_bad_arguments_and_failures_write_nothing(meeting, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        export_meeting(meeting.state, tmp_path / "x", minutes=("pdf",), stamp=STAMP)
    with pytest.raises(ValueError):
        export_meeting(meeting.state, tmp_path / "x", stamp=datetime(2026, 12, 3, 12, 0))
    p = play_meeting(make_plan(chair=Person("Karin Lund")))
    with pytest.raises(InviteError):
        export_meeting(p.state, tmp_path / "x", stamp=STAMP)
    assert not (tmp_path / "x").exists()
    # Without invites the same meeting exports fine.
    assert len(export_meeting(p.state, tmp_path / "x", invites=False, stamp=STAMP)) == 4


def test_file_names_never_carry_the_person(tmp_path: Path) -> None:
    p = play_leaky_meeting()
    names = list(export_files(p.state, stamp=STAMP))
    assert all(n.startswith(STEM) for n in names)
    from dataclasses import replace

    state = replace(p.state, plan=replace(p.state.plan, case_code="Kim Lindqvist 19121212-1212"))
    assert file_stem(state) == "case_2026-12-03"
    state = replace(p.state, plan=replace(p.state.plan, case_code="SIP/2026:031 åäö"))
    assert file_stem(state) == "SIP-2026-031-_2026-12-03".replace("-_", "_")


def test_export_from_a_real_journal_equals_export_from_the_live_state(tmp_path: Path) -> None:
    """What the CLI does (fold the stored journal) gives the same bytes as the live session."""
    clock = FakeClock(wall0=datetime(2026, 12, 3, 8, 0, tzinfo=UTC))
    with Journal.open(tmp_path / "home") as journal:
        s = Session.start(journal, make_plan(), clock, meeting_id="20261203-0900-SIP-2026-031-jrnl")
        s.do(c.CheckIn("individ"))
        s.do(c.CheckIn("kommun", "video"))
        s.do(c.ConfirmConsent("Alla parter"))
        s.do(c.NextPhase())
        clock.advance(95)
        s.do(c.AddNote("Första anteckningen"))
        s.do(c.SetMainResponsible("kommun"))
        s.do(c.SetFollowUp(datetime(2027, 3, 29, 7, 0, tzinfo=UTC), 60, "Rum 2"))
        for invite in invites(s.state):
            s.do(approve(invite.proposal))
        live = export_files(s.state, eml=True, stamp=STAMP)
        stored = export_files(fold(load_events(journal, s.meeting_id)), eml=True, stamp=STAMP)
    assert live == stored


def test_an_old_journal_with_a_personnummer_in_its_plan_folds_and_never_shows_it() -> None:
    """starmote once took `[individual] personnummer`; a journal from then still opens."""
    import json

    from starmote.engine import events as ev
    from starmote.privacy import find_personnummer

    p = play_meeting(approve=True)
    stored = [
        (e.kind, e.seq, e.t, e.wall.isoformat(), json.loads(json.dumps(ev.to_payload(e))))
        for e in p.events
    ]
    assert "personnummer" not in stored[0][4]["plan"]["individual"]  # not written any more
    stored[0][4]["plan"]["individual"]["personnummer"] = "19121212-1212"
    state = fold([ev.from_payload(*row) for row in stored])
    assert state.plan == p.state.plan
    for name, data in export_files(state, eml=True, stamp=STAMP).items():
        text = data.decode("utf-8")
        assert "1212-1212" not in text and find_personnummer(text) == [], name


def test_a_folder_is_rewritten_as_a_whole_set_and_keeps_what_is_not_the_meetings(
    meeting, tmp_path: Path
) -> None:
    own = tmp_path / "own"
    export_meeting(meeting.state, own, eml=True, stamp=STAMP, lang="en")
    # In Swedish now, md only and without the .eml: the English copy is written anew with
    # it (its invites were approved in Swedish only), and no .html or .eml stays.
    written = export_meeting(meeting.state, own, minutes=("md",), stamp=STAMP)
    english = {f"{STEM}_minutes.md", f"{STEM}_plain-language.md"}
    assert {p.name for p in own.iterdir()} == {p.name for p in written} | english
    assert (own / f"{STEM}_minutes.md").read_text("utf-8").startswith("# Minutes")
    # A folder of the chair's own: their files stay, the meeting's old ones go.
    mine = tmp_path / "desktop"
    mine.mkdir()
    (mine / "inköpslista.txt").write_text("mjölk")
    (mine / f"{STEM}_minnesanteckningar_UTKAST.md").write_text("the draft, stale now")
    (mine / "SIP-2026-999_2026-12-03_minutes.md").write_text("another meeting")
    written = export_meeting(meeting.state, mine, minutes=("md",), invites=False, stamp=STAMP)
    assert sorted(p.name for p in mine.iterdir()) == sorted(
        ["inköpslista.txt", "SIP-2026-999_2026-12-03_minutes.md", *(p.name for p in written)]
    )
