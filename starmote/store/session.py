"""A live meeting: engine + journal + clock. What the CLI and the TUI talk to.

`Session.do(command)` decides, stores the events durably, then folds them,
so nothing is shown that is not already on disk. Time comes from a clock
object; the meeting offset is monotonic within a run and bridged by the
wall clock across a crash (the room's time went on while the laptop was off).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

from starmote.engine import commands as c
from starmote.engine import events as ev
from starmote.engine.rules import DomainError, Now, decide, evolve, fold, open_meeting
from starmote.engine.state import MeetingState
from starmote.plan.model import MeetingPlan
from starmote.store.journal import DuplicateEventError, Journal, Record, new_meeting_id
from starmote.store.summary import MeetingSummary, SummaryKept, summarize, unchanged

ADDS_AN_ENTRY = (
    c.AddNote,
    c.AddGoal,
    c.AddAction,
    c.AddDecision,
    c.ParkQuestion,
    c.GiveFeedback,
)
"""Commands that add to the meeting whatever came before: safe to decide again after a clash."""


class Clock(Protocol):
    """Where a session gets time from."""

    def monotonic(self) -> float: ...

    def wall(self) -> datetime: ...


class SystemClock:
    """The real clocks: `time.monotonic` and the UTC wall time."""

    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FakeClock:
    """A clock for tests and snapshots: moves only when told to."""

    wall0: datetime = field(default_factory=lambda: datetime(2026, 12, 3, 8, 0, tzinfo=UTC))
    mono: float = 1000.0
    _start: float = 1000.0

    def monotonic(self) -> float:
        return self.mono

    def wall(self) -> datetime:
        return self.wall0 + timedelta(seconds=self.mono - self._start)

    def advance(self, seconds: float) -> None:
        """Move both clocks forward by `seconds`."""
        self.mono += seconds


def to_record(meeting_id: str, event: ev.Event) -> Record:
    """The journal row of `event`."""
    return Record(
        meeting_id=meeting_id,
        seq=event.seq,
        kind=event.kind,
        t=event.t,
        wall=event.wall.astimezone(UTC).isoformat(),
        payload=ev.to_payload(event),
    )


def from_record(record: Record) -> ev.Event:
    """The event stored in `record`."""
    return ev.from_payload(record.kind, record.seq, record.t, record.wall, record.payload)


def load_events(journal: Journal, meeting_id: str) -> list[ev.Event]:
    """All events of a meeting, in order."""
    return [from_record(r) for r in journal.records(meeting_id)]


class Session:
    """One meeting being run: the only way commands reach the journal."""

    def __init__(
        self,
        journal: Journal,
        state: MeetingState,
        clock: Clock,
        offset0: float,
        mono0: float,
        last_t: float = 0.0,
    ) -> None:
        self.journal = journal
        self.clock = clock
        self._state = state
        self._offset0 = offset0
        self._mono0 = mono0
        self._last_t = last_t
        self._summarized: MeetingState | None = None
        """The state whose summary this session last stored (None: not known to be stored)."""

    @classmethod
    def start(
        cls,
        journal: Journal,
        plan: MeetingPlan,
        clock: Clock,
        meeting_id: str | None = None,
        lang: str | None = None,
    ) -> Session:
        """Open a new meeting on `plan` and store its first event.

        Args:
            journal: Where events go.
            plan: The validated plan.
            clock: Time source.
            meeting_id: Id to use; a new one by default.
            lang: UI/minutes language; the plan's by default.

        Returns:
            The session, meeting at offset 0.
        """
        meeting_id = meeting_id or new_meeting_id(plan.start, plan.case_code)
        mono0 = clock.monotonic()
        events = open_meeting(plan, meeting_id, Now(0.0, clock.wall()), lang)
        state = fold(events)
        journal.append([to_record(meeting_id, e) for e in events], summaries=[summarize(state)])
        session = cls(journal, state, clock, 0.0, mono0)
        session._summarized = state
        return session

    @classmethod
    def resume(cls, journal: Journal, meeting_id: str, clock: Clock) -> Session:
        """Reopen a stored meeting where it was.

        The offset carries on from the last event plus the wall time that
        passed since it (never less than zero, should the wall clock jump back).
        """
        events = load_events(journal, meeting_id)
        if not events:
            raise KeyError(meeting_id)
        state = fold(events)
        last = events[-1]
        gap = max(0.0, (clock.wall() - last.wall).total_seconds())
        return cls(journal, state, clock, last.t + gap, clock.monotonic(), last.t)

    @property
    def state(self) -> MeetingState:
        """The meeting as of the last stored event."""
        return self._state

    @property
    def meeting_id(self) -> str:
        """The journal id of this meeting."""
        return self._state.meeting_id

    def now(self) -> Now:
        """The current clock reading as a meeting offset (never behind the last event)."""
        t = self._offset0 + (self.clock.monotonic() - self._mono0)
        return Now(max(t, self._last_t), self.clock.wall())

    def do(self, command: c.Command) -> MeetingState:
        """Apply `command`: decide, store durably, fold.

        Raises:
            DomainError: The rules do not allow it; nothing is stored.
        """
        events = decide(self._state, command, self.now())
        try:
            self.append(events)
        except DuplicateEventError:
            # Another writer stored the next event first (the app's lease keeps a second
            # window out, but not every platform has one). Take in what it stored. An
            # entry is added on top, so neither side's text is lost; a step such as
            # "next part" may already have been taken there, so it is not repeated.
            self._catch_up()
            if not isinstance(command, ADDS_AN_ENTRY):
                raise DomainError("engine.error.changed_elsewhere") from None
            self.append(decide(self._state, command, self.now()))
        return self._state

    def _catch_up(self) -> None:
        events = load_events(self.journal, self.meeting_id)
        self._state = fold(events)
        self._last_t = max(self._last_t, events[-1].t)
        self._summarized = None

    def append(self, events: Sequence[ev.Event]) -> None:
        """Store already-decided events and fold them in (durable on return).

        The meeting's attendance summary, folded with them, goes in the same transaction.
        """
        if not events:
            return
        state = self._state
        for event in events:
            state = evolve(state, event)
        records = [to_record(self.meeting_id, e) for e in events]
        self.journal.append(records, summaries=[self._summary(state)])
        self._state = state
        self._summarized = state
        self._last_t = events[-1].t

    def _summary(self, state: MeetingState) -> MeetingSummary | SummaryKept:
        """The summary to store with `state`: folded anew only when attendance may differ.

        Most events (turns, notes) leave attendance as it was: the fold then keeps
        the very same objects (`summary.unchanged`), and the stored summary only moves its seq.
        """
        old = self._summarized
        if old is not None and old is self._state and unchanged(old, state):
            return SummaryKept(self.meeting_id, since=old.last_seq, seq=state.last_seq)
        return summarize(state)
