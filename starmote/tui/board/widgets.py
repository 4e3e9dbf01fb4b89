"""The board's widgets: the case taken up, the speaker in big digits, who is next, who is away."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import Digits

from starmote.i18n import t
from starmote.tui.board.view import BoardView
from starmote.tui.widgets.base import StateView


class BoardLine(StateView):
    """One or two lines of the board, drawn from a BoardView (repainted only when they change)."""

    def show_view(self, view: BoardView) -> None:
        """Draw the part of `view` this line shows (override)."""


class CaseLine(BoardLine):
    """ "Ärende T-02" while a team case is taken up; empty otherwise (and hidden)."""

    def show_view(self, view: BoardView) -> None:
        self.display = bool(view.case)
        self.put(f"[b]{escape(t('board.case', self.lang, code=view.case))}[/]" if view.case else "")


class SpeakerBoard(Vertical):
    """Who has the word (or what is going on), the big time left, and its budget."""

    DEFAULT_CSS = """
    SpeakerBoard { height: auto; }
    SpeakerBoard > Digits { width: 1fr; text-align: center; }
    SpeakerBoard > Digits.-over { color: $text-warning; }
    SpeakerBoard > .board--label { text-align: center; text-style: bold; }
    SpeakerBoard > .board--of { text-align: center; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._label = StateView(id="board-label", classes="board--label")
        self._digits = Digits("", id="board-digits")
        self._of = StateView(id="board-of", classes="board--of")

    def compose(self) -> ComposeResult:
        yield self._label
        yield self._digits
        yield self._of

    def show_view(self, view: BoardView) -> None:
        """Draw the speaker part of `view`."""
        self._label.put(escape(view.label))
        shown = view.digits.replace("–", "-")  # Digits draws "-", not the dash
        if self._digits.value != shown:
            self._digits.update(shown)
        self._digits.set_class(view.over, "-over")
        self._of.put(escape(view.of))

    @property
    def label(self) -> str:
        """The line above the digits, as plain text (for tests)."""
        return self._label.plain

    @property
    def digits(self) -> str:
        """What the big digits show."""
        return self._digits.value


class NextLine(BoardLine):
    """ "Nästa: Arbetsförmedlingen · sedan Region …, Kommun"."""

    def show_view(self, view: BoardView) -> None:
        if not view.next:
            self.put("")
            return
        lang = self.lang
        line = f"[dim]{t('board.next', lang)}[/] [b]{escape(view.next[0])}[/]"
        if view.next[1:]:
            rest = ", ".join(escape(name) for name in view.next[1:])
            line += f"  [dim]{t('board.then', lang)} {rest}[/]"
        self.put(line)


class AwayLine(BoardLine):
    """Which organisations are absent, and who has left or lost the line."""

    def show_view(self, view: BoardView) -> None:
        lang = self.lang
        parts = []
        if view.absent:
            names = ", ".join(escape(name) for name in view.absent)
            parts.append(f"[b $text-warning]{t('board.absent', lang)}[/] {names}")
        if view.gone:
            names = ", ".join(escape(name) for name in view.gone)
            parts.append(f"[b]{t('board.gone', lang)}[/] {names}")
        self.put("   ".join(parts))
