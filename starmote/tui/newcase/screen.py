"""The new-case form: every field of a case file, checked as the chair leaves it, saved as TOML."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from starmote.i18n import t
from starmote.plan.casedata import check_field
from starmote.plan.contacts import Contact, find
from starmote.plan.draft import (
    CaseDraft,
    DraftError,
    TeamCaseDraft,
    form_field,
    is_team,
)
from starmote.plan.entry import FieldRefused, parse_when
from starmote.plan.template import Template
from starmote.tui.keys import KeySpec
from starmote.tui.newcase import editing, layout
from starmote.tui.newcase.blocks import Block, PartyBlock, TeamCaseBlock
from starmote.tui.newcase.rows import Choice, line, row, set_text, show_error


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

    def next_serial(self) -> int:
        self._serial += 1
        return self._serial

    def compose(self) -> ComposeResult:
        lang, d = self.LANG, self.start_draft
        template = self.templates.get(d.template)
        with VerticalScroll(id="nc-form"):
            yield Static(self._title(), id="nc-title", markup=False)
            yield from layout.case_fields(d, self.templates, lang)
            yield layout.individual_section(d, lang)
            yield from layout.meeting_fields(d, self.book, lang)
            yield layout.consent_section(d, lang)
            yield layout.section("parties", lang)
            yield Static(t("newcase.hint.parties", lang), classes="nc-hint", markup=False)
            yield layout.message("e-parties")
            with Vertical(id="nc-parties"):
                roles = template.roles if template else ()
                for party in d.parties:
                    yield PartyBlock(self.next_serial(), party, roles, self.book, lang)
            with Vertical(id="nc-team"):
                yield layout.section("team_cases", lang)
                yield Static("", id="nc-keys", classes="nc-hint", markup=False)
                yield layout.message("e-team_cases")
                with Vertical(id="nc-cases"):
                    for case in d.team_cases:
                        yield TeamCaseBlock(self.next_serial(), case, lang)
            if self.previous is not None:
                yield layout.section("previous", lang)
                yield Static(
                    layout.previous_text(self.previous, lang), id="nc-previous", markup=False
                )
            yield layout.section("save", lang)
            path = line(self.initial_path, 4096, "f-path")
            yield row(layout.label("path", lang), path, t("newcase.hint.path", lang))
            yield Static("", id="nc-status", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def _title(self) -> str:
        if self.previous is not None:
            return t("newcase.title_from", self.LANG, meeting=self.previous.meeting)
        return t("newcase.title", self.LANG)

    def on_mount(self) -> None:
        self._apply_template()
        self.renumber()
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
            set_text(widget, "")
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
        self.renumber()

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
                set_text(found, text or t("newcase.hint.when", self.LANG))

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

    def renumber(self) -> None:
        """Titles of the blocks, and the party keys a team case may name."""
        lang = self.LANG
        keys = []
        for n, block in enumerate(self.parties(), start=1):
            keys.append(block.typed("key") or "…")
            name = block.typed("organisation") or "–"
            block.retitle(t("newcase.party.title", lang, n=n, name=name))
        for n, case in enumerate(self.cases(), start=1):
            case.retitle(t("newcase.case.title", lang, n=n, code=case.typed("code") or "–"))
        set_text(
            self.query_one("#nc-keys", Static), t("newcase.case.keys", lang, keys=", ".join(keys))
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        # A block's title follows its organisation or code as it is typed.
        name = event.input.id or ""
        if name.endswith(("-organisation", "-code", "-key")) and name[:1] in "pc":
            self.renumber()

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
            self.fit(party)
        # The length follows the template while it is the last template's own.
        duration: Any = self.query_one("#f-duration")
        before = self.templates.get(self._template_key)
        untouched = before is not None and duration.value == str(before.default_duration_min)
        if template is not None and (untouched or not duration.value.strip()):
            duration.value = str(template.default_duration_min)
        self._template_key = self.value("template")
        if team and not self.cases():
            case = TeamCaseBlock(self.next_serial(), TeamCaseDraft(), self.LANG)
            self.call_later(editing.mount, self, case, None, None)
        self.refresh_bindings()

    def fit(self, block: PartyBlock) -> None:
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
            return editing.current_block(self) is not None or None
        return True

    def action_next_field(self) -> None:
        self.focus_next()

    def action_save(self) -> None:
        app: Any = self.app
        app.save(self.draft(), self.value("path"))

    def action_add_party(self) -> None:
        editing.add_party(self)

    def action_add_case(self) -> None:
        editing.add_case(self)

    async def action_remove(self) -> None:
        await editing.remove(self)

    def action_move(self, step: int) -> None:
        editing.move(self, step)

    def action_contacts(self) -> None:
        editing.contacts(self)

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
