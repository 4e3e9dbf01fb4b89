"""Every key the screens enable is a command the engine accepts, and the other way round.

Seeded random meetings are driven through the real app. After every step each key
of the main screen on view is checked with the screen's own `check_action`
against `decide`: a key is enabled exactly when the engine accepts one of the
commands it can lead to. Those commands are written out here, apart from the
screens, so neither side is a copy of the other. A command the engine accepts
that no key of the screen offers must be one the screen leaves out on purpose
(`UNKEYED`); that is how "Rebalance before the start" was found.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from textual.actions import parse as parse_action
from textual.screen import ModalScreen

from starmote.engine import commands as c
from starmote.engine import timing
from starmote.engine.rules import DomainError, Now, decide
from starmote.engine.state import MODES, MeetingState
from starmote.tui.keys import applies
from starmote.tui.widgets.agenda import AgendaList
from starmote.tui.widgets.partylist import PartyList
from starmote.tui.widgets.review import ReviewList
from tests.support.commands import (
    FOLLOW_UP,
    captured,
    every_command,
    replacements,
    review_targets,
)
from tests.support.tui import app_for, new_session, team_session

SEEDS = (1, 2, 3, 4, 5)
TEAM_SEEDS = (23, 26, 27, 28)
"""Walks of the sample STAR team session: four cases, FK for an hour, the utbudskarta."""
STEPS = 70
TEAM_STEPS = 110
"""Six parts, each case's consent asked: a team session needs more steps to reach its end."""

UI_ONLY = {
    "before": {"kallelse"},
    "live": {"closing"},
    "closing": {"back", "export", "export_other"},
}
"""Keys that move between views: no command, so the screens decide them alone."""

HIDDEN = {
    "live": {"pause", "resume", "agenda"},
    "closing": {
        "responsible",
        "follow_up",
        "next_session",
        "close",
        "cancel_follow_up",
        "cancel_after",
        "close_plan",
    },
}

"""Keys hidden (False) rather than greyed (None) when they do not apply."""

TWINS = {"cancel_follow_up": "closed", "cancel_after": "not closed"}
"""One key (s) under two names, by whether the meeting is closed: the one for the other
state never shows (the footer names it only once closed)."""

KIND_HIDDEN = {
    "sip": {"before": {"move_case"}, "live": {"review"}},
    "team": {"before": {"consent"}, "live": {"review"}},
}
"""Keys hidden when refused in one kind of meeting only: a SIP meeting has no cases to
move; a team session asks each case's consent when the case is taken up. The walks' plans
follow up no previous plan, so its review (u) is never offered."""

OTHER_KIND = {"sip": {"next_session"}, "team": {"follow_up"}}
"""One key (u) named for the kind of meeting: the other name is never shown."""

EXPLAINED = {
    # d says the meeting waits for consent: the meeting's, or in a team session the case's
    "next_part": {"engine.error.consent_required", "engine.error.case_consent_required"},
    "mode": {"engine.error.already_present"},  # h/v/t say the party is already checked in
}
"""Refusals a key stays enabled for, so that pressing it says why nothing happens."""

