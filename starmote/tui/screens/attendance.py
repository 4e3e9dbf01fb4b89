"""Attendance changes at any moment: late arrival, leaving, a line dropping and rejoining."""

from __future__ import annotations

from typing import Any

from starmote.engine import commands as c
from starmote.engine.allowed import allows
from starmote.engine.state import MODES, MeetingState
from starmote.i18n import t
from starmote.tui import fmt
from starmote.tui.dialogs.pick import PickDialog
from starmote.tui.keys import localize

ATTENDANCE: tuple[type[c.Command], ...] = (c.Leave, c.Drop, c.CheckIn, c.Rejoin)
"""The changes the attendance key (a) offers; Leave first: someone is usually here."""


def changes_for(state: MeetingState, party: str, lang: str) -> list[tuple[c.Command, str, bool]]:
    """The attendance changes the engine allows for `party` now, as pick options.

    Args:
        state: The meeting now.
        party: The party picked.
        lang: UI language.

    Returns:
        (command, label, enabled) rows: arrival or return per way of taking part, then
        leaving and dropping, each only if the engine would take it.
    """
    options: list[tuple[c.Command, str, bool]] = []
    had = state.attendance_of(party).mode
    # The way the party took part before comes first: a dropped phone line rejoins by phone.
    modes = ((had,) if had else ()) + tuple(m for m in MODES if m != had)
    for mode in modes:
        how = t(f"mode.{mode}", lang)
        # A party that left comes back (rejoins); one not yet here arrives (checks in).
        for command, key in (
            (c.Rejoin(party, mode), "tui.att.rejoins"),
            (c.CheckIn(party, mode), "tui.att.arrives"),
        ):
            if allows(state, command):
                options.append((command, t(key, lang, mode=how), True))
                break
    away: tuple[tuple[c.Command, str], ...] = (
        (c.Leave(party), "tui.att.leaves"),
        (c.Drop(party), "tui.att.drops"),
    )
    for going, key in away:
        if allows(state, going):
            options.append((going, t(key, lang), True))
    return options


def party_options(state: MeetingState, lang: str) -> list[tuple[str, str, bool]]:
    """Parties as pick options with their presence now."""
    rows = []
    for att in state.attendance:
        label = f"{fmt.party_name(state.plan, att.party, lang)} – {fmt.presence_text(att, lang)}"
        rows.append((att.party, label, True))
    return rows


def attendance_options(state: MeetingState, lang: str) -> list[tuple[str, str, bool]]:
    """`party_options` for the attendance key: greyed where no change applies now.

    A team case's person, say, arrives only when their case is taken up: picked before,
    they led to an empty list of changes.
    """
    return [
        (party, label, bool(changes_for(state, party, lang)))
        for party, label, _ in party_options(state, lang)
    ]


def open_attendance(screen: Any, lang: str) -> None:
    """Pick a party, then a change; the engine stamps it with the time."""
    app = screen.meeting

    def chose_party(party: str | None) -> None:
        if party is None:
            return
        title = t("tui.att.change_title", lang, party=fmt.party_name(app.state.plan, party, lang))
        app.open_dialog(
            localize(PickDialog, lang)(title, changes_for(app.state, party, lang)), chose_change
        )

    def chose_change(command: c.Command | None) -> None:
        if command is not None:
            app.apply(command)

    dialog = localize(PickDialog, lang)(
        t("tui.att.title", lang), attendance_options(app.state, lang)
    )
    app.open_dialog(dialog, chose_party)
