"""`starmote history`: the table, its filters, a party's trend, and the county's files."""

from __future__ import annotations

import csv
import io
import json
import re
import stat
from pathlib import Path

import pytest

from starmote.cli.history import parse_day
from starmote.cli.main import main
from starmote.store import paths
from starmote.store.journal import Journal
from tests.support.journals import NAMES, play_hand_journal, play_three_meetings


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    with Journal(paths.journal_path(paths.data_home(home))) as journal:
        play_three_meetings(journal)
        play_hand_journal(journal)
    return home


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def organisations(out: str) -> list[str]:
    """The names of the table's rows: the lines between its rule and the first blank line."""
    lines = out.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("───"))
    rows = []
    for line in lines[rule + 1 :]:
        if not line.strip():
            break
        rows.append(re.split(r"\s{2,}", line.strip())[0])
    return rows


def row_of(out: str, name: str) -> list[str]:
    """The cells of the table row that starts with `name`."""
    line = next(line for line in out.splitlines() if line.startswith(name))
    return line[len(name) :].split()


def test_one_table_organisations_as_rows(home: Path, capsys) -> None:
    status, out, _ = run(capsys, "--home", str(home), "history")
    assert status == 0
    assert out.startswith("5 hållna möten, 2026-09-01 – 2026-12-03")
    assert organisations(out) == [
        "Arbetsförmedlingen",
        "Försäkringskassan",
        "Personen",
        "Krokoms kommun",
        "Region Jämtland Härjedalen",
    ]
    # Meetings, in person, video, phone, late, left, dropped, substitutes, absent with and
    # without notice, not recorded, time present, cases, the current run.
    assert row_of(out, "Försäkringskassan") == (
        ["5", "0", "1", "1", "1", "0", "0", "0", "1", "2", "0", "58", "%", "–", "3", "av", "5"]
    )  # m1-m3 and h1-h2: 3,600 + 3,300 s present of 5,400 + 6,600 due
    assert "Försäkringskassan: frånvarande 3 av de senaste 5, ingen ersättare, 2 utan besked" in out
    assert "Uppföljningar: ingen har passerat sitt datum ännu (0 har sitt datum kvar)." in out
    status, en, _ = run(capsys, "history", "--lang", "en", "--home", str(home))
    assert "5 meetings held" in en and "Time present" in en
    assert "Försäkringskassan: absent from 3 of the last 5, no substitute" in en
    for output in (out, en):
        for name in NAMES:
            assert name not in output
        assert "SIP-2026-001" not in output


def test_filters(home: Path, capsys) -> None:
    _, out, _ = run(capsys, "--home", str(home), "history", "--from", "2026-10", "--to", "2026-11")
    assert out.startswith(
        "2 hållna möten, 2026-10-01 – 2026-11-05 (från 2026-10-01, till 2026-11-30)"
    )
    assert row_of(out, "Försäkringskassan")[:4] == ["2", "0", "1", "0"]
    _, out, _ = run(capsys, "--home", str(home), "history", "--party", "fk")
    assert organisations(out) == ["Försäkringskassan"]
    assert "Arbetsförmedlingen" not in out.split("Aktuell frånvaro")[0]
    _, out, _ = run(capsys, "--home", str(home), "history", "--template", "star-team")
    assert out.strip() == "Inga hållna möten i urvalet."
    status, _, err = run(capsys, "--home", str(home), "history", "--from", "förra året")
    assert status == 2 and "förra året" in err


def test_a_party_s_trend_per_month(home: Path, capsys) -> None:
    status, _, err = run(capsys, "--home", str(home), "history", "--trend")
    assert status == 2 and "--party" in err
    status, out, _ = run(capsys, "--home", str(home), "history", "--party", "fk", "--trend")
    assert status == 0
    assert out.startswith("Försäkringskassan: närvaro per månad")
    months = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line[:3] == "202"}
    assert list(months) == ["2026-09", "2026-10", "2026-11", "2026-12"]
    assert months["2026-09"][:4] == ["2", "1", "1", "0"]  # h1 absent with notice, h2 late
    assert months["2026-11"][:5] == ["1", "1", "0", "0", "100"]
    assert months["2026-12"][:3] == ["1", "0", "1"] and "░" in months["2026-12"][-1]


