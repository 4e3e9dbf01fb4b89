"""Issue #12: minutes a coordinator signs and sends unchanged.

Each test plays a meeting through the real engine on a hand-moved clock, exports it
as the app would (`export_files`), and reads the written document back.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest

from starmote.documents.export import export_files
from starmote.documents.invites import proposals
from starmote.documents.plain_language import PLAIN_PT, lix
from starmote.engine import commands as c
from starmote.engine.state import CHAIR, NOTE_TAKER
from starmote.plan.model import Party
from tests.support.exportcase import Play, make_plan, play_meeting

STAMP = datetime(2026, 12, 3, 13, 0, tzinfo=UTC)


def files_of(p: Play, lang: str | None = None, **kw: object) -> dict[str, str]:
    out = export_files(p.state, invites=False, lang=lang, stamp=STAMP, **kw)  # type: ignore[arg-type]
    return {name: data.decode("utf-8") for name, data in out.items()}


def one(files: dict[str, str], part: str, ext: str = "md") -> str:
    [name] = [n for n in files if part in n and n.endswith("." + ext)]
    return files[name]


def section(md: str, heading: str) -> str:
    """The text under `## heading` up to the next level-2 heading."""
    start = md.index(f"\n## {heading}\n")
    end = md.find("\n## ", start + 1)
    return md[start : end if end != -1 else len(md)]


def table_rows(text: str) -> list[list[str]]:
    """The body rows of the first Markdown table in `text`."""
    lines = [line for line in text.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        else:
            self.parts.append(data)


def html_text(page: str) -> tuple[str, str]:
    """The visible text and the style sheet of an HTML page."""
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split()), parser.style


def family_plan():  # type: ignore[no-untyped-def]
    """The export case with the person's mother and a god man among the parties."""
    base = make_plan()
    family = (
        Party("mamma", "Närstående", "narstaende", "Karin L.", role="mamma", summons="inbjuden"),
        Party("godman", "Överförmyndaren", "god_man", "Per Holm", summons="inbjuden"),
    )
    return replace(base, parties=base.parties + family)


def started(plan=None) -> Play:  # type: ignore[no-untyped-def]
    p = Play(plan or make_plan())
    for party in p.state.plan.parties:
        if party.key not in ("samcoach",):
            p.do(c.CheckIn(party.key))
    p.do(c.MarkAbsent("samcoach", notified=True, reason="sjuk"))
    p.do(c.ConfirmConsent(), c.NextPhase())
    return p


def close(p: Play) -> Play:
    while p.state.status == "running":
        p.wait(60).do(c.NextPhase())
    p.do(c.SetMainResponsible("kommun"))
    p.do(c.SetFollowUp(datetime(2027, 3, 29, 8, 0, tzinfo=UTC), 60, "Rum 1"), c.CloseMeeting())
    return p


# 1. The chair and the note taker own actions ------------------------------------------


def test_the_chair_owns_an_action_in_the_minutes_and_its_reminder() -> None:
    p = started()
    p.wait(60).do(c.AddAction("Skicka frågan till FK via säker e-post", CHAIR, date(2026, 12, 10)))
    p.do(c.AddAction("Boka rum till uppföljningen", NOTE_TAKER))
    md = one(files_of(close(p)), "minnesanteckningar")
    rows = table_rows(section(md, "Insatser"))
    assert rows[0][1:3] == ["Skicka frågan till FK via säker e-post", "Karin Lund (ordförande)"]
    assert rows[1][2] == "Nils Nord (antecknare)"
    [reminder] = [d for d in proposals(p.state) if d.key.startswith("action-")]
    assert "Karin Lund (ordförande)" in reminder.message


# 2. What the person and their network do: a section of its own ---------------------------


def test_the_person_s_and_family_s_tasks_are_kept_apart_from_the_agencies() -> None:
    p = started(family_plan())
    p.wait(60).do(
        c.AddAction("Sköta räkningarna och ansöka om bostadstillägg", "godman"),
        c.AddAction("Skjutsa till arbetsträningen", "mamma", None, "varje tisdag"),
        c.AddAction("Ordna arbetsträning", "kommun", date(2027, 1, 15)),
        c.AddAction("Promenera varje dag", "individ"),
    )
    md = one(files_of(close(p)), "minnesanteckningar")
    agencies = [row[1] for row in table_rows(section(md, "Insatser"))]
    own = table_rows(section(md, "Det personen och nätverket gör själva"))
    assert agencies == ["Ordna arbetsträning"]
    assert [row[1] for row in own] == [
        "Sköta räkningarna och ansöka om bostadstillägg",
        "Skjutsa till arbetsträningen",
        "Promenera varje dag",
    ]
    # One numbering across both: a reminder names an insats by its number.
    assert [row[0] for row in own] == ["1", "2", "4"]
    assert table_rows(section(md, "Insatser"))[0][0] == "3"


# 3. Proposed (not confirmed) or decided ------------------------------------------------------


