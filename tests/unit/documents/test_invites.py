"""Invites (.ics), action reminders and the .eml: structure, bytes, time zones and privacy."""

from __future__ import annotations

import email
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from email import policy

import pytest
from icalendar import Calendar

from starmote.documents.eml import invite_email
from starmote.documents.invites import InviteError, actions_ics, follow_up_ics, ics_text, scrub
from starmote.engine import commands as c
from starmote.i18n import en, sv
from starmote.plan.model import STOCKHOLM, Person
from starmote.privacy import find_personnummer_like
from tests.support.exportcase import (
    LEAK_HEALTH,
    LEAK_NAME,
    LEAK_PNRS,
    Play,
    leaky_plan,
    make_plan,
    play_leaky_meeting,
    play_meeting,
)

STAMP = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


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
    return play_meeting()


@pytest.fixture(scope="module")
def invite(meeting) -> bytes:
    return follow_up_ics(meeting.state, STAMP)


def test_request_has_one_event_organizer_and_vtimezone(meeting, invite: bytes) -> None:
    cal = parse(invite)
    assert cal["METHOD"] == "REQUEST"
    assert cal["VERSION"] == "2.0" and cal["PRODID"].startswith("-//starmote//")
    (event,) = events(cal)
    fu = meeting.state.follow_up
    assert str(event["UID"]) == fu.uid
    assert int(event["SEQUENCE"]) == 0
    assert str(event["SUMMARY"]) == "Samordningsmöte SIP-2026-031"
    assert str(event["LOCATION"]) == "Kommunhuset, rum Storsjön"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]) == "mailto:karin.lund@example.se"
    assert event["ORGANIZER"].params["CN"] == "Karin Lund (Krokoms kommun)"
    assert b"\r\nDTSTART;TZID=Europe/Stockholm:20270329T090000\r\n" in invite
    assert b"\r\nDTEND;TZID=Europe/Stockholm:20270329T100000\r\n" in invite
    assert b"\r\nDTSTAMP:20261203T120000Z\r\n" in invite
    (alarm,) = list(event.walk("VALARM"))
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(minutes=-30)
    assert str(alarm["DESCRIPTION"])


def test_vtimezone_is_the_rrule_form(invite: bytes) -> None:
    cal = parse(invite)
    (tz,) = list(cal.walk("VTIMEZONE"))
    assert str(tz["TZID"]) == "Europe/Stockholm"
    (standard,) = list(tz.walk("STANDARD"))
    (daylight,) = list(tz.walk("DAYLIGHT"))
    assert standard["TZOFFSETFROM"].td == timedelta(hours=2) and standard[
        "TZOFFSETTO"
    ].td == timedelta(hours=1)
    assert daylight["TZOFFSETFROM"].td == timedelta(hours=1) and daylight[
        "TZOFFSETTO"
    ].td == timedelta(hours=2)
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
    assert rows["mailto:per.astrom@example.se"]["CN"] == "Per Åström (Region Jämtland Härjedalen)"


def test_description_has_the_circle_and_what_to_bring(invite: bytes) -> None:
    text = str(events(parse(invite))[0]["DESCRIPTION"])
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
    for data in (invite, reminders):
        assert not data.startswith(b"\xef\xbb\xbf")
        assert b"\n" not in data.replace(b"\r\n", b"")
        assert b"\r" not in data.replace(b"\r\n", b"")
        lines = raw_lines(data)
        assert max(len(line) for line in lines) <= 75
        for line in lines:
            line.decode("utf-8")  # a fold never splits a multibyte character
        text = ics_text(data)
        assert "Samordningsmöte" in text or "Insats" in text
    long_lines = [line for line in raw_lines(invite) if len(line) > 70]
    assert long_lines, "the description is long enough to be folded"
    assert "Per Åström (Region Jämtland Härjedalen)" in ics_text(invite)
    assert "åäö" not in ics_text(invite)  # sanity: the check below is meaningful
    assert all(ch in ics_text(invite) for ch in "åäöÅ–")


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        (
            datetime(2027, 3, 29, 9, 0),
            datetime(2027, 3, 29, 7, 0, tzinfo=UTC),
        ),  # day after DST starts
        (
            datetime(2026, 10, 26, 9, 0),
            datetime(2026, 10, 26, 8, 0, tzinfo=UTC),
        ),  # day after DST ends
        (
            datetime(2027, 3, 28, 9, 0),
            datetime(2027, 3, 28, 7, 0, tzinfo=UTC),
        ),  # the change day itself
    ],
)
def test_dst_edges_give_the_right_utc_instant(local: datetime, utc: datetime) -> None:
    plan = make_plan(start=datetime(2026, 9, 15, 9, 0, tzinfo=STOCKHOLM))
    p = play_meeting(plan, follow_up=local.replace(tzinfo=STOCKHOLM))
    data = follow_up_ics(p.state, STAMP)
    cal = parse(data)
    (event,) = events(cal)
    assert f"DTSTART;TZID=Europe/Stockholm:{local:%Y%m%dT%H%M%S}".encode() in data
    assert event["DTSTART"].dt.astimezone(UTC) == utc
    # The same instant from our own VTIMEZONE rules, not icalendar's zone database.
    (vtz,) = list(cal.walk("VTIMEZONE"))
    own = vtz.to_tz()
    assert local.replace(tzinfo=own).astimezone(UTC) == utc


