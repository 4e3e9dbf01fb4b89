"""`starmote board`: the meeting for the room, on the projector, following the chair's journal.

A Textual app of its own in a second terminal. A few times a second it asks the journal
whether anything was committed (`Follower.poll`, one cheap pragma) and, only then,
folds the new events onto the state it keeps. It shows the board's allow-listed copy
of that state (tui/board/view.py), timed by the same engine functions as the chair's
screen. It never writes, takes no lease, and carries on across a restart or a crash of
the chair's app: the journal is the truth.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header

from starmote.engine.state import MeetingState
from starmote.i18n import t
from starmote.store.follow import Follower
from starmote.store.settings import Settings
from starmote.tui.board.view import BoardView, board_state, board_view
from starmote.tui.board.widgets import AwayLine, BoardLine, CaseLine, NextLine, SpeakerBoard
from starmote.tui.keys import KeySpec
from starmote.tui.theme import PROJECTOR_LIGHT
from starmote.tui.widgets.circle import CircleBand
from starmote.tui.widgets.clockline import ClockLine

POLL_S = 0.1
"""How often the journal is asked whether anything changed: a key shows within ~this."""
TICK_S = 0.25
"""How often the clocks are redrawn: the chair's app's tick (tui.app.TICK_S)."""
SETTINGS_S = 2.0
"""How often the saved settings are looked at (a theme chosen in the chair's app)."""
THEMES = ("starmote-light", "textual-dark")
"""What `t` toggles between: the projector's light theme and the dark one."""


class BoardApp(App[None]):
    """The projector board on one `Follower`."""

    CSS_PATH = "board.tcss"
    TITLE = "starmote"
    KEY_SCOPE = "board"
    KEYS = (
        KeySpec("board_quit", "q", "quit", "app", show=True),
        KeySpec("board_theme", "t", "toggle_theme", "app", show=True),
    )
    LANG = "sv"
    ENABLE_COMMAND_PALETTE = False
    """A board takes no commands: q and t are all, and both are in the footer."""

    def __init__(
        self,
        follower: Follower,
        settings: Settings | None = None,
        *,
        home: Path | str | None = None,
        poll_s: float = POLL_S,
    ) -> None:
        super().__init__()
        self.register_theme(PROJECTOR_LIGHT)
        self.follower = follower
        self.settings = settings or Settings()
        self.lang = self.LANG
        self.home = home
        self.poll_s = poll_s
        self.shown: MeetingState | None = None
        """The allow-listed state on the screen (None: no meeting to show)."""
        self.view: BoardView | None = None
        self.on_frame: Callable[[int], None] | None = None
        """Called with the seq of a new state once its frame is drawn (benchmarks, tests)."""
        self._settings_mark: float | None = None
        self._drawn = False
        self._tick = -1
        """The quarter second of the meeting clock last drawn."""
        self._clocks: list[Any] = []
        self._speaker = SpeakerBoard(id="board-speaker")
        self._lines: list[BoardLine] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="◔")
        yield CircleBand(id="board-circle")
        yield CaseLine(id="board-case")
        yield self._speaker
        yield NextLine(id="board-next")
        yield ClockLine(id="board-clocks")
        yield AwayLine(id="board-away")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # Found once: the poll runs ten times a second, and may run once more while the
        # app shuts down, when a query would find nothing.
        self._clocks = [self.query_one(CircleBand), self.query_one(ClockLine)]
        self._lines = list(self.query(BoardLine))
        self.theme = (
            self.settings.theme if self.settings.theme in self.available_themes else THEMES[0]
        )
        self._settings_mark = self._settings_stamp()
        self._poll()
        self.set_interval(self.poll_s, self._poll)
        self.set_interval(SETTINGS_S, self._follow_settings)

    # --- following the journal ----------------------------------------------

    def _poll(self) -> None:
        try:
            changed = self.follower.poll()
        except sqlite3.Error:
            # Locked for a moment, or the chair's app mid-upgrade: the next poll retries.
            return
        state = self.follower.state
        now = self.follower.now()
        if changed or not self._drawn:
            self._drawn = True
            self.shown = board_state(state) if state is not None else None
            self._show_state(now)
            if self.on_frame is not None and self.shown is not None:
                self.call_after_refresh(self.on_frame, self.shown.last_seq)
        elif self.shown is not None and int(now / TICK_S) != self._tick:
            # The clocks are redrawn at the chair's screen's pace; the other polls only
            # ask the journal.
            self._show_time(now)

    def _show_state(self, now: float) -> None:
        self._tick = int(now / TICK_S)
        state = self.shown
        if state is None:
            self.title = "starmote"
            self.sub_title = t(self.follower.error or "board.waiting", self.lang)
            self._show_view(None)
            for clock in self._clocks:
                clock.display = False
            return
        self.title = f"{state.plan.case_code}"
        self.sub_title = state.plan.title(self.lang)
        for clock in self._clocks:
            clock.display = True
            clock.show_state(state, now)
        self._show_view(board_view(state, now, self.lang))

    def _show_time(self, now: float) -> None:
        self._tick = int(now / TICK_S)
        state = self.shown
        assert state is not None
        for clock in self._clocks:
            clock.show_time(state, now)
        view = board_view(state, now, self.lang)
        if view != self.view:
            self._show_view(view)

    def _show_view(self, view: BoardView | None) -> None:
        self.view = view
        empty = BoardView(
            "", "", "waiting", t("board.waiting", self.lang), "", False, "", (), (), ()
        )
        shown = view or empty
        self._speaker.show_view(shown)
        for line in self._lines:
            line.show_view(shown)

    # --- the theme ------------------------------------------------------------

    def _settings_stamp(self) -> float | None:
        from starmote.store import paths, settings

        try:
            return (paths.locate_home(self.home) / settings.FILE_NAME).stat().st_mtime
        except OSError:
            return None

    def _follow_settings(self) -> None:
        """A theme saved in the chair's app (or anywhere) reaches the board too."""
        stamp = self._settings_stamp()
        if stamp == self._settings_mark:
            return
        self._settings_mark = stamp
        from starmote.store import settings

        try:
            chosen = settings.load(self.home).theme
        except OSError:
            return
        if chosen in self.available_themes and chosen != self.theme:
            self.theme = chosen

    def action_toggle_theme(self) -> None:
        """Light for a projector, dark for a screen; the saved setting stays as it is."""
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]

    def on_unmount(self) -> None:
        self.follower.close()


def make_board(
    follower: Follower,
    *,
    lang: str = "sv",
    settings: Settings | None = None,
    home: Path | str | None = None,
    poll_s: float = POLL_S,
) -> BoardApp:
    """The board on `follower`, used by the CLI and by the tests.

    Args:
        follower: The journal, opened read-only, and the meeting to follow.
        lang: "sv" or "en".
        settings: Where the theme comes from; defaults if None.
        home: Data directory (its settings are followed for the theme).
        poll_s: Seconds between looks at the journal.

    Returns:
        The app, not yet running.
    """
    from starmote.tui.keys import localize

    cls = localize(BoardApp, lang if lang in ("sv", "en") else "sv")
    return cls(follower, settings, home=home, poll_s=poll_s)
