"""Capture without leaving the flow: note, goal, action, decision, parked question."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from starmote.engine import commands as c
from starmote.engine.allowed import allows
from starmote.engine.state import Action, Decision, Entry, Goal, ParkedQuestion
from starmote.i18n import t
from starmote.plan import limits
from starmote.plan.model import STOCKHOLM
from starmote.tui import fmt
from starmote.tui.dialogs.form import Field, FormDialog, FormError
from starmote.tui.keys import KeySpec, localize

CAPTURE_ASKS: dict[str, tuple[type[c.Command], ...]] = {
    "note": (c.AddNote,),
    "goal": (c.AddGoal,),
    "add_action": (c.AddAction,),
    "decision": (c.AddDecision,),
    "park": (c.ParkQuestion,),
    "questions": (c.SetQuestionStatus,),
}
"""The kind of command each capture key leads to (the engine says when it applies)."""

CAPTURE_KEYS = (
    KeySpec("note", "n", "note", "capture", show=True),
    KeySpec("goal", "g", "goal", "capture"),
    KeySpec("action", "i", "add_action", "capture"),
    KeySpec("decision", "e", "decision", "capture"),
    KeySpec("park", "f", "park", "capture"),
    KeySpec("questions", "q", "questions", "capture"),
)


def parse_due(text: str, today: date, lang: str) -> date | None:
    """A due date typed by the chair ("" is no date); FormError with a clear notice on nonsense."""
    from starmote.dates import DateParseError
    from starmote.dates import parse_due as parse

    text = text.strip()
    if not text:
        return None
    try:
        return parse(text, today)
    except DateParseError as err:
        raise FormError(err.message(lang)) from None


def parse_clock(text: str, lang: str) -> time:
    """A time of day such as 13:30; FormError otherwise."""
    from starmote.dates import DateParseError, parse_time

    try:
        return parse_time(text.strip())
    except DateParseError as err:
        raise FormError(err.message(lang)) from None


def _correcting(entry: Entry | None, build: Any) -> Any:
    """`build`, or when correcting `entry`, `build` wrapped so its command replaces the entry."""
    if entry is None:
        return build
    return lambda values: c.Correct(entry.id, build(values))


def local_today(screen: Any) -> date:
    """Today in Stockholm by the session's wall clock (so a fake clock gives a fixed day)."""
    wall: datetime = screen.meeting.session.now().wall
    return wall.astimezone(STOCKHOLM).date()


