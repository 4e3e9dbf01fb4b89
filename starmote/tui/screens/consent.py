"""Samtycke: confirm it (with scope), or record that it is missing and end with a reason."""

from __future__ import annotations

from typing import Any

from starmote.engine import commands as c
from starmote.i18n import t
from starmote.plan import limits
from starmote.tui import fmt
from starmote.tui.dialogs.confirm import ConfirmDialog
from starmote.tui.dialogs.form import Field, FormDialog
from starmote.tui.dialogs.pick import PickDialog
from starmote.tui.keys import localize
from starmote.tui.team import current_team_case


def open_consent(screen: Any, lang: str) -> None:
    """The consent flow from any screen: the meeting's, or in a team session the case's now."""
    app = screen.meeting
    plan = app.state.plan
    # In a team session each person's consent is asked when their case is taken up.
    case = current_team_case(app.state)
    planned = case.consent if case is not None and case.consent is not None else plan.consent

    def chose(what: str | None) -> None:
        if what == "confirm":
            fields = [
                Field(
                    "scope",
                    t("tui.field.scope", lang),
                    fmt.scope_text(plan, planned.scope, lang),
                    limit=limits.FIELDS["consent_scope"],
                ),
                Field(
                    "note", t("tui.field.consent_note", lang), limit=limits.FIELDS["consent_note"]
                ),
            ]
            dialog = localize(FormDialog, lang)(
                t("tui.consent.confirm_title", lang),
                fields,
                lambda v: c.ConfirmConsent(v["scope"], v["note"]),
                t("tui.consent.confirm_intro", lang),
            )
            app.open_dialog(dialog)
        elif what == "missing":
            dialog = localize(FormDialog, lang)(
                t("tui.consent.missing_title", lang),
                [
                    Field(
                        "note",
                        t("tui.field.consent_note", lang),
                        limit=limits.FIELDS["consent_note"],
                    )
                ],
                lambda v: c.RecordConsentMissing(v["note"]),
            )
            app.open_dialog(dialog, offer_close)

    def offer_close(recorded: bool) -> None:
        if not recorded:
            return
        if case is not None:
            # Without consent the case is not discussed further; the session goes on.
            ask = localize(ConfirmDialog, lang)(
                t("tui.consent.case_end_title", lang, case=case.code),
                t("tui.consent.case_end_body", lang, case=case.code),
            )
            app.open_dialog(ask, lambda yes: screen.advance() if yes else None)
            return
        ask = localize(ConfirmDialog, lang)(
            t("tui.consent.end_title", lang), t("tui.consent.end_body", lang)
        )
        app.open_dialog(ask, lambda yes: close_with_reason() if yes else None)

    def close_with_reason() -> None:
        dialog = localize(FormDialog, lang)(
            t("tui.close.reason_title", lang),
            [
                Field(
                    "reason",
                    t("tui.field.reason", lang),
                    t("tui.consent.end_reason", lang),
                    limit=limits.FIELDS["reason"],
                )
            ],
            lambda v: c.CloseMeeting(v["reason"]),
        )
        app.open_dialog(dialog)

    options = [
        ("confirm", t("tui.consent.opt_confirm", lang), True),
        ("missing", t("tui.consent.opt_missing", lang), True),
    ]
    if case is not None:
        title = t("tui.consent.case_title", lang, case=case.code)
        given = planned.given.isoformat() if planned.given else "–"
        ask = t("tui.consent.case_ask", lang, case=case.code, given=given)
    else:
        title, ask = t("tui.consent.title", lang), t("tui.consent.ask", lang)
    app.open_dialog(localize(PickDialog, lang)(title, options, ask), chose)
