"""A child process that runs a real meeting Session until it is killed.

Run as `python session_child.py HOME [ACKS [PACE]]`. It plays `script()`
(deterministic commands with a fake clock) through `Session.do`, printing
`stored <last_seq>` after each command returned, i.e. after its events were
committed. With ACKS (0: no limit) it stops after that many acknowledgements and
waits to be killed, so the state it dies in does not depend on how fast the
machine is. With PACE it waits that many seconds between commands, as a chair
typing very fast would, instead of writing in a tight loop.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from starmote.engine import commands as c  # noqa: E402
from starmote.engine.rules import DomainError  # noqa: E402
from starmote.store.journal import Journal  # noqa: E402
from starmote.store.session import FakeClock, Session  # noqa: E402
from tests.support.factories import make_plan  # noqa: E402

MEETING = "20261203-0900-SIP-2026-001-kill"


def script() -> Iterator[tuple[float, c.Command]]:
    """An endless, deterministic meeting: (seconds to advance, command)."""
    for party in ("individ", "kommun", "region", "af"):
        yield 5, c.CheckIn(party)
    yield 0, c.MarkAbsent("fk", notified=False, reason="")
    yield 10, c.NextPhase()
    yield 20, c.ConfirmConsent("kommun, region, AF")
    i = 0
    while True:
        i += 1
        yield 7, c.AddNote(f"Anteckning {i}: Sam berättar om veckan, å ä ö.")
        if i % 3 == 0:
            yield 40, c.NextSpeaker()
        if i % 11 == 0:
            yield 5, c.NextPhase()
        if i % 5 == 0:
            yield 3, c.AddAction(f"Insats {i}", "af", date(2027, 1, 1 + i % 28), "varje vecka")
        if i % 13 == 0:
            yield 2, c.Pause()
            yield 60, c.Resume()


def play(session: Session, clock: FakeClock, until_seq: int | None = None, ack=None) -> None:
    """Run the script; stop when the meeting reached `until_seq` (None: never)."""
    for advance, command in script():
        if until_seq is not None and session.state.last_seq >= until_seq:
            return
        clock.advance(advance)
        try:
            session.do(command)
        except DomainError:
            continue  # Deterministic too: the same command is refused the same way.
        if ack:
            ack(session.state.last_seq)


def main() -> None:
    home = Path(sys.argv[1])
    limit = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] != "0" else None
    pace = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    acks = 0
    clock = FakeClock()
    journal = Journal.open(home)
    session = Session.start(journal, make_plan(), clock, meeting_id=MEETING)

    def ack(seq: int) -> None:
        nonlocal acks
        sys.stdout.write(f"stored {seq}\n")
        sys.stdout.flush()
        acks += 1
        if limit is not None and acks >= limit:
            while True:
                time.sleep(3600)  # Killed here, at a known point.
        time.sleep(pace)

    ack(session.state.last_seq)
    play(session, clock, ack=ack)


if __name__ == "__main__":
    main()
