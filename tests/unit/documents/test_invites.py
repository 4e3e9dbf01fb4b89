"""Invites (.ics), action reminders and the .eml: structure, bytes, time zones and privacy.

An invite is built from an allow-list (`InviteDraft`) and written only once the chair has
approved its text; these tests approve first, as the chair would after the preview.
"""

from __future__ import annotations

import email
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from email import policy

import pytest
from icalendar import Calendar

from starmote.documents.eml import invite_email
from starmote.documents.export import export_files
from starmote.documents.invites import (
    FOLLOW_UP,
    InviteError,
    actions_ics,
    approve,
    calendar,
    follow_up_ics,
    ics_text,
    invites,
    proposals,
    with_text,
)
from starmote.engine import commands as c
from starmote.engine.rules import DomainError
from starmote.plan.model import STOCKHOLM, Person
from starmote.privacy import find_personnummer
from tests.support.exportcase import (
    LEAK_HEALTH,
    LEAK_NAME,
    Play,
    approve_invites,
    make_plan,
    play_leaky_meeting,
    play_meeting,
)

STAMP = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)

EVENT_PROPERTIES = {
    "UID",
    "DTSTAMP",
    "SEQUENCE",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "LOCATION",
    "URL",
    "DESCRIPTION",
    "ORGANIZER",
    "ATTENDEE",
    "CLASS",
    "STATUS",
    "TRANSP",
}
"""Everything a follow-up's VEVENT may hold: the allow-list, and the technical fields that
say which event it is and how a calendar treats it (none of them carries case text)."""
REMINDER_PROPERTIES = EVENT_PROPERTIES - {"LOCATION", "URL", "ATTENDEE", "STATUS"}


def parse(data: bytes) -> Calendar:
    """Parse back and insist that icalendar found nothing wrong anywhere."""
    cal = Calendar.from_ical(data)
    for component in cal.walk():
        assert component.errors == [], (component.name, component.errors)
    return cal


def events(cal: Calendar) -> list:
    return [comp for comp in cal.walk("VEVENT")]


def raw_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


@pytest.fixture(scope="module")
def meeting():
    return play_meeting(approve=True)


@pytest.fixture(scope="module")
def invite(meeting) -> bytes:
    return follow_up_ics(meeting.state, STAMP)


def test_request_has_one_event_organizer_and_vtimezone(meeting, invite: bytes) -> None:
    cal = parse(invite)
    assert cal["METHOD"] == "REQUEST"
    assert cal["VERSION"] == "2.0" and cal["PRODID"].startswith("-//starmote//")
    (event,) = events(cal)
    fu = meeting.state.follow_up
    # The uid holds the meeting id (date and case code): only a digest of it goes out.
    assert str(event["UID"]).endswith("@starmote") and "SIP" not in str(event["UID"])
    assert int(event["SEQUENCE"]) == 0 and fu.sequence == 0
    assert str(event["SUMMARY"]) == "Samordningsmöte SIP-2026-031"
    assert str(event["LOCATION"]) == "Kommunhuset, rum Storsjön"
    assert str(event["URL"]) == "https://video.example.se/m/123"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]) == "mailto:karin.lund@example.se"
    assert "CN" not in event["ORGANIZER"].params  # the allow-list holds the address only
    assert b"\r\nDTSTART;TZID=Europe/Stockholm:20270329T090000\r\n" in invite
    assert b"\r\nDTEND;TZID=Europe/Stockholm:20270329T100000\r\n" in invite
    assert b"\r\nDTSTAMP:20261203T120000Z\r\n" in invite
    (alarm,) = list(event.walk("VALARM"))
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(minutes=-30)
    assert str(alarm["DESCRIPTION"]) == "Samordningsmöte SIP-2026-031"


