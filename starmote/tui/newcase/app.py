"""`starmote new`: a Textual app of its own that writes a case file (wiring only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen

from starmote.i18n import LANGUAGES, t
from starmote.plan.casedata import to_data
from starmote.plan.contacts import Contact
from starmote.plan.draft import CaseDraft, DraftError
from starmote.plan.files import validate_file
from starmote.plan.template import Template
from starmote.plan.writer import dumps
from starmote.privacy import contains_personnummer
from starmote.store import casefiles
from starmote.store.settings import Settings
from starmote.tui import fmt
from starmote.tui.keys import KeySpec, localize
from starmote.tui.newcase.commands import FormCommands
from starmote.tui.newcase.screen import NewCaseScreen
from starmote.tui.theme import PROJECTOR_LIGHT


@dataclass(frozen=True)
class Outcome:
    """What the chair chose after saving: `run` the meeting, write the `invite`, or neither."""

    path: Path
    then: str | None = None


class NewCaseApp(App[Outcome | None]):
    """The new-case form; returns the saved file and what to do next (None if not saved)."""

    CSS_PATH = ["../starmote.tcss", "newcase.tcss"]
    TITLE = "starmote"
    KEY_SCOPE = "newcase_app"
    KEYS = (
        KeySpec(
            "nc_quit", "ctrl+q", "request_quit", "app", show=True, key_display="^q", priority=True
        ),
        KeySpec("palette", "ctrl+p", "command_palette", "app", key_display="^p", priority=True),
    )
    COMMANDS = {FormCommands}
    LANG = "sv"

    def __init__(
        self,
        draft: CaseDraft,
        templates: dict[str, Template],
        book: list[Contact],
        *,
        today: date,
        home: Path | str | None = None,
        settings: Settings | None = None,
        can_invite: bool = False,
        path: str | None = None,
    ) -> None:
        super().__init__()
        self.register_theme(PROJECTOR_LIGHT)
        self.lang = self.LANG
        self.draft = draft
        self.templates = templates
        self.book = book
        self.today = today
        self.home = home
        self.settings = settings or Settings()
        self.can_invite = can_invite
        self.start_path = path
        self.saved: Path | None = None

    def on_mount(self) -> None:
        theme = self.settings.theme
        self.theme = theme if theme in self.available_themes else "textual-dark"
        self.title = t("newcase.app_title", self.lang)
        self.call_after_refresh(self._remember)

    def _remember(self) -> None:
        self._initial = self.form.draft()

    def get_default_screen(self) -> Screen[Any]:
        path = self.start_path or str(self.default_path(self.draft.code, None))
        screen_class = localize(NewCaseScreen, self.lang)
        return screen_class(self.draft, self.templates, self.book, self.today, path)

    @property
    def form(self) -> NewCaseScreen:
        """The form, under any dialog."""
        for screen in self.screen_stack:
            if isinstance(screen, NewCaseScreen):
                return screen
        raise LookupError("no form")

    def default_path(self, code: str, day: date | None) -> Path:
        """`<data dir>/cases/<code>.toml`, or a free name beside it."""
        return casefiles.default_path(self.home, code, day)

    # --- saving -------------------------------------------------------------------------

    def save(self, draft: CaseDraft, path_text: str, overwrite: bool = False) -> None:
        """Check the draft, write the file, check it as `validate` does, then put it in place."""
        form = self.form
        lang = self.lang
        template = self.templates.get(draft.template)
        if template is None:
            form.show_errors([("template", t("newcase.error.template", lang))])
            return
        try:
            data = to_data(draft, template, self.today, lang)
        except DraftError as err:
            form.show_draft_errors(err)
            return
        if not path_text.strip():
            form.show_errors([("path", t("newcase.error.required", lang))])
            return
        if contains_personnummer(path_text):
            form.show_errors([("path", t("newcase.error.personnummer", lang))])
            return
        path = Path(path_text.strip()).expanduser()
        if path.is_dir():
            form.show_errors([("path", t("newcase.error.path_folder", lang))])
            return
        if path.exists() and not overwrite:
            self._ask_overwrite(draft, path_text)
            return
        try:
            staged = casefiles.stage(path, dumps(data), self.home)
        except OSError as err:
            form.show_errors(
                [("path", t("newcase.error.path", lang, error=fmt.failure_text(err, lang)))]
            )
            return
        problems = validate_file(staged.temp, lang=lang)
        errors = [p for p in problems if not p.warning]
        if errors:
            staged.discard()
            form.show_file_problems(errors)
            return
        try:
            saved = staged.commit(overwrite=overwrite)
        except FileExistsError:
            self._ask_overwrite(draft, path_text)  # made by someone else meanwhile
            return
        except OSError as err:
            form.show_errors(
                [("path", t("newcase.error.path", lang, error=fmt.failure_text(err, lang)))]
            )
            return
        form.show_errors([])
        self.saved = saved
        self._initial = draft
        warnings = [p.message for p in problems if p.warning]
        from starmote.tui.newcase.dialogs import SavedDialog

        dialog = localize(SavedDialog, lang)(str(saved), warnings, self.can_invite)
        self.push_screen(dialog, lambda then: self.exit(Outcome(saved, then)))

    def _ask_overwrite(self, draft: CaseDraft, path_text: str) -> None:
        from starmote.tui.dialogs.confirm import ConfirmDialog

        lang = self.lang
        dialog = localize(ConfirmDialog, lang)(
            t("newcase.overwrite.title", lang), t("newcase.overwrite.body", lang, path=path_text)
        )
        self.push_screen(
            dialog, lambda yes: self.save(draft, path_text, overwrite=True) if yes else None
        )

    # --- the address book and quitting ----------------------------------------------------

    def pick_contact(self, typed: str, done: Any) -> None:
        """Open the address book; `done(contact or None)` when the chair has chosen."""
        from starmote.tui.newcase.dialogs import ContactPicker

        self.push_screen(localize(ContactPicker, self.lang)(self.book, typed), done)

    def action_command_palette(self) -> None:
        """The command palette, its placeholder and no-matches notice in the UI language."""
        from textual.command import CommandPalette

        from starmote.tui.palette import LocalCommandPalette

        if not isinstance(self.screen, CommandPalette):
            palette = LocalCommandPalette(
                t("tui.palette.placeholder", self.lang),
                t("tui.palette.no_matches", self.lang),
                id="--command-palette",
            )
            self.push_screen(palette)

    def action_request_quit(self) -> None:
        """Quit; with unsaved changes, ask first."""
        from textual.screen import ModalScreen

        if isinstance(self.screen, ModalScreen):
            self.screen.dismiss(None)
            return
        if self.form.draft() == getattr(self, "_initial", None):
            self.exit(None)
            return
        from starmote.tui.dialogs.confirm import ConfirmDialog

        lang = self.lang
        dialog = localize(ConfirmDialog, lang)(
            t("newcase.quit.title", lang), t("newcase.quit.body", lang)
        )
        self.push_screen(dialog, lambda yes: self.exit(None) if yes else None)


def make_newcase_app(
    draft: CaseDraft,
    templates: dict[str, Template],
    book: list[Contact],
    *,
    today: date,
    lang: str = "sv",
    home: Path | str | None = None,
    settings: Settings | None = None,
    can_invite: bool = False,
    path: str | None = None,
) -> NewCaseApp:
    """The new-case app, as the CLI and the tests build it.

    Args:
        draft: The fields to start from (blank, or a follow-up's).
        templates: The templates to choose from, by key.
        book: The address book.
        today: Today in Stockholm (quick dates count from it; tests fix it).
        lang: "sv" or "en".
        home: The data directory (`--home`): the default folder for case files.
        settings: Theme and language.
        can_invite: Offer to write the kallelse after saving (when starmote can).
        path: Where to save, instead of `<data dir>/cases/<code>.toml`.

    Returns:
        The app, not yet running.
    """
    cls = localize(NewCaseApp, lang if lang in LANGUAGES else "sv")
    return cls(
        draft,
        templates,
        book,
        today=today,
        home=home,
        settings=settings,
        can_invite=can_invite,
        path=path,
    )