UNKEYED: dict[str, set[type[c.Command]]] = {
    # Check-in records arrival, absence and substitutes; the meeting's content comes later.
    "before": {
        c.ConsiderOffer,
        c.Leave,
        c.Drop,
        c.Rejoin,
        c.AddNote,
        c.AddGoal,
        c.AddAction,
        c.ConfirmAction,
        c.AddDecision,
        c.ParkQuestion,
        c.SetQuestionStatus,
        c.SetMainResponsible,
        c.SetFollowUp,
        c.CancelFollowUp,
        c.GiveFeedback,
        c.Retract,
        c.Correct,
        c.CloseMeeting,  # through the consent dialog only, with a reason
        c.ClosePlan,
    },
    # Huvudansvarig, follow-up, feedback, review and closing are on the closing screen (c).
    "live": {
        c.SetIndividualFirst,
        c.MarkAbsent,
        c.NoteSubstitute,
        c.SetMainResponsible,
        c.SetFollowUp,
        c.CancelFollowUp,
        c.GiveFeedback,
        c.Retract,
        c.Correct,
        c.CloseMeeting,  # on the closing screen, or through the consent dialog
        c.ClosePlan,
    },
    # While a part runs, the live screen (Esc) has the turns, the clocks and attendance.
    "closing": {
        c.MoveCase,
        c.SetIndividualFirst,
        c.MarkAbsent,
        c.NoteSubstitute,
        c.CheckIn,
        c.Leave,
        c.Drop,
        c.Rejoin,
        c.ConfirmConsent,
        c.RecordConsentMissing,
        c.NextSpeaker,
        c.SkipSpeaker,
        c.BackSpeaker,
        c.ExtendTurn,
        c.JumpTo,
        c.Pause,
        c.Resume,
        c.Rebalance,
        c.TickPrompt,
        c.ReviewPrevious,  # the previous plan is reviewed on the live screen (Esc)
    },
}
"""Commands the engine may accept that a screen deliberately has no key for."""
for _unkeyed in UNKEYED.values():
    # An invite's text is approved in the export's preview (x once closed), not by a key.
    _unkeyed.add(c.ApproveInvite)

WEIGHTS: dict[type[c.Command], float] = {
    c.NextSpeaker: 4,
    c.NextPhase: 2.5,
    c.Resume: 2,
    c.ConfirmConsent: 1.5,
    c.CheckIn: 0.8,
    c.Rejoin: 0.8,
    c.Pause: 0.7,
    c.CloseMeeting: 0.6,
    c.Leave: 0.5,
    c.Drop: 0.5,
    c.Rebalance: 0.5,
    c.SetMainResponsible: 0.5,
    c.SetFollowUp: 0.5,
    c.MoveCase: 0.5,
}
"""How often the walk picks each kind of command (0.3 for the rest), whatever its targets."""


def view_of(screen: object) -> str:
    names = {"BeforeScreen": "before", "LiveScreen": "live", "ClosingScreen": "closing"}
    return names[type(screen).__name__]


class Moment:
    """One state of the walk, with the engine's verdict on every command (each decided once)."""

    def __init__(self, state: MeetingState, now: Now) -> None:
        self.state, self.now = state, now
        self.verdicts: dict[c.Command, str | None] = {}
        for command in every_command(state, now):
            self.verdict(command)

    def verdict(self, command: c.Command) -> str | None:
        """None if the engine accepts `command`, else the key of its refusal."""
        if command not in self.verdicts:
            try:
                decide(self.state, command, self.now)
                self.verdicts[command] = None
            except DomainError as err:
                self.verdicts[command] = err.key
        return self.verdicts[command]

    def accepted_kinds(self) -> set[type[c.Command]]:
        return {type(cmd) for cmd, why in self.verdicts.items() if why is None}


