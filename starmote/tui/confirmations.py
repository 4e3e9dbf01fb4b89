"""Short notices that say a change the chair made in passing was stored (no Textual)."""

from __future__ import annotations

from starmote.engine import commands as c
from starmote.engine.state import MeetingState
from starmote.engine.timing import wall_at
from starmote.i18n import t
from starmote.tui import fmt


def confirmation(command: c.Command, state: MeetingState, lang: str) -> str | None:
    """The line to show once `command` is stored, for changes that are easy to miss.

    A dropped line and a frågeställning marked answered or deferred change nothing the
    chair looks at in the moment, so without a word they leave a doubt whether the key
    took.

    Args:
        command: What was just stored.
        state: The meeting after it.
        lang: UI language.

    Returns:
        The notice, or None for a change the screen itself shows.
    """
    if isinstance(command, c.Drop):
        att = state.attendance_of(command.party)
        at = wall_at(state, att.log[-1].at.t)  # the drop just logged
        name = fmt.party_name(state.plan, command.party, lang)
        return t("tui.confirm.dropped", lang, name=name, time=fmt.hhmm(at))
    if isinstance(command, c.SetQuestionStatus) and command.status in ("answered", "deferred"):
        return t(f"tui.confirm.question_{command.status}", lang, n=command.index + 1)
    return None
