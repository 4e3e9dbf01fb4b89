"""Minutes (Markdown, HTML) and the plain-language summary, from meetings played by the engine."""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from starmote.documents.fmt import fmt_diff, fmt_span
from starmote.documents.minutes import build_minutes, minutes_html, minutes_markdown
from starmote.documents.plain_language import plain_html, plain_markdown
from starmote.documents.render_md import escape
from starmote.engine import commands as c
from starmote.plan.model import Individual
from tests.support.exportcase import SECRET, make_plan, play_meeting

STAMP = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
LATER = datetime(2026, 12, 4, 15, 47, tzinfo=UTC)


@pytest.fixture(scope="module")
def meeting():
    return play_meeting()


@pytest.fixture(scope="module")
def md(meeting) -> str:
    return minutes_markdown(meeting.state, STAMP)


def section(text: str, heading: str) -> str:
    """The Markdown from `## heading` to the next `## `."""
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 3)
    return text[start : end if end != -1 else None]


def test_header_facts(md: str) -> None:
    assert md.startswith("# Minnesanteckningar: SIP-möte SIP-2026-031, 3 december 2026\n")
    for line in (
        "- **Mötestyp:** SIP-möte (motescirkel-sip)",
        "- **Datum:** torsdag 3 december 2026",
        "- **Bokad tid:** 09:00–10:30",
        "- **Faktisk tid:** 09:00–10:05",
        "- **Plats:** Kommunhuset, rum Storsjön",
        "- **Länk:** https://video.example.se/m/123",
        "- **Ordförande:** Karin Lund, Krokoms kommun",
        "- **Antecknare:** Nils Nord",
        "- **Personen:** Kim L.",
    ):
        assert line in md


def test_attendance_present_late_left_dropped_absent(md: str) -> None:
    att = section(md, "Närvaro")
    assert "- Kim L.: på plats från 09:00" in att
    assert "video från 09:00; tappade anslutningen 09:16; tillbaka 09:17 (telefon)" in att
    assert (
        "- Försäkringskassan (Lena Berg), handläggare: kom sent 09:07 (telefon); lämnade 09:38"
        in att
    )
    notified = att.split("### Frånvarande, anmält förhinder")[1].split("###")[0]
    assert "Arbetsförmedlingen (Omar Said): Krock med annat möte" in notified
    unnotified = att.split("### Frånvarande utan att ha hört av sig")[1].split("###")[0]
    assert "AME Krokom (Jonas Öhman)" in unnotified
    missing = att.split("### Perspektiv som saknas")[1]
    assert "Arbetsförmedlingen (Omar Said): perspektivet saknas i mötet." in missing
    assert "AME Krokom (Jonas Öhman): perspektivet saknas i mötet." in missing
    # FK came late and left early: its view is missing from those parts only.
    assert (
        "Försäkringskassan (Lena Berg): perspektivet saknas i "
        "Inledning, Sammanfattning, Avslutning." in missing
    )


def test_substitute_and_unregistered_party() -> None:
    p = play_meeting(close=False)
    plan = p.state.plan
    from tests.support.exportcase import Play

    q = Play(plan)
    q.do(c.NoteSubstitute("fk", "Stina Vikarie", "video"), c.CheckIn("kommun"))
    text = minutes_markdown(q.state, STAMP)
    assert "ersättare Stina Vikarie från 09:00 (video)" in text
    assert "Region Jämtland Härjedalen (Per Åström) (närvaro inte registrerad)" in text
    assert "- **Faktisk tid:** 09:00–pågår" in text


def test_consent_questions_and_capture(md: str) -> None:
    consent = section(md, "Samtycke")
    assert "- **På mötet:** Bekräftat 09:00" in consent
    assert "- **Omfattning:** Kommun, region, FK och AF" in consent
    assert "- **Lämnat:** 20 november 2026 (skriftligt)" in consent
    assert "- **Ska inte delas:** Uppgifter om familjen" in consent
    questions = section(md, "Frågeställningar")
    assert (
        "1. Hur kan Kim komma närmare arbete? — besvarad: "
        "Arbetsträning via kommunen från januari." in questions
    )
    assert (
        "2. Vem samordnar insatserna? — skjuts upp till uppföljningen: "
        "Regionens läkare behöver tillfrågas först." in questions
    )
    notes = section(md, "Anteckningar per del")
    assert (
        notes.index("### Inledning")
        < notes.index("Alla presenterade sig.")
        < notes.index("### Aktuell")
    )
    assert "- 09:09 Kim L.: Vill börja arbeta igen, gärna inom lager." in notes
    assert "- 09:13 Krokoms kommun (Eva Ek): Har haft kontakt sedan i våras." in notes
    goals = section(md, "Mål")
    assert (
        goals.index("### Kort sikt")
        < goals.index("arbetsträning inom tre")
        < goals.index("### Lång sikt")
    )
    table = section(md, "Insatser")
    assert "| Nr | Vad | Vem | När | Hur ofta | Läge |" in table
    assert (
        "| 1 | Ordna arbetsträning | Krokoms kommun (Eva Ek) | 15 januari 2027 "
        "| två dagar i veckan | beslutad |" in table
    )
    assert (
        "| 3 | Stöd i vardagen | Region Jämtland Härjedalen (Per Åström) |   | varje vecka "
        "| beslutad |" in table
    )
    assert "- Kommunen samordnar arbetsträningen." in section(md, "Beslut och överenskommelser")
    assert "- Arbetsförmedlingen (Omar Said): Kan AF erbjuda en praktikplats i vår?" in md
    responsible = section(md, "Huvudansvarig")
    assert "- **Namn:** Eva Ek" in responsible and "- **E-post:** eva.ek@example.se" in responsible
    assert "- **Personen tillfrågades:** ja" in responsible
    follow_up = section(md, "Uppföljning")
    assert "- **Datum:** måndag 29 mars 2027" in follow_up
    assert "- **Tid:** 09:00–10:00" in follow_up
    assert "- **Sammankallande:** Krokoms kommun (Eva Ek)" in follow_up
    assert "Bra att alla lyssnade på mig." in section(md, "Personens syn på mötet")


