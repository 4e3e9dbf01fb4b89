"""Capture without leaving the flow: note, goal, action, decision, parked question."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from starmote.engine import commands as c
from starmote.engine.allowed import Asked, allows
from starmote.engine.state import (
    CHAIR,
    NOTE_TAKER,
    Action,
    Decision,
    Entry,
    Goal,
    MeetingState,
    Note,
    ParkedQuestion,
)
from starmote.i18n import t
from starmote.plan import limits
from starmote.plan.model import CONSENT_CATEGORIES, STOCKHOLM, MeetingPlan, Offer
from starmote.tui import fmt
from starmote.tui import team as tm
from starmote.tui.dialogs.form import Field, FormDialog, FormError, Mark
from starmote.tui.keys import KeySpec, localize

CAPTURE_ASKS: dict[str, tuple[type[c.Command], ...]] = {
    "note": (c.AddNote,),
    "goal": (c.AddGoal,),
    "add_action": (c.AddAction,),
    "decision": (c.AddDecision,),
    "park": (c.ParkQuestion,),
    "questions": (c.SetQuestionStatus,),
    "confirm_action": (c.ConfirmAction,),
}
"""The kind of command each capture key leads to (the engine says when it applies)."""

CAPTURE_KEYS = (
    KeySpec("note", "n", "note", "capture", show=True),
    KeySpec("goal", "g", "goal", "capture"),
    KeySpec("action", "i", "add_action", "capture"),
    KeySpec("decision", "e", "decision", "capture"),
    KeySpec("park", "f", "park", "capture"),
    KeySpec("questions", "q", "questions", "capture"),
    KeySpec("offers", "m", "offers", "capture"),
    KeySpec("confirm_action", "v", "confirm_action", "capture"),
)


def capture_asks(state: MeetingState, action: str) -> tuple[Asked, ...] | None:
    """What a capture key leads to, for the engine to say whether it applies now.

    Most keys open a form that chooses the rest, so their kind is enough. The
    utbudskarta is for the case taken up now, and between a team session's cases the
    frågeställningar are those of every case: asked about as the dialogs will give them.
    """
    if action == "offers":
        offers = state.plan.offers
        return (c.ConsiderOffer(offers[0].key),) if offers else (c.ConsiderOffer,)
    if action == "questions" and state.plan.is_team_session and not state.current_case:
        return tuple(
            c.SetQuestionStatus(0, "answered", case=code)
            for code in state.case_codes
            if state.questions_of(code)
        ) or (c.SetQuestionStatus,)
    return CAPTURE_ASKS.get(action)


def offer_of(plan_offers: tuple[Offer, ...], what: str) -> Offer | None:
    """The utbudskarta offer an insats's text starts with ("Stöd och matchning via …"), if any."""
    typed = " ".join(what.split()).casefold()
    # The longest title first: "Arbetsträning (AME)" before a shorter one it starts with.
    for offer in sorted(plan_offers, key=lambda o: -len(o.title)):
        title = " ".join(offer.title.split()).casefold()
        rest = typed[len(title) :]
        if typed.startswith(title) and not rest[:1].isalnum():  # "IPS", not "IPSO"
            return offer
    return None


def owner_names(plan: MeetingPlan) -> dict[str, str]:
    """What the chair may type for the meeting's own people as an owner: name -> key."""
    names = {plan.chair.name: CHAIR}
    if plan.note_taker is not None and plan.note_taker.name:
        names[plan.note_taker.name] = NOTE_TAKER
    return {name: key for name, key in names.items() if name.strip()}


def resolve_owner(plan: MeetingPlan, text: str) -> str | None:
    """Who typed text names as an insats's owner: a party, the chair or the note taker.

    The chair's and note taker's names count as the parties' do (whole, or a start
    of them only one name has).

    Args:
        plan: The meeting's plan.
        text: What the chair typed.

    Returns:
        A party key, `CHAIR` or `NOTE_TAKER`; None when nothing or several match.
    """
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return None
    people = {name.casefold(): key for name, key in owner_names(plan).items()}
    if wanted in people:
        return people[wanted]
    party = fmt.resolve_party(plan, text)
    if party is not None:
        return party
    hits = [key for name, key in people.items() if name.startswith(wanted)]
    return hits[0] if len(hits) == 1 else None