def key_commands(view: str, screen: Any, moment: Moment) -> dict[str, Any]:
    """Per action of `view`, the commands its key can lead to, whatever the chair then picks.

    A numbered or moded action (tick(n), mode(m)) maps to a function of its parameter.
    In a team session outside a case, a capture form asks which case (or the team) the
    entry is for, and the questions are those of every case.
    """
    state = moment.state
    parties = [p.key for p in state.plan.parties]
    consent = [c.ConfirmConsent(), c.RecordConsentMissing()]
    team = state.plan.is_team_session
    cases: list[str | None] = [*state.case_codes, ""] if team and not state.current_case else [None]
    asked = state.case_codes if team and not state.current_case else (state.current_case,)
    capture = {
        "note": [c.AddNote("Anteckning", case=k) for k in cases],
        "goal": [c.AddGoal("short", "Ett mål", case=k) for k in cases],
        "add_action": [c.AddAction("En insats", p, case=k) for p in parties for k in cases],
        "decision": [c.AddDecision("Ett beslut", case=k) for k in cases],
        "park": [c.ParkQuestion("En fråga?", p, case=k) for p in parties for k in cases],
        "questions": [
            c.SetQuestionStatus(i, s, case=code)
            for code in asked
            for i in range(len(state.questions_of(code)))
            for s in ("answered", "deferred", "open")
        ],
        "confirm_action": [c.ConfirmAction(a.id) for a in state.actions],
        "offers": [c.ConsiderOffer(o.key, b) for o in state.plan.offers for b in (True, False)],
    }
    if view == "before":
        party = screen.query_one(PartyList).party
        arrive = [c.CheckIn(party, m) for m in MODES]
        mode: Callable[[str], list[c.Command]] = lambda m: [c.CheckIn(party, m)]  # noqa: E731
        case = screen.query_one(AgendaList).case if team else None
        move: Callable[[int], list[c.Command]] = lambda by: (  # noqa: E731
            [c.MoveCase(case or "", by)] if team else []
        )
        return {
            "move_case": move,
            "checkin": [*arrive, c.MarkAbsent(party, True), c.NoteSubstitute(party, "Ersättare")],
            "absent": [c.MarkAbsent(party, True)],
            "substitute": [c.NoteSubstitute(party, "Ersättare")],
            "mode": mode,
            "consent": consent,
            "start": [c.NextPhase()],
            "individual_first": [c.SetIndividualFirst(not state.individual_first)],
        }
    if view == "live":
        rebalance = [c.Rebalance(tuple(clock.budget for clock in state.phases))]
        if state.phase is not None:
            rebalance.append(c.Rebalance(timing.propose_rebalance(state, moment.now.t)))
        tick: Callable[[int], list[c.Command]] = lambda n: [  # noqa: E731
            c.TickPrompt(n - 1, b) for b in (True, False)
        ]
        return {
            "next_speaker": [c.NextSpeaker()],
            "skip": [c.SkipSpeaker()],
            "back": [c.BackSpeaker()],
            "extend": [c.ExtendTurn(60)],
            "jump": [c.JumpTo(p) for p in parties],
            "pause": [c.Pause()],
            "resume": [c.Resume()],
            "next_part": [c.NextPhase()],
            "rebalance": rebalance,
            "consent": consent,
            "agenda": [
                c.MoveCase(p.case_code, by)
                for p in state.plan.phases
                if p.case_code
                for by in (-1, 1)
            ],
            "attendance": [
                *(c.CheckIn(p, m) for p in parties for m in MODES),
                *(c.Rejoin(p, m) for p in parties for m in MODES),
                *(c.Leave(p) for p in parties),
                *(c.Drop(p) for p in parties),
            ],
            "tick": tick,
            "review": [
                c.ReviewPrevious(kind, i, status) for kind, i, status in review_targets(state)
            ],
            **capture,
        }
    selected = screen.query_one(ReviewList).entry_id
    entry = captured(state).get(selected) if selected is not None else None
    later = FOLLOW_UP + timedelta(days=7)
    bookings: list[c.Command] = [c.SetFollowUp(at, 60, "Rum 1") for at in (FOLLOW_UP, later)]
    return {
        "responsible": [c.SetMainResponsible(p) for p in parties],
        # Two bookings: whichever is not the one held is a move (the same twice is refused).
        "follow_up": bookings,
        "next_session": bookings,
        "cancel_follow_up": [c.CancelFollowUp()],
        "cancel_after": [c.CancelFollowUp()],
        "close_plan": [c.ClosePlan("Målen är nådda")],
        "feedback": [c.GiveFeedback("Bra möte")],
        "close": [c.CloseMeeting("Slut för i dag")],
        "retract": [c.Retract(selected)] if selected is not None else [],
        "correct": [c.Correct(entry.id, r) for r in replacements(entry, parties)] if entry else [],
        "next_part": [c.NextPhase()],
        **capture,
    }