def test_json_and_csv_for_the_county(home: Path, tmp_path: Path, capsys) -> None:
    status, out, _ = run(capsys, "--home", str(home), "history", "--json", "--from", "2026")
    doc = json.loads(out)
    assert status == 0 and doc["from"] == "2026-01-01" and doc["to"] is None
    assert {r["period"] for r in doc["rows"]} == {"2026-09", "2026-10", "2026-11", "2026-12"}
    status, out, _ = run(capsys, "--home", str(home), "history", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sum(int(r["invited"]) for r in rows if r["kind"] == "fk") == 5
    target = tmp_path / "out" / "kommun-a.json"
    target.parent.mkdir()
    status, out, _ = run(capsys, "--home", str(home), "history", "--json", "--out", str(target))
    assert status == 0 and out.strip() == str(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    for text in (target.read_text("utf-8"), out):
        for name in NAMES:
            assert name not in text


def test_merge_of_several_coordinators(home: Path, tmp_path: Path, capsys) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    run(capsys, "--home", str(home), "history", "--json", "--out", str(a))
    run(capsys, "--home", str(home), "history", "--json", "--out", str(b), "--to", "2026-09")
    status, out, _ = run(capsys, "--home", str(home), "history", "--merge", str(a), str(b))
    assert status == 0
    # All five meetings from a, and September's two again from b.
    assert row_of(out, "Försäkringskassan")[:4] == ["7", "0", "1", "2"]
    assert "Sammanlagt från 2 filer, månaderna 2026-09 – 2026-12." in out
    status, out, _ = run(capsys, "history", "--merge", str(a), str(b), "--json")
    merged = json.loads(out)
    fk = [r for r in merged["rows"] if r["kind"] == "fk" and r["period"] == "2026-09"]
    assert fk[0]["invited"] == 4
    carrying = tmp_path / "c.json"
    doc = json.loads(a.read_text("utf-8"))
    doc["rows"][0]["case_code"] = "SIP-2026-001"
    carrying.write_text(json.dumps(doc), "utf-8")
    status, out, err = run(capsys, "history", "--merge", str(a), str(carrying))
    assert status == 2 and out == ""
    assert err.strip() == (
        f"{carrying}: fältet rows[0].case_code hör inte hemma i en statistikfil."
        " Filen kan innehålla ärendeuppgifter och läggs inte ihop."
    )


def test_history_on_a_fresh_home(tmp_path: Path, capsys) -> None:
    status, out, _ = run(capsys, "--lang", "en", "--home", str(tmp_path / "new"), "history")
    assert (status, out) == (0, "No meetings in the journal yet.\n")
    status, out, _ = run(capsys, "--home", str(tmp_path / "new"), "history", "--json")
    assert status == 0 and json.loads(out)["rows"] == []
    assert not paths.journal_path(tmp_path / "new").exists()


def test_history_on_a_broken_journal(tmp_path: Path, capsys) -> None:
    home = tmp_path / "home"
    home.mkdir()
    paths.journal_path(home).write_bytes(b"this is not a database" * 100)
    status, out, err = run(capsys, "--home", str(home), "history")
    assert status == 2 and out == "" and len(err.strip().splitlines()) == 1


def test_dates_a_day_a_month_or_a_year() -> None:
    from datetime import date

    assert parse_day("2026-02") == date(2026, 2, 1)
    assert parse_day("2026-02", end=True) == date(2026, 2, 28)
    assert parse_day("2026", end=True) == date(2026, 12, 31)
    assert parse_day(" 2026-03-07 ") == date(2026, 3, 7)
    for bad in ("2026-13", "7 mars", "2026-02-30"):
        with pytest.raises(ValueError):
            parse_day(bad)
