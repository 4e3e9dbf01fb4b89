"""The Textual app: wiring only. Keys become commands for `Session.do`; screens render the state."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.message import Message
from textual.screen import ModalScreen, Screen

from starmote.engine import commands as c
from starmote.engine.rules import DomainError
from starmote.engine.state import MeetingState
from starmote.i18n import LANGUAGES, t
from starmote.store.journal import JournalError, JournalUnusable, unusable
from starmote.store.session import Clock, Session
from starmote.store.settings import Settings
from starmote.tui import fmt
from starmote.tui.confirmations import confirmation
from starmote.tui.keys import KeySpec, localize
from starmote.tui.palette import MeetingCommands
from starmote.tui.theme import PROJECTOR_LIGHT

TICK_S = 0.25
"""The one redraw interval: time widgets are recomputed from the clock, nothing counts ticks."""
STOP_SIGNALS = ("SIGTERM", "SIGHUP")
"""End the app as a quit does (terminal restored, resume hint) instead of dying mid-frame."""
HISTORY_SHARE = 0.2
"""Should the history thread have meetings to fold (the first run after an upgrade), it
works a fifth of the time and rests the rest, so the chair's keys never wait on it."""


class HistoryRead(Message):
    """The background read of earlier absences is done."""

    def __init__(self, history: dict[str, Any]) -> None:
        super().__init__()
        self.history = history