def mismatches(screen: Any, moment: Moment) -> list[str]:
    """Where the screen's keys and the engine disagree, described."""
    view, state = view_of(screen), moment.state
    kind = "team" if state.plan.is_team_session else "sip"
    where = f"{kind} {view} (part {state.phase}, {state.status})"
    found: list[str] = []
    table = key_commands(view, screen, moment)
    # Keys that act on the line under the cursor offer their kind even with no line.
    offered: set[type[c.Command]] = {c.Retract, c.Correct} if view == "closing" else set()
    for spec in screen.KEYS:
        _, action, params = parse_action(spec.action)
        if action in UI_ONLY[view]:
            continue
        shown = screen.check_action(action, params)
        twin_off = TWINS.get(action) == ("closed" if state.status == "closed" else "not closed")
        if action in OTHER_KIND[kind] or twin_off:
            if shown is not False:
                found.append(f"{where} {spec.id}: {shown}, never shown in this kind of meeting")
            continue
        commands = table[action](*params) if params else table[action]
        offered |= {type(cmd) for cmd in commands}
        refusals = {moment.verdict(cmd) for cmd in commands}
        hidden = HIDDEN.get(view, set()) | KIND_HIDDEN[kind].get(view, set())
        if state.plan.previous is not None:
            hidden = hidden - {"review"}  # a follow-up: greyed until Aktuell situation
        off = False if action in hidden else None
        if shown is True and None not in refusals and not refusals <= EXPLAINED.get(action, set()):
            found.append(f"{where} {spec.id}: enabled, engine refuses {sorted(refusals)}")
        elif shown is not True and None in refusals:
            found.append(f"{where} {spec.id}: {shown}, engine accepts")
        elif shown is not True and shown is not off:
            found.append(f"{where} {spec.id}: {shown} where {off} was expected")
    for kind in moment.accepted_kinds() - offered - UNKEYED[view]:
        found.append(f"{where}: no key for {kind.__name__}, which the engine accepts")
    return found


def pick(rng: random.Random, moment: Moment) -> c.Command:
    """Mostly a command the engine accepts (so the meeting moves on), now and then a refused one."""
    commands = list(moment.verdicts)
    if rng.random() > 0.15:
        commands = [cmd for cmd in commands if moment.verdicts[cmd] is None]
    by_kind: dict[type[c.Command], list[c.Command]] = {}
    for command in commands:
        by_kind.setdefault(type(command), []).append(command)
    kinds = list(by_kind)
    # Closing with a reason ends the walk: never before the start, rarely before the end.
    early = {"open": 0.0, "running": 0.1}.get(moment.state.status, 1.0)
    weights = [WEIGHTS.get(k, 0.3) * (early if k is c.CloseMeeting else 1) for k in kinds]
    return rng.choice(by_kind[rng.choices(kinds, weights)[0]])


def situation(screen: object, state: MeetingState) -> tuple[str, ...]:
    """What kind of moment this is, to show that the walks went through the meeting."""
    away = sorted({a.presence for a in state.attendance if not a.here})
    consent = "none" if state.consent is None else str(state.consent.confirmed)
    paused = "paused" if state.paused_at is not None else "live"
    return ("at", view_of(screen), state.status, str(state.phase), paused, consent, *away)


async def walk(
    home: Path, seed: int, seen: set[tuple[str, ...]], team: bool = False, follow_up: bool = False
) -> list[str]:
    """One seeded meeting through the real app; the disagreements found on the way.

    `follow_up`: the demo case as a follow-up, with a previous plan to review.
    """
    rng = random.Random(seed)
    if follow_up:
        session, clock = follow_up_session(home)
    else:
        session, clock = team_session(home) if team else new_session(home)
    app = app_for(session, clock)
    problems: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(TEAM_STEPS if team else STEPS):
            # A party past its window is asked about once; the chair says no.
            while isinstance(app.screen, ModalScreen):
                await app.screen.dismiss(False)
                await pilot.pause(0)
            # A step is synchronous (app.apply redraws and re-checks the keys at once);
            # only a new main screen needs the app to run until it is mounted.
            while view_of(app.main_screen) != app.view_for(app.state) or not (
                app.main_screen and app.main_screen.is_mounted
            ):
                await pilot.pause(0)
            screen: Any = app.main_screen
            moment = Moment(app.state, app.session.now())
            problems += mismatches(screen, moment)
            seen.add(situation(screen, moment.state))
            seen.update((view_of(screen), k.id, str(applies(screen, k))) for k in screen.KEYS)
            if moment.state.status == "closed":
                break
            # The chair moves the cursor and looks at the closing screen now and then.
            if isinstance(screen.focused, PartyList | ReviewList) and screen.focused.option_count:
                screen.focused.highlighted = rng.randrange(screen.focused.option_count)
            if team and view_of(screen) == "before":  # and the case the agenda's cursor is on
                agenda = screen.query_one(AgendaList)
                agenda.highlighted = rng.randrange(agenda.option_count)
            if moment.state.status == "running" and rng.random() < 0.1:
                target = "live" if view_of(screen) == "closing" else "closing"
                if target == "live" or screen.check_action("closing", ()) is True:
                    app.show_view(target)
                    continue
            command = pick(rng, moment)
            clock.advance(rng.choice((0, 5, 30, 90, 240)))
            app.apply(command, quiet=True)
        # A screen the last step brought up finishes composing before the app shuts down
        # (its header sets its title once composed, and would find itself pruned).
        await pilot.pause()
    return problems