def test_vtimezone_is_the_rrule_form(invite: bytes) -> None:
    cal = parse(invite)
    (tz,) = list(cal.walk("VTIMEZONE"))
    assert str(tz["TZID"]) == "Europe/Stockholm"
    (standard,) = list(tz.walk("STANDARD"))
    (daylight,) = list(tz.walk("DAYLIGHT"))
    assert standard["TZOFFSETFROM"].td == timedelta(hours=2)
    assert standard["TZOFFSETTO"].td == timedelta(hours=1)
    assert daylight["TZOFFSETFROM"].td == timedelta(hours=1)
    assert daylight["TZOFFSETTO"].td == timedelta(hours=2)
    assert standard["DTSTART"].dt == datetime(1970, 10, 25, 3, 0)
    assert daylight["DTSTART"].dt == datetime(1970, 3, 29, 2, 0)
    assert standard["RRULE"] == {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}
    assert daylight["RRULE"] == {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}
    assert b"RDATE" not in invite


def test_attendees_roles_and_no_individual(invite: bytes) -> None:
    (event,) = events(parse(invite))
    rows = {str(a): a.params for a in event["ATTENDEE"]}
    assert set(rows) == {
        "mailto:karin.lund@example.se",
        "mailto:eva.ek@example.se",
        "mailto:per.astrom@example.se",
        "mailto:lena.berg@example.se",
        "mailto:omar.said@example.se",
    }  # the individual and the samcoach (no e-mail) are not invited
    chair = rows.pop("mailto:karin.lund@example.se")
    assert chair["ROLE"] == "CHAIR"
    roles = {addr: p["ROLE"] for addr, p in rows.items()}
    assert roles == {
        "mailto:eva.ek@example.se": "REQ-PARTICIPANT",  # kallad
        "mailto:per.astrom@example.se": "REQ-PARTICIPANT",  # kallad
        "mailto:lena.berg@example.se": "REQ-PARTICIPANT",  # inbjuden, presence requested
        "mailto:omar.said@example.se": "OPT-PARTICIPANT",  # inbjuden
    }
    for params in rows.values():
        assert params["PARTSTAT"] == "NEEDS-ACTION" and params["RSVP"] == "TRUE"
        assert "CN" not in params  # an address only: no name, no organisation's unit


def test_description_has_time_place_circle_and_what_to_bring(invite: bytes) -> None:
    text = str(events(parse(invite))[0]["DESCRIPTION"])
    lines = text.split("\n")
    assert lines[:4] == [
        "Samordningsmöte SIP-2026-031",
        "Tid: måndag 29 mars 2027 09:00–10:00",
        "Plats: Kommunhuset, rum Storsjön",
        "Videolänk: https://video.example.se/m/123",
    ]
    for part in (
        "1. Inledning",
        "2. Aktuell situation",
        "3. Behov",
        "4. Sammanfattning",
        "5. Avslutning",
    ):
        assert part in text
    assert "- Försäkringskassan: Vilka ersättningar som gäller och vad som händer härnäst." in text
    assert "- Arbetsförmedlingen: Möjliga arbetsmarknadsinsatser." in text
    assert "Sammankallande: Eva Ek (Krokoms kommun)" in text
    assert "Kim" not in text and "arbete?" not in text  # no person, no frågeställning


def test_bytes_crlf_no_bom_folded_at_75_octets_multibyte_intact(meeting, invite: bytes) -> None:
    reminders = actions_ics(meeting.state, STAMP)
    assert reminders is not None
    for data in (invite, reminders):
        assert not data.startswith(b"\xef\xbb\xbf")
        assert b"\n" not in data.replace(b"\r\n", b"")
        assert b"\r" not in data.replace(b"\r\n", b"")
        lines = raw_lines(data)
        assert max(len(line) for line in lines) <= 75
        for line in lines:
            line.decode("utf-8")  # a fold never splits a multibyte character
    long_lines = [line for line in raw_lines(invite) if len(line) > 70]
    assert long_lines, "the description is long enough to be folded"
    assert "Region Jämtland Härjedalen: Er bedömning av arbetsförmågan." in ics_text(invite)
    assert all(ch in ics_text(invite) for ch in "åäö–")


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        (datetime(2027, 3, 29, 9, 0), datetime(2027, 3, 29, 7, 0, tzinfo=UTC)),  # after DST starts
        (datetime(2026, 10, 26, 9, 0), datetime(2026, 10, 26, 8, 0, tzinfo=UTC)),  # after it ends
        (datetime(2027, 3, 28, 9, 0), datetime(2027, 3, 28, 7, 0, tzinfo=UTC)),  # the change day
    ],
)
def test_dst_edges_give_the_right_utc_instant(local: datetime, utc: datetime) -> None:
    plan = make_plan(start=datetime(2026, 9, 15, 9, 0, tzinfo=STOCKHOLM))
    p = play_meeting(plan, follow_up=local.replace(tzinfo=STOCKHOLM), approve=True)
    data = follow_up_ics(p.state, STAMP)
    cal = parse(data)
    (event,) = events(cal)
    assert f"DTSTART;TZID=Europe/Stockholm:{local:%Y%m%dT%H%M%S}".encode() in data
    assert event["DTSTART"].dt.astimezone(UTC) == utc
    # The same instant from our own VTIMEZONE rules, not icalendar's zone database.
    (vtz,) = list(cal.walk("VTIMEZONE"))
    own = vtz.to_tz()
    assert local.replace(tzinfo=own).astimezone(UTC) == utc


