"""A child process for the crash test: stores a meeting's events, acknowledging each one.

Run as `python crash_child.py HOME MEETING_ID LIMIT`. It opens the journal in HOME,
continues MEETING_ID after its last stored seq, and appends events up to seq LIMIT,
printing `stored <seq>` (flushed) only after the append that holds that seq returned.
The parent kills it with SIGKILL at a random moment. `record_for` and `batch_size`
are deterministic, so the parent (and later tests that fold the records into state)
can rebuild exactly what the child wrote.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

from starmote.store.journal import Journal, Record

START_WALL = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)

PARTIES = ["individ", "mamma", "godman", "soc", "fk", "af", "vc", "bup"]
PHASES = ["inledning", "aktuell", "behov", "sammanfattning", "avslutning"]
SHARES = [10, 20, 45, 15, 10]
NOTES = [
    "Kim berättar att skolan fungerar bättre sedan schemat ändrades.",
    "Mamma är orolig för sömnen och önskar kontakt med BUP före jul.",
    "Försäkringskassan kan inte delta efter kl. 10 men har skickat underlag.",
    "Socialtjänsten föreslår kontaktperson två eftermiddagar i veckan.",
    "Arbetsförmedlingen erbjuder praktik på Återbruket i Örebro från februari.",
    "God man påpekar att ansökan om bostadstillägg måste lämnas före 15 januari.",
]


def plan_payload(meeting_id: str) -> dict[str, Any]:
    """A plausible meeting_opened payload (a trimmed MeetingPlan dict)."""
    return {
        "meeting_id": meeting_id,
        "lang": "sv",
        "plan": {
            "case_code": "SIP-2026-031",
            "template_key": "motescirkel-sip",
            "kind": "sip",
            "title_sv": "SIP-möte",
            "title_en": "SIP meeting",
            "start": "2026-12-03T09:00:00+01:00",
            "duration_min": 90,
            "parties": [{"key": k, "org": k.upper(), "summons": "kallad"} for k in PARTIES],
            "phases": [{"key": p, "share": s} for p, s in zip(PHASES, SHARES, strict=True)],
            "chair": {"name": "Samordnare Sam", "email": "sam@example.org"},
        },
    }


def record_for(meeting_id: str, seq: int) -> Record:
    """The event the child stores as number `seq` of `meeting_id`.

    Args:
        meeting_id: The meeting.
        seq: 1 opens the meeting; later numbers cycle through typical events.

    Returns:
        The same Record every time for the same arguments.
    """
    rng = random.Random(f"{meeting_id}:{seq}")
    wall = (START_WALL + timedelta(seconds=seq * 7)).isoformat()
    t = seq * 7.0 + 0.125
    if seq == 1:
        return Record(meeting_id, 1, "meeting_opened", 0.0, wall, plan_payload(meeting_id))
    party = rng.choice(PARTIES)
    phase = PHASES[(seq // 40) % len(PHASES)]
    kind = [
        "party_checked_in",
        "turn_started",
        "note_added",
        "note_added",
        "action_added",
        "turn_ended",
        "phase_started",
    ][seq % 7]
    payload: dict[str, Any]
    if kind == "party_checked_in":
        payload = {"party": party, "mode": rng.choice(["in_person", "video", "phone"])}
    elif kind == "turn_started":
        payload = {"party": party, "phase": phase}
    elif kind == "note_added":
        # Some notes are long, so an event can span more than one database page.
        text = " ".join(rng.choice(NOTES) for _ in range(rng.choice([1, 2, 40])))
        payload = {"text": text, "phase": phase, "party": party}
    elif kind == "action_added":
        payload = {
            "what": rng.choice(NOTES),
            "owner_party": party,
            "due": f"2027-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            "how_often": "",
        }
    elif kind == "phase_started":
        payload = {"phase": phase}
    else:
        payload = {}
    return Record(meeting_id, seq, kind, t, wall, payload)


def batch_size(seq: int) -> int:
    """How many events the child stores in the one transaction starting at `seq`."""
    return 1 + (seq * 7) % 3 if seq > 1 else 1


def main(argv: list[str]) -> int:
    home, meeting_id, limit = argv[1], argv[2], int(argv[3])
    journal = Journal.open(home)
    seq = journal.last_seq(meeting_id) + 1
    print(f"ready {seq}", flush=True)
    while seq <= limit:
        end = min(seq + batch_size(seq), limit + 1)
        batch = [record_for(meeting_id, s) for s in range(seq, end)]
        journal.append(batch)
        for record in batch:
            sys.stdout.write(f"stored {record.seq}\n")
        sys.stdout.flush()
        seq += len(batch)
    journal.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