class StarmoteApp(App[None]):
    """A live SIP/STAR meeting on one `Session`."""

    CSS_PATH = "starmote.tcss"
    TITLE = "starmote"
    KEY_SCOPE = "app"
    KEYS = (
        KeySpec("quit", "ctrl+q", "request_quit", "app", priority=True),
        KeySpec("help", "f1", "help", "app", show=True),
        KeySpec("palette", "ctrl+p", "command_palette", "app", key_display="^p", priority=True),
        KeySpec("history", "f2", "history", "app"),
    )
    last_refusal: DomainError | None = None
    """The engine's last refusal, for a form to put the cursor on the field it is about."""
    COMMANDS = {MeetingCommands}
    """Only our own, localised commands: Textual's system ones are English and would
    quit a live meeting without asking."""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Below 100 columns the screens stack their columns (see starmote.tcss)."""
    LANG = "sv"

    def __init__(
        self,
        session: Session,
        settings: Settings | None = None,
        *,
        home: Path | str | None = None,
        demo: bool = False,
        save_settings: bool = True,
        history: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.register_theme(PROJECTOR_LIGHT)
        self.session = session
        self.settings = settings or Settings()
        self.lang = self.LANG
        self.home = home
        self.demo = demo
        self.save_settings = save_settings
        self.history = history
        """Party key -> earlier absences, filled after the first frame."""
        self._view = ""
        self._bell_armed: dict[str, bool] = {}
        self._windows: Any = None
        """Notices and questions about the parties' time windows (tui.windows)."""
        self.crash_log: Path | None = None
        """Where an unexpected error was written, if one stopped the app."""
        self.stopped_by: signal.Signals | None = None
        """The signal (SIGTERM, SIGHUP) that ended the app, if one did."""
        self._signals: list[signal.Signals] = []

    # --- life cycle ---------------------------------------------------------

    def on_load(self) -> None:
        # Before the driver switches the terminal over, so no moment is left uncovered.
        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread may handle signals
        loop = asyncio.get_running_loop()
        for name in STOP_SIGNALS:
            number = getattr(signal, name, None)  # Windows has no SIGHUP
            if number is None:
                continue
            try:
                loop.add_signal_handler(number, self._stop_on_signal, number)
            except (NotImplementedError, RuntimeError, ValueError):
                continue  # an event loop without signal support: the default action stays
            self._signals.append(number)

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for number in self._signals:
            loop.remove_signal_handler(number)
        self._signals.clear()

    def _stop_on_signal(self, number: signal.Signals) -> None:
        """Leave as a quit does; everything shown is already stored. Exit status 128 + n."""
        self.stopped_by = signal.Signals(number)
        self.exit(return_code=128 + int(number))

    def on_mount(self) -> None:
        self.theme = (
            self.settings.theme if self.settings.theme in self.available_themes else "textual-dark"
        )
        if self.settings.keys:
            self.set_keymap(self.settings.keymap)
        state = self.state
        self.title = fmt.meeting_title(state.plan, self.lang)
        self.sub_title = self._subtitle(state)
        self._sync_view()
        self.set_interval(TICK_S, self._tick)
        if self.history is None:
            self.call_after_refresh(self._load_history)
        from starmote.tui.retention import remind

        self.call_after_refresh(remind, self)

    def get_default_screen(self) -> Screen[Any]:
        """The main screen the state asks for, as the first screen on the stack.

        Textual composes it with the app, so the first frame is drawn once. Pushed from
        `on_mount` instead, it was drawn while the app started, that frame thrown away,
        and drawn again.
        """
        self._view = self.view_for(self.state)
        return localize(_screen_class(self._view), self.lang)()

    def _subtitle(self, state: MeetingState) -> str:
        plan = state.plan
        parts = [fmt.meeting_subtitle(plan, self.lang)]
        if self.demo:
            parts.append(t("tui.demo_note", self.lang))
        return " · ".join(parts)

    def _load_history(self) -> None:
        """Earlier absences per party, read in a daemon thread on a connection of its own.

        Not a Textual worker: those run in the event loop's executor, which quitting
        waits for. A daemon thread never holds up Ctrl+Q; if the app has gone by the
        time it is done, its answer is dropped.
        """
        args = (self.session.journal.path, self.state.plan, self.session.meeting_id)
        threading.Thread(
            target=self._read_history, args=args, name="starmote-history", daemon=True
        ).start()

    def _read_history(self, path: Path, plan: Any, meeting_id: str) -> None:
        from starmote.store.history import party_history_at

        try:
            found = dict(party_history_at(path, plan, meeting_id, share=HISTORY_SHARE))
        except Exception:  # history is a nicety; never stop a meeting over it
            found = {}
        # RuntimeError: the app's loop is already closed, so there is nobody to tell.
        with contextlib.suppress(RuntimeError):
            self.post_message(HistoryRead(found))

    def on_history_read(self, message: HistoryRead) -> None:
        self._show_history(message.history)

    def _show_history(self, history: dict[str, Any]) -> None:
        self.history = history
        screen = self.main_screen
        if screen is not None:
            screen.show_state(self.state)  # type: ignore[attr-defined]

    @property
    def state(self) -> MeetingState:
        """The meeting as stored."""
        return self.session.state

    @property
    def main_screen(self) -> Screen[Any] | None:
        """The screen under any dialogs (before, live or closing)."""
        for screen in reversed(self.screen_stack):
            if not isinstance(screen, ModalScreen) and hasattr(screen, "show_state"):
                return screen
        return None

    # --- the one way to change the meeting ---------------------------------

    def apply(self, command: c.Command, quiet: bool = False) -> str | None:
        """Run `command` through the session; a refusal becomes a notice.

        Args:
            command: What the chair asked for.
            quiet: Return a refusal without a notice (the caller shows it).

        Returns:
            None when stored and shown, else the refusal in the UI language.
        """
        self.last_refusal = None
        try:
            state = self.session.do(command)
        except DomainError as err:
            self.last_refusal = err  # a form puts the cursor on the field it is about
            message = self.refusal(err)
            if not quiet:
                self.notify(message, severity="warning", timeout=6)
            if err.key == "engine.error.changed_elsewhere":
                self.state_changed(self.state)  # show what the other window did
            return message
        except (OSError, JournalError, sqlite3.Error) as err:
            # A full disk or a locked file: nothing was stored, and the form that asked
            # keeps what was typed, so the chair can try again.
            reason = (
                type(err).__name__
                if isinstance(err, JournalError) and not isinstance(err, JournalUnusable)
                else unusable(err, self.session.journal.path).short(self.lang)
            )
            message = t("tui.save_failed", self.lang, error=reason)
            self.notify(message, severity="error", timeout=10)
            return message
        self.state_changed(state)
        note = confirmation(command, state, self.lang)
        if note is not None:
            self.notify(note, timeout=5)
        return None

    def refusal(self, err: DomainError) -> str:
        """The engine's refusal in the UI language, a party called by its name, not its key."""
        values = dict(err.values)
        party = values.get("party")
        if isinstance(party, str) and self.state.plan.has_party(party):
            values["party"] = fmt.party_name(self.state.plan, party, self.lang)
        return t(err.key, self.lang, **values)

    def state_changed(self, state: MeetingState) -> None:
        """Show a new state: the main screen redraws, or the next one comes up and draws itself."""
        if not isinstance(self.screen, ModalScreen) and self.view_for(state) != self._view:
            self._sync_view()
            return
        screen = self.main_screen
        if screen is not None:
            screen.show_state(state)  # type: ignore[attr-defined]
            screen.refresh_keys()  # type: ignore[attr-defined]

    def view_for(self, state: MeetingState) -> str:
        """Which main screen the state asks for."""
        if state.status == "open":
            return "before"
        # While running, the chair may look at the closing screen early (c) and stays there.
        return "live" if state.status == "running" and self._view != "closing" else "closing"

    def _sync_view(self, view: str | None = None) -> None:
        wanted = view or self.view_for(self.state)
        if wanted == self._view and self.main_screen is not None:
            return
        screen = localize(_screen_class(wanted), self.lang)()
        self._view = wanted
        if self.screen is self.screen_stack[0]:
            # The first main screen is Textual's default screen, which cannot be switched
            # away: the next goes on top of it, and it stays under, never seen again.
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def show_view(self, view: str) -> None:
        """Switch the main screen by the chair's choice (closing review, back to live)."""
        self._sync_view(view)

    def open_dialog(self, dialog: Screen[Any], done: Callable[[Any], None] | None = None) -> None:
        """Push a dialog; when it closes, the right main screen is brought up."""

        def closed(result: Any) -> None:
            if done is not None:
                done(result)
            if not isinstance(self.screen, ModalScreen):
                self._sync_view()

        self.push_screen(dialog, closed)

    def export_dir(self) -> Path:
        """Where this meeting's minutes and invites go: `<data home>/exports/<meeting id>`."""
        from starmote.store import paths

        return paths.private_dir(paths.data_home(self.home) / "exports" / self.session.meeting_id)

    # --- the clock ----------------------------------------------------------

    def _tick(self) -> None:
        screen = self.main_screen
        if screen is None:
            return
        state = self.state
        now = self.session.now().t
        # A dialog with clocks of its own (a form) takes the tick, and the screen behind stands
        # still: under a dialog Textual repaints the whole terminal for any change below it.
        shown: Any = self.screen if hasattr(self.screen, "show_time") else screen
        shown.show_time(state, now)
        if self.settings.bell:
            self._ring_at_zero(state, now)
        if self._windows is None:
            from starmote.tui.windows import WindowWatch

            self._windows = WindowWatch(self)
        self._windows.check(state, now)

    def _ring_at_zero(self, state: MeetingState, now: float) -> None:
        """A quiet bell once when a turn or a part reaches zero."""
        from starmote.engine import timing

        for name, left in (
            ("turn", timing.turn_remaining(state, now)),
            ("phase", timing.phase_remaining(state, now)),
        ):
            key = (
                f"{name}:{state.phase}:{state.turn.party if state.turn else ''}:{len(state.spoken)}"
            )
            if left is None or state.paused_at is not None:
                continue
            if left > 0:
                self._bell_armed[key] = True
            elif self._bell_armed.pop(key, False):
                self.bell()

    # --- an unexpected error -------------------------------------------------

    def _fatal_error(self) -> None:
        # Textual would print the traceback with its local variables, which here are notes
        # and names, on a screen that may be projected. They go to a private log instead.
        from starmote.store.crashlog import write_crash_log

        error = self._exception  # set by Textual before it calls this
        try:
            self.crash_log = write_crash_log(error, self.home) if error else None
        except OSError:
            self.crash_log = None
        if self.crash_log is None:
            super()._fatal_error()
            return
        self.bell()
        self._close_messages_no_wait()

    # --- app actions --------------------------------------------------------

    def action_help(self) -> None:
        from starmote.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(localize(HelpScreen, self.lang)(self.screen))

    def action_history(self) -> None:
        """Attendance across meetings (F2 again closes it)."""
        from starmote.tui.screens.history import open_history

        open_history(self)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """None: every command the chair needs is in `MeetingCommands`, by its Swedish name."""
        return ()

    def action_command_palette(self) -> None:
        """The command palette, its placeholder and no-matches notice in the UI language."""
        from textual.command import CommandPalette

        from starmote.tui.palette import LocalCommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            palette = LocalCommandPalette(
                t("tui.palette.placeholder", self.lang),
                t("tui.palette.no_matches", self.lang),
                id="--command-palette",
            )
            self.push_screen(palette)

    async def action_quit(self) -> None:
        """Any request to quit (a binding, a stray command) goes through the live check."""
        self.action_request_quit()

    def action_request_quit(self) -> None:
        """Quit; while the meeting is live, ask first (everything is already stored)."""
        if self.state.status in ("running", "closing") and not isinstance(self.screen, ModalScreen):
            from starmote.tui.dialogs.confirm import ConfirmDialog

            body = (
                t("tui.quit.body_demo", self.lang)
                if self.demo
                else t("tui.quit.body", self.lang, meeting=self.session.meeting_id)
            )
            dialog = localize(ConfirmDialog, self.lang)(t("tui.quit.title", self.lang), body)
            self.push_screen(dialog, lambda yes: self.exit() if yes else None)
            return
        self.exit()

    def set_theme_choice(self, theme: str) -> None:
        """Switch theme and keep the choice."""
        self.theme = theme
        self._store(theme=theme)

    def set_lang_choice(self, lang: str) -> None:
        """Keep the language for the next start (the screens are built per language)."""
        self._store(lang=lang)
        self.notify(t("tui.lang_saved", lang))

    def toggle_bell(self) -> None:
        """Bell at zero on/off, kept."""
        self._store(bell=not self.settings.bell)
        self.notify(t("tui.bell.on" if self.settings.bell else "tui.bell.off", self.lang))

    def _store(self, **changes: Any) -> None:
        from dataclasses import replace

        from starmote.store import settings as settings_mod

        self.settings = replace(self.settings, **changes)
        if self.save_settings:
            try:
                settings_mod.save(self.settings, self.home)
            except OSError as err:
                self.notify(
                    t("tui.settings.failed", self.lang, error=fmt.failure_text(err, self.lang)),
                    severity="error",
                )


