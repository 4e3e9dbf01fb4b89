"""What an export left out, and why, in words the chair can act on."""

from __future__ import annotations

from starmote.documents.invites import FOLLOW_UP, InviteError
from starmote.documents.invites import invites as invites_of
from starmote.engine.state import MeetingState
from starmote.i18n import t


def not_written(state: MeetingState, lang: str, *, invites: bool, eml: bool) -> list[str]:
    """One line for each kind of file an export did not write, saying why.

    A coordinator who finds no .eml in the folder should not have to guess whether it
    failed, waits for approval or had nothing to say.

    Args:
        state: The meeting exported.
        lang: The language of the lines (the screen's or the command line's).
        invites: Whether invites were asked for (when not, none is missing).
        eml: Whether the e-mail for the follow-up was asked for.

    Returns:
        The lines, empty when everything asked for was written.
    """
    if not invites:
        return []
    try:
        found = invites_of(state)
    except InviteError as err:  # nothing to send from: the export said so already
        return [err.message(lang)]
    lines = []
    files = ".ics, .eml" if eml else ".ics"
    follow = [i for i in found if i.proposal.key == FOLLOW_UP]
    if not follow:
        lines.append(t("export.skip.no_follow_up", lang, files=files))
    elif not follow[0].approved:
        waiting = "cancel" if follow[0].proposal.method == "CANCEL" else "follow_up"
        lines.append(t(f"export.skip.{waiting}_waiting", lang, files=files))
    reminders = [i for i in found if i.proposal.method == "PUBLISH"]
    if not reminders:
        lines.append(t("export.skip.no_reminders", lang))
    elif not all(i.approved for i in reminders):
        lines.append(t("export.skip.reminders_waiting", lang))
    return lines