class CaptureActions:
    """Mixin for screens: open the capture forms; the engine stores and checks the result."""

    LANG: str

    def _form(self, title: str, fields: list[Field], build: Any, intro: str = "") -> None:
        screen: Any = self
        dialog = localize(FormDialog, self.LANG)(title, fields, build, intro)
        screen.meeting.open_dialog(dialog)

    def action_note(self) -> None:
        screen: Any = self
        state = screen.state
        lang = self.LANG
        where = []
        if state.phase is not None:
            where.append(state.plan.phases[state.phase].title(lang))
        if state.turn is not None:
            where.append(fmt.party_name(state.plan, state.turn.party, lang))
        intro = t("tui.note.intro", lang, where=" – ".join(where) or "–")
        self._form(
            t("tui.note.title", lang),
            [Field("text", t("tui.field.text", lang), limit=limits.FIELDS["note"], multiline=True)],
            lambda v: c.AddNote(v["text"]),
            intro,
        )

    def action_goal(self, entry: Goal | None = None) -> None:
        lang = self.LANG
        horizons = (("short", t("horizon.short", lang)), ("long", t("horizon.long", lang)))
        self._form(
            t("tui.goal.title", lang),
            [
                Field(
                    "horizon",
                    t("tui.field.horizon", lang),
                    entry.horizon if entry else "short",
                    horizons,
                ),
                Field(
                    "text",
                    t("tui.field.goal", lang),
                    entry.text if entry else "",
                    limit=limits.FIELDS["goal"],
                ),
            ],
            _correcting(entry, lambda v: c.AddGoal(v["horizon"], v["text"])),  # type: ignore[arg-type]
        )

    def action_add_action(self, entry: Action | None = None) -> None:
        screen: Any = self
        lang = self.LANG
        plan = screen.state.plan
        owners = tuple(fmt.party_suggestions(plan))

        def build(v: dict[str, str]) -> c.Command:
            owner = fmt.resolve_party(plan, v["owner"])
            if owner is None:
                raise FormError(t("tui.error.bad_party", lang, text=v["owner"]))
            due = parse_due(v["due"], local_today(screen), lang)
            return c.AddAction(v["what"], owner, due, v["how_often"])

        self._form(
            t("tui.action.title", lang),
            [
                Field(
                    "what",
                    t("tui.field.what", lang),
                    entry.what if entry else "",
                    limit=limits.FIELDS["action"],
                ),
                Field(
                    "owner",
                    t("tui.field.owner", lang),
                    fmt.party_name(plan, entry.owner, lang) if entry else "",
                    suggestions=owners,
                    placeholder=t("tui.field.owner_hint", lang),
                    limit=limits.NAME,
                ),
                Field(
                    "due",
                    t("tui.field.due", lang),
                    entry.due.isoformat() if entry and entry.due else "",
                    placeholder=t("tui.field.due_hint", lang),
                ),
                Field(
                    "how_often",
                    t("tui.field.how_often", lang),
                    entry.how_often if entry else "",
                    placeholder=t("tui.field.how_often_hint", lang),
                    limit=limits.FIELDS["how_often"],
                ),
            ],
            _correcting(entry, build),
        )

    def action_decision(self, entry: Decision | None = None) -> None:
        lang = self.LANG
        self._form(
            t("tui.decision.title", lang),
            [
                Field(
                    "text",
                    t("tui.field.decision", lang),
                    entry.text if entry else "",
                    limit=limits.FIELDS["decision"],
                    multiline=True,
                )
            ],
            _correcting(entry, lambda v: c.AddDecision(v["text"])),
        )

    def action_park(self, entry: ParkedQuestion | None = None) -> None:
        screen: Any = self
        lang = self.LANG
        state = screen.state
        away = tuple(
            (p.key, fmt.party_name(state.plan, p.key, lang))
            for p in state.plan.parties
            if allows(state, c.ParkQuestion("", p.key))
            or (entry is not None and p.key == entry.for_party)
        )
        # Offered only while someone is away (check_action), so `away` is never empty.
        self._form(
            t("tui.park.title", lang),
            [
                Field(
                    "for_party",
                    t("tui.field.for_party", lang),
                    entry.for_party if entry else away[0][0],
                    away,
                ),
                Field(
                    "text",
                    t("tui.field.question", lang),
                    entry.text if entry else "",
                    limit=limits.FIELDS["question"],
                ),
            ],
            _correcting(entry, lambda v: c.ParkQuestion(v["text"], v["for_party"])),
        )

    def action_questions(self) -> None:
        """Mark one of the case's frågeställningar answered, deferred or open again."""
        from starmote.tui.dialogs.pick import PickDialog

        screen: Any = self
        lang = self.LANG
        state = screen.state
        # The questions of the case taken up now; between a team session's cases, all of them.
        cases = (state.current_case,) if state.current_case else state.case_codes
        options = []
        for case in cases:
            status = state.question_statuses(case)
            prefix = f"{case}: " if len(cases) > 1 else ""
            for i, q in enumerate(state.questions_of(case)):
                label = f"{prefix}{q} – {t('minutes.q.' + status.get(i, 'open'), lang)}"
                options.append(((case, i), label, True))

        def chose_question(picked: tuple[str, int] | None) -> None:
            if picked is None:
                return
            case, index = picked
            now = state.question_statuses(case).get(index, "open")
            choices = [
                (s, t(f"tui.q.{s}", lang), s != now) for s in ("answered", "deferred", "open")
            ]
            ask = localize(PickDialog, lang)(
                t("tui.questions.status_title", lang), choices, state.questions_of(case)[index]
            )
            screen.meeting.open_dialog(
                ask,
                lambda s: screen.apply(c.SetQuestionStatus(index, s, case=case)) if s else None,
            )

        pick = localize(PickDialog, lang)(t("tui.questions.title", lang), options)
        screen.meeting.open_dialog(pick, chose_question)

    def correct(self, entry: Entry) -> None:
        """Open the entry's own form, filled in; what is stored replaces the entry."""
        forms = {
            Goal: self.action_goal,
            Action: self.action_add_action,
            Decision: self.action_decision,
            ParkedQuestion: self.action_park,
        }
        form = forms.get(type(entry))
        if form is not None:
            form(entry)  # type: ignore[operator]
