"""A one-line choice between a few values, cycled with arrows or space (quick in a form)."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class ChoiceField(Widget):
    """Shows `◀ label ▶`; left/right/space cycle through the choices.

    A label is shown as text, never read as markup.
    """

    can_focus = True

    DEFAULT_CSS = """
    ChoiceField { height: 1; width: 1fr; padding: 0 1; background: $boost; }
    ChoiceField:focus { background: $accent 30%; text-style: bold; }
    """
    BINDINGS = [
        Binding("left", "cycle(-1)", show=False, id="choice.prev"),
        Binding("right,space", "cycle(1)", show=False, id="choice.next"),
    ]
    index: reactive[int] = reactive(0)

    def __init__(
        self, choices: tuple[tuple[str, str], ...], value: str = "", id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.choices = choices
        keys = [k for k, _ in choices]
        self.set_reactive(ChoiceField.index, keys.index(value) if value in keys else 0)

    @property
    def value(self) -> str:
        """The chosen key."""
        return self.choices[self.index][0]

    def render(self) -> Content:
        # A label wider than the field is shortened ("…") so both markers stay in view.
        label = Content(self.choices[self.index][1])
        room = self.content_region.width - 4  # "◀ " and " ▶"
        if room > 0 and label.cell_length > room:
            label = label.truncate(room, ellipsis=True)
        return Content.assemble("◀ ", label, " ▶")

    def action_cycle(self, step: int) -> None:
        self.index = (self.index + step) % len(self.choices)