def test_moving_keeps_uid_and_bumps_sequence_then_cancel(meeting) -> None:
    p = play_meeting(close=False)
    first = p.state.follow_up
    p.do(c.SetFollowUp(datetime(2027, 4, 5, 13, 0, tzinfo=STOCKHOLM), 90, "Rådhuset"))
    moved = parse(follow_up_ics(p.state, STAMP))
    (event,) = events(moved)
    assert str(event["UID"]) == first.uid and int(event["SEQUENCE"]) == 1
    assert event["DTSTART"].dt == datetime(2027, 4, 5, 13, 0, tzinfo=STOCKHOLM)
    p.do(c.CancelFollowUp())
    data = follow_up_ics(p.state, STAMP)
    cal = parse(data)
    assert cal["METHOD"] == "CANCEL"
    (event,) = events(cal)
    assert str(event["UID"]) == first.uid and int(event["SEQUENCE"]) == 2
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
    uids = [str(e["UID"]) for e in evs]
    ids = [a.id for a in meeting.state.actions[:2]]
    assert uids == [f"{meeting.state.meeting_id}-action-{i}@starmote" for i in ids]
    assert (
        actions_ics(meeting.state, STAMP + timedelta(days=1)).replace(b"20261204T", b"20261203T")
        == data
    )
    text = ics_text(data)
    assert (
        "Ordna arbetsträning" not in text
    )  # the insats text is case detail: only its number goes out
    assert (
        "Insats 1 att följa upp – SIP-2026-031" in text
        and "Ansvarig: Eva Ek (Krokoms kommun)" in text
    )


def test_no_reminders_without_due_dates() -> None:
    p = Play(make_plan())
    assert actions_ics(p.state, STAMP) is None


def test_english_invite(meeting) -> None:
    data = follow_up_ics(meeting.state, STAMP, lang="en")
    (event,) = events(parse(data))
    assert str(event["SUMMARY"]) == "Coordination meeting SIP-2026-031"
    assert "3. Needs" in str(event["DESCRIPTION"])


def test_without_organizer_email_there_is_no_invite() -> None:
    plan = make_plan(chair=Person("Karin Lund"))
    p = play_meeting(plan)
    with pytest.raises(InviteError) as err:
        follow_up_ics(p.state, STAMP)
    assert "e-post" in err.value.message("sv")
    with pytest.raises(InviteError):
        follow_up_ics(Play(plan).state, STAMP)  # no follow-up at all


def _assert_clean(data: bytes) -> None:
    text = ics_text(data)
    folded = data.decode("utf-8")
    for blob in (text, folded, re.sub(r"\s+", "", text)):
        low = blob.lower()
        for word in LEAK_NAME.split():
            assert word.lower() not in low, word
        for pnr in LEAK_PNRS:
            assert pnr not in blob
        assert "1212121212" not in re.sub(r"[-+ ]", "", blob)
        for word in LEAK_HEALTH:
            assert word.lower() not in low, word
        assert find_personnummer_like(blob) == []
    # leaky_text writes "<field> för <name> …": none of the case's own fields may show up.
    for forbidden in (
        "fråga för",
        "anteckning för",
        "insats för",
        "beslut för",
        "åsikt för",
        "mål för",
        "omfattning för",
        "orsak för",
        "kontakt för",
        "roll för",
        "not för",
    ):
        assert forbidden not in text.lower(), forbidden