def test_an_invite_is_not_written_until_its_text_is_approved() -> None:
    p = play_meeting()
    assert [i.approved for i in invites(p.state)] == [False, False, False]
    with pytest.raises(InviteError) as err:
        follow_up_ics(p.state, STAMP)
    assert err.value.key == "invites.error.not_approved"
    assert actions_ics(p.state, STAMP) is None
    files = export_files(p.state, eml=True, stamp=STAMP)
    assert not [n for n in files if n.endswith((".ics", ".eml"))]
    assert [n for n in files if n.endswith(".md")]  # the minutes are written all the same
    # Approving only the follow-up writes only the follow-up.
    p.do(approve(invites(p.state)[0].proposal))
    files = export_files(p.state, stamp=STAMP)
    assert [n for n in files if n.endswith(".ics")] == ["SIP-2026-031_2026-12-03_uppfoljning.ics"]


def test_moving_the_follow_up_needs_a_new_approval_then_keeps_uid_and_bumps_sequence() -> None:
    p = play_meeting(close=False, approve=True)
    first = parse(follow_up_ics(p.state, STAMP))
    uid = str(events(first)[0]["UID"])
    p.do(c.SetFollowUp(datetime(2027, 4, 5, 13, 0, tzinfo=STOCKHOLM), 90, "Rådhuset"))
    (follow_up,) = [i for i in invites(p.state) if i.proposal.key == FOLLOW_UP]
    assert follow_up.approval is not None and not follow_up.approved  # changed since
    with pytest.raises(InviteError):
        follow_up_ics(p.state, STAMP)
    approve_invites(p)
    (event,) = events(parse(follow_up_ics(p.state, STAMP)))
    assert str(event["UID"]) == uid and int(event["SEQUENCE"]) == 1
    assert event["DTSTART"].dt == datetime(2027, 4, 5, 13, 0, tzinfo=STOCKHOLM)
    assert str(event["LOCATION"]) == "Rådhuset"
    p.do(c.CancelFollowUp())
    with pytest.raises(InviteError):
        follow_up_ics(p.state, STAMP)  # a cancellation is a new text to approve too
    approve_invites(p)
    cal = parse(follow_up_ics(p.state, STAMP))
    assert cal["METHOD"] == "CANCEL"
    (event,) = events(cal)
    assert str(event["UID"]) == uid and int(event["SEQUENCE"]) == 2
    assert str(event["STATUS"]) == "CANCELLED"
    assert not list(event.walk("VALARM"))
    assert len(event["ATTENDEE"]) == 5


def test_action_reminders_are_all_day_publish_events(meeting) -> None:
    data = actions_ics(meeting.state, STAMP)
    cal = parse(data)
    assert cal["METHOD"] == "PUBLISH"
    evs = events(cal)
    assert len(evs) == 2  # the third insats has no due date
    assert not list(cal.walk("VTODO")) and b"ATTENDEE" not in data
    days = []
    for event in evs:
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert type(start) is date and end == start + timedelta(days=1)
        assert str(event["ORGANIZER"]) == "mailto:karin.lund@example.se"
        days.append(start)
    assert days == [date(2027, 1, 15), date(2027, 2, 1)]
    assert b"DTSTART;VALUE=DATE:20270115\r\n" in data and b"DTEND;VALUE=DATE:20270116\r\n" in data
    assert len({str(e["UID"]) for e in evs}) == 2
    later = actions_ics(meeting.state, STAMP + timedelta(days=1))
    assert later is not None and later.replace(b"20261204T", b"20261203T") == data
    text = ics_text(data)
    assert "Ordna arbetsträning" not in text  # the insats's text is case detail: its number only
    assert "Insats 1 att följa upp – SIP-2026-031" in text
    assert "Ansvarig: Eva Ek (Krokoms kommun)" in text


