"""Settings: kept across starts, never in the way when the file is bad, keys remappable."""

from __future__ import annotations

from starmote.store import settings as s
from starmote.store.settings import Settings
from tests.support.tui import app_for, live_session


def test_round_trip_with_remapped_keys(tmp_path):
    chosen = Settings(
        lang="en", theme="starmote-light", bell=True, keys=(("live.next_speaker", "enter"),)
    )
    path = s.save(chosen, tmp_path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert '[keys]\n"live.next_speaker" = "enter"' in path.read_text(encoding="utf-8")
    assert s.load(tmp_path) == chosen


def test_a_saved_textual_light_theme_moves_to_the_projector_one(tmp_path):
    s.save(Settings(theme="textual-light"), tmp_path)
    assert s.load(tmp_path).theme == "starmote-light"


def test_a_bad_file_gives_defaults_and_bad_values_are_skipped(tmp_path):
    path = s.settings_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("lang = [broken", encoding="utf-8")
    assert s.load(tmp_path) == Settings()
    path.write_bytes(b"\xff\xfe")
    assert s.load(tmp_path) == Settings()
    path.write_text(
        'lang = "fi"\nbell = "yes"\n[keys]\n"live.skip" = "x"\nnodot = "y"\n"live.back" = 3\n',
        encoding="utf-8",
    )
    assert s.load(tmp_path) == Settings(keys=(("live.skip", "x"),))


def test_retention_days_is_90_unless_a_whole_number_of_days_is_set(tmp_path):
    assert Settings().retention_days == 90
    path = s.settings_path(tmp_path)
    for text, days in (
        ("retention_days = 30", 30),
        ("retention_days = 0", 0),  # never remind
        ("retention_days = -5", 90),
        ("retention_days = true", 90),
        ('retention_days = "30"', 90),
        ("retention_days = 1.5", 90),
    ):
        path.write_text(text + "\n", encoding="utf-8")
        assert s.load(tmp_path).retention_days == days, text
    s.save(Settings(retention_days=0), tmp_path)
    assert s.load(tmp_path) == Settings(retention_days=0)


async def test_a_remapped_key_drives_the_meeting_and_help_shows_it(tmp_path):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    app.settings = Settings(keys=(("live.next_speaker", "m"),))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = app.state.turn.party
        await pilot.press("space")  # the old key no longer moves the round
        assert app.state.turn.party == first
        await pilot.press("m")
        assert app.state.turn.party != first
        await pilot.press("f1")
        await pilot.pause()
        from starmote.tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        row = next(line for line in text.splitlines() if "(live.next_speaker)" in line)
        assert row.split()[0] == "m"


def test_the_window_warning_is_kept_and_a_bad_value_falls_back(tmp_path):
    s.save(Settings(window_warning_min=10), tmp_path)
    assert "window_warning_min = 10" in s.settings_path(tmp_path).read_text(encoding="utf-8")
    assert s.load(tmp_path).window_warning_min == 10
    path = s.settings_path(tmp_path)
    for bad in ("true", '"5"', "-1", "600"):
        path.write_text(f"window_warning_min = {bad}\n", encoding="utf-8")
        assert s.load(tmp_path).window_warning_min == 5, bad
    path.write_text("window_warning_min = 0\n", encoding="utf-8")
    assert s.load(tmp_path).window_warning_min == 0  # told only once it has ended