def make_app(
    session: Session,
    *,
    clock: Clock | None = None,
    lang: str | None = None,
    settings: Settings | None = None,
    home: Path | str | None = None,
    demo: bool = False,
    save_settings: bool = True,
    history: dict[str, Any] | None = None,
) -> StarmoteApp:
    """The app on `session`, used by the CLI and by the tests.

    Args:
        session: The meeting to run (started or resumed).
        clock: Replaces the session's clock (tests pass a `FakeClock` for frozen frames).
        lang: "sv" or "en"; wins over the settings.
        settings: Language, theme, bell; defaults if None.
        home: Data directory (where settings are saved).
        demo: Mark the meeting as a demo whose data is not kept.
        save_settings: Write settings changes to disk (tests turn it off).
        history: Earlier absences per party; looked up after the first frame if None.

    Returns:
        The app, not yet running.
    """
    if clock is not None and clock is not session.clock:
        # Re-read the meeting on the new clock so offsets stay continuous.
        session = Session.resume(session.journal, session.meeting_id, clock)
    settings = settings or Settings()
    chosen = lang or settings.lang
    if chosen not in LANGUAGES:
        chosen = "sv"
    cls = localize(StarmoteApp, chosen)
    return cls(
        session, settings, home=home, demo=demo, save_settings=save_settings, history=history
    )


def _screen_class(view: str) -> type[Screen[Any]]:
    """The main screen for `view`, imported only when first needed (keeps the first frame light)."""
    if view == "before":
        from starmote.tui.screens.before import BeforeScreen

        return BeforeScreen
    if view == "live":
        from starmote.tui.screens.live import LiveScreen

        return LiveScreen
    from starmote.tui.screens.closing import ClosingScreen

    return ClosingScreen