def test_no_reminders_without_due_dates() -> None:
    p = Play(make_plan())
    assert proposals(p.state) == [] and actions_ics(p.state, STAMP) is None


def test_english_invite() -> None:
    p = play_meeting()
    approve_invites(p, "en")
    (event,) = events(parse(follow_up_ics(p.state, STAMP, lang="en")))
    assert str(event["SUMMARY"]) == "Coordination meeting SIP-2026-031"
    assert "3. Needs" in str(event["DESCRIPTION"])
    # Approved in English, the Swedish text is another text: not approved.
    with pytest.raises(InviteError):
        follow_up_ics(p.state, STAMP, lang="sv")


def test_without_organizer_email_there_is_no_invite() -> None:
    plan = make_plan(chair=Person("Karin Lund"))
    p = play_meeting(plan)
    with pytest.raises(InviteError) as err:
        follow_up_ics(p.state, STAMP)
    assert "e-post" in err.value.message("sv")
    with pytest.raises(InviteError):
        follow_up_ics(Play(plan).state, STAMP)  # no follow-up at all


# --- the allow-list ----------------------------------------------------------------------


def _edited_meeting() -> tuple[Play, str]:
    """The leaky meeting, whose invite the chair rewrote before approving it."""
    p = play_leaky_meeting()
    follow_up = invites(p.state)[0]
    draft = with_text(
        follow_up.proposal,
        "Samordningsmöte SIP-2026-031",
        "Rum 4, plan 2",
        "https://video.example.se/rum4",
        "Välkomna! Frågor till samordnaren.",
        ["eva.ek@example.se", "per.astrom@example.se"],
    )
    p.do(approve(draft, follow_up.proposal))
    return p, draft.description


def test_the_invite_holds_only_allow_listed_properties_and_only_approved_text() -> None:
    p, description = _edited_meeting()
    data = follow_up_ics(p.state, STAMP)
    cal = parse(data)
    assert set(cal.keys()) == {"PRODID", "VERSION", "CALSCALE", "METHOD"}
    assert {comp.name for comp in cal.subcomponents} == {"VTIMEZONE", "VEVENT"}
    (event,) = events(cal)
    assert set(event.keys()) == EVENT_PROPERTIES
    assert {comp.name for comp in event.subcomponents} == {"VALARM"}
    assert str(event["SUMMARY"]) == "Samordningsmöte SIP-2026-031"
    assert str(event["LOCATION"]) == "Rum 4, plan 2"
    assert str(event["URL"]) == "https://video.example.se/rum4"
    assert str(event["DESCRIPTION"]) == description
    assert description.split("\n")[1:] == [
        "Tid: måndag 29 mars 2027 09:00–10:00",
        "Plats: Rum 4, plan 2",
        "Videolänk: https://video.example.se/rum4",
        "",
        "Välkomna! Frågor till samordnaren.",
    ]
    addresses = sorted(str(a) for a in event["ATTENDEE"])
    assert addresses == [
        "mailto:eva.ek@example.se",
        "mailto:karin.lund@example.se",  # the chair, who organises it
        "mailto:per.astrom@example.se",
    ]
    # Nothing of the case beyond the approved text: no name, number or health word.
    text = ics_text(data).lower()
    for word in (*LEAK_NAME.lower().split(), *(w.lower() for w in LEAK_HEALTH)):
        assert word not in text, word
    assert find_personnummer(ics_text(data)) == []
    # The e-mail says no more than the invite.
    mail = email.message_from_bytes(
        invite_email(invites(p.state)[0].draft, data, STAMP), policy=policy.default
    )
    whole = "\n".join([str(mail["Subject"]), str(mail["From"]), str(mail["To"])])
    whole += mail.get_body(("plain",)).get_content()
    assert "Kim" not in whole and "19121212" not in whole and "kim" not in whole.lower()


