"""One party, or one team case, of the new-case form: its fields together, read back as a draft."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Static

from starmote.i18n import t
from starmote.plan import limits
from starmote.plan.contacts import Contact, organisations
from starmote.plan.draft import CONSENT_FORMS, SUMMONS, PartyDraft, TeamCaseDraft
from starmote.plan.model import CASE_KINDS
from starmote.tui.newcase.rows import ContactSuggester, area, choice, line, row, set_text

YES_NO = ("yes", "no")


def yes_no(lang: str) -> tuple[tuple[str, str], ...]:
    """Ja/Nej (Yes/No) as choices."""
    return tuple((v, t(f"newcase.{v}", lang)) for v in YES_NO)


def consent_forms(lang: str) -> tuple[tuple[str, str], ...]:
    """How consent was given: unsaid, skriftligt, muntligt."""
    return tuple((v, t(f"newcase.consent_form.{v or 'none'}", lang)) for v in CONSENT_FORMS)


class Block(Vertical):
    """Fields that belong together; `serial` keeps their ids unique as blocks come and go."""

    FIELDS: tuple[str, ...] = ()
    PREFIX = "b"

    def __init__(self, serial: int, lang: str) -> None:
        super().__init__(classes="nc-block")
        self.serial = serial
        self.lang = lang

    def cid(self, name: str) -> str:
        """The id of this block's control for the draft field `name`."""
        return f"{self.PREFIX}{self.serial}-{name}"

    def control(self, name: str) -> Any:
        """This block's control for `name`."""
        return self.query_one(f"#{self.cid(name)}")

    def field_of(self, widget: Widget) -> str | None:
        """The draft field name of one of this block's controls."""
        prefix = f"{self.PREFIX}{self.serial}-"
        if widget.id and widget.id.startswith(prefix):
            return widget.id[len(prefix) :]
        return None

    def value(self, name: str) -> str:
        """What the control for `name` holds."""
        return str(self.control(name).value)

    def typed(self, name: str) -> str:
        """Like `value`, "" while the control is not (or no longer) there."""
        found = self.query(f"#{self.cid(name)}")
        return str(getattr(found.first(), "value", "")) if found else ""

    def retitle(self, text: str) -> None:
        """The block's heading: "Part 2: Försäkringskassan"."""
        for title in self.query(".nc-block-title").results(Static):
            set_text(title, text)