def offer_owner(state: MeetingState, offer: Offer) -> str | None:
    """The one party of the offer's kind (AF for AF's offer), or None when there are several."""
    keys = [p.key for p in state.plan.parties if p.kind == offer.kind and not p.is_individual]
    return keys[0] if len(keys) == 1 else None


def parse_due(text: str, today: date, lang: str, field: str = "") -> date | None:
    """A due date typed by the chair ("" is no date); FormError with a clear notice on nonsense."""
    from starmote.dates import DateParseError
    from starmote.dates import parse_due as parse

    text = text.strip()
    if not text:
        return None
    try:
        return parse(text, today)
    except DateParseError as err:
        raise FormError(err.message(lang), field) from None


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


def said_by_choices(state: MeetingState, lang: str) -> tuple[tuple[str, str], ...]:
    """Whom a note may be tied to: nobody (the part's), the speaker first, every party,
    the chair and the note taker."""
    plan = state.plan
    keys = [p.key for p in plan.parties]
    if state.turn is not None:
        keys.remove(state.turn.party)
        keys.insert(0, state.turn.party)
    choices = [("", t("tui.said_by.part", lang))]
    for key in keys:
        name = fmt.party_name(plan, key, lang)
        speaking = state.turn is not None and key == state.turn.party
        choices.append((key, t("tui.said_by.speaker", lang, name=name) if speaking else name))
    choices.append((CHAIR, fmt.person_label(plan, CHAIR, lang)))
    if plan.note_taker is not None:
        choices.append((NOTE_TAKER, fmt.person_label(plan, NOTE_TAKER, lang)))
    return tuple(choices)


def local_today(screen: Any) -> date:
    """Today in Stockholm by the session's wall clock (so a fake clock gives a fixed day)."""
    wall: datetime = screen.meeting.session.now().wall
    return wall.astimezone(STOCKHOLM).date()


