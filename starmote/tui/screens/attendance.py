"""Attendance changes at any moment: late arrival, leaving, a line dropping and rejoining."""

from __future__ import annotations

from typing import Any

from starmote.engine import commands as c
from starmote.engine.state import MODES, MeetingState
from starmote.i18n import t
from starmote.tui import fmt
from starmote.tui.dialogs.pick import PickDialog
from starmote.tui.keys import localize


def changes_for(state: MeetingState, party: str, lang: str) -> list[tuple[c.Command, str, bool]]:
    """The attendance changes that make sense for `party` now, as pick options."""
    att = state.attendance_of(party)
    options: list[tuple[c.Command, str, bool]] = []
    if att.presence in ("expected", "absent"):
        for mode in MODES:
            options.append(
                (
                    c.CheckIn(party, mode),
                    t("tui.att.arrives", lang, mode=t(f"mode.{mode}", lang)),
                    True,
                )
            )
    elif att.presence == "present":
        options.append((c.Leave(party), t("tui.att.leaves", lang), True))
        options.append((c.Drop(party), t("tui.att.drops", lang), True))
    else:
        for mode in MODES:
            options.append(
                (
                    c.Rejoin(party, mode),
                    t("tui.att.rejoins", lang, mode=t(f"mode.{mode}", lang)),
                    True,
                )
            )
    return options


def party_options(
    state: MeetingState, lang: str, only_here: bool = False
) -> list[tuple[str, str, bool]]:
    """Parties as pick options with their presence now."""
    rows = []
    for att in state.attendance:
        if only_here and not att.here:
            continue
        label = f"{fmt.party_name(state.plan, att.party, lang)} – {fmt.presence_text(att, lang)}"
        rows.append((att.party, label, True))
    return rows


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

    dialog = localize(PickDialog, lang)(t("tui.att.title", lang), party_options(app.state, lang))
    app.open_dialog(dialog, chose_party)
