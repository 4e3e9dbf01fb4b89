"""The county's statistics files: counts only, read back strictly, added up exactly."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from starmote.documents import county
from starmote.documents.county import CountyData, CountyFileError
from starmote.store.history import COUNTS, Filters, FollowUps, OrgFigures, monthly
from starmote.store.journal import Journal
from tests.support.journals import (
    FOLLOW_UP_TODAY,
    NAMES,
    play_follow_ups,
    play_hand_journal,
    play_team_session,
    play_three_meetings,
)

CASE_CODES = ("SIP-2026-001", "SIP-A", "SIP-B", "SIP-C", "STAR-TEAM-2027-01", "T-01", "T-03")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> CountyData:
    with Journal(tmp_path_factory.mktemp("county") / "j.sqlite3") as journal:
        play_three_meetings(journal)
        play_hand_journal(journal)
        play_team_session(journal)
        play_follow_ups(journal)
        rows, follow_ups = monthly(journal, today=FOLLOW_UP_TODAY)
    return county.county_data(rows, follow_ups, Filters())


def test_the_json_holds_counts_per_organisation_and_month_and_nothing_else(data) -> None:
    text = county.to_json(data)
    doc = json.loads(text)
    assert set(doc) == set(county.TOP_FIELDS)
    assert (doc["format"], doc["version"]) == ("starmote-attendance", 1)
    for row in doc["rows"]:
        assert list(row) == list(county.ROW_FIELDS)
        assert all(isinstance(row[name], int) for name in COUNTS)
    for text_that_must_not_leave in (*NAMES, *CASE_CODES, "Närstående", "Testmöte", "sjuk"):
        assert text_that_must_not_leave not in text
    fk_sept = next(
        r for r in doc["rows"] if r["period"] == "2026-09" and r["kind"] == "fk"
    )  # the hand journal's two meetings, and play_follow_ups' five held in September
    assert fk_sept["organisation"] == "Försäkringskassan"
    assert county.parse(text, "x.json") == data  # read back: the same, to the second


def test_the_csv_has_the_same_rows_and_no_names(data) -> None:
    text = county.csv_text(data)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(county.ROW_FIELDS)
    assert len(rows) == len(data.rows)
    assert sum(int(r["invited"]) for r in rows) == sum(r.invited for r in data.rows)
    for name in (*NAMES, *CASE_CODES):
        assert name not in text


def test_csv_defuses_spreadsheet_formulas() -> None:
    row = OrgFigures("fk", '=HYPERLINK("x")', "2026-01", invited=1, in_person=1)
    text = county.csv_text(CountyData((row,)))
    [got] = list(csv.DictReader(io.StringIO(text)))
    assert got["organisation"] == '\'=HYPERLINK("x")'


def file_of(*rows: OrgFigures, follow_ups: tuple[FollowUps, ...] = (), **kw) -> str:
    return county.to_json(CountyData(rows, follow_ups, **kw))


def test_merge_adds_counts_per_organisation_and_month() -> None:
    fk = dict(kind="fk", organisation="Försäkringskassan")
    a = file_of(
        OrgFigures(**fk, period="2026-01", invited=3, video=1, absent_unnotified=2,
                   due_s=5400, present_s=3600),
        OrgFigures(**fk, period="2026-02", invited=1, in_person=1, due_s=3600, present_s=3600),
        follow_ups=(FollowUps("2026-01", due=2, on_time=1, late=1),),
        start=date(2026, 1, 1), end=date(2026, 6, 30),
    )  # fmt: skip
    b = file_of(
        OrgFigures("fk", " försäkringskassan ", "2026-01", invited=2, phone=1, substitutes=1,
                   absent_notified=1, due_s=1200, present_s=600),
        OrgFigures("narstaende", "", "2026-01", invited=1, not_recorded=1),
        follow_ups=(FollowUps("2026-01", due=1, plan_closed=1, not_due=2),),
        start=date(2026, 1, 1), end=None,
    )  # fmt: skip
    merged = county.merge([county.parse(a, "a"), county.parse(b, "b")])
    jan = [r for r in merged.rows if r.period == "2026-01"]
    fk_jan = next(r for r in jan if r.kind == "fk")
    assert (fk_jan.organisation, fk_jan.invited, fk_jan.video, fk_jan.phone) == (
        "Försäkringskassan",  # as the first file spells it
        5,
        1,
        1,
    )
    assert (fk_jan.absent_unnotified, fk_jan.absent_notified, fk_jan.substitutes) == (2, 1, 1)
    assert (fk_jan.due_s, fk_jan.present_s) == (6600, 4200)
    assert merged.follow_ups == (FollowUps("2026-01", due=3, on_time=1, late=1, plan_closed=1,
                                           not_due=2),)  # fmt: skip
    assert (merged.start, merged.end) == (date(2026, 1, 1), None)
    rows, follow_ups = county.totals(merged)
    fk_all = next(r for r in rows if r.kind == "fk")
    assert (fk_all.invited, fk_all.in_person, fk_all.attended) == (6, 1, 3)
    assert follow_ups.due == 3
    only_feb = county.totals(merged, Filters(start=date(2026, 2, 1)))[0]
    assert [(r.kind, r.invited) for r in only_feb] == [("fk", 1)]
    # A merged file merges again: a county can add up its municipalities' sums.
    again = county.merge([county.parse(county.to_json(merged), "m")])
    assert again.rows == merged.rows


def test_merging_ten_files_adds_them_all(data) -> None:
    text = county.to_json(data)
    merged = county.merge([county.parse(text, f"f{i}.json") for i in range(10)])
    for name in COUNTS:
        assert sum(getattr(r, name) for r in merged.rows) == 10 * sum(
            round(getattr(r, name)) for r in data.rows
        )


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d["rows"][0].update(case_code="SIP-2026-001"), "extra_field"),
        (lambda d: d["rows"][0].update(note="Sam vill pröva praktik"), "extra_field"),
        (lambda d: d.update(names=["Sam L."]), "extra_field"),
        (lambda d: d["follow_ups"][0].update(case="SIP-A"), "extra_field"),
        (lambda d: d["rows"][0].pop("invited"), "missing_field"),
        (lambda d: d["rows"][0].update(invited="3"), "not_count"),
        (lambda d: d["rows"][0].update(invited=True), "not_count"),
        (lambda d: d["rows"][0].update(video=-1), "not_count"),
        (lambda d: d["rows"][0].update(period="2026-09-01"), "bad_value"),
        (lambda d: d["rows"][0].update(kind="FK Lena"), "bad_value"),
        (lambda d: d["rows"][0].update(organisation="Lena 19121212-1212"), "personnummer"),
        (lambda d: d["rows"][0].update(kind="narstaende", organisation="Eva L."), "private_named"),
        (lambda d: d["rows"][0].update(invited=99), "inconsistent"),
        (lambda d: d.update(version=2), "version"),
        (lambda d: d.update(format="something else"), "not_ours"),
        (lambda d: d.update(rows={"a": 1}), "bad_value"),
    ],
)
def test_merge_refuses_a_file_with_anything_but_counts(data, change, key) -> None:
    doc = json.loads(county.to_json(data))
    change(doc)
    with pytest.raises(CountyFileError) as refused:
        county.parse(json.dumps(doc), "a.json")
    assert refused.value.key == f"county.error.{key}"
    assert refused.value.message("sv").startswith("a.json: ")


def test_a_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text("SIP-2026-001;Sam L.;frånvarande\n", "utf-8")
    with pytest.raises(CountyFileError) as refused:
        county.read(bad)
    assert refused.value.key == "county.error.not_json"
    with pytest.raises(CountyFileError) as missing:
        county.read(tmp_path / "nope.json")
    assert missing.value.key == "county.error.unreadable"


def test_a_private_person_is_never_named_in_a_file() -> None:
    row = OrgFigures("narstaende", "Eva L.", "2026-01", invited=1, in_person=1)
    data = county.county_data([row], [], Filters())
    assert data.rows[0].organisation == ""
    assert "Eva" not in county.to_json(data)