class CaptureActions:
    """Mixin for screens: open the capture forms; the engine stores and checks the result."""

    LANG: str

    def _form(
        self,
        title: str,
        fields: list[Field],
        build: Any,
        intro: str = "",
        entry: Entry | None = None,
        mark_as: Any = None,
    ) -> None:
        """Open a capture form; `entry` is the one being corrected (its mark comes along).

        A note, goal, insats or decision can be marked with a category the consent keeps
        from a party: one key in the form (see `FormDialog`). `mark_as(case, category)`
        builds such an entry's command, to ask the engine which marks it allows.
        """
        screen: Any = self
        marks = self._marks(entry, mark_as) if mark_as is not None else ()
        mark = getattr(entry, "category", "")
        dialog = localize(FormDialog, self.LANG)(title, fields, build, intro, marks, mark)
        screen.meeting.open_dialog(dialog)

    def _marks(self, entry: Entry | None, mark_as: Any) -> tuple[Mark, ...]:
        """The categories an entry may be marked with: those the consent keeps from a party.

        The consent is that of the entry's case (the one taken up now); between a team
        session's cases, where the form asks for the case, any case's (the engine then
        refuses a mark the chosen case's consent does not make). The engine says which
        marks it allows; the plan says from whom each keeps the entry.
        """
        screen: Any = self
        state = screen.state
        plan = state.plan
        lang = self.LANG
        if entry is not None:
            cases: tuple[str | None, ...] = (getattr(entry, "case", ""),)
        elif plan.is_team_session and not state.current_case:
            cases = state.case_codes
        else:
            cases = (None,)  # the case taken up now, as the form's command will say
        kept: dict[str, list[str]] = {}
        for case in cases:
            consent = plan.consent_of(state.case_of(case))
            for exclusion in consent.exclude if consent is not None else ():
                if not allows(state, mark_as(case, exclusion.category)):
                    continue
                names = kept.setdefault(exclusion.category, [])
                name = fmt.party_short(plan, exclusion.party)
                if name not in names:
                    names.append(name)
        return tuple(
            Mark(
                category,
                t(
                    "tui.form.mark",
                    lang,
                    category=t(f"consent.category.{category}", lang),
                    parties=", ".join(kept[category]),
                ),
            )
            for category in CONSENT_CATEGORIES
            if category in kept
        )

    def _with_case(self, fields: list[Field], make: Any, entry: Entry | None) -> list[Field]:
        """`fields`, led by a choice of case where the entry's case is not the one taken up now.

        In a team session outside a case (the opening, the closing) the form asks which
        case the entry is for, offering the team itself where the engine allows that
        kind of entry to be the team's; a correction may move an entry to another case.

        Args:
            fields: The form's own fields.
            make: Builds the command for a case code, to ask the engine about.
            entry: The entry being corrected, if any.
        """
        screen: Any = self
        state = screen.state
        if not tm.asks_for_case(state, entry is not None):
            return fields
        choices = tm.case_choices(state, make, self.LANG)
        values = [value for value, _ in choices]
        if entry is not None:
            default = getattr(entry, "case", "")
        else:
            default = "" if "" in values else values[0] if values else ""
        case = Field("case", t("tui.field.case", self.LANG), default, choices)
        return [case, *fields]

    @staticmethod
    def _case_of(values: dict[str, str], entry: Entry | None) -> str | None:
        """The case chosen in the form; a correction keeps its entry's; else the one taken up."""
        if "case" in values:
            return values["case"]
        return getattr(entry, "case", None) if entry is not None else None

    def action_note(self, entry: Note | None = None) -> None:
        screen: Any = self
        state = screen.state
        lang = self.LANG
        where = []
        if entry is not None:
            if entry.phase is not None:
                where.append(state.plan.phases[entry.phase].title(lang))
            if entry.party:
                where.append(fmt.party_name(state.plan, entry.party, lang))
        else:
            if state.phase is not None:
                where.append(state.plan.phases[state.phase].title(lang))
            if state.turn is not None:
                where.append(fmt.party_name(state.plan, state.turn.party, lang))
        intro = t("tui.note.intro", lang, where=" – ".join(where) or "–")
        fields = [
            Field(
                "text",
                t("tui.field.text", lang),
                entry.text if entry else "",
                limit=limits.FIELDS["note"],
                multiline=True,
            ),
            Field(
                "said_by",
                t("tui.field.said_by", lang),
                (entry.party or "") if entry else "",
                said_by_choices(state, lang),
            ),
        ]
        sections = state.plan.sections
        if sections:
            # The meeting type's own sections of the minutes (Arbetsförmåga, …): a note
            # written in one is an entry of that section rather than of the part.
            choices = (("", t("tui.section.part", lang)),) + tuple(
                (x.key, x.title(lang)) for x in sections
            )
            hints = "; ".join(f"{x.title(lang)}: {x.hint(lang)}" for x in sections if x.hint(lang))
            intro = "\n".join(filter(None, (intro, hints)))
            fields.append(
                Field(
                    "section", t("tui.field.section", lang), entry.section if entry else "", choices
                )
            )

        def build(v: dict[str, str]) -> c.Command:
            # The part's note unless the chair chose whose (Tab to the field, ← →).
            said_by = v.get("said_by") or c.GENERAL
            return c.AddNote(
                v["text"],
                party=said_by,
                case=self._case_of(v, entry),
                category=v.get("category", ""),
                section=v.get("section", ""),
            )

        self._form(
            t("tui.note.title", lang),
            self._with_case(fields, lambda case: c.AddNote("", case=case), entry),
            _correcting(entry, build),
            intro,
            entry,
            mark_as=lambda case, category: c.AddNote("", case=case, category=category),
        )

    def action_goal(self, entry: Goal | None = None) -> None:
        lang = self.LANG
        screen: Any = self
        # Only the horizons the meeting type sets goals for.
        horizons = tuple((h, t(f"horizon.{h}", lang)) for h in screen.state.plan.horizons)
        fields = [
            Field(
                "horizon",
                t("tui.field.horizon", lang),
                entry.horizon if entry else horizons[0][0],
                horizons,
            ),
            Field(
                "text",
                t("tui.field.goal", lang),
                entry.text if entry else "",
                limit=limits.FIELDS["goal"],
            ),
        ]

        def build(v: dict[str, str]) -> c.Command:
            return c.AddGoal(
                v["horizon"],  # type: ignore[arg-type]
                v["text"],
                case=self._case_of(v, entry),
                category=v.get("category", ""),
            )

        self._form(
            t("tui.goal.title", lang),
            self._with_case(
                fields,
                lambda case: c.AddGoal(horizons[0][0], "", case=case),  # type: ignore[arg-type]
                entry,
            ),
            _correcting(entry, build),
            entry=entry,
            mark_as=lambda case, category: c.AddGoal(
                horizons[0][0],  # type: ignore[arg-type]  # one of the plan's horizons
                "",
                case=case,
                category=category,
            ),
        )

    def action_add_action(self, entry: Action | None = None, offer: Offer | None = None) -> None:
        """The insats form; from the utbudskarta (`offer`) its what and owner come filled in."""
        screen: Any = self
        lang = self.LANG
        state = screen.state
        plan = state.plan
        owners = (*fmt.party_suggestions(plan), *owner_names(plan))
        offers = plan.offers

        def build(v: dict[str, str]) -> c.Command:
            chosen = offer_of(offers, v["what"])
            owner = resolve_owner(plan, v["owner"])
            if owner is None and not v["owner"].strip() and chosen is not None:
                owner = offer_owner(state, chosen)  # AF's offer: AF, when the team has one AF
            if owner is None:
                raise FormError(t("tui.error.bad_party", lang, text=v["owner"]), "owner")
            due = parse_due(v["due"], local_today(screen), lang, "due")
            status = v.get("status", "auto")
            return c.AddAction(
                v["what"],
                owner,
                due,
                v["how_often"],
                case=self._case_of(v, entry),
                offer=chosen.key if chosen is not None else "",
                proposed=None if status == "auto" else status == "proposed",
                category=v.get("category", ""),
            )

        what = entry.what if entry else offer.title if offer else ""
        owner = entry.owner if entry else offer_owner(state, offer) if offer else None
        hint = t("tui.field.what_offers", lang, example=offers[0].title) if offers else ""
        fields = [
            Field(
                "what",
                t("tui.field.what", lang),
                what,
                # The utbudskarta's offers complete as the chair types (→ accepts).
                suggestions=tuple(o.title for o in offers),
                placeholder=hint,
                limit=limits.FIELDS["action"],
            ),
            Field(
                "owner",
                t("tui.field.owner", lang),
                fmt.party_name(plan, owner, lang) if owner else "",
                suggestions=owners,
                parties=True,
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
            Field(
                "status",
                t("tui.field.status", lang),
                ("proposed" if entry.proposed else "decided") if entry else "auto",
                tuple(
                    (s, t(f"tui.action.status.{s}", lang)) for s in ("auto", "decided", "proposed")
                ),
            ),
        ]
        some_party = plan.parties[0].key
        self._form(
            t("tui.action.title", lang),
            self._with_case(fields, lambda case: c.AddAction("", some_party, case=case), entry),
            _correcting(entry, build),
            entry=entry,
            mark_as=lambda case, category: c.AddAction(
                "", some_party, case=case, category=category
            ),
        )

    def action_decision(self, entry: Decision | None = None) -> None:
        lang = self.LANG
        screen: Any = self
        # A meeting type with its own word (Överenskommelser: nobody decides in an
        # avstämningsmöte) gets a plain "Text" under that title, never "Beslutet".
        own_word = screen.state.plan.decisions_label(lang)
        fields = [
            Field(
                "text",
                t("tui.field.text" if own_word else "tui.field.decision", lang),
                entry.text if entry else "",
                limit=limits.FIELDS["decision"],
                multiline=True,
            )
        ]
        self._form(
            # The meeting type's own word for what is agreed, where it has one.
            own_word or t("tui.decision.title", lang),
            self._with_case(fields, lambda case: c.AddDecision("", case=case), entry),
            _correcting(
                entry,
                lambda v: c.AddDecision(
                    v["text"], case=self._case_of(v, entry), category=v.get("category", "")
                ),
            ),
            entry=entry,
            mark_as=lambda case, category: c.AddDecision("", case=case, category=category),
        )

    def action_park(self, entry: ParkedQuestion | None = None) -> None:
        """A question for a party that is not here; one the case taken up needs comes first."""
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
        keys = [key for key, _ in away]
        case = tm.current_team_case(state)
        needed = [key for key in (tm.needed_away(state, case) if case else ()) if key in keys]
        if entry is not None:
            default = entry.for_party
        elif needed:
            default = needed[0]
        else:
            default = keys[0]
        fields = [
            Field("for_party", t("tui.field.for_party", lang), default, away),
            Field(
                "text",
                t("tui.field.question", lang),
                entry.text if entry else "",
                limit=limits.FIELDS["question"],
            ),
        ]
        self._form(
            t("tui.park.title", lang),
            self._with_case(fields, lambda code: c.ParkQuestion("", default, case=code), entry),
            _correcting(
                entry,
                lambda v: c.ParkQuestion(v["text"], v["for_party"], case=self._case_of(v, entry)),
            ),
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
            question = state.questions_of(case)[index]
            ask = localize(PickDialog, lang)(
                t("tui.questions.status_title", lang), choices, question
            )

            def chose_status(status: str | None) -> None:
                if status == "open":
                    screen.apply(c.SetQuestionStatus(index, status, case=case))
                elif status is not None:
                    self._question_text(case, index, status)

            screen.meeting.open_dialog(ask, chose_status)

        pick = localize(PickDialog, lang)(t("tui.questions.title", lang), options)
        screen.meeting.open_dialog(pick, chose_question)

    def _question_text(self, case: str, index: int, status: str) -> None:
        """The answer of a question marked answered, or why a deferred one waits."""
        screen: Any = self
        lang = self.LANG
        state = screen.state
        field = "answer" if status == "answered" else "question_reason"
        now = state.question_texts(case).get(index, "")
        same = state.question_statuses(case).get(index) == status
        fields = [
            Field(
                "text",
                t(f"tui.field.{field}", lang),
                now if same else "",
                limit=limits.FIELDS[field],
                placeholder=t(f"tui.field.{field}_hint", lang),
            )
        ]
        question = state.questions_of(case)[index]
        self._form(
            t(f"tui.questions.{status}_title", lang),
            fields,
            lambda v: c.SetQuestionStatus(index, status, case=case, text=v["text"]),
            question,
        )

    def action_confirm_action(self) -> None:
        """A proposed insats confirmed by its owner (one back on the line, say)."""
        from starmote.tui.dialogs.pick import PickDialog

        screen: Any = self
        lang = self.LANG
        state = screen.state
        options = [
            (
                a.id,
                f"{a.what} – {fmt.party_short(state.plan, a.owner)}",
                allows(state, c.ConfirmAction(a.id)),
            )
            for a in state.actions
            if a.proposed
        ]

        def chose(entry: int | None) -> None:
            if entry is not None:
                screen.apply(c.ConfirmAction(entry))

        pick = localize(PickDialog, lang)(t("tui.confirm_action.title", lang), options)
        screen.meeting.open_dialog(pick, chose)

    def correct(self, entry: Entry) -> None:
        """Open the entry's own form, filled in; what is stored replaces the entry."""
        forms = {
            Note: self.action_note,
            Goal: self.action_goal,
            Action: self.action_add_action,
            Decision: self.action_decision,
            ParkedQuestion: self.action_park,
        }
        form = forms.get(type(entry))
        if form is not None:
            form(entry)  # type: ignore[operator]

    def action_offers(self) -> None:
        """The utbudskarta for the case taken up now: mark what was considered, make an insats."""
        from starmote.tui.dialogs.offers import OffersDialog

        screen: Any = self
        lang = self.LANG

        def chose(offer: Offer | None) -> None:
            if offer is not None:
                self.action_add_action(offer=offer)

        screen.meeting.open_dialog(localize(OffersDialog, lang)(), chose)