def test_a_reminder_holds_only_allow_listed_properties(meeting) -> None:
    data = actions_ics(meeting.state, STAMP)
    cal = parse(data)
    assert {comp.name for comp in cal.subcomponents} == {"VEVENT"}
    for event in events(cal):
        assert set(event.keys()) == REMINDER_PROPERTIES
        assert not event.subcomponents


def test_what_the_case_holds_is_proposed_and_shown_never_dropped_or_sent_unapproved() -> None:
    p = play_leaky_meeting()
    proposal = invites(p.state)[0].proposal
    # The proposal carries what the case says (the preview shows it all, marked) …
    assert LEAK_NAME in proposal.place and "19121212-1212" in proposal.message
    # … and the engine refuses to approve a personnummer, so it can never be written.
    with pytest.raises(DomainError) as err:
        p.do(approve(proposal))
    assert err.value.key == "engine.error.personnummer_in_text"
    with pytest.raises(InviteError) as refused:
        calendar([proposal], STAMP)  # the writer's own last line of defence
    assert refused.value.key == "invites.error.personnummer"


def test_a_case_code_that_is_a_personnummer_is_never_written() -> None:
    plan = replace(make_plan(), case_code="19121212-1212")
    p = Play(plan, meeting_id="20261203-0900-19121212-1212-abcd")
    p.do(
        c.SetFollowUp(datetime(2027, 3, 29, 9, 0, tzinfo=STOCKHOLM), 60, "Rum 1"),
        c.AddAction("x", "kommun", date(2027, 1, 1)),
    )
    for invite in invites(p.state):
        assert "19121212-1212" in invite.proposal.title  # shown in the preview, not hidden
        with pytest.raises(DomainError):
            p.do(approve(invite.proposal))
    # Rewritten by the chair, it goes; the uid never shows the meeting id.
    for invite in invites(p.state):
        draft = replace(invite.proposal, title="Samordningsmöte", message="Se kallelsen.")
        p.do(approve(draft, invite.proposal))
    for data in (follow_up_ics(p.state, STAMP), actions_ics(p.state, STAMP)):
        assert data is not None
        assert find_personnummer(ics_text(data)) == []
        for event in events(parse(data)):
            assert "1212" not in str(event["UID"])


def test_nothing_is_dropped_silently_a_place_with_lss_goes_as_approved() -> None:
    p = play_meeting(close=False)
    p.do(c.SetFollowUp(datetime(2027, 3, 29, 9, 0, tzinfo=STOCKHOLM), 60, "LSS-enheten, rum 3"))
    approve_invites(p)
    (event,) = events(parse(follow_up_ics(p.state, STAMP)))
    assert str(event["LOCATION"]) == "LSS-enheten, rum 3"
    assert "Plats: LSS-enheten, rum 3" in str(event["DESCRIPTION"])
    assert "meddelas separat" not in str(event["DESCRIPTION"])


def test_without_place_or_link_the_invite_says_so_as_the_chair_saw_it() -> None:
    p = play_meeting(make_plan(video_link=""), close=False)
    p.do(c.SetFollowUp(datetime(2027, 3, 29, 9, 0, tzinfo=STOCKHOLM), 60, ""))
    approve_invites(p)
    (event,) = events(parse(follow_up_ics(p.state, STAMP)))
    assert "LOCATION" not in event and "URL" not in event
    assert "Plats: meddelas separat av den som kallar." in str(event["DESCRIPTION"])


