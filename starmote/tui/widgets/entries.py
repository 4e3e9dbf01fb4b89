"""What has been captured, newest last: notes, goals, actions, decisions, parked questions."""

from __future__ import annotations

from textual.markup import escape as escape

from starmote.engine.state import Action, Decision, Entry, Goal, MeetingState, Note, ParkedQuestion
from starmote.i18n import t as tr
from starmote.tui import fmt


def shown_text(text: str, lines: int, indent: str = "  ") -> str:
    """Typed text as markup of at most `lines` lines, the further ones indented, " …" if cut.

    A note, a decision or feedback may span several lines; a list shows the start of it.
    """
    parts = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    body = ("\n" + indent).join(escape(part) for part in parts[:lines])
    return body + " …" if len(parts) > lines else body


def entry_line(state: MeetingState, entry: Entry, lang: str, lines: int = 3) -> str:
    """One entry as markup, e.g. "Insats: Boka möte – Krokoms kommun, 2026-12-15".

    Args:
        state: The meeting (for party names).
        entry: A note, goal, action, decision or parked question.
        lang: UI language.
        lines: At most this many lines of a text that spans several (1: one line, "…").

    Returns:
        Content markup.
    """
    line = _entry_line(state, entry, lang, lines)
    category = getattr(entry, "category", "")
    if category:  # the chair sees which entries leave an excluded party's copy
        marked = tr("tui.entry.marked", lang, category=tr(f"consent.category.{category}", lang))
        line += f" [i $text-warning]({marked})[/]"
    return line


def _entry_line(state: MeetingState, entry: Entry, lang: str, lines: int) -> str:
    plan = state.plan
    n = lines
    if isinstance(entry, Note):
        who = f" ({escape(fmt.party_short(plan, entry.party))})" if entry.party else ""
        section = plan.section(entry.section) if entry.section else None
        label = escape(section.title(lang)) if section else tr("tui.entry.note", lang)
        return f"[b]{label}[/b]{who}: {shown_text(entry.text, n)}"
    if isinstance(entry, Goal):
        horizon = tr(f"horizon.{entry.horizon}", lang)
        return f"[b]{tr('tui.entry.goal', lang)}[/b] ({horizon}): {shown_text(entry.text, n)}"
    if isinstance(entry, Action):
        due = f", {entry.due.isoformat()}" if entry.due else ""
        often = f", {shown_text(entry.how_often, n)}" if entry.how_often else ""
        owner = escape(fmt.party_short(plan, entry.owner))
        what = shown_text(entry.what, n)
        proposed = f" [i]({tr('tui.entry.proposed', lang)})[/i]" if entry.proposed else ""
        return f"[b]{tr('tui.entry.action', lang)}[/b]: {what} – {owner}{due}{often}{proposed}"
    if isinstance(entry, Decision):
        # The meeting type's own word where it has one (Överenskommelser: nobody decides).
        word = escape(plan.decisions_label(lang)) or tr("tui.entry.decision", lang)
        return f"[b]{word}[/b]: {shown_text(entry.text, n)}"
    if isinstance(entry, ParkedQuestion):
        who = escape(fmt.party_short(plan, entry.for_party))
        return f"[b]{tr('tui.entry.parked', lang)}[/b] → {who}: {shown_text(entry.text, n)}"
    return escape(str(entry))


def all_entries(state: MeetingState, notes: bool = True) -> list[Entry]:
    """Captured entries in the order they were made."""
    rows: list[Entry] = [*state.goals, *state.actions, *state.decisions, *state.parked]
    if notes:
        rows.extend(state.notes)
    return sorted(rows, key=lambda e: e.id)


from starmote.tui.widgets.base import StateView  # noqa: E402  (after the pure helpers above)


class EntryLog(StateView):
    """Captured entries, newest first, so the latest is always in view."""

    def show_state(self, state: MeetingState, t: float) -> None:
        lang = self.lang
        rows = all_entries(state)
        lines = [f"[b]{escape(tr('tui.entries.title', lang))}[/b]"]
        if not rows:
            lines.append(f"[dim]{escape(tr('tui.entries.none', lang))}[/]")
        lines.extend(entry_line(state, e, lang) for e in reversed(rows[-50:]))
        self.put("\n".join(lines))