def test_privacy_nothing_about_the_person_or_the_case_reaches_the_ics() -> None:
    p = play_leaky_meeting()
    invite = follow_up_ics(p.state, STAMP)
    reminders = actions_ics(p.state, STAMP)
    cancel = follow_up_ics(p.state, STAMP, cancel=True)
    for data in (invite, reminders, cancel):
        parse(data)
        _assert_clean(data)
    (event,) = events(parse(invite))
    assert str(event["SUMMARY"]) == "Samordningsmöte SIP-2026-031"
    assert "LOCATION" not in event  # the place leaked, so it is left out, not half-scrubbed
    assert "Plats: meddelas separat" in str(event["DESCRIPTION"])
    cns = [a.params.get("CN", "") for a in event["ATTENDEE"]]
    # Every organisation here holds a leak, so none is named: just the person.
    assert "Eva Ek" in cns
    assert all(cn and "()" not in cn for cn in cns), cns
    mail = invite_email(p.state, invite, STAMP)
    msg = email.message_from_bytes(mail, policy=policy.default)
    plain = msg.get_body(("plain",)).get_content()
    _assert_clean((str(msg["Subject"]) + "\n" + plain + "\n" + str(msg["From"])).encode())


def test_a_case_code_that_is_a_personnummer_never_reaches_uid_or_summary() -> None:
    plan = replace(leaky_plan(), case_code="19121212-1212")
    p = Play(plan, meeting_id="20261203-0900-19121212-1212-abcd")
    p.do(
        c.SetFollowUp(datetime(2027, 3, 29, 9, 0, tzinfo=STOCKHOLM), 60, "Rum 1"),
        c.AddAction("x", "kommun", date(2027, 1, 1)),
    )
    for data in (follow_up_ics(p.state, STAMP), actions_ics(p.state, STAMP)):
        parse(data)
        assert (
            "1212"
            not in ics_text(data).split("DTSTAMP")[0] + ics_text(data).split("DTSTAMP")[1][20:]
        )
        assert find_personnummer_like(ics_text(data)) == []
    uid = str(events(parse(follow_up_ics(p.state, STAMP)))[0]["UID"])
    assert uid.endswith("@starmote") and "1212" not in uid
    assert uid == str(events(parse(follow_up_ics(p.state, STAMP + timedelta(hours=1))))[0]["UID"])


def test_scrub_removes_and_tidies() -> None:
    plan = make_plan()
    assert scrub("Möte med Kim L. om depression, 19121212-1212", plan) == "Möte"
    assert scrub("Eva Ek (Beroendemottagningen)", plan) == "Eva Ek"
    assert scrub('Rum "Storsjön"', plan) == "Rum 'Storsjön'"
    assert scrub("Ring 811218-9876 eller 8112189876", plan) == "Ring eller"
    assert scrub("Kim", plan) == "" and scrub("Kimberly Svensson", plan) == "Kimberly Svensson"
    assert scrub("Tel 070-123 45 67", plan) == "Tel 070-123 45 67"
    assert scrub("Please add notes (ADD, adhd)", plan) == "Please add notes"


@pytest.mark.parametrize("catalogue", [sv.MESSAGES, en.MESSAGES])
def test_scrub_leaves_our_own_invite_texts_alone(catalogue: dict[str, str]) -> None:
    plan = make_plan()
    for key, text in catalogue.items():
        if key.startswith("invites.") and not key.startswith("invites.error."):
            assert scrub(text, plan) == text, key