def test_the_engine_refuses_approval_text_it_would_refuse_anywhere() -> None:
    p = play_meeting()
    proposal = invites(p.state)[0].proposal
    for draft, key in (
        (replace(proposal, title=" "), "engine.error.empty"),
        (replace(proposal, link="javascript:alert(1)"), "engine.error.bad_link"),
        (with_text(proposal, "T", "", "", "", ["inte en adress"]), "engine.error.bad_address"),
        (replace(proposal, message="Ring 121212-1212"), "engine.error.personnummer_in_text"),
    ):
        with pytest.raises(DomainError) as err:
            p.do(approve(draft, proposal))
        assert err.value.key == key
    with pytest.raises(DomainError) as err:
        p.do(approve(replace(proposal, key="action-999")))
    assert err.value.key == "engine.error.no_invite"
    # Control and bidi characters a paste brought are removed from what is stored.
    p.do(approve(replace(proposal, place="Rum\x1b[2J 4\u202e", message="Hej\x07\nigen"), proposal))
    approval = p.state.invite_approval(FOLLOW_UP)
    assert approval is not None
    assert approval.place == "Rum[2J 4" and approval.message == "Hej\nigen"


def test_the_approval_is_kept_in_the_journal_and_allowed_after_closing(tmp_path) -> None:
    from starmote.engine.fold import fold
    from starmote.store.journal import Journal
    from starmote.store.session import FakeClock, Session, load_events

    clock = FakeClock(wall0=datetime(2026, 12, 3, 8, 0, tzinfo=UTC))
    with Journal.open(tmp_path / "home") as journal:
        s = Session.start(journal, make_plan(), clock, meeting_id="m-approve")
        s.do(c.SetFollowUp(datetime(2027, 3, 29, 9, 0, tzinfo=STOCKHOLM), 60, "Rum 1"))
        s.do(c.CloseMeeting("Testat"))
        assert s.state.status == "closed"
        (follow_up,) = invites(s.state)
        edited = replace(follow_up.proposal, place="Rum 2")
        s.do(approve(edited, follow_up.proposal))
        stored = fold(load_events(journal, "m-approve"))
    (again,) = invites(stored)
    assert again.approved and again.draft.place == "Rum 2"
    assert str(events(parse(follow_up_ics(stored, STAMP)))[0]["LOCATION"]) == "Rum 2"


def test_eml_is_multipart_alternative_with_the_calendar(meeting, invite: bytes) -> None:
    draft = invites(meeting.state)[0].draft
    data = invite_email(draft, invite, STAMP)
    assert b"\r\n" in data
    msg = email.message_from_bytes(data, policy=policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    plain, cal = list(msg.iter_parts())
    assert plain.get_content_type() == "text/plain"
    assert cal.get_content_type() == "text/calendar"
    assert cal.get_param("method") == "REQUEST" and cal.get_param("charset") == "UTF-8"
    assert cal.get_payload(decode=True) == invite
    assert str(msg["Subject"]) == "Inbjudan: Samordningsmöte SIP-2026-031"
    to = str(msg["To"])
    assert "eva.ek@example.se" in to and "omar.said@example.se" in to and "karin.lund" not in to
    assert str(msg["From"]) == "karin.lund@example.se"
    assert msg["X-Unsent"] == "1"  # opens as a draft in Outlook
    p = play_meeting(close=False)
    p.do(c.CancelFollowUp())
    approve_invites(p)
    cancelled = invites(p.state)[0].draft
    cmsg = email.message_from_bytes(
        invite_email(cancelled, calendar([cancelled], STAMP), STAMP), policy=policy.default
    )
    assert list(cmsg.iter_parts())[1].get_param("method") == "CANCEL"
    assert str(cmsg["Subject"]).startswith("Inställt:")


def test_a_hybrid_follow_up_carries_its_place_and_its_own_link() -> None:
    p = play_meeting(close=False)
    start = datetime(2027, 4, 5, 13, 0, tzinfo=STOCKHOLM)
    p.do(c.SetFollowUp(start, 60, "Rådhuset", link="https://video.example.se/f/9"))
    approve_invites(p)
    (event,) = events(parse(follow_up_ics(p.state, STAMP)))
    assert str(event["LOCATION"]) == "Rådhuset"
    assert str(event["URL"]) == "https://video.example.se/f/9"
    assert "https://video.example.se/f/9" in str(event["DESCRIPTION"])
    # Given as none, none goes out (not the meeting's own link).
    p.do(c.SetFollowUp(start, 60, "Rådhuset", link=""))
    approve_invites(p)
    (event,) = events(parse(follow_up_ics(p.state, STAMP)))
    assert "URL" not in event and "video.example.se" not in str(event["DESCRIPTION"])
