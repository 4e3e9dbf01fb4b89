"""A small form whose result is one engine command; a refusal keeps it open with the text intact."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Input, Static

from starmote.engine import commands as c
from starmote.engine.rules import DomainError
from starmote.engine.state import MeetingState
from starmote.i18n import t
from starmote.plan import limits
from starmote.privacy import contains_personnummer
from starmote.tui.keys import KeySpec
from starmote.tui.team import anonymised_reminder, names_question, names_written
from starmote.tui.widgets.choice import ChoiceField
from starmote.tui.widgets.formclock import FormClock
from starmote.tui.widgets.partysuggester import PartySuggester
from starmote.tui.widgets.textfields import FieldFull, LineInput, NoteArea


@dataclass(frozen=True)
class Field:
    """One field of a form."""

    name: str
    label: str
    value: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    """(value, label); a choice field instead of a text input when given."""
    suggestions: tuple[str, ...] = ()
    """Completion candidates (Right arrow accepts)."""
    placeholder: str = ""
    limit: int = limits.SHORT
    """At most this many characters: the engine's limit for what the field becomes."""
    multiline: bool = False
    """Several lines: Enter starts a new line, Ctrl+S saves."""
    parties: bool = False
    """A party field: completes by role and kind too ("fk", "kurator"), not only names."""


@dataclass(frozen=True)
class Mark:
    """A consent category an entry may be marked with, and whom that keeps it from."""

    category: str
    label: str
    """"hälsa – inte i kopian till Arbetsförmedlingen", as the form shows it when chosen."""


class FormError(Exception):
    """A field the form itself can tell is wrong (a date it cannot read)."""

    def __init__(self, message: str, field: str = "") -> None:
        """Args:
        message: What is wrong, in the UI language.
        field: The form field in error (the cursor goes there), "" if not one field.
        """
        super().__init__(message)
        self.field = field


def field_in_error(
    fields: Sequence[Field], values: dict[str, str], err: DomainError | None
) -> str | None:
    """The form field the engine's refusal is about, if it is about one.

    The engine names a text by what it becomes (`limits.FIELDS`), not by the form's
    field; a field's limit is that text's, and what it holds tells the rest.

    Args:
        fields: The form's fields.
        values: What they hold now.
        err: The refusal.

    Returns:
        The field's name, or None when the refusal is not about a field (a rule of the meeting).
    """
    if err is None:
        return None
    texts = [f for f in fields if not f.choices]
    if err.key == "engine.error.due_in_past":
        hits = [f for f in texts if f.name == "due"]
    elif err.key == "engine.error.deferred_needs_reason":
        hits = [f for f in texts if not values.get(f.name, "").strip()]
    elif err.key == "engine.error.personnummer_in_text":
        hits = [f for f in texts if contains_personnummer(values.get(f.name, ""))]
    elif err.key == "engine.error.empty" or err.key.startswith("engine.error.too_long."):
        name = str(err.values.get("what", "")) or err.key.rpartition(".")[2]
        limit = limits.FIELDS.get(name)
        empty = err.key == "engine.error.empty"
        hits = [
            f
            for f in texts
            if f.limit == limit
            and (not values.get(f.name, "").strip() if empty else len(values[f.name]) > f.limit)
        ] or [f for f in texts if empty and not values.get(f.name, "").strip()]
    else:
        return None
    return hits[0].name if hits else None


Build = Callable[[dict[str, str]], c.Command | Sequence[c.Command] | None]


