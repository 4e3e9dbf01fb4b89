"""The invite in real calendar software: khal (a CLI calendar) and Radicale (a CalDAV server).

Both must show the follow-up at the local time the case says, including just
after a daylight-saving change. Everything runs in temporary directories and on
127.0.0.1; the server is stopped whatever happens.
"""

from __future__ import annotations

import base64
import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from starmote.documents.invites import follow_up_ics
from starmote.plan.model import STOCKHOLM
from tests.support.exportcase import make_plan, play_meeting

pytestmark = pytest.mark.slow

STAMP = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
BIN = Path(sys.executable).parent
CASES = [
    # (follow-up local start, its UTC instant): the days after DST starts and ends.
    (datetime(2027, 3, 29, 9, 0), datetime(2027, 3, 29, 7, 0, tzinfo=UTC)),
    (datetime(2026, 10, 26, 9, 0), datetime(2026, 10, 26, 8, 0, tzinfo=UTC)),
]


def invite_for(local: datetime) -> bytes:
    plan = make_plan(start=datetime(2026, 9, 15, 9, 0, tzinfo=STOCKHOLM))
    # The chair approves the invite's text first: nothing is written before that.
    played = play_meeting(plan, follow_up=local.replace(tzinfo=STOCKHOLM), approve=True)
    return follow_up_ics(played.state, STAMP)


# --- khal -------------------------------------------------------------------------


