"""Tests for starmote.store.paths: the data directory and private, atomic file writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from starmote.store import paths


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_explicit_home_wins_over_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path / "env"))
    home = paths.data_home(tmp_path / "explicit")
    assert home == tmp_path / "explicit"
    assert home.is_dir()
    assert not (tmp_path / "env").exists()


def test_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path / "from-env"))
    assert paths.data_home() == tmp_path / "from-env"
    assert mode(tmp_path / "from-env") == 0o700


def test_platform_default_without_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.ENV_HOME, raising=False)
    monkeypatch.setattr(
        paths.platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "platform")
    )
    assert paths.data_home() == tmp_path / "platform"


def test_home_created_0700_even_with_lax_umask(tmp_path: Path) -> None:
    old = os.umask(0o000)
    try:
        home = paths.data_home(tmp_path / "a" / "b")
    finally:
        os.umask(old)
    assert mode(home) == 0o700


def test_an_existing_home_keeps_its_mode(tmp_path: Path) -> None:
    for wanted in (0o755, 0o700, 0o711, 0o500):
        home = tmp_path / f"home-{wanted:o}"
        home.mkdir()
        home.chmod(wanted)
        assert paths.data_home(home) == home
        assert mode(home) == wanted


@pytest.mark.parametrize("loose", [0o775, 0o770, 0o757, 0o777, 0o1777, 0o720, 0o702])
def test_a_home_others_can_write_to_is_refused_and_left_alone(tmp_path: Path, loose: int) -> None:
    home = tmp_path / "shared"
    home.mkdir()
    home.chmod(loose)
    with pytest.raises(paths.UnsafeHome) as err:
        paths.data_home(home)
    assert stat.S_IMODE(home.stat().st_mode) == loose
    assert list(home.iterdir()) == []
    line = err.value.message("sv")
    assert line.startswith(f"{home}: andra användare kan skriva i mappen") and "\n" not in line
    assert isinstance(err.value, PermissionError)  # whatever copes with a folder it may not use


def test_a_new_home_and_its_missing_parents_are_0700_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o002)
    try:
        home = paths.data_home(tmp_path / "new" / "deeper" / "home")
        exports = paths.private_dir(home / "exports" / "meeting-1")
    finally:
        os.umask(old)
    for folder in (tmp_path / "new", tmp_path / "new" / "deeper", home, home / "exports", exports):
        assert mode(folder) == 0o700, folder


def test_a_read_only_home_is_not_made_writable(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    paths.private_dir(locked)
    assert mode(locked) == 0o500


def test_journal_path(tmp_path: Path) -> None:
    assert paths.journal_path(tmp_path) == tmp_path / "journal.sqlite3"


def test_private_file_is_0600_and_keeps_content(tmp_path: Path) -> None:
    target = tmp_path / "case.toml"
    paths.private_file(target)
    assert mode(target) == 0o600
    target.write_text("kept")
    target.chmod(0o644)
    paths.private_file(target)
    assert mode(target) == 0o600
    assert target.read_text() == "kept"


def test_atomic_write_creates_0600_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "minutes.md"
    old = os.umask(0o000)
    try:
        paths.atomic_write_text(target, "# Minnesanteckningar\nÅtgärd: ring FK\n")
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "# Minnesanteckningar\nÅtgärd: ring FK\n"
    assert mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.md"]


def test_atomic_write_replaces_existing(tmp_path: Path) -> None:
    target = tmp_path / "invite.ics"
    target.write_bytes(b"old")
    paths.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["invite.ics"]


def test_original_intact_when_write_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "minutes.html"
    target.write_bytes(b"original")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk went away")

    monkeypatch.setattr(paths.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk went away"):
        paths.atomic_write_bytes(target, b"half-new")
    assert target.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["minutes.html"]


def test_stale_temp_name_is_skipped(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    stale = tmp_path / f".out.md.{os.getpid()}.0.tmp"
    stale.write_text("someone else's")
    paths.atomic_write_text(target, "fresh")
    assert target.read_text() == "fresh"
    assert stale.read_text() == "someone else's"