def test_timing_tables(md: str) -> None:
    timing = section(md, "Tidsåtgång")
    assert "| Del | Planerat | Faktiskt | Skillnad |" in timing
    assert "| Inledning | 9:00 | 9:00 | 0:00 |" in timing
    assert "| Behov | 40:30 | 25:00 | −15:30 |" in timing
    assert "| Totalt | 1:30:00 | 1:05:30 | −24:30 |" in timing
    assert "| Talare | Turer | Tilldelat | Faktiskt | Skillnad |" in timing
    assert "| Krokoms kommun (Eva Ek) | 1 |" in timing


def test_rebalance_adds_a_column() -> None:
    p = play_meeting(close=False)
    q = p.state
    budgets = tuple(cl.budget for cl in q.phases[:-1]) + (q.phases[-1].budget + 60,)
    state = p.do(c.Rebalance(budgets))
    text = minutes_markdown(state, STAMP)
    assert "| Del | Planerat | Efter omfördelning | Faktiskt | Skillnad |" in text
    assert "Tiden omfördelades kl. 09:58 för: Avslutning." in text


def test_retracted_entries_never_appear(meeting, md: str) -> None:
    assert meeting.state.retracted
    for text in (md, minutes_html(meeting.state, STAMP), plain_markdown(meeting.state, STAMP)):
        assert SECRET not in text


def test_same_journal_same_bytes_except_the_stamp_line(meeting) -> None:
    for render in (minutes_markdown, minutes_html, plain_markdown, plain_html):
        first = render(meeting.state, STAMP).splitlines()
        second = render(meeting.state, LATER).splitlines()
        changed = [
            line
            for line in difflib.unified_diff(first, second, lineterm="", n=0)
            if line[:1] in "+-"
        ]
        changed = [line for line in changed if not line.startswith(("+++", "---"))]
        assert len(changed) == 2, changed
        assert "3 december 2026 13:00" in changed[0] and "4 december 2026 16:47" in changed[1]
        assert render(meeting.state, STAMP) == render(meeting.state, STAMP)


def test_english_minutes(meeting) -> None:
    text = minutes_markdown(meeting.state, STAMP, lang="en")
    assert text.startswith("# Minutes: SIP meeting SIP-2026-031, 3 December 2026\n")
    for fragment in (
        "## Attendance",
        "arrived late 09:07 (phone); left 09:38",
        "Arbetsförmedlingen (Omar Said): perspective missing from the meeting.",
        "1. Hur kan Kim komma närmare arbete? — answered",
        "| No. | What | Who | When | How often |",
        "15 January 2027",
        "- **Date:** Monday, 29 March 2027",
        "## Lead professional",
        "| Part | Planned | Actual | Difference |",
        "Exported 3 December 2026 13:00 with starmote.",
    ):
        assert fragment in text
    assert "Närvaro" not in text


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_self_contained_printable_and_escaped() -> None:
    evil = "<script>alert('x')</script> & <img src=http://evil.example/x.png>"
    plan = make_plan(place=evil, individual=Individual("Kim <b>L.</b>"))
    p = play_meeting(plan, close=False)
    p.do(c.GiveFeedback(evil))
    page = minutes_html(p.state, STAMP)
    assert page.startswith('<!DOCTYPE html>\n<html lang="sv">')
    assert "@page { size: A4" in page and "@media print" in page
    parser = _Collect()
    parser.feed(page)
    tags = {tag for tag, _ in parser.tags}
    assert not tags & {"script", "img", "link", "iframe", "object"}
    assert not any("src" in attrs or "href" in attrs for _, attrs in parser.tags)
    assert "&lt;script&gt;" in page and "Kim &lt;b&gt;L.&lt;/b&gt;" in page
    assert evil in "".join(parser.text)
    assert "http://" not in re.sub(r"&lt;img src=http://evil\.example/x\.png&gt;", "", page)


