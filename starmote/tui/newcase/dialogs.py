"""The new-case form's dialogs: the address book, and what to do once the file is saved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from starmote.i18n import t
from starmote.plan.contacts import Contact
from starmote.tui.keys import KeySpec

SHOWN = 30
"""Contacts listed at once; typing narrows the list."""


class ContactPicker(ModalScreen[Contact | None]):
    """The address book: type to narrow, ↓ to the list, Enter picks, Esc closes."""

    KEY_SCOPE = "contacts"
    KEYS = (
        KeySpec("nc_pick", "enter", "pick", "newcase", show=True),
        KeySpec("nc_list", "down", "to_list", "newcase", show=True, key_display="↓"),
        KeySpec("cancel", "escape", "cancel", "app", show=True, key_display="Esc"),
    )
    LANG = "sv"

    def __init__(self, book: list[Contact], typed: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.book = book
        self.typed = typed
        self.shown: list[Contact] = []

    def compose(self) -> ComposeResult:
        lang = self.LANG
        with Vertical(classes="dialog nc-contacts"):
            yield Static(t("newcase.contacts.title", lang), classes="dialog-title")
            yield Input(self.typed, placeholder=t("newcase.contacts.filter", lang), id="nc-filter")
            yield OptionList(id="nc-contact-list")
            yield Static("", id="nc-contacts-empty", classes="dialog-hint", markup=False)
            yield Static(t("newcase.contacts.hint", lang), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self._fill(self.typed)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, typed: str) -> None:
        self.shown = [c for c in self.book if c.matches(typed)][:SHOWN]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(c.label(), id=str(i)) for i, c in enumerate(self.shown))
        if self.shown:
            options.highlighted = 0
        empty = "" if self.shown else t("newcase.contacts.none", self.LANG)
        self.query_one("#nc-contacts-empty", Static).update(empty)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_pick()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.shown[int(event.option.id or 0)])

    def action_pick(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is not None and 0 <= index < len(self.shown):
            self.dismiss(self.shown[index])

    def action_to_list(self) -> None:
        options = self.query_one(OptionList)
        if self.focused is not options and self.shown:
            options.focus()
        else:
            options.action_cursor_down()

    def action_cancel(self) -> None:
        self.dismiss(None)


class SavedDialog(ModalScreen[str | None]):
    """The case file is saved: start the meeting now, write the kallelse, or stop here."""

    KEY_SCOPE = "saved"
    KEYS = (
        KeySpec("nc_run", "enter,r", "choose('run')", "newcase", show=True),
        KeySpec("nc_invite", "k", "choose('invite')", "newcase", show=True),
        KeySpec("nc_close", "escape,q", "choose(None)", "newcase", show=True, key_display="Esc"),
    )
    LANG = "sv"

    def __init__(self, path: str, warnings: list[str], can_invite: bool) -> None:
        super().__init__(classes="dialog-screen")
        self.path = path
        self.warnings = warnings
        self.can_invite = can_invite

    def compose(self) -> ComposeResult:
        lang = self.LANG
        with Vertical(classes="dialog"):
            yield Static(t("newcase.saved.title", lang), classes="dialog-title")
            yield Static(
                t("newcase.saved.body", lang, path=self.path), classes="dialog-body", markup=False
            )
            if self.warnings:
                text = "\n".join([t("newcase.saved.warnings", lang), *self.warnings])
                yield Static(text, classes="dialog-body", markup=False)
            key = "newcase.saved.hint_invite" if self.can_invite else "newcase.saved.hint"
            yield Static(t(key, lang), classes="dialog-hint", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters == ("invite",):
            return self.can_invite
        return True

    def action_choose(self, what: str | None) -> None:
        self.dismiss(what)
