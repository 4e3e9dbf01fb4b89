"""The address book read from disk: the plans of recent meetings and the saved case files."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from starmote.plan.contacts import Contact, from_case_data, from_plan_data, merge
from starmote.plan.toml_source import read_toml
from starmote.store.casefiles import cases_dir
from starmote.store.journal import Journal

RECENT_MEETINGS = 300
"""Meetings whose plans are read: some months of a busy coordinator's work. A contact
not met for longer is typed again; the cost stays the same however long the journal."""
RECENT_FILES = 300
"""Case files read from `<data dir>/cases/`, the most recently changed first."""

# Each meeting's first event holds its plan; the index points at it, newest first.
_FIRST_EVENTS = """
SELECT e.payload FROM meetings AS m
JOIN events AS e ON e.meeting_id = m.meeting_id AND e.seq = m.first_seq
ORDER BY m.opened_wall DESC, m.rowid DESC
LIMIT ?
"""


def address_book(home: Path | str | None = None) -> list[Contact]:
    """Work contacts from the latest meetings and case files, the most recent first.

    Reading never creates a journal, and a journal or file that cannot be read gives
    fewer contacts, never an error: the address book only saves typing.

    Args:
        home: The data directory (`--home`).

    Returns:
        Each contact once (see `plan.contacts.merge`).
    """
    groups: list[list[Contact]] = []
    # A damaged or locked journal must not stop a new case: its contacts are left out.
    with contextlib.suppress(Exception):
        groups += [from_plan_data(plan) for plan in _recent_plans(home)]
    groups += [from_case_data(data) for data in _case_files(cases_dir(home))]
    return merge(groups)


def _recent_plans(home: Path | str | None) -> list[Any]:
    if not Journal.exists(home):
        return []
    with Journal.open(home) as journal:
        rows = journal.query(_FIRST_EVENTS, (RECENT_MEETINGS,))
    plans = []
    for (payload,) in rows:
        try:
            plans.append(json.loads(payload).get("plan"))
        except (TypeError, ValueError, AttributeError):
            continue
    return plans


def _case_files(folder: Path) -> list[Any]:
    try:
        files = [p for p in folder.glob("*.toml") if p.is_file()]
        files.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []
    found = []
    for path in files[:RECENT_FILES]:
        src = read_toml(path)
        if src.data is not None:
            found.append(src.data)
    return found
