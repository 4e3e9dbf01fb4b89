"""Pure display helpers for the TUI: clock texts, names, party labels (no Textual)."""

from __future__ import annotations

from datetime import datetime

from starmote.engine.state import CHAIR, NOTE_TAKER, PEOPLE, Attendance, MeetingState
from starmote.i18n import t
from starmote.i18n.glossary import consent_form
from starmote.plan.model import INDIVIDUAL, STOCKHOLM, MeetingPlan, Party


def mmss(seconds: float | None) -> str:
    """`m:ss` of a duration; over budget shows as `+m:ss` (counting up).

    Args:
        seconds: Remaining seconds (negative when over) or None.

    Returns:
        e.g. "4:05", "+0:42", or "–" for None.
    """
    if seconds is None:
        return "–"
    over = seconds < 0
    # Whole seconds, rounded up while counting down so "0:00" means really done.
    whole = int(-seconds) if over else int(seconds + 0.999)
    text = f"{whole // 60}:{whole % 60:02d}"
    return f"+{text}" if over else text


def hhmm(moment: datetime) -> str:
    """Local (Europe/Stockholm) `HH:MM` of an aware datetime."""
    return f"{moment.astimezone(STOCKHOLM):%H:%M}"


def individual_name(plan: MeetingPlan) -> str:
    """The person's pseudonym as the coordinator wrote it (never a personnummer)."""
    return plan.individual.name.strip() or "?"


def possessive(name: str, lang: str) -> str:
    """`name` in the genitive: "Sams", "Sam L:s", "Lars" (sv); "Sam's" (en)."""
    if lang == "en":
        return f"{name}'" if name.endswith("s") else f"{name}'s"
    if name.endswith("."):
        return f"{name[:-1]}:s"
    if name[-1:].lower() in ("s", "x", "z"):
        return name
    return f"{name}s"


def meeting_title(plan: MeetingPlan, lang: str) -> str:
    """ "Sams möte" – the meeting is the person's own; a team session is named by its type."""
    if not plan.individual.name.strip():
        return plan.title(lang)
    return t("tui.meeting_of", lang, name=possessive(individual_name(plan), lang))


def meeting_subtitle(plan: MeetingPlan, lang: str) -> str:
    """Under the title: the meeting type; a team session (titled by its type) its code and cases."""
    if plan.is_team_session:
        return t("tui.team.meeting_title", lang, code=plan.case_code, n=len(plan.team_cases))
    return plan.title(lang)


def scope_text(plan: MeetingPlan, scope: tuple[str, ...], lang: str) -> str:
    """The parties a consent covers, by name ("Försäkringskassan, Arbetsförmedlingen")."""
    return ", ".join(party_name(plan, key, lang) for key in scope)


def party_name(plan: MeetingPlan, key: str | None, lang: str) -> str:
    """Display label of party `key` (or the chair, the note taker); the individual by pseudonym."""
    if key is None:
        return "–"
    if key == INDIVIDUAL:
        return individual_name(plan)
    if key in PEOPLE:
        return person_label(plan, key, lang)
    return plan.label_of(key)


def person_label(plan: MeetingPlan, key: str, lang: str) -> str:
    """The chair or note taker as named on screen: "Maria Ek (ordförande)"."""
    if key == CHAIR:
        return t("doc.chair_label", lang, name=plan.chair.name)
    name = plan.note_taker.name if plan.note_taker else ""
    return t("doc.note_taker_label", lang, name=name)


def party_short(plan: MeetingPlan, key: str) -> str:
    """A short label (organisation or person) for tight spaces."""
    if key == INDIVIDUAL:
        return individual_name(plan)
    if key == CHAIR:
        return plan.chair.name
    if key == NOTE_TAKER:
        return plan.note_taker.name if plan.note_taker else key
    if not plan.has_party(key):
        return key
    party = plan.party(key)
    return party.organisation or party.person or key


def presence_text(att: Attendance, lang: str) -> str:
    """What the attendance looks like now, e.g. "här (video)", "frånvarande, anmält: sjuk"."""
    mode = t(f"mode.{att.mode}", lang) if att.mode else ""
    if att.presence == "present":
        text = t("tui.presence.present", lang, mode=mode)
        if att.substitute:
            text += " – " + t("tui.presence.substitute", lang, name=att.substitute)
        if att.late:
            text += " – " + t("tui.presence.late", lang)
        return text
    if att.presence == "absent":
        key = "tui.presence.absent_notified" if att.notified else "tui.presence.absent_unnotified"
        text = t(key, lang)
        return f"{text}: {att.reason}" if att.reason else text
    return t(f"tui.presence.{att.presence}", lang)


def local_start(plan: MeetingPlan) -> datetime:
    """The booked start in Stockholm time."""
    return plan.start.astimezone(STOCKHOLM)


