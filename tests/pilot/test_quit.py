"""Quitting: never a live meeting by accident; the palette holds only our localised commands."""

from __future__ import annotations

from tests.support.tui import app_for, live_session, new_session


async def test_ctrl_q_before_the_meeting_quits_at_once(tmp_path):
    session, clock = new_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running


async def test_every_way_to_quit_a_live_meeting_asks_first(tmp_path):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        for ask in ("ctrl+q", "quit"):
            if ask == "quit":
                await app.run_action("quit")  # what Textual's own commands would call
            else:
                await pilot.press(ask)
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmDialog"
            assert app.is_running
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "LiveScreen"
        await pilot.press("ctrl+q")
        await pilot.press("enter")
        await pilot.pause()
        assert not app.is_running
    assert session.state.status == "running"  # quitting never closes the meeting


async def test_palette_speaks_the_ui_language_and_has_no_system_quit(tmp_path):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        from textual.command import CommandInput, CommandPalette

        assert isinstance(palette, CommandPalette)

        assert palette.query_one(CommandInput).placeholder == "Sök kommando …"
        await pilot.pause(0.3)
        from textual.command import CommandList

        options = palette.query_one(CommandList)
        names = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(n.startswith("Tur:") for n in names), names
        assert any(n.startswith("Inställning:") for n in names)
        english = {"Quit", "Keys", "Maximize", "Screenshot", "Theme"}
        assert not [n for n in names if n.split("\n")[0].strip() in english]


async def test_the_palette_says_no_matches_in_the_ui_language(tmp_path):
    from textual.command import CommandList

    async def options_after(pilot, keys, until):
        await pilot.press(*keys)
        options = pilot.app.screen.query_one(CommandList)
        found = []
        for _ in range(60):  # the palette waits half a second before saying nothing matched
            await pilot.pause(0.05)
            found = [options.get_option_at_index(i) for i in range(options.option_count)]
            if until(found):
                break
        return found

    for lang, notice in (("sv", "Inga träffar"), ("en", "No matches found")):
        session, clock = live_session(tmp_path / lang)
        app = app_for(session, clock, lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            found = await options_after(pilot, "qqqzzz", lambda f: any(o.disabled for o in f))
            assert [(str(o.prompt.renderable), o.disabled) for o in found] == [(notice, True)]
            # Real hits are left as they are.
            word = "skip" if lang == "en" else "hoppa"
            found = await options_after(pilot, ["ctrl+u", *word], lambda f: bool(f))
            assert found and not any(o.disabled for o in found)


def test_quitting_never_waits_for_the_absence_history(tmp_path, monkeypatch):
    """A slow history read (a long journal) neither holds up keys nor Ctrl+Q.

    The fake reader blocks until the test lets it go, so `app.run()` returning while
    it still blocks shows that quitting did not wait for it. `App.run` ends with
    `asyncio.run`, which waits for every thread of the loop's executor, where a
    Textual thread worker runs; this test would block there until the reader's
    timeout, then fail.
    """
    import threading

    from starmote.store import history
    from starmote.store.settings import Settings
    from starmote.tui.app import make_app

    reading, release, finished = threading.Event(), threading.Event(), threading.Event()

    def slow_reader(path, plan, exclude_meeting=None, share=1.0):
        reading.set()
        release.wait(timeout=10)
        finished.set()
        return {}

    monkeypatch.setattr(history, "party_history_at", slow_reader)
    session, clock = new_session(tmp_path)
    first = session.state.individual_first
    app = make_app(session, clock=clock, settings=Settings(), save_settings=False)
    seen: dict[str, object] = {}

    async def auto_pilot(pilot):
        for _ in range(300):
            if reading.is_set():
                break
            await pilot.pause(0.01)
        await pilot.press("o")  # a key through the engine while history is being read
        await pilot.pause()
        seen["handled"] = session.state.individual_first != first
        seen["history"] = app.history
        await pilot.press("ctrl+q")

    try:
        app.run(headless=True, size=(120, 40), auto_pilot=auto_pilot)
        assert reading.is_set() and not finished.is_set()  # quit while the reader still read
        assert seen == {"handled": True, "history": None}
        assert app.return_code == 0
    finally:
        release.set()
