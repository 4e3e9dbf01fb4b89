"""The new-case form: every field of a case file, checked as the chair leaves it, saved as TOML."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from starmote.i18n import LANGUAGES, t
from starmote.plan import limits
from starmote.plan.casedata import check_field
from starmote.plan.contacts import Contact, find
from starmote.plan.draft import (
    CaseDraft,
    DraftError,
    PartyDraft,
    TeamCaseDraft,
    form_field,
    is_team,
)
from starmote.plan.entry import FieldRefused, parse_when
from starmote.plan.template import Template
from starmote.tui.keys import KeySpec
from starmote.tui.newcase.blocks import Block, PartyBlock, TeamCaseBlock, consent_forms, yes_no
from starmote.tui.newcase.rows import Choice, area, choice, line, row, show_error

# The top of the form, in order: (field, kind of control, limit).
_CASE = ("template", "code", "language")
_INDIVIDUAL = ("individual", "first_word", "contact_note")
_MEETING = ("when", "duration", "place", "video_link")
_PEOPLE = (
    "chair_name",
    "chair_email",
    "chair_organisation",
    "note_name",
    "note_email",
    "note_organisation",
)
_CONSENT = ("consent_given", "consent_form", "consent_until", "not_shared")
_LIMITS = {
    "code": 40,
    "individual": limits.NAME,
    "contact_note": limits.SHORT,
    "when": 60,
    "duration": 20,
    "place": limits.SHORT,
    "video_link": limits.LINK,
    "chair_name": limits.NAME,
    "chair_email": limits.EMAIL,
    "chair_organisation": limits.NAME,
    "note_name": limits.NAME,
    "note_email": limits.EMAIL,
    "note_organisation": limits.NAME,
    "consent_given": 30,
    "consent_until": 30,
}


class NewCaseScreen(Screen[None]):
    """The whole case on one scrolling page; the app saves it (see `app.NewCaseApp`)."""

    KEY_SCOPE = "newcase"
    KEYS = (
        KeySpec("nc_save", "ctrl+s", "save", "newcase", show=True, key_display="^s", priority=True),
        KeySpec(
            "nc_party", "ctrl+n", "add_party", "newcase", show=True, key_display="^n", priority=True
        ),
        KeySpec(
            "nc_case", "ctrl+t", "add_case", "newcase", show=True, key_display="^t", priority=True
        ),
        KeySpec(
            "nc_contacts",
            "ctrl+b",
            "contacts",
            "newcase",
            show=True,
            key_display="^b",
            priority=True,
        ),
        KeySpec(
            "nc_remove", "ctrl+r", "remove", "newcase", show=True, key_display="^r", priority=True
        ),
        KeySpec(
            "nc_up",
            "ctrl+up,alt+up",
            "move(-1)",
            "newcase",
            show=True,
            key_display="^↑",
            priority=True,
        ),
        KeySpec(
            "nc_down",
            "ctrl+down,alt+down",
            "move(1)",
            "newcase",
            show=True,
            key_display="^↓",
            priority=True,
        ),
        KeySpec("nc_next", "enter", "next_field", "newcase"),
    )
    LANG = "sv"

    def __init__(
        self,
        draft: CaseDraft,
        templates: dict[str, Template],
        book: list[Contact],
        today: date,
        path: str,
    ) -> None:
        super().__init__()
        self.start_draft = draft
        self.templates = templates
        self.book = book
        self.today = today
        self.initial_path = path
        self.default_path = path
        self.previous = draft.previous
        self._serial = 0
        self._template_key = draft.template

    # --- building ---------------------------------------------------------------------

    def _next_serial(self) -> int:
        self._serial += 1
        return self._serial

    def compose(self) -> ComposeResult:
        lang, d = self.LANG, self.start_draft
        label = self._label
        template = self.templates.get(d.template)
        with VerticalScroll(id="nc-form"):
            yield Static(self._title(), id="nc-title", markup=False)
            yield self._section("case")
            choices = [(k, f"{tpl.title(lang)} ({k})") for k, tpl in self.templates.items()]
            yield row(label("template"), choice(choices, d.template, "f-template"))
            yield row(label("code"), line(d.code, 40, "f-code"), t("newcase.hint.code", lang))
            languages = tuple((code, t(f"newcase.language.{code}", lang)) for code in LANGUAGES)
            yield row(label("language"), choice(languages, d.language, "f-language"))
            with Vertical(id="nc-individual"):
                yield self._section("individual")
                yield row(
                    label("individual"),
                    line(d.individual, limits.NAME, "f-individual"),
                    t("newcase.hint.individual", lang),
                )
                yield row(
                    label("first_word"), choice(yes_no(lang), _yn(d.first_word), "f-first_word")
                )
                yield row(
                    label("contact_note"), line(d.contact_note, limits.SHORT, "f-contact_note")
                )
            yield self._section("meeting")
            yield row(label("when"), line(d.when, 60, "f-when"), t("newcase.hint.when", lang))
            yield row(
                label("duration"),
                line(d.duration, 20, "f-duration"),
                t("newcase.hint.duration", lang),
            )
            yield row(label("place"), line(d.place, limits.SHORT, "f-place"))
            yield row(label("video_link"), line(d.video_link, limits.LINK, "f-video_link"))
            yield self._section("people")
            names = SuggestFromList(
                list(dict.fromkeys(c.person for c in self.book if c.person)), case_sensitive=False
            )
            for name in _PEOPLE:
                suggester = names if name.endswith("_name") else None
                yield row(
                    label(name),
                    line(getattr(d, name), _LIMITS[name], f"f-{name}", suggester=suggester),
                )
            yield self._section("questions")
            yield row(
                label("questions"),
                area(d.questions, 20 * limits.TEXT, "f-questions"),
                t("newcase.one_per_line", lang),
            )
            with Vertical(id="nc-consent"):
                yield self._section("consent")
                yield row(label("consent_given"), line(d.consent_given, 30, "f-consent_given"))
                yield row(
                    label("consent_form"),
                    choice(consent_forms(lang), d.consent_form, "f-consent_form"),
                )
                yield row(label("consent_until"), line(d.consent_until, 30, "f-consent_until"))
                yield row(
                    label("not_shared"),
                    area(d.not_shared, 20 * limits.SHORT, "f-not_shared"),
                    t("newcase.one_per_line", lang),
                )
            yield self._section("parties")
            yield Static(t("newcase.hint.parties", lang), classes="nc-hint", markup=False)
            yield _message("e-parties")
            with Vertical(id="nc-parties"):
                roles = template.roles if template else ()
                for party in d.parties:
                    yield PartyBlock(self._next_serial(), party, roles, self.book, lang)
            with Vertical(id="nc-team"):
                yield self._section("team_cases")
                yield Static("", id="nc-keys", classes="nc-hint", markup=False)
                yield _message("e-team_cases")
                with Vertical(id="nc-cases"):
                    for case in d.team_cases:
                        yield TeamCaseBlock(self._next_serial(), case, lang)
            if self.previous is not None:
                yield self._section("previous")
                yield Static(self._previous_text(), id="nc-previous", markup=False)
            yield self._section("save")
            yield row(
                label("path"), line(self.initial_path, 4096, "f-path"), t("newcase.hint.path", lang)
            )
            yield Static("", id="nc-status", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def _label(self, name: str) -> str:
        return t(f"newcase.field.{name}", self.LANG)

    def _section(self, name: str) -> Static:
        return Static(t(f"newcase.section.{name}", self.LANG), classes="nc-section", markup=False)

    def _title(self) -> str:
        if self.previous is not None:
            return t("newcase.title_from", self.LANG, meeting=self.previous.meeting)
        return t("newcase.title", self.LANG)

    def _previous_text(self) -> str:
        previous, lang = self.previous, self.LANG
        if previous is None:
            return ""
        lines = [
            t(
                "newcase.previous.summary",
                lang,
                date=previous.date.isoformat(),
                goals=len(previous.goals),
                actions=len(previous.insatser),
                parked=len(previous.parked),
                questions=len(previous.open_questions),
            )
        ]
        for action in previous.insatser:
            owner = action.owner_name or action.owner
            lines.append(f"  • {action.what} – {owner}")
        lines.append(t("newcase.previous.kept", lang))
        return "\n".join(lines)

    def on_mount(self) -> None:
        self._apply_template()
        self._renumber()
        if self.value("when").strip():
            self._show_when()
        self.query_one("#f-template").focus()

    # --- reading the form ---------------------------------------------------------------

    def value(self, name: str) -> str:
        """The top-level field `name` as typed."""
        widget: Any = self.query_one(f"#f-{name}")
        return str(widget.value)

    def parties(self) -> list[PartyBlock]:
        return list(self.query(PartyBlock))

    def cases(self) -> list[TeamCaseBlock]:
        return list(self.query(TeamCaseBlock))

    def draft(self) -> CaseDraft:
        """Everything as typed."""
        v = self.value
        return CaseDraft(
            template=v("template"),
            code=v("code"),
            language=v("language"),
            individual=v("individual"),
            first_word=v("first_word") == "yes",
            contact_note=v("contact_note"),
            when=v("when"),
            duration=v("duration"),
            place=v("place"),
            video_link=v("video_link"),
            chair_name=v("chair_name"),
            chair_email=v("chair_email"),
            chair_organisation=v("chair_organisation"),
            note_name=v("note_name"),
            note_email=v("note_email"),
            note_organisation=v("note_organisation"),
            questions=v("questions"),
            consent_given=v("consent_given"),
            consent_form=v("consent_form"),
            consent_until=v("consent_until"),
            not_shared=v("not_shared"),
            parties=[b.draft() for b in self.parties()],
            team_cases=[b.draft() for b in self.cases()],
            previous=self.previous,
        )

    @property
    def template(self) -> Template | None:
        """The chosen template (None for one that is not shipped)."""
        return self.templates.get(self.value("template"))

    # --- fields and their names ---------------------------------------------------------

    def field_of(self, widget: Widget) -> str | None:
        """The draft field a control edits: `code`, `parties.1.email`, …"""
        for kind, blocks in (("parties", self.parties()), ("team_cases", self.cases())):
            for i, block in enumerate(blocks):
                name = block.field_of(widget)
                if name is not None:
                    return f"{kind}.{i}.{name}"
        if widget.id and widget.id.startswith("f-"):
            return widget.id[2:]
        return None

    def control_for(self, name: str) -> Widget | None:
        """The control of the draft field `name`, if the form shows one."""
        parts = name.split(".")
        if parts[0] in ("parties", "team_cases") and len(parts) == 3:
            blocks: list[Block] = [*self.parties()] if parts[0] == "parties" else [*self.cases()]
            i = int(parts[1])
            if i < len(blocks):
                found: Widget = blocks[i].control(parts[2])
                return found
            return None
        found_all = self.query(f"#f-{name}")
        return found_all.first() if found_all else None

    def show_errors(self, errors: Iterable[tuple[str | None, str]]) -> int:
        """Put each message under its field, clear the others, focus the first; how many."""
        for widget in self.query(".nc-error").results(Static):
            widget.update("")
            widget.display = False
        shown = 0
        first: Widget | None = None
        loose: list[str] = []
        for name, message in errors:
            control = self.control_for(name) if name else None
            if control is None:
                target = self.query(f"#e-{name}") if name in ("parties", "team_cases") else None
                if target:
                    target.first(Static).update(message)
                    target.first(Static).display = True
                else:
                    loose.append(message)
            else:
                show_error(self, control, message)
                first = first or control
            shown += 1
        status = self.query_one("#nc-status", Static)
        if shown:
            summary = t("newcase.status.problems", self.LANG, n=shown)
            status.update("\n".join([summary, *loose]))
        else:
            status.update("")
        if first is not None:
            first.focus()
        return shown

    # --- field by field -----------------------------------------------------------------

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        widget = event.widget
        name = self.field_of(widget)
        template = self.template
        if name is None or template is None or not self.is_attached:
            return
        draft = self.draft()
        self._after_leaving(name, widget, draft)
        if name == "path":
            return
        message = check_field(self.draft(), name, template, self.today, self.LANG)
        show_error(self, widget, message)
        if name == "when":
            self._show_when()

    def _after_leaving(self, name: str, widget: Widget, draft: CaseDraft) -> None:
        """What leaving a field sets off: a contact completed, the default path, titles."""
        if name.endswith(".person") and name.startswith("parties."):
            block = self.parties()[int(name.split(".")[1])]
            found = find(self.book, block.value("person"), block.value("organisation"))
            if found is not None:
                block.fill(found)
        elif name in ("chair_name", "note_name"):
            who = name.removesuffix("_name")
            found = find(self.book, self.value(name))
            if found is not None:
                for part in ("email", "organisation"):
                    control: Any = self.query_one(f"#f-{who}_{part}")
                    if not control.value.strip():
                        control.value = getattr(found, part)
        elif name in ("code", "when"):
            self._update_path()
        self._renumber()

    def _show_when(self) -> None:
        """Say back the day and time the quick entry was read as."""
        from starmote.documents.fmt import fmt_date, fmt_time

        hint = self.query_one("#f-when").parent
        text = ""
        try:
            start = parse_when(self.value("when"), self.today, lang=self.LANG)
        except FieldRefused:
            start = None
        if start is not None:
            text = f"→ {fmt_date(start, self.LANG, 'full')} {fmt_time(start, self.LANG)}"
        if hint is not None and hint.parent is not None:
            for found in hint.parent.query(".nc-hint").results(Static):
                found.update(text or t("newcase.hint.when", self.LANG))

    def _update_path(self) -> None:
        """Follow the case code with the default path, until the chair types one."""
        app: Any = self.app
        path: Any = self.query_one("#f-path")
        if path.value != self.default_path:
            return
        try:
            start = parse_when(self.value("when"), self.today, lang=self.LANG)
        except FieldRefused:
            start = None
        self.default_path = str(
            app.default_path(self.value("code"), start.date() if start else None)
        )
        path.value = self.default_path

    def _renumber(self) -> None:
        """Titles of the blocks, and the party keys a team case may name."""
        lang = self.LANG
        keys = []
        for n, block in enumerate(self.parties(), start=1):
            keys.append(block.typed("key") or "…")
            name = block.typed("organisation") or "–"
            block.retitle(t("newcase.party.title", lang, n=n, name=name))
        for n, case in enumerate(self.cases(), start=1):
            case.retitle(t("newcase.case.title", lang, n=n, code=case.typed("code") or "–"))
        self.query_one("#nc-keys", Static).update(
            t("newcase.case.keys", lang, keys=", ".join(keys))
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        # A block's title follows its organisation or code as it is typed.
        name = event.input.id or ""
        if name.endswith(("-organisation", "-code", "-key")) and name[:1] in "pc":
            self._renumber()

    def on_choice_changed(self, event: Choice.Changed) -> None:
        if event.choice.id == "f-template":
            self._apply_template()

    def _apply_template(self) -> None:
        """Show what the chosen template asks for: an individual, or team cases."""
        template = self.template
        team = template is not None and is_team(template)
        attends = template is None or template.individual_attends
        self.query_one("#nc-individual").display = attends and not team
        self.query_one("#nc-consent").display = not team
        self.query_one("#nc-team").display = team
        for party in self.parties():
            self._fit(party)
        # The length follows the template while it is the last template's own.
        duration: Any = self.query_one("#f-duration")
        before = self.templates.get(self._template_key)
        untouched = before is not None and duration.value == str(before.default_duration_min)
        if template is not None and (untouched or not duration.value.strip()):
            duration.value = str(template.default_duration_min)
        self._template_key = self.value("template")
        if team and not self.cases():
            case = TeamCaseBlock(self._next_serial(), TeamCaseDraft(), self.LANG)
            self.call_later(self._mount, case, None, None)
        self.refresh_bindings()

    def _fit(self, block: PartyBlock) -> None:
        """A party's kinds are the template's roles; in a team session consent is per case."""
        template = self.template
        if template is not None:
            block.set_roles(template.roles)
        line: Any = block.control("in_consent").parent
        line.display = template is None or not is_team(template)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "f-path":
            self.action_save()
            return
        self.focus_next()

    # --- keys ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_case":
            template = self.template
            return template is not None and is_team(template)
        if action in ("remove", "move"):
            return self._current_block() is not None or None
        return True

    def action_next_field(self) -> None:
        self.focus_next()

    def action_save(self) -> None:
        app: Any = self.app
        app.save(self.draft(), self.value("path"))

    def _current_block(self) -> Block | None:
        focused = self.focused
        while focused is not None:
            if isinstance(focused, Block):
                return focused
            focused = focused.parent  # type: ignore[assignment]
        return None

    def action_add_party(self) -> None:
        template = self.template
        party = PartyDraft(kind=template.roles[0] if template is not None else "")
        self._new_party(party, after=self._current_block())

    def _new_party(
        self, party: PartyDraft, after: Block | None = None, contact: Contact | None = None
    ) -> None:
        template = self.template
        roles = template.roles if template else ()
        block = PartyBlock(self._next_serial(), party, roles, self.book, self.LANG)
        self.call_later(self._mount, block, after, "organisation", contact)

    def action_add_case(self) -> None:
        block = TeamCaseBlock(self._next_serial(), TeamCaseDraft(), self.LANG)
        self.call_later(self._mount, block, self._current_block(), "code")

    async def _mount(
        self,
        block: Block,
        after: Block | None,
        focus: str | None,
        contact: Contact | None = None,
    ) -> None:
        """Add a party or a case (after `after` when it is one of its kind), then go to it."""
        holder = self.query_one("#nc-parties" if isinstance(block, PartyBlock) else "#nc-cases")
        if after is not None and after.parent is holder:
            await holder.mount(block, after=after)
        else:
            await holder.mount(block)
        if isinstance(block, PartyBlock):
            self._fit(block)
            if contact is not None:
                block.fill(contact, everything=True)
        self._renumber()
        self.refresh_bindings()
        if focus is not None:
            block.control(focus).focus()

    async def action_remove(self) -> None:
        block = self._current_block()
        if block is None:
            return
        siblings: list[Block] = (
            [*self.parties()] if isinstance(block, PartyBlock) else [*self.cases()]
        )
        index = siblings.index(block)
        await block.remove()
        rest = [b for b in siblings if b is not block]
        self._renumber()
        self.refresh_bindings()
        if rest:
            near = rest[min(index, len(rest) - 1)]
            near.control("organisation" if isinstance(near, PartyBlock) else "code").focus()

    def action_move(self, step: int) -> None:
        block = self._current_block()
        if block is None or block.parent is None:
            return
        siblings: list[Block] = (
            [*self.parties()] if isinstance(block, PartyBlock) else [*self.cases()]
        )
        index = siblings.index(block)
        target = index + step
        if not 0 <= target < len(siblings):
            return
        focused = self.focused
        holder: Any = block.parent
        if step < 0:
            holder.move_child(block, before=siblings[target])
        else:
            holder.move_child(block, after=siblings[target])
        self._renumber()
        if focused is not None:
            focused.scroll_visible()

    def action_contacts(self) -> None:
        app: Any = self.app
        block = self._current_block()
        focused = self.field_of(self.focused) if self.focused is not None else None
        typed = ""
        if isinstance(block, PartyBlock):
            typed = block.value("person") or block.value("organisation")
        elif focused in ("chair_name", "note_name"):
            typed = self.value(focused)
        app.pick_contact(typed, lambda contact: self._picked(contact, block, focused))

    def _picked(self, contact: Contact | None, block: Block | None, focused: str | None) -> None:
        if contact is None:
            return
        if focused is not None and focused.startswith(("chair_", "note_")):
            who = focused.split("_")[0]
            for part, value in (
                ("name", contact.person),
                ("email", contact.email),
                ("organisation", contact.organisation),
            ):
                control: Any = self.query_one(f"#f-{who}_{part}")
                control.value = value
            return
        if isinstance(block, PartyBlock):
            block.fill(contact, everything=True)
            self._renumber()
            block.control("email").focus()
            return
        template = self.template
        kind = contact.kind if template and contact.kind in template.roles else ""
        first = template.roles[0] if template else ""
        self._new_party(PartyDraft(kind=kind or first), contact=contact)

    # --- problems from saving -----------------------------------------------------------

    def show_draft_errors(self, err: DraftError) -> None:
        """Messages of fields that could not be read."""
        self.show_errors((name, message) for name, message in err.errors)

    def show_file_problems(self, problems: Iterable[Any]) -> None:
        """Problems `validate` found in the written file, each at its field in the form."""
        self.show_errors(
            (form_field(p.field), p.message if form_field(p.field) else f"{p.field}: {p.message}")
            for p in problems
        )


def _yn(value: bool) -> str:
    return "yes" if value else "no"


def _message(id: str) -> Static:
    message = Static("", id=id, classes="nc-error", markup=False)
    message.display = False
    return message
