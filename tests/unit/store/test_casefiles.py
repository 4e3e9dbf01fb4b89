"""A new case file: 0600 in a 0700 folder, whole or not at all, never over another file unasked."""

from __future__ import annotations

import os
import stat
from datetime import date

import pytest

from starmote.store.casefiles import cases_dir, default_path, stage


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_case_file_is_private_and_its_folder_too(tmp_path):
    target = cases_dir(tmp_path) / "SIP-1.toml"
    staged = stage(target, "[case]\n", tmp_path)
    assert mode(staged.temp) == 0o600 and not target.exists()
    assert staged.commit() == target
    assert target.read_text() == "[case]\n"
    assert mode(target) == 0o600 and mode(target.parent) == 0o700
    assert not staged.temp.exists()


def test_the_data_directorys_cases_folder_is_tightened_but_not_a_folder_of_the_chairs(tmp_path):
    loose = cases_dir(tmp_path)
    loose.mkdir(parents=True)
    os.chmod(loose, 0o755)
    stage(loose / "a.toml", "x", tmp_path).commit()
    assert mode(loose) == 0o700
    own = tmp_path / "documents"
    own.mkdir()
    os.chmod(own, 0o755)
    stage(own / "a.toml", "x", tmp_path).commit()
    assert mode(own) == 0o755 and mode(own / "a.toml") == 0o600


def test_an_existing_file_is_never_replaced_without_asking(tmp_path):
    target = tmp_path / "case.toml"
    target.write_text("the chair's own file")
    staged = stage(target, "new", tmp_path)
    with pytest.raises(FileExistsError):
        staged.commit()
    assert target.read_text() == "the chair's own file"
    assert not staged.temp.exists()  # nothing left behind either
    stage(target, "new", tmp_path).commit(overwrite=True)
    assert target.read_text() == "new" and mode(target) == 0o600


def test_a_discarded_file_leaves_nothing(tmp_path):
    staged = stage(tmp_path / "case.toml", "x", tmp_path)
    staged.discard()
    assert list(tmp_path.iterdir()) == []


def test_the_default_name_is_the_case_code_then_the_date(tmp_path):
    first = default_path(tmp_path, "SIP-2026-031", date(2027, 2, 4))
    assert first == cases_dir(tmp_path) / "SIP-2026-031.toml"
    stage(first, "x", tmp_path).commit()
    second = default_path(tmp_path, "SIP-2026-031", date(2027, 2, 4))
    assert second.name == "SIP-2026-031-2027-02-04.toml"
    stage(second, "x", tmp_path).commit()
    assert default_path(tmp_path, "SIP-2026-031", date(2027, 2, 4)).name == (
        "SIP-2026-031-2027-02-04-2.toml"
    )