async def test_every_key_is_enabled_exactly_when_the_engine_accepts(tmp_path) -> None:
    seen: set[tuple[str, ...]] = set()
    problems: list[str] = []
    for seed in SEEDS:
        problems += await walk(tmp_path / str(seed), seed, seen)
    assert not problems, "\n".join(dict.fromkeys(problems))
    # The walks went through the kinds of moment a meeting has, with keys on and off.
    moments = [m for m in seen if m[0] == "at"]
    assert {m[2] for m in moments} == {"open", "running", "closing", "closed"}
    assert {m[1] for m in moments} == {"before", "live", "closing"}
    assert {m[3] for m in moments if m[2] == "running"} == {"0", "1", "2", "3", "4"}
    assert any(m[4] == "paused" for m in moments)
    assert {"left", "dropped", "absent"} <= {p for m in moments for p in m[6:]}
    assert {"True", "False"} <= {m[5] for m in moments}  # consent confirmed, and missing
    for key in ("next_part", "consent", "back", "skip", "jump", "pause", "resume"):
        off = "False" if key in ("pause", "resume") else "None"
        assert {m[2] for m in seen if m[:2] == ("live", key)} >= {"True", off}, key


def follow_up_session(home: Path) -> tuple[Any, Any]:
    """The demo case as a follow-up: two insatser, a goal, a question parked for psykiatrin."""
    from dataclasses import replace

    from starmote.store.journal import Journal
    from starmote.store.session import FakeClock, Session
    from tests.support.review import DEMO_PREVIOUS
    from tests.support.tui import MEETING_ID, demo_plan

    clock = FakeClock()
    plan = replace(demo_plan(), previous=DEMO_PREVIOUS)
    return Session.start(Journal.open(home), plan, clock, meeting_id=MEETING_ID), clock


async def test_the_review_key_of_a_follow_up_is_enabled_exactly_when_the_engine_accepts(
    tmp_path,
) -> None:
    seen: set[tuple[str, ...]] = set()
    problems = await walk(tmp_path, 3, seen, follow_up=True)
    assert not problems, "\n".join(dict.fromkeys(problems))
    assert {m[2] for m in seen if m[:2] == ("live", "review")} == {"True", "None"}


async def test_every_key_of_a_team_session_is_enabled_exactly_when_the_engine_accepts(
    tmp_path,
) -> None:
    seen: set[tuple[str, ...]] = set()
    problems: list[str] = []
    for seed in TEAM_SEEDS:
        problems += await walk(tmp_path / str(seed), seed, seen, team=True)
    assert not problems, "\n".join(dict.fromkeys(problems))
    moments = [m for m in seen if m[0] == "at"]
    assert {m[2] for m in moments} == {"open", "running", "closing", "closed"}
    assert {m[1] for m in moments} == {"before", "live", "closing"}
    assert {m[3] for m in moments if m[2] == "running"} == {str(i) for i in range(6)}
    # The keys of a team session were seen both on and off.
    for view, key in (
        ("before", "case_up"),
        ("before", "case_down"),
        ("live", "consent"),
        ("live", "next_part"),
        ("live", "offers"),
    ):
        assert {m[2] for m in seen if m[:2] == (view, key)} >= {"True", "None"}, (view, key)
    assert {m[2] for m in seen if m[:2] == ("before", "consent")} == {"False"}
