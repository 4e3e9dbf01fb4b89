"""The pieces of the new-case form: a labelled field with its message line, and its controls."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Static

from starmote.plan.contacts import Contact
from starmote.tui.widgets.choice import ChoiceField
from starmote.tui.widgets.textfields import LineInput, NoteArea


class Choice(ChoiceField):
    """A `ChoiceField` that says when the chair changes it (the template, a yes/no)."""

    class Changed(Message):
        """The choice moved to another value."""

        def __init__(self, choice: Choice) -> None:
            super().__init__()
            self.choice = choice

    def watch_index(self, old: int, new: int) -> None:
        if old != new:
            self.post_message(self.Changed(self))

    def set_value(self, value: str) -> None:
        """Show `value` (added as a choice of its own if it is not one, so nothing is lost)."""
        keys = [k for k, _ in self.choices]
        if value not in keys:
            self.choices = (*self.choices, (value, value))
            keys.append(value)
        self.index = keys.index(value)

    def set_choices(self, choices: tuple[tuple[str, str], ...]) -> None:
        """Offer other choices; a current value that is not one of them stays, to be flagged.

        A relative's kind must not turn into a municipality's because the template changed.
        """
        current = self.value
        keys = [k for k, _ in choices]
        if current and current not in keys:
            choices = (*choices, (current, current))
            keys.append(current)
        self.choices = choices
        self.index = keys.index(current) if current in keys else 0
        self.refresh()


def line(
    value: str, limit: int, id: str, placeholder: str = "", suggester: Any = None
) -> LineInput:
    """A one-line text control of at most `limit` characters."""
    return LineInput(value, placeholder=placeholder, max_length=limit, suggester=suggester, id=id)


def area(value: str, limit: int, id: str) -> NoteArea:
    """A multi-line control (one question per line): Enter starts a new line, Tab moves on."""
    return NoteArea(value, limit, id=id)


def choice(choices: Iterable[tuple[str, str]], value: str, id: str) -> Choice:
    """A choice among a few values, cycled with the arrows or space."""
    field = Choice(tuple(choices), value, id=id)
    if value and value not in [k for k, _ in field.choices]:
        field.set_value(value)
    return field


def row(label: str, control: Widget, hint: str = "") -> Widget:
    """`label` beside `control`, with a hint below when there is one.

    A field's message is mounted below it only when there is one (see `show_error`):
    the form has a hundred fields, and widgets that are nearly always empty would cost
    the first frame more than the fields themselves.
    """
    line = Horizontal(Static(label, classes="nc-label", markup=False), control, classes="nc-line")
    if not hint:
        return line
    return Vertical(line, Static(hint, classes="nc-hint", markup=False), classes="nc-row")


def set_text(widget: Static, text: str) -> None:
    """Show `text` in `widget`, only if it differs.

    An update lays the whole form out again (a tenth of a second for a hundred fields),
    and leaving a field would otherwise redo titles and messages that did not change."""
    if widget.content != text:
        widget.update(text)


def show_error(owner: Widget, control: Widget, message: str | None) -> None:
    """Put `message` under `control` (or clear it)."""
    found = owner.query(f"#e-{control.id}")
    if found:
        error = found.first(Static)
        set_text(error, message or "")
        error.display = bool(message)
        return
    line = control.parent
    if not message or line is None or line.parent is None:
        return
    error = Static(message, id=f"e-{control.id}", classes="nc-error", markup=False)
    holder: Any = line.parent
    if isinstance(holder, Vertical) and holder.has_class("nc-row"):
        holder.mount(error)  # below the hint
    else:
        holder.mount(error, after=line)


class ContactSuggester(Suggester):
    """Completes a name from the address book, people at the party's organisation first."""

    def __init__(self, book: list[Contact], organisation: Callable[[], str]) -> None:
        # Not cached: the same letters complete differently once the organisation is typed.
        super().__init__(use_cache=False, case_sensitive=False)
        self.book = book
        self.organisation = organisation

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        at = self.organisation().strip().casefold()
        named = [c for c in self.book if c.person.casefold().startswith(value)]
        here = [c for c in named if at and c.organisation.casefold() == at]
        found = here or named
        return found[0].person if found else None