def test_eml_is_multipart_alternative_with_the_calendar(meeting, invite: bytes) -> None:
    data = invite_email(meeting.state, invite, STAMP)
    assert b"\r\n" in data
    msg = email.message_from_bytes(data, policy=policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    plain, calendar = list(msg.iter_parts())
    assert plain.get_content_type() == "text/plain"
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("method") == "REQUEST" and calendar.get_param("charset") == "UTF-8"
    assert calendar.get_payload(decode=True) == invite
    assert str(msg["Subject"]) == "Inbjudan: Samordningsmöte SIP-2026-031"
    to = str(msg["To"])
    assert "eva.ek@example.se" in to and "omar.said@example.se" in to and "karin.lund" not in to
    assert "karin.lund@example.se" in str(msg["From"])
    assert msg["X-Unsent"] == "1"  # opens as a draft in Outlook
    cancel = invite_email(meeting.state, follow_up_ics(meeting.state, STAMP, cancel=True), STAMP)
    cmsg = email.message_from_bytes(cancel, policy=policy.default)
    assert list(cmsg.iter_parts())[1].get_param("method") == "CANCEL"
    assert str(cmsg["Subject"]).startswith("Inställt:")


def test_scrubbed_text_is_left_out_whole_not_mangled() -> None:
    """A clinic's name or a 'brings' line that would be cut is omitted, never half-shown."""
    from dataclasses import replace as dc_replace

    from starmote.documents.invites import description, follow_up_ics, ics_text
    from tests.support.exportcase import play_meeting

    state = play_meeting().state
    plan = state.plan
    parties = tuple(
        dc_replace(
            p,
            organisation="Region Exempel, Vuxenpsykiatrin",
            brings="Behandlingsplanen från psykiatrin",
        )
        if not p.is_individual and p.email
        else p
        for p in plan.parties
    )
    state = dc_replace(state, plan=dc_replace(plan, parties=parties))
    text = ics_text(follow_up_ics(state, datetime(2026, 12, 3, 12, tzinfo=UTC)))
    assert "psykiatri" not in text.lower()
    assert "Region Exempel)" in text  # the clean first part stays, without a dangling comma
    assert "Exempel,)" not in text
    assert "Behandlingsplanen" not in description(state, "sv")


@pytest.mark.parametrize(
    ("organisation", "cn_org"),
    [
        ("Region Exempel, BUP", "Region Exempel"),
        ("Exempelby kommun, socialtjänsten (Vuxenenheten)", "Exempelby kommun"),
        ("Region Exempel, Avdelning 7", "Region Exempel"),  # a unit no word list knows
        ("Exempelby kommun (Vuxenenheten)", "Exempelby kommun"),
        ("Region Exempel – Mottagning 3", "Region Exempel"),
        ("God man", ""),
        ("Kvinnojouren Exempel", ""),
        ("Försäkringskassan", "Försäkringskassan"),
    ],
)
def test_an_invite_names_only_the_principal_never_the_unit(organisation, cn_org) -> None:
    from dataclasses import replace as dc_replace

    from tests.support.exportcase import play_meeting

    state = play_meeting().state
    plan = state.plan
    parties = tuple(
        dc_replace(p, organisation=organisation) if not p.is_individual and p.email else p
        for p in plan.parties
    )
    state = dc_replace(state, plan=dc_replace(plan, parties=parties))
    (event,) = events(parse(follow_up_ics(state, STAMP)))
    cns = [str(a.params.get("CN", "")) for a in event["ATTENDEE"]]
    invited = [p for p in parties if not p.is_individual and p.email and p.person]
    for party in invited:
        expected = f"{party.person} ({cn_org})" if cn_org else party.person
        assert expected in cns, cns
    unit = organisation[len(cn_org) :].strip(" ,–()") if cn_org else organisation
    if unit:
        assert unit not in ics_text(follow_up_ics(state, STAMP))


@pytest.mark.parametrize(
    "text",
    [
        "Ungdomsmottagningen, Parkgatan 5",
        "LSS-enheten, Kyrkvägen 3",
        "BUP-mottagningen",
        "Vuxenhabiliteringen",
        "HVB-hemmet Solgläntan",
        "Skyddat boende",
        "Per Holm, god man",
        "Aktuell bedömning av arbetsförmåga",
        "Psykologmottagningen",
    ],
)
def test_scrub_catches_the_units_a_tester_saw_leak(text) -> None:
    from tests.support.exportcase import play_meeting

    left = scrub(text, play_meeting().state.plan).lower()
    for word in ("ungdomsmottagning", "lss", "bup", "habilit", "hvb", "skyddat", "god man"):
        assert word not in left, left
    assert "arbetsförmåg" not in left and "psykolog" not in left


def test_scrub_keeps_harmless_words_and_a_usable_reply_address() -> None:
    from dataclasses import replace as dc_replace

    from starmote.documents.invites import description
    from tests.support.exportcase import play_meeting

    state = play_meeting().state
    plan = state.plan
    assert scrub("En god mandelkaka", plan) == "En god mandelkaka"
    chair = dc_replace(plan.chair, email="bup.sip@regionexempel.se")
    text = description(dc_replace(state, plan=dc_replace(plan, chair=chair)), "sv")
    assert "bup" not in text.lower() and "<.sip" not in text