class PartyBlock(Block):
    """One party: organisation, person, e-mail, role, kind, summons, window, what to bring."""

    PREFIX = "p"

    def __init__(
        self,
        serial: int,
        party: PartyDraft,
        roles: tuple[str, ...],
        book: list[Contact],
        lang: str,
    ) -> None:
        super().__init__(serial, lang)
        self.party = party
        self.roles = roles
        self.book = book

    def compose(self) -> ComposeResult:
        lang, p, cid = self.lang, self.party, self.cid
        label: Callable[[str], str] = lambda name: t(f"newcase.party.{name}", lang)  # noqa: E731
        yield Static("", classes="nc-block-title", markup=False)
        org = SuggestFromList(organisations(self.book), case_sensitive=False)
        yield row(
            label("organisation"),
            line(p.organisation, limits.NAME, cid("organisation"), suggester=org),
        )
        person = ContactSuggester(self.book, lambda: self.typed("organisation"))
        yield row(label("person"), line(p.person, limits.NAME, cid("person"), suggester=person))
        yield row(label("email"), line(p.email, limits.EMAIL, cid("email")))
        yield row(label("role"), line(p.role, limits.ROLE, cid("role")))
        yield row(label("kind"), choice(self.kinds(self.roles), p.kind, cid("kind")))
        summons = tuple((s, t(f"newcase.summons.{s}", lang)) for s in SUMMONS)
        yield row(label("summons"), choice(summons, p.summons, cid("summons")))
        yield row(label("requested"), choice(yes_no(lang), _yn(p.requested), cid("requested")))
        yield row(
            label("window"),
            line(p.window, 20, cid("window"), placeholder=t("newcase.party.window_hint", lang)),
        )
        yield row(label("brings"), line(p.brings, limits.SHORT, cid("brings")))
        yield row(label("in_consent"), choice(yes_no(lang), _yn(p.in_consent), cid("in_consent")))
        yield row(
            label("key"),
            line(p.key, 40, cid("key"), placeholder=t("newcase.party.key_hint", lang)),
        )

    def kinds(self, roles: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """The template's roles as choices, each with its Swedish or English name."""
        return tuple(
            (r, t(f"newcase.kind.{r}", self.lang) if _named(r, self.lang) else r) for r in roles
        )

    def set_roles(self, roles: tuple[str, ...]) -> None:
        """Offer another template's roles."""
        self.roles = roles
        self.control("kind").set_choices(self.kinds(roles))

    def draft(self) -> PartyDraft:
        """The party as typed."""
        v = self.value
        return PartyDraft(
            key=v("key"),
            organisation=v("organisation"),
            kind=v("kind"),
            person=v("person"),
            email=v("email"),
            role=v("role"),
            summons=v("summons"),
            requested=v("requested") == "yes",
            window=v("window"),
            brings=v("brings"),
            in_consent=v("in_consent") == "yes",
        )

    def fill(self, contact: Contact, everything: bool = False) -> None:
        """Complete the party from an address-book contact.

        Args:
            contact: The contact chosen or recognised.
            everything: Replace what is typed (a contact picked from the list); otherwise
                only empty fields are filled, and the kind only for a party still blank.
        """
        fresh = not (self.value("email") or self.value("role"))
        for name in ("organisation", "person", "email", "role"):
            control = self.control(name)
            new = getattr(contact, name)
            if new and (everything or not control.value.strip()):
                control.value = new
        if contact.kind in self.roles and (everything or fresh):
            self.control("kind").set_value(contact.kind)


class TeamCaseBlock(Block):
    """One case of a team session: its code, time, questions, consent or anonymity, needs."""

    PREFIX = "c"

    def __init__(self, serial: int, case: TeamCaseDraft, lang: str) -> None:
        super().__init__(serial, lang)
        self.case = case

    def compose(self) -> ComposeResult:
        lang, c, cid = self.lang, self.case, self.cid
        label: Callable[[str], str] = lambda name: t(f"newcase.case.{name}", lang)  # noqa: E731
        yield Static("", classes="nc-block-title", markup=False)
        yield row(label("code"), line(c.code, 40, cid("code")))
        kinds = tuple((k, t(f"team.kind.{k}", lang)) for k in CASE_KINDS)
        yield row(label("kind"), choice(kinds, c.kind, cid("kind")))
        yield row(label("minutes"), line(c.minutes, 10, cid("minutes")))
        yield row(
            label("questions"),
            area(c.questions, 10 * limits.TEXT, cid("questions")),
            t("newcase.one_per_line", lang),
        )
        anonymity = (
            ("no", t("newcase.case.with_consent", lang)),
            ("yes", t("newcase.case.anonymised_yes", lang)),
        )
        yield row(label("anonymised"), choice(anonymity, _yn(c.anonymised), cid("anonymised")))
        yield row(label("consent_given"), line(c.consent_given, 30, cid("consent_given")))
        yield row(
            label("consent_form"), choice(consent_forms(lang), c.consent_form, cid("consent_form"))
        )
        yield row(
            label("consent_scope"),
            line(c.consent_scope, limits.SHORT, cid("consent_scope")),
            t("newcase.case.keys_hint", lang),
        )
        yield row(label("needs"), line(c.needs, limits.SHORT, cid("needs")))
        yield row(label("person"), line(c.person, limits.NAME, cid("person")))
        yield row(
            label("person_attends"),
            choice(yes_no(lang), _yn(c.person_attends), cid("person_attends")),
        )
        yield row(
            label("person_first"), choice(yes_no(lang), _yn(c.person_first), cid("person_first"))
        )

    def draft(self) -> TeamCaseDraft:
        """The case as typed."""
        v = self.value
        return TeamCaseDraft(
            code=v("code"),
            kind=v("kind"),
            minutes=v("minutes"),
            questions=v("questions"),
            needs=v("needs"),
            anonymised=v("anonymised") == "yes",
            consent_given=v("consent_given"),
            consent_form=v("consent_form"),
            consent_scope=v("consent_scope"),
            person=v("person"),
            person_attends=v("person_attends") == "yes",
            person_first=v("person_first") == "yes",
        )


def _yn(value: bool) -> str:
    return "yes" if value else "no"


def _named(role: str, lang: str) -> bool:
    return t(f"newcase.kind.{role}", lang) != f"newcase.kind.{role}"
