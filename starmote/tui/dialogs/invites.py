"""The invite preview before export: exactly what each invite would carry, editable, approved.

Nothing leaves the laptop in an invite that the chair has not seen here. Each invite shows
its SUMMARY, time, LOCATION, URL, addresses and DESCRIPTION as they would be written, with
the words that may reveal health, care or who the case is about highlighted. The chair can
change any of its text; Ctrl+S stores the approval in the journal and exports.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from starmote.documents.invite_preview import Preview, heading_kind, preview, previews
from starmote.documents.invites import InviteDraft, InviteError, approve, with_text
from starmote.i18n import t
from starmote.plan import limits
from starmote.tui import fmt
from starmote.tui.keys import KeySpec, localize
from starmote.tui.widgets.textfields import LineInput, NoteArea

_HIGHLIGHT = "bold reverse"
"""How a word to look at is marked: reverse video reads on any theme and on a projector."""


def _attendees(text: str) -> list[str]:
    return [a for a in re.split(r"[,;\s]+", text) if a]


class InvitePreviewDialog(ModalScreen[str | None]):
    """Every invite of the meeting as it would be written; returns what to export.

    Dismissed with "approved" (all approved: export the minutes and the invites),
    "minutes" (the minutes only) or None (nothing).
    """

    KEY_SCOPE = "invites"
    KEYS = (
        KeySpec("approve_invites", "ctrl+s", "approve", "app", show=True, key_display="^s"),
        KeySpec("minutes_only", "ctrl+n", "minutes_only", "app", show=True, key_display="^n"),
        KeySpec("cancel", "escape", "cancel", "app", show=True, key_display="Esc"),
    )
    LANG = "sv"
    DEFAULT_CSS = """
    InvitePreviewDialog .dialog { width: 100; height: 90%; }
    InvitePreviewDialog #invite-list { height: 1fr; }
    InvitePreviewDialog .invite-heading { text-style: bold; margin-top: 1; }
    InvitePreviewDialog .invite-preview { margin: 0 0 1 2; }
    InvitePreviewDialog .invite-warnings { color: $warning; margin: 0 0 1 2; }
    InvitePreviewDialog NoteArea { height: 10; }
    """

    def __init__(self, shown: list[Preview]) -> None:
        super().__init__(classes="dialog-screen")
        self._shown = shown
        self._kallelse = all(p.invite.proposal.key == "kallelse" for p in shown)
        """The kallelse alone (before the meeting): there are no minutes to write instead."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "minutes_only" and self._kallelse)

    def compose(self) -> ComposeResult:
        lang = self.LANG
        with Vertical(classes="dialog"):
            yield Static(t("tui.invites.title", lang), classes="dialog-title")
            yield Static(t("tui.invites.intro", lang), classes="dialog-body")
            with VerticalScroll(id="invite-list"):
                for i, shown in enumerate(self._shown):
                    yield from self._invite(i, shown)
            yield Static("", id="invite-error", classes="dialog-error")
            hint = "tui.kallelse.hint" if self._kallelse else "tui.invites.hint"
            yield Static(t(hint, lang), classes="dialog-hint", markup=False)

    def _invite(self, i: int, shown: Preview) -> ComposeResult:
        lang = self.LANG
        draft = shown.invite.draft
        status = t(f"preview.status.{shown.status}", lang)
        kind = heading_kind(draft)
        heading = t(f"preview.heading.{kind}", lang, file=shown.file, status=status)
        yield Static(heading, classes="invite-heading", markup=False)
        yield Static(id=f"preview-{i}", classes="invite-preview")
        yield Static(id=f"warnings-{i}", classes="invite-warnings")
        fields: list[tuple[str, str, int]] = [("title", draft.title, limits.SHORT)]
        if draft.method != "PUBLISH":
            fields += [
                ("place", draft.place, limits.SHORT),
                ("link", draft.link, limits.LINK),
                ("attendees", ", ".join(a.address for a in draft.attendees), limits.NOTE),
            ]
        for name, value, limit in fields:
            yield Static(t(f"tui.invites.field.{name}", lang), classes="field-label")
            yield LineInput(value, max_length=limit, id=f"{name}-{i}")
        yield Static(t("tui.invites.field.message", lang), classes="field-label")
        yield NoteArea(draft.message, limits.NOTE, id=f"message-{i}")

    def on_mount(self) -> None:
        for i in range(len(self._shown)):
            self._show(i)
        first = self.query(LineInput)
        if first:
            first.first().focus()

    # --- what the chair has made of each invite --------------------------------------

    def _value(self, widget_id: str, default: str) -> str:
        found: Any = self.query(f"#{widget_id}")
        return str(found.first().value) if found else default

    def edited(self, i: int) -> InviteDraft:
        """Invite `i` with the text as it stands in the fields."""
        draft = self._shown[i].invite.draft
        attendees = ", ".join(a.address for a in draft.attendees)
        return with_text(
            self._shown[i].invite.proposal,
            self._value(f"title-{i}", draft.title),
            self._value(f"place-{i}", draft.place),
            self._value(f"link-{i}", draft.link),
            self._value(f"message-{i}", draft.message),
            _attendees(self._value(f"attendees-{i}", attendees)),
        )

    def _show(self, i: int) -> None:
        """Redraw invite `i`'s exact text with its warnings (after every change)."""
        lang = self.LANG
        app: Any = self.app
        shown = preview(app.state, self._shown[i].invite, self.edited(i))
        text = Text()
        width = max(len(row.name) for row in shown.rows) + 2
        for row in shown.rows:
            lines = row.text.split("\n")
            body = Text(row.text)
            for flag in row.flags:
                body.stylize(_HIGHLIGHT, flag.start, flag.end)
            text.append(row.name.ljust(width), style="dim")
            at = 0
            for n, line in enumerate(lines):
                if n:
                    text.append("\n" + " " * width)
                text.append_text(body[at : at + len(line)])
                at += len(line) + 1
            text.append("\n")
        text.rstrip()
        self.query_one(f"#preview-{i}", Static).update(text)
        warnings = [
            "⚠ " + t(f"preview.warn.{flag.why}", lang, text=flag.text, field=name)
            for name, flag in shown.flags
        ]
        self.query_one(f"#warnings-{i}", Static).update(Text("\n".join(warnings)))

    def _changed(self, widget_id: str | None) -> None:
        if widget_id and "-" in widget_id:
            self._discard_armed = False
            self._show(int(widget_id.rsplit("-", 1)[1]))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._changed(event.input.id)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._changed(event.text_area.id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    # --- the keys ----------------------------------------------------------------------

    def action_approve(self) -> None:
        """Store the approval of every invite as it stands, then export everything."""
        app: Any = self.app
        for i, shown in enumerate(self._shown):
            draft = self.edited(i)
            if shown.invite.approved and draft == shown.invite.draft:
                continue  # approved before, unchanged
            refusal = app.apply(approve(draft, shown.invite.proposal), quiet=True)
            if refusal is not None:
                self.query_one("#invite-error", Static).update(
                    t("tui.invites.refused", self.LANG, file=shown.file, why=refusal)
                )
                return
        self.dismiss("approved")

    def action_minutes_only(self) -> None:
        """Export the minutes and leave every invite unwritten."""
        self.dismiss("minutes")

    def action_cancel(self) -> None:
        """Close without writing anything; when something was edited, only on a second Esc."""
        edited = any(self.edited(i) != s.invite.draft for i, s in enumerate(self._shown))
        if edited and not getattr(self, "_discard_armed", False):
            self._discard_armed = True
            self.query_one("#invite-error", Static).update(t("tui.invites.discard", self.LANG))
            return
        self.dismiss(None)


def export_now(app: Any, lang: str, invites: bool, doc_lang: str | None = None) -> list[Path]:
    """Write the minutes (and the approved invites) to the meeting's export folder.

    Args:
        app: The app.
        lang: The screen's language, for the notices.
        invites: Write the approved invites too.
        doc_lang: The documents' language if the chair asked for one; else the case
            file's (`documents.fmt.lang_of`), whatever the screen shows.

    Returns:
        The files written; none after a failure, which a notice explains.
    """
    from starmote.documents.export import export_meeting

    out_dir = Path(app.export_dir())
    signature = bool(getattr(app.settings, "signature_line", False))
    try:
        # The .eml too: the chair at the laptop sends the follow-up from it.
        written = export_meeting(
            app.state, out_dir, invites=invites, eml=True, lang=doc_lang, signature=signature
        )
    except Exception as err:  # an export failure must not end the session
        error = fmt.failure_text(err, lang)
        app.notify(t("tui.export.failed", lang, error=error), severity="error", timeout=10)
        return []
    from starmote.documents.skipped import not_written

    done = t("tui.export.done", lang, n=len(written), folder=str(out_dir))
    skipped = not_written(app.state, lang, invites=invites, eml=True)
    app.notify("\n".join([done, *skipped]), timeout=10)
    return written


def preview_then_export(app: Any, lang: str, doc_lang: str | None = None) -> None:
    """The closing screen's export: show the invites first, then write what the chair chose.

    The documents are in the case file's language unless `doc_lang` asks for another
    (the export in the other language); the dialog and notices in the screen's.

    Without any invite (no follow-up, no dated insats) the minutes are written at once.
    Without an organiser address there can be no invite: the minutes are written, and a
    notice says why the invites are not.
    """
    try:
        shown = previews(app.state, doc_lang)
    except InviteError as err:
        app.notify(err.message(lang), severity="warning", timeout=10)
        export_now(app, lang, invites=False, doc_lang=doc_lang)
        return
    if not shown:
        export_now(app, lang, invites=False, doc_lang=doc_lang)
        return
    dialog = localize(InvitePreviewDialog, lang)(shown)

    def chosen(result: str | None) -> None:
        if result is not None:
            export_now(app, lang, invites=result == "approved", doc_lang=doc_lang)

    app.open_dialog(dialog, chosen)


def kallelse_then_write(app: Any, lang: str) -> None:
    """The before screen's kallelse: shown (and editable) as it would go out, written once
    the chair approves it (the approval kept in the journal, as the follow-up's is)."""
    from starmote.documents.export import plan_stem
    from starmote.documents.fmt import lang_of
    from starmote.documents.kallelse import (
        KALLELSE,
        kallelse_dir,
        kallelse_invite,
        preview_of,
        told_elsewhere,
        write_kallelse,
    )

    state = app.state
    plan = state.plan
    doc_lang = lang_of(state, None)

    def current() -> Any:
        return kallelse_invite(plan, doc_lang, app.home, app.state.invite_approval(KALLELSE))

    try:
        invite = current()
    except InviteError as err:
        app.notify(err.message(lang), severity="warning", timeout=10)
        return
    if not invite.proposal.attendees:
        app.notify(t("cli.invite.nobody", lang), severity="warning", timeout=10)
        return
    dialog = localize(InvitePreviewDialog, lang)([preview_of(invite, plan, plan_stem(plan))])

    def chosen(result: str | None) -> None:
        if result != "approved":
            return
        approved = current()
        try:
            if not approved.approved:
                raise InviteError("invites.error.not_approved")
            write_kallelse(plan, approved.draft, approved.proposal, app.home)
        except InviteError as err:
            app.notify(err.message(lang), severity="error", timeout=10)
            return
        except OSError as err:
            app.notify(t("tui.export.failed", lang, error=str(err)), severity="error", timeout=10)
            return
        folder = str(kallelse_dir(app.home, plan))
        others = ", ".join(o.who for o in told_elsewhere(plan, lang))
        key = "tui.kallelse.written" if others else "tui.kallelse.written_all"
        app.notify(t(key, lang, folder=folder, others=others), timeout=12)

    app.open_dialog(dialog, chosen)