def khal_env(tmp: Path) -> tuple[dict[str, str], Path]:
    cal = tmp / "calendar"
    cal.mkdir()
    (tmp / "config" / "khal").mkdir(parents=True)
    (tmp / "data").mkdir()
    (tmp / "config" / "khal" / "config").write_text(
        f"""[calendars]
[[starmote]]
path = {cal}
type = calendar
[locale]
local_timezone = Europe/Stockholm
default_timezone = Europe/Stockholm
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
[default]
default_calendar = starmote
""",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(
        XDG_CONFIG_HOME=str(tmp / "config"),
        XDG_DATA_HOME=str(tmp / "data"),
        XDG_CACHE_HOME=str(tmp / "cache"),  # khal keeps its database here (else ~/.cache)
        TZ="UTC",
        LANG="C.UTF-8",
    )
    return env, cal


@pytest.mark.parametrize(("local", "utc"), CASES, ids=["after-dst-start", "after-dst-end"])
def test_khal_shows_the_local_start(tmp_path: Path, local: datetime, utc: datetime) -> None:
    khal = BIN / "khal"
    if not khal.exists():
        pytest.skip("khal is not installed (pip install '.[test]')")
    path = tmp_path / "invite.ics"
    path.write_bytes(invite_for(local))
    env, cal = khal_env(tmp_path)
    run = subprocess.run(
        [str(khal), "import", "--batch", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert run.returncode == 0, run.stderr
    assert len(list(cal.glob("*.ics"))) == 1
    day = local.date().isoformat()
    listed = subprocess.run(
        [str(khal), "list", "--format", "{start-date}|{start-time}|{end-time}|{title}", day, day],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert listed.returncode == 0, listed.stderr
    rows = [line for line in listed.stdout.splitlines() if line.count("|") == 3]
    assert rows == [f"{day}|{local:%H:%M}|{local.hour + 1:02d}:00|Samordningsmöte SIP-2026-031"]


# --- Radicale ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DAV:
    """A tiny CalDAV client on http.client (no new dependencies)."""

    def __init__(self, port: int) -> None:
        self.port = port
        # auth none accepts any user; a name is still needed to own a collection.
        self.auth = "Basic " + base64.b64encode(b"coordinator:x").decode()

    def request(
        self, method: str, path: str, body: bytes = b"", **headers: str
    ) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers={"Authorization": self.auth, **headers})
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DAV]:
    try:
        import radicale as _  # noqa: F401
    except ImportError:
        pytest.skip("radicale is not installed (pip install '.[test]')")
    folder = tmp_path_factory.mktemp("radicale")
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--config",
            "",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--auth-type",
            "none",
            "--rights-type",
            "owner_only",
            "--storage-filesystem-folder",
            str(folder / "collections"),
            "--logging-level",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        dav = DAV(port)
        deadline = time.monotonic() + 15
        while True:
            try:
                status, _ = dav.request("OPTIONS", "/")
                if status < 500:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode() if proc.stderr and proc.poll() is not None else ""
                pytest.fail(f"Radicale did not start: {err}")
            time.sleep(0.1)
        yield dav
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


def query(start: datetime, end: datetime) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="{start:%Y%m%dT%H%M%SZ}" end="{end:%Y%m%dT%H%M%SZ}"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>""".encode()


@pytest.mark.parametrize(("local", "utc"), CASES, ids=["after-dst-start", "after-dst-end"])
def test_radicale_stores_and_finds_the_invite(
    radicale: DAV, local: datetime, utc: datetime
) -> None:
    from datetime import timedelta

    collection = f"/coordinator/followups-{local:%Y%m%d}/"
    status, _ = radicale.request("MKCALENDAR", collection)
    assert status == 201, status
    # A CalDAV server stores calendar objects, not iTIP messages: RFC 4791 §4.1 forbids
    # METHOD in a stored object, so it is dropped before the PUT (as a client would).
    cal = Calendar.from_ical(invite_for(local))
    del cal["METHOD"]
    (event,) = [e for e in cal.walk("VEVENT")]
    href = collection + "followup.ics"
    status, body = radicale.request(
        "PUT", href, cal.to_ical(), **{"Content-Type": "text/calendar; charset=utf-8"}
    )
    assert status in (201, 204), body

    status, body = radicale.request("GET", href)
    assert status == 200
    back = Calendar.from_ical(body)
    (got,) = [e for e in back.walk("VEVENT")]
    assert str(got["UID"]) == str(event["UID"])
    assert got["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert got["DTSTART"].dt.replace(tzinfo=None) == local
    assert got["DTSTART"].dt.astimezone(UTC) == utc
    assert any(str(tz["TZID"]) == "Europe/Stockholm" for tz in back.walk("VTIMEZONE"))

    def found(start: datetime, end: datetime) -> bool:
        status, body = radicale.request(
            "REPORT",
            collection,
            query(start, end),
            Depth="1",
            **{"Content-Type": "application/xml; charset=utf-8"},
        )
        assert status == 207, body
        return b"followup.ics" in body

    # Inside the hour at the right UTC instant, and not in the hour after it (where a
    # server that ignored the zone rules, or applied the wrong offset, would put it).
    assert found(utc + timedelta(minutes=15), utc + timedelta(minutes=30))
    assert found(utc.replace(hour=0, minute=0), utc.replace(hour=23, minute=59))
    assert not found(utc + timedelta(hours=1), utc + timedelta(hours=2))
    assert not found(utc - timedelta(hours=1), utc)


def test_khal_takes_the_move_and_the_cancellation_as_the_same_event(tmp_path: Path) -> None:
    """Same UID, rising SEQUENCE: khal updates the one event in place, never adds another."""
    from datetime import timedelta

    from starmote.engine import commands as c
    from tests.support.exportcase import approve_invites

    khal = BIN / "khal"
    if not khal.exists():
        pytest.skip("khal is not installed (pip install '.[test]')")
    env, cal = khal_env(tmp_path)
    local = CASES[0][0]
    played = play_meeting(
        make_plan(start=datetime(2026, 9, 15, 9, 0, tzinfo=STOCKHOLM)),
        follow_up=local.replace(tzinfo=STOCKHOLM),
        approve=True,
    )
    sent = [follow_up_ics(played.state, STAMP)]
    played.do(c.SetFollowUp((local + timedelta(days=1)).replace(tzinfo=STOCKHOLM), 60, "Rum 2"))
    approve_invites(played)
    sent.append(follow_up_ics(played.state, STAMP))
    played.do(c.CancelFollowUp())
    approve_invites(played)
    sent.append(follow_up_ics(played.state, STAMP))
    events = [next(iter(Calendar.from_ical(ics).walk("VEVENT"))) for ics in sent]
    assert len({str(e["UID"]) for e in events}) == 1
    assert [int(e["SEQUENCE"]) for e in events] == [0, 1, 2]

    def listed(day: datetime) -> list[str]:
        run = subprocess.run(
            [
                str(khal),
                "list",
                "--format",
                "{start-time}|{status}|{title}",
                f"{day:%Y-%m-%d}",
                f"{day:%Y-%m-%d}",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert run.returncode == 0, run.stderr
        return [line for line in run.stdout.splitlines() if line.count("|") == 2]

    for n, ics in enumerate(sent):
        path = tmp_path / f"invite-{n}.ics"
        path.write_bytes(ics)
        run = subprocess.run(
            [str(khal), "import", "--batch", str(path)],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert run.returncode == 0, run.stderr
        assert len(list(cal.glob("*.ics"))) == 1  # one event, updated in place
        if n == 1:
            assert listed(local) == [] and len(listed(local + timedelta(days=1))) == 1
    (row,) = listed(local + timedelta(days=1))
    assert "CANCELLED" in row


def test_radicale_keeps_one_event_when_the_kallelse_is_sent_again_moved(
    radicale: DAV, tmp_path: Path
) -> None:
    """The kallelse re-sent after the case file moved the meeting: same UID, SEQUENCE 1."""
    from dataclasses import replace
    from datetime import timedelta

    from starmote.documents.kallelse import kallelse_invite, write_kallelse

    plan = make_plan(start=datetime(2027, 3, 29, 9, 0, tzinfo=STOCKHOLM))
    sent = []
    for moved in (plan, replace(plan, start=plan.start + timedelta(days=1))):
        draft = kallelse_invite(moved, "sv", tmp_path).proposal
        written = write_kallelse(moved, draft, draft, tmp_path, tmp_path / "out", STAMP)
        (ics,) = [p for p in written if p.suffix == ".ics"]
        sent.append(Calendar.from_ical(ics.read_bytes()))
    collection = "/coordinator/kallelse/"
    assert radicale.request("MKCALENDAR", collection)[0] == 201
    href = collection + "meeting.ics"
    for cal in sent:  # stored as a calendar object: without the iTIP METHOD (RFC 4791 §4.1)
        assert str(cal["METHOD"]) == "REQUEST" and len(list(cal.walk("VEVENT"))) == 1
        del cal["METHOD"]
        status, body = radicale.request(
            "PUT", href, cal.to_ical(), **{"Content-Type": "text/calendar; charset=utf-8"}
        )
        assert status in (201, 204), body
    status, body = radicale.request("GET", href)
    (got,) = Calendar.from_ical(body).walk("VEVENT")
    first = next(iter(sent[0].walk("VEVENT")))
    assert str(got["UID"]) == str(first["UID"]) and int(got["SEQUENCE"]) == 1
    assert got["DTSTART"].dt.astimezone(UTC) == datetime(2027, 3, 30, 7, 0, tzinfo=UTC)