class FormDialog(ModalScreen[bool]):
    """Fields in order; Enter moves on (submits from the last), Ctrl+S submits, Esc cancels.

    In a multi-line field Enter starts a new line, so Ctrl+S (or Ctrl+Enter where the
    terminal tells it apart) saves. While the meeting runs, the dialog carries its own
    clock line and the screen behind it stands still (see `show_time`).
    """

    KEY_SCOPE = "form"
    KEYS = (
        KeySpec("save", "ctrl+s,ctrl+enter", "submit", "app", show=True, key_display="^s"),
        KeySpec("next", "enter", "next_or_submit", "app"),
        KeySpec("cancel", "escape", "cancel", "app", show=True, key_display="Esc"),
        # One key marks the entry as what the consent keeps from a party (shown only then).
        KeySpec("mark", "ctrl+t", "mark", "app", show=True, key_display="^t"),
    )
    LANG = "sv"

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        build: Build,
        intro: str = "",
        marks: Sequence[Mark] = (),
        mark: str = "",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self._title = title
        self._fields = tuple(fields)
        self._build = build
        self._intro = intro
        self._marks = tuple(marks)
        self._mark = mark if any(m.category == mark for m in self._marks) else ""
        """The category chosen ("" for none); the build gets it as the value `category`."""
        self._names_ok: set[str] = set()
        """Names the chair chose to keep in an anonymised case's entry."""

    def compose(self) -> ComposeResult:
        lang = self.LANG
        app: Any = self.app
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title")
            if app.state.status == "running":
                yield FormClock(classes="dialog-clock")
            if self._intro:
                yield Static(self._intro, classes="dialog-body")
            reminder = anonymised_reminder(app.state, self._fields, lang)
            if reminder:
                yield Static(reminder, classes="dialog-reminder", markup=False)
            for f in self._fields:
                label = f.label
                if f.multiline:
                    label += f" ({t('tui.form.limit', lang, limit=f.limit)})"
                yield Static(label, classes="field-label", markup=False)
                if f.choices:
                    yield ChoiceField(f.choices, f.value, id=f"f-{f.name}")
                elif f.multiline:
                    yield NoteArea(f.value, f.limit, id=f"f-{f.name}")
                else:
                    suggester: Suggester | None = (
                        PartySuggester(app.state.plan, f.suggestions)
                        if f.parties
                        else SuggestFromList(f.suggestions, case_sensitive=False)
                        if f.suggestions
                        else None
                    )
                    yield LineInput(
                        f.value,
                        placeholder=f.placeholder,
                        suggester=suggester,
                        max_length=f.limit,
                        id=f"f-{f.name}",
                    )
            if self._marks:
                yield Static(
                    self._mark_text(), id="form-mark", classes="dialog-reminder", markup=False
                )
            yield Static("", id="form-error", classes="dialog-error")
            multiline = any(f.multiline for f in self._fields)
            hint = t("tui.form.hint_multiline" if multiline else "tui.form.hint", lang)
            if self._marks:  # the form's own footer line: the mark key is listed with the rest
                hint += " · " + t("tui.form.hint_mark", lang)
            yield Static(hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        app: Any = self.app
        self.show_time(app.state, app.session.now().t)

    def show_time(self, state: MeetingState, t: float) -> None:
        """Redraw the dialog's clock line (the app's tick calls this instead of the screen's).

        Behind a dialog Textual repaints the whole terminal, blended, for any change of the
        screen below: its clocks ticking would cost a full frame a second while the chair types.
        """
        for clock in self.query(FormClock):
            clock.show_time(state, t)

    def values(self) -> dict[str, str]:
        """The form's current values by field name (and `category` where it can be marked)."""
        result: dict[str, str] = {}
        for f in self._fields:
            widget: Any = self.query_one(f"#f-{f.name}")
            result[f.name] = widget.value
        if self._marks:
            result["category"] = self._mark
        return result

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The mark key is only there where the consent keeps something from someone.
        return bool(self._marks) if action == "mark" else True

    def _mark_text(self) -> str:
        chosen = next((m for m in self._marks if m.category == self._mark), None)
        if chosen is None:
            return t("tui.form.mark_none", self.LANG, key="Ctrl+T")
        return chosen.label

    def action_mark(self) -> None:
        """Mark the entry with the next category the consent keeps from someone, or none."""
        if not self._marks:
            return
        order = ["", *(m.category for m in self._marks)]
        self._mark = order[(order.index(self._mark) + 1) % len(order)]
        self.query_one("#form-mark", Static).update(self._mark_text())

    def on_field_full(self, message: FieldFull) -> None:
        label = next((f.label for f in self._fields if f"f-{f.name}" == message.field.id), "")
        self.query_one("#form-error", Static).update(
            t("tui.form.full", self.LANG, field=label, limit=message.limit)
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_next_or_submit()

    def action_next_or_submit(self) -> None:
        ids = [f"f-{f.name}" for f in self._fields]
        focused = self.focused.id if self.focused is not None else None
        if focused in ids and ids.index(focused) < len(ids) - 1:
            self.focus_next()
            return
        self.action_submit()

    def action_submit(self) -> None:
        app: Any = self.app
        error = self.query_one("#form-error", Static)
        try:
            built = self._build(self.values())
        except FormError as err:
            error.update(str(err))
            self._focus_field(err.field)
            return
        commands = [] if built is None else [built] if isinstance(built, c.Command) else list(built)
        names = [n for n in names_written(app.state, commands) if n not in self._names_ok]
        if names:
            self._ask_names(names)
            return
        for command in commands:
            refusal = app.apply(command)
            if refusal is not None:
                error.update(refusal)
                self._focus_field(field_in_error(self._fields, self.values(), app.last_refusal))
                return
        self.dismiss(True)

    def _focus_field(self, name: str | None) -> None:
        """The cursor to the field in error, so the chair corrects it without hunting."""
        if name:
            self.query_one(f"#f-{name}").focus()

    def _ask_names(self, names: list[str]) -> None:
        """An anonymised case: the chair is asked before a name from the case file is stored."""
        from starmote.tui.dialogs.confirm import ConfirmDialog
        from starmote.tui.keys import localize

        lang = self.LANG
        ask = localize(ConfirmDialog, lang)(
            t("tui.form.names_title", lang), names_question(names, lang)
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._names_ok.update(names)
                self.action_submit()

        self.app.push_screen(ask, answered)

    def action_cancel(self) -> None:
        """Close without storing; when something was typed, only on a second Esc."""
        typed = any(self.values()[f.name] != f.value for f in self._fields)
        if typed and not getattr(self, "_discard_armed", False):
            self._discard_armed = True
            self.query_one("#form-error", Static).update(t("tui.form.discard", self.LANG))
            return
        self.dismiss(False)