def consent_text(state: MeetingState, lang: str) -> str:
    """The consent line: recorded in the meeting, else as planned."""
    if state.consent is not None:
        if state.consent.confirmed:
            scope = state.consent.scope or scope_text(state.plan, state.plan.consent.scope, lang)
            return t("tui.consent.confirmed", lang, scope=scope or "–")
        return t("tui.consent.missing", lang)
    planned = state.plan.consent
    if planned.given:
        return t(
            "tui.consent.planned",
            lang,
            given=planned.given.isoformat(),
            form=consent_form(planned.form, lang) if planned.form else "–",  # muntligt: orally
            scope=scope_text(state.plan, planned.scope, lang) or "–",
        )
    return t("tui.consent.unknown", lang)


def resolve_party(plan: MeetingPlan, text: str) -> str | None:
    """The party key a typed text means: key, organisation, person or a unique prefix.

    Args:
        plan: The meeting's plan.
        text: What the chair typed (any case).

    Returns:
        A party key, or None when nothing or several parties match.
    """
    picked = text.rpartition(COMPLETES)[2] if COMPLETES in text else text
    wanted = picked.strip().lower()
    if not wanted:
        return None
    names = {
        p.key: [n.lower() for n in (p.key, p.label(), *party_aliases(plan, p.key))]
        for p in plan.parties
    }
    for key, own in names.items():
        if wanted in own:
            return key
    # A name the chair sees wins over an internal key: "sam" is Sam, not "samcoach".
    for candidates in ({k: own[1:] for k, own in names.items()}, names):
        hits = [k for k, own in candidates.items() if any(n.startswith(wanted) for n in own)]
        if len(hits) == 1:
            return hits[0]
    # Last, what the party is: its role ("kurator") or kind ("fk"), when only one has it.
    hits = [p.key for p in plan.parties if _is_role_or_kind(p, wanted)]
    return hits[0] if len(hits) == 1 else None


COMPLETES = " → "
"""Between what was typed and the party it completed to, when that was a role or a kind."""


def _is_role_or_kind(party: Party, wanted: str) -> bool:
    return any(w.casefold().startswith(wanted) for w in (party.role, party.kind) if w)


def party_completion(plan: MeetingPlan, typed: str, names: tuple[str, ...] = ()) -> str | None:
    """What a party field completes `typed` to: a name first, else a role or kind.

    "soc" completes to "Socialtjänsten (Vuxenenheten)"; "fk" or "kurator" name no one,
    so they complete to "fk → Försäkringskassan (Lena Berg)", which `resolve_party` reads.

    Args:
        plan: The meeting's plan.
        typed: What the chair has typed so far.
        names: The names the field offers (the parties' aliases, the chair's name).

    Returns:
        The whole completed text (a name as written, or `typed` and the party), or None.
    """
    wanted = typed.strip().casefold()
    if not wanted or COMPLETES in typed:
        return None
    for name in names:
        if name.casefold().startswith(typed.casefold()):
            return name  # as the name is written: accepting "soc" gives "Socialtjänsten (…)"
    hits = [p.key for p in plan.parties if _is_role_or_kind(p, wanted)]
    if len(hits) != 1:
        return None
    return typed + COMPLETES + party_name(plan, hits[0], "sv")


def party_aliases(plan: MeetingPlan, key: str) -> list[str]:
    """What a chair may type for a party: its label, the person, the unit after the comma.

    "Exempelby kommun, socialtjänsten (Vuxenenheten)" is found by "soc" through its
    unit, "Socialtjänsten (Vuxenenheten)", and by "Ais" through "Aisha Karlsson".
    """
    party = plan.party(key)
    names = [party_name(plan, key, "sv"), party.person, party.organisation]
    if key == INDIVIDUAL:
        names.append(plan.individual.name)
    head, _, unit = party.organisation.partition(",")
    if unit.strip():
        names.append(unit.strip()[:1].upper() + unit.strip()[1:])
    return list(dict.fromkeys(n for n in names if n))


def party_suggestions(plan: MeetingPlan) -> list[str]:
    """Completion candidates for party fields: every party's aliases, never its internal key."""
    return [alias for p in plan.parties for alias in party_aliases(plan, p.key)]


def local_start_of(moment: datetime) -> datetime:
    """An aware datetime in Stockholm time."""
    return moment.astimezone(STOCKHOLM)


def failure_text(err: BaseException, lang: str) -> str:
    """Why a file could not be written, in words: "disken är full", never "[Errno 28] …".

    Args:
        err: What writing raised.
        lang: UI language.

    Returns:
        A few words for a notice; the system's own text only where there are none of ours.
    """
    import errno

    if isinstance(err, OSError):
        if err.errno in (errno.ENOSPC, errno.EDQUOT):
            return t("journal.full.short", lang)
        if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return t("tui.write.denied", lang, path=err.filename or "")
        return err.strerror or str(err)
    return str(err)