def test_an_insats_for_a_dropped_party_reads_as_proposed_everywhere() -> None:
    p = started()
    p.wait(60).do(c.Drop("af"))
    p.wait(30).do(c.AddAction("Arbetsträning", "af", date(2027, 1, 20)))
    p.do(c.AddAction("Boendestöd", "kommun"))
    files = files_of(close(p))
    md = one(files, "minnesanteckningar")
    rows = {row[1]: row[5] for row in table_rows(section(md, "Insatser"))}
    assert rows["Arbetsträning"] == "föreslagen – bekräftas av Arbetsförmedlingen (Omar Said)"
    assert rows["Boendestöd"] == "beslutad"
    assert "insats 1 (Arbetsträning) – föreslagen, bekräftas av" in section(md, "Uppföljning")
    plain = one(files, "lattlast")
    proposed = section(plain, "Det här är inte bestämt än")
    assert "Ett förslag är att Omar Said på Arbetsförmedlingen ordnar arbetsträning" in proposed
    settled = section(plain, "Det här gör de som hjälper dig")
    assert "rbetsträning" not in settled and "ordnar boendestöd" in settled


def test_a_confirmed_insats_is_decided_and_says_when() -> None:
    p = started()
    p.wait(60).do(c.Drop("af"), c.AddAction("Arbetsträning", "af"))
    p.wait(120).do(c.Rejoin("af"), c.ConfirmAction(p.state.actions[0].id))
    md = one(files_of(close(p)), "minnesanteckningar")
    [row] = table_rows(section(md, "Insatser"))
    assert row[5] == "beslutad (bekräftad 09:03)"


# 4–5. Notes: the part's unless the chair says whose; corrected and taken back ----------------


def test_notes_say_who_said_them_only_when_the_chair_chose() -> None:
    p = started()
    p.wait(60).do(c.AddNote("Personen (K.) deltar i arbetsträning"))  # FK's turn? No one's.
    p.do(c.AddNote("Jag tar frågan vidare", party=CHAIR))
    wrong = p.do(c.AddNote("Felskrivet", party="fk")).notes[-1]
    p.do(c.Correct(wrong.id, c.AddNote("Rättat", party="region")))
    gone = p.do(c.AddNote("Tas tillbaka")).notes[-1]
    p.do(c.Retract(gone.id, "fel"))
    md = section(one(files_of(close(p)), "minnesanteckningar"), "Anteckningar per del")
    assert "- 09:01 Personen (K.) deltar i arbetsträning" in md
    assert "- 09:01 Karin Lund (ordförande): Jag tar frågan vidare" in md
    assert "Region Jämtland Härjedalen (Per Åström): Rättat" in md
    assert "Felskrivet" not in md and "Tas tillbaka" not in md


# 6. Language: the case file decides, --lang overrides ----------------------------------------


def test_the_case_files_language_decides_not_the_screens() -> None:
    p = Play(replace(make_plan(), language="en"), lang="sv")  # the screen is Swedish
    assert p.state.lang == "sv"
    files = files_of(p)
    assert set(files) >= {"SIP-2026-031_2026-12-03_minutes_DRAFT.md"}
    assert one(files, "_minutes").startswith("# DRAFT – Minutes: SIP meeting SIP-2026-031")
    swedish = files_of(p, lang="sv")  # asked for explicitly
    assert one(swedish, "minnesanteckningar").startswith("# UTKAST – Minnesanteckningar")
    sv_case = Play(make_plan(), lang="en")
    assert "minnesanteckningar_UTKAST.md" in " ".join(files_of(sv_case))


# 11. Frågeställningar: the answer, the reason, and the follow-up -------------------------------


def test_answers_and_deferred_questions_reach_the_minutes_and_the_follow_up() -> None:
    md = one(files_of(play_meeting()), "minnesanteckningar")
    questions = section(md, "Frågeställningar")
    assert "besvarad: Arbetsträning via kommunen från januari." in questions
    follow_up = section(md, "Uppföljning")
    assert "### Tas upp vid uppföljningen" in follow_up
    assert (
        "ej behandlat: fråga 2 – till uppföljning (Vem samordnar insatserna? "
        "Skäl: Regionens läkare behöver tillfrågas först.)" in follow_up
    )


# 12. Who was kallad, who inbjuden, whose presence was asked for -----------------------------


def test_the_minutes_list_the_summoned_the_invited_and_the_requested() -> None:
    md = section(one(files_of(play_meeting()), "minnesanteckningar"), "Närvaro")
    invited = md[md.index("### Kallade och inbjudna") :]
    assert (
        "- **Kallade:** Krokoms kommun (Eva Ek); Region Jämtland Härjedalen (Per Åström)" in invited
    )
    assert (
        "- **Inbjudna:** Försäkringskassan (Lena Berg); Arbetsförmedlingen (Omar Said); "
        "AME Krokom (Jonas Öhman)" in invited
    )
    assert "- **Närvaro särskilt efterfrågad:** Försäkringskassan (Lena Berg)" in invited


