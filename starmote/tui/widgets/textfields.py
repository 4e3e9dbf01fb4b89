"""Text fields that hold at most a given number of characters and say so when they are full."""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input, TextArea
from textual.widgets.text_area import Edit, EditResult

from starmote.privacy import strip_unsafe


class FieldFull(Message):
    """A key or a paste went past a field's limit; what did not fit was left out."""

    def __init__(self, field: Input | TextArea, limit: int) -> None:
        super().__init__()
        self.field = field
        self.limit = limit


class LineInput(Input):
    """A one-line field (give it `max_length`); a refused key or paste posts `FieldFull`."""

    virtual_size = Reactive(Size(0, 0), layout=False)
    """An Input's virtual width grows with every key; in Textual that asks for a layout of
    the whole screen, which in a dialog costs more than the key itself. A one-line field
    of fixed size, without scroll bars, needs a repaint only: it scrolls by its cursor."""

    def _on_paste(self, event: events.Paste) -> None:
        # A paste may bring ESC, BEL or a bidi override: they never reach the field (the
        # engine removes them from what is stored too). Textual runs Input's own handler
        # next (handlers run along the class's MRO), which inserts the cleaned text.
        event.text = strip_unsafe(event.text, multiline=True)

    def restricted(self) -> None:
        # Textual calls this when max_length turned the change away (no other restriction is set).
        self.post_message(FieldFull(self, self.max_length or 0))


class NoteArea(TextArea):
    """A multi-line field of at most `limit` characters (a line break counts as one).

    Tab moves on instead of indenting, and Enter starts a new line.
    """

    def __init__(self, text: str, limit: int, *, id: str | None = None) -> None:
        super().__init__(text, id=id, soft_wrap=True, tab_behavior="focus")
        self.limit = limit

    def on_mount(self) -> None:
        # A text being corrected is usually added to: start at its end, as an Input does.
        self.move_cursor(self.document.end)

    @property
    def value(self) -> str:
        """The text, as the form reads every field."""
        return self.text

    def edit(self, edit: Edit) -> EditResult:
        """Every change (a key, a paste, a cut) comes here: cut what goes past the limit.

        Control and bidi characters a paste brings are left out first.
        """
        edit.text = strip_unsafe(edit.text, multiline=True)
        if edit.text:
            removed = len(self.get_text_range(edit.from_location, edit.to_location))
            room = self.limit - (len(self.text) - removed)
            if len(edit.text) > room:
                self.post_message(FieldFull(self, self.limit))
                edit.text = edit.text[: max(room, 0)]
                if not edit.text and edit.from_location == edit.to_location:
                    return EditResult(end_location=edit.to_location, replaced_text="")
        return super().edit(edit)