def test_markdown_escapes_user_text() -> None:
    assert escape("a | b <i>x</i> *y*") == r"a \| b \<i\>x\</i\> \*y\*"
    assert escape("1. not a list") == r"1\. not a list"
    assert escape("- not a bullet\nnext line") == r"\- not a bullet next line"
    p = play_meeting(make_plan(place="Rum | 3"))
    text = minutes_markdown(p.state, STAMP)
    assert r"Rum \| 3" in text


def test_personnummer_is_masked_in_every_table_and_line_of_the_minutes() -> None:
    """The last line of defence: a journal from before today's checks may hold one anywhere."""
    plan = make_plan()
    p = play_meeting(plan, close=False)
    p.do(c.AddNote("Pnr nämndes"))
    note = replace(p.state.notes[-1], text="Pnr 121212-1212 nämndes")
    # A party's name with a number in it reaches the per-speaker table and attendance too.
    parties = tuple(
        replace(x, person="Eva 19121212-1212") if x.key == "kommun" else x for x in plan.parties
    )
    state = replace(
        p.state,
        notes=(*p.state.notes[:-1], note),
        plan=replace(p.state.plan, parties=parties, place="Rum 1912 1212 1212"),
    )
    text = minutes_markdown(state, STAMP)
    page = minutes_html(state, STAMP)
    assert r"Pnr ******-**** nämndes".replace("*", r"\*") in text
    assert "Pnr ******-**** nämndes" in page and "Rum **** **** ****" in page
    speakers = text.split("### Per talare")[1]
    assert r"Eva \*\*\*\*\*\*\*\*-\*\*\*\*" in speakers
    for doc in (text, page):
        assert "1212" not in doc


def test_control_characters_in_a_journal_are_shown_never_obeyed() -> None:
    p = play_meeting(close=False)
    p.do(c.AddNote("Ren text"))
    note = replace(p.state.notes[-1], text="Rum\x1b[2J 4\u202eevil\x07")
    state = replace(p.state, notes=(*p.state.notes[:-1], note))
    for doc in (minutes_markdown(state, STAMP), minutes_html(state, STAMP)):
        assert "\x1b" not in doc and "\u202e" not in doc and "\x07" not in doc
        assert "[U+001B]" in doc.replace("\\", "") and "U+202E" in doc and "U+0007" in doc


def test_plain_language_summary(meeting) -> None:
    text = plain_markdown(meeting.state, STAMP)
    assert text.startswith("# Ditt möte den 3 december 2026\n")
    for fragment in (
        "## Det här gör de som hjälper dig",
        "En insats är hjälp som du får.",
        "- Eva Ek på Krokoms kommun ska ordna arbetsträning senast den 15 januari 2027. "
        "Det blir två dagar i veckan.",
        "- Per Åström på Region Jämtland Härjedalen ordnar stöd i vardagen. Det blir varje vecka.",
        "## Nästa möte",
        "Nästa möte är måndag 29 mars 2027 klockan 09:00. Det är här: Kommunhuset, rum Storsjön.",
        "## Vem du kan kontakta",
        "Eva Ek på Krokoms kommun håller ihop din plan.",
        "Du kan skicka e-post till eva.ek@example.se.",
    ):
        assert fragment in text
    # Short: no timing, no attendance, no notes.
    assert "Tidsåtgång" not in text and "Närvaro" not in text and "lager" not in text
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", re.sub(r"[#*-]", "", text)) if s.strip()]
    assert max(len(s.split()) for s in sentences) <= 20
    english = plain_markdown(meeting.state, STAMP, "en")
    assert "Eva Ek at Krokoms kommun keeps your plan together." in english


def test_plain_without_responsible_or_follow_up_points_to_the_chair() -> None:
    p = play_meeting(close=False)
    p.do(c.Retract(p.state.main_responsible.id), c.CancelFollowUp())
    text = plain_markdown(p.state, STAMP)
    assert "Hör av dig till Karin Lund om du har frågor. Hen ledde mötet." in text
    assert "karin.lund@example.se" in text
    assert "Nästa möte är inställt." in text
    minutes = minutes_markdown(p.state, STAMP)
    assert "Ingen huvudansvarig utsedd." in minutes and "Uppföljningsmötet är inställt." in minutes


def test_language_falls_back_to_the_meetings() -> None:
    plan = replace(make_plan(), language="en")
    from tests.support.exportcase import Play

    state = Play(plan).state
    assert build_minutes(state, STAMP).lang == "en"
    assert build_minutes(state, STAMP, "sv").lang == "sv"
    assert build_minutes(state, STAMP, "fi").lang == "en"


def test_span_formatting() -> None:
    assert fmt_span(0) == "0:00" and fmt_span(59.6) == "1:00" and fmt_span(3725) == "1:02:05"
    assert fmt_diff(90) == "+1:30" and fmt_diff(-45) == "−0:45" and fmt_diff(0.2) == "0:00"


def test_the_note_taker_is_named_with_their_organisation_as_the_chair_is() -> None:
    plan = make_plan()
    plan = replace(plan, note_taker=replace(plan.note_taker, organisation="Krokoms kommun"))
    md = minutes_markdown(play_meeting(plan).state, STAMP)
    assert "- **Antecknare:** Nils Nord, Krokoms kommun" in md