# 13. Drafts: UTKAST in the title, the file name and a remark, in Markdown and HTML -----------


def test_minutes_exported_while_open_are_a_draft_and_closed_ones_are_not() -> None:
    files = files_of(play_meeting(close=False))
    assert sorted(files) == [
        "SIP-2026-031_2026-12-03_lattlast_UTKAST.html",
        "SIP-2026-031_2026-12-03_lattlast_UTKAST.md",
        "SIP-2026-031_2026-12-03_minnesanteckningar_UTKAST.html",
        "SIP-2026-031_2026-12-03_minnesanteckningar_UTKAST.md",
    ]
    md = one(files, "minnesanteckningar")
    assert md.startswith("# UTKAST – Minnesanteckningar:")
    assert "*UTKAST: mötet pågick fortfarande" in md
    text, style = html_text(one(files, "minnesanteckningar", "html"))
    assert "UTKAST – Minnesanteckningar" in text and "UTKAST: mötet pågick" in text
    assert "UTKAST" in style  # every printed page says so too
    closed = files_of(play_meeting())
    assert not any("UTKAST" in name or "UTKAST" in body for name, body in closed.items())


# 20–21. Print: page numbers and the case code on every page, blocks break, signature ----------


def test_every_printed_page_has_its_number_and_the_case_code() -> None:
    files = files_of(play_meeting(), signature=True)
    _, style = html_text(one(files, "minnesanteckningar", "html"))
    page = re.search(r"@page\s*\{(.*?)\n\}", style, re.S)
    assert page is not None
    assert 'counter(page) " av " counter(pages)' in page[1]
    assert '"SIP-2026-031 · Minnesanteckningar"' in page[1]
    assert "dl { break-inside" not in style and "dl, " not in style.split("break-inside")[0][-10:]
    text, _ = html_text(one(files, "minnesanteckningar", "html"))
    assert "Underskrift" in text and "Namnförtydligande" in text
    assert "Underskrift: ....." in one(files, "minnesanteckningar")
    assert "Underskrift" not in one(files_of(play_meeting()), "minnesanteckningar")


# 15–19. The plain-language copy ---------------------------------------------------------------


def _plain_family_meeting() -> str:
    p = started(family_plan())
    p.wait(60).do(
        c.AddGoal("short", "Kim ska komma igång med arbetsträning."),
        c.AddAction("Ordna arbetsträning", "kommun", date(2027, 1, 15), "två dagar i veckan"),
        c.AddAction("Skjutsa till arbetsträningen", "mamma"),
        c.AddAction("Sköta räkningarna", "godman"),
        c.AddAction("Ansöka om bostadstillägg", "individ", date(2027, 1, 31)),
    )
    return one(files_of(close(p)), "lattlast")


def test_the_plain_copy_speaks_to_the_person_and_names_the_family_by_relation() -> None:
    plain = _plain_family_meeting()
    own = section(plain, "Det här gör du och din familj")
    assert "- Din mamma tar hand om skjutsa till arbetsträningen." not in own
    assert "- Din mamma ska skjutsa till arbetsträningen." in own
    assert "- Din gode man Per Holm tar hand om sköta räkningarna." not in own
    assert "- Du ska ansöka om bostadstillägg senast den 31 januari 2027." in own
    assert "Närstående" not in plain and "Karin L." not in plain
    agencies = section(plain, "Det här gör de som hjälper dig")
    assert "En insats är hjälp som du får." in agencies  # the word explained
    assert (
        "- Eva Ek på Krokoms kommun ska ordna arbetsträning senast den 15 januari 2027. "
        "Det blir två dagar i veckan." in agencies
    )
    contact = section(plain, "Vem du kan kontakta")
    assert "Eva Ek på Krokoms kommun håller ihop din plan." in contact
    assert "Du kan skicka e-post till eva.ek@example.se." in contact
    for jargon in ("huvudansvarig", "parkera", "SIP", "insatser", "Närstående", " ska: "):
        assert jargon not in plain


def test_the_plain_copy_prints_at_12_pt_or_more() -> None:
    assert PLAIN_PT >= 12
    p = started()
    _, style = html_text(one(files_of(close(p)), "lattlast", "html"))
    sizes = [float(s) for s in re.findall(r"body \{ font-size: ([0-9.]+)pt; \}", style)]
    assert sizes and min(sizes) >= 12


def test_lix_counts_words_per_sentence_and_long_words() -> None:
    # 7 words, 1 sentence, 2 long words (over six letters): 7 + 100 * 2/7.
    assert lix("Vi ses imorgon på mötet vid arbetsförmedlingen.") == pytest.approx(7 + 100 * 2 / 7)
    assert lix("") == 0.0
    assert lix("# Rubrik\n\nEn mening. En till.") == pytest.approx(5 / 3)
