"""Export a meeting: minutes, plain-language summary, invites and reminders, written privately."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from starmote.documents.eml import invite_email
from starmote.documents.fmt import is_draft, lang_of
from starmote.documents.invites import FOLLOW_UP, Invite, InviteDraft, calendar
from starmote.documents.invites import invites as invites_of
from starmote.documents.minutes import build_minutes
from starmote.documents.model import Document
from starmote.documents.plain_language import build_plain
from starmote.documents.recipients import recipient_copies
from starmote.documents.render_html import render_html
from starmote.documents.render_md import render_markdown
from starmote.documents.team import attended_cases, build_case_minutes, build_overview
from starmote.documents.warning_words import case_names
from starmote.engine.state import MeetingState
from starmote.plan.model import STOCKHOLM, MeetingPlan
from starmote.privacy import mask_personnummer, name_hits
from starmote.store import paths

MINUTES_FORMATS = ("md", "html")

# File names are ASCII and language-specific; they name the case code and date, never the person.
_NAMES = {
    "sv": {
        "minutes": "minnesanteckningar",
        "overview": "oversikt",
        "plain": "lattlast",
        "follow_up": "uppfoljning",
        "cancel": "uppfoljning-installd",
        "actions": "insatser",
        "draft": "UTKAST",
    },
    "en": {
        "minutes": "minutes",
        "overview": "overview",
        "plain": "plain-language",
        "follow_up": "follow-up",
        "cancel": "follow-up-cancelled",
        "actions": "actions",
        "draft": "DRAFT",
    },
}


def file_stem(state: MeetingState, case: str | None = None) -> str:
    """`<case code>_<YYYY-MM-DD>` of the meeting (or of one team case), safe as a file name.

    A file name is seen wherever the file is listed: a personnummer or a name from the
    case in the code is left out of it; if nothing is left, "case" stands in.
    """
    return plan_stem(state.plan, case)


def plan_stem(plan: MeetingPlan, case: str | None = None) -> str:
    """`file_stem` of a case file's meeting, before it is held (the kallelse's files)."""
    code = mask_personnummer(plan.case_code if case is None else case)
    for hit in reversed(name_hits(code, case_names(plan))):
        code = code[: hit.start] + " " + code[hit.end :]
    code = re.sub(r"[^A-Za-z0-9.-]+", "-", code).strip(".-") or "case"
    return f"{code}_{plan.start.astimezone(STOCKHOLM):%Y-%m-%d}"


def documents(
    state: MeetingState, stamp: datetime, lang: str, signature: bool = False
) -> dict[str, Document]:
    """Every document of a meeting by file name without its extension.

    A SIP meeting has its minutes and the plain-language copy for the person. A team
    session has one set of minutes per case, an overview for the team, and a plain copy
    only for a case whose person attended: never one document about several people.
    While the meeting is open every name ends in UTKAST (DRAFT), as its title says, so a
    draft is never mistaken for the minutes, nor overwrites them.

    Args:
        state: The meeting.
        stamp: Export time (aware).
        lang: The documents' language (see `fmt.lang_of`).
        signature: The minutes end with lines to sign on.
    """
    names = _NAMES[lang]
    stem = file_stem(state)
    draft = f"_{names['draft']}" if is_draft(state) else ""
    # Where the consent keeps something from a party, each party gets its own copy too.
    copies = recipient_copies(
        state,
        stamp,
        lang,
        signature,
        lambda code: f"{file_stem(state, code)}_{names['minutes']}",
        draft,
    )
    if not state.plan.team_cases:
        return {
            f"{stem}_{names['minutes']}{draft}": build_minutes(state, stamp, lang, signature),
            f"{stem}_{names['plain']}{draft}": build_plain(state, stamp, lang),
        } | copies
    out = {f"{stem}_{names['overview']}{draft}": build_overview(state, stamp, lang)}
    for case in state.plan.team_cases:
        out[f"{file_stem(state, case.code)}_{names['minutes']}{draft}"] = build_case_minutes(
            state, case.code, stamp, lang, signature
        )
    for code in attended_cases(state):
        name = f"{file_stem(state, code)}_{names['plain']}{draft}"
        out[name] = build_plain(state, stamp, lang, code)
    return out | copies


def invite_file(state: MeetingState, draft: InviteDraft) -> str:
    """The name of the .ics `draft` is written to (the reminders share one file)."""
    names = _NAMES[draft.lang]
    if draft.method == "PUBLISH":
        kind = names["actions"]
    else:
        kind = names["cancel"] if draft.method == "CANCEL" else names["follow_up"]
    return f"{file_stem(state)}_{kind}.ics"


def pending_invites(state: MeetingState, lang: str | None = None) -> list[Invite]:
    """The invites not written until the chair approves their text (see `invites.invites`).

    Raises:
        InviteError: There is something to invite to but no organiser address.
    """
    return [i for i in invites_of(state, lang_of(state, lang)) if not i.approved]


def export_files(
    state: MeetingState,
    minutes: Iterable[str] = MINUTES_FORMATS,
    invites: bool = True,
    eml: bool = False,
    lang: str | None = None,
    *,
    stamp: datetime,
    signature: bool = False,
) -> dict[str, bytes]:
    """Everything `export_meeting` would write, as file name -> bytes (nothing touches disk).

    Raises:
        ValueError: An unknown minutes format.
        InviteError: A follow-up exists but cannot be sent (no organiser e-mail).
    """
    formats = tuple(dict.fromkeys(minutes))
    unknown = [f for f in formats if f not in MINUTES_FORMATS]
    if unknown:
        raise ValueError(f"unknown minutes format(s): {', '.join(unknown)}; use md and/or html")
    if stamp.tzinfo is None:
        raise ValueError("stamp must be timezone-aware")
    lang = lang_of(state, lang)
    files: dict[str, bytes] = {}
    if formats:  # each document is built once, then rendered in every format asked for
        built = documents(state, stamp, lang, signature)
        for fmt in formats:
            render = render_markdown if fmt == "md" else render_html
            for name, document in built.items():
                files[f"{name}.{fmt}"] = render(document).encode("utf-8")
    if invites:
        approved = [i.draft for i in invites_of(state, lang) if i.approved]
        follow_up = [d for d in approved if d.key == FOLLOW_UP]
        if follow_up:
            ics = calendar(follow_up, stamp)
            files[invite_file(state, follow_up[0])] = ics
            if eml:
                name = invite_file(state, follow_up[0]).removesuffix(".ics") + ".eml"
                files[name] = invite_email(follow_up[0], ics, stamp)
        reminders = [d for d in approved if d.method == "PUBLISH"]
        if reminders:
            files[invite_file(state, reminders[0])] = calendar(reminders, stamp)
    return files


def export_meeting(
    state: MeetingState,
    out_dir: Path | str,
    minutes: Iterable[str] = MINUTES_FORMATS,
    invites: bool = True,
    eml: bool = False,
    lang: str | None = None,
    *,
    stamp: datetime | None = None,
    signature: bool = False,
) -> list[Path]:
    """Write a meeting's minutes, plain-language summary and invites into `out_dir`.

    Every file is built in memory first (so a failure writes nothing), then written
    atomically with mode 0600. Exporting the same journal twice gives identical
    bytes apart from the export stamp (the minutes' stamp line, DTSTAMP, Date).

    Args:
        state: The meeting as folded from its journal.
        out_dir: Target directory; created (0700) if missing, its mode kept if it exists.
            It then holds this export's files of the meeting and no older ones
            (`paths.write_set`); files of other meetings or of the chair's stay.
        minutes: Formats of the minutes and the plain-language summary: "md", "html" (or none).
        invites: Write the follow-up invite (.ics: REQUEST, or CANCEL once cancelled) and the
            action reminders (.ics, PUBLISH) whose text the chair approved; the others wait
            for approval (`pending_invites`).
        eml: Also write a ready .eml per invite (needs `invites`).
        lang: "sv" or "en" asked for explicitly; the case file's language by default
            (`fmt.lang_of`: one rule for every document).
        stamp: Export time (aware); now (UTC) by default.
        signature: The minutes end with lines to sign on (the `signature_line` setting).

    Returns:
        The written paths, in a stable order (minutes, plain, invite, e-mail, reminders).

    Raises:
        ValueError: An unknown minutes format or a naive stamp.
        InviteError: A follow-up exists but the chair has no e-mail address.
    """
    stamp = stamp or datetime.now(UTC)
    files = export_files(state, minutes, invites, eml, lang, stamp=stamp, signature=signature)
    out = Path(out_dir)
    # The folder is rewritten as a whole set: a file of this meeting from an earlier export
    # (an .eml with the time before a move) never stays beside the new ones, where it
    # would be sent by mistake. A copy in the other language is written anew with it, so
    # it says the same (its invites only if approved in that language).
    every = dict(files)
    for other in _languages_in(out, state) - {lang_of(state, lang)}:
        extra = export_files(state, minutes, invites, eml, other, stamp=stamp, signature=signature)
        for name, data in extra.items():
            every.setdefault(name, data)
    written = paths.write_set(out, every, lambda name: is_meeting_file(state, name))
    return [path for path in written if path.name in files]


def _languages_in(folder: Path, state: MeetingState) -> set[str]:
    """The languages of the meeting's files already in `folder`, by their names."""
    if not folder.is_dir():
        return set()
    found = set()
    for entry in folder.iterdir():
        if not is_meeting_file(state, entry.name):
            continue
        kind = entry.name.rsplit(".", 1)[0].split("_")
        for language, names in _NAMES.items():
            if set(kind) & (set(names.values()) - {names["draft"]}):
                found.add(language)
    return found


EXPORT_SUFFIXES = (".md", ".html", ".ics", ".eml")


def is_meeting_file(state: MeetingState, name: str) -> bool:
    """Whether `name` is a file an export of this meeting writes (in either language)."""
    if not name.endswith(EXPORT_SUFFIXES):
        return False
    stems = [file_stem(state)] + [file_stem(state, case.code) for case in state.plan.team_cases]
    return any(name.startswith(f"{stem}_") for stem in stems)
