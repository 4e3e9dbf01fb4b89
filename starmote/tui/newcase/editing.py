"""Adding, removing, moving and filling in the form's parties and team cases."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starmote.plan.contacts import Contact
from starmote.plan.draft import PartyDraft, TeamCaseDraft
from starmote.tui.newcase.blocks import Block, PartyBlock, TeamCaseBlock

if TYPE_CHECKING:
    from starmote.tui.newcase.screen import NewCaseScreen


def current_block(screen: NewCaseScreen) -> Block | None:
    """The party or case the cursor is in, if any."""
    focused = screen.focused
    while focused is not None:
        if isinstance(focused, Block):
            return focused
        focused = focused.parent  # type: ignore[assignment]
    return None


def add_party(screen: NewCaseScreen) -> None:
    """A new party after the one the cursor is in (or last)."""
    template = screen.template
    party = PartyDraft(kind=template.roles[0] if template is not None else "")
    new_party(screen, party, after=current_block(screen))


def new_party(
    screen: NewCaseScreen,
    party: PartyDraft,
    after: Block | None = None,
    contact: Contact | None = None,
) -> None:
    """Add a party (after `after`), filled from `contact` when one is given."""
    template = screen.template
    roles = template.roles if template else ()
    block = PartyBlock(screen.next_serial(), party, roles, screen.book, screen.LANG)
    screen.call_later(mount, screen, block, after, "organisation", contact)


def add_case(screen: NewCaseScreen) -> None:
    """A new team case after the one the cursor is in (or last)."""
    block = TeamCaseBlock(screen.next_serial(), TeamCaseDraft(), screen.LANG)
    screen.call_later(mount, screen, block, current_block(screen), "code")


async def mount(
    screen: NewCaseScreen,
    block: Block,
    after: Block | None,
    focus: str | None,
    contact: Contact | None = None,
) -> None:
    """Add a party or a case (after `after` when it is one of its kind), then go to it."""
    holder = screen.query_one("#nc-parties" if isinstance(block, PartyBlock) else "#nc-cases")
    if after is not None and after.parent is holder:
        await holder.mount(block, after=after)
    else:
        await holder.mount(block)
    if isinstance(block, PartyBlock):
        screen.fit(block)
        if contact is not None:
            block.fill(contact, everything=True)
    screen.renumber()
    screen.refresh_bindings()
    if focus is not None:
        block.control(focus).focus()


async def remove(screen: NewCaseScreen) -> None:
    """Remove the party or case the cursor is in; the cursor goes to its neighbour."""
    block = current_block(screen)
    if block is None:
        return
    siblings: list[Block] = (
        [*screen.parties()] if isinstance(block, PartyBlock) else [*screen.cases()]
    )
    index = siblings.index(block)
    await block.remove()
    rest = [b for b in siblings if b is not block]
    screen.renumber()
    screen.refresh_bindings()
    if rest:
        near = rest[min(index, len(rest) - 1)]
        near.control("organisation" if isinstance(near, PartyBlock) else "code").focus()


def move(screen: NewCaseScreen, step: int) -> None:
    """Move the party or case the cursor is in `step` places (the speaking order)."""
    block = current_block(screen)
    if block is None or block.parent is None:
        return
    siblings: list[Block] = (
        [*screen.parties()] if isinstance(block, PartyBlock) else [*screen.cases()]
    )
    index = siblings.index(block)
    target = index + step
    if not 0 <= target < len(siblings):
        return
    focused = screen.focused
    holder: Any = block.parent
    if step < 0:
        holder.move_child(block, before=siblings[target])
    else:
        holder.move_child(block, after=siblings[target])
    screen.renumber()
    if focused is not None:
        focused.scroll_visible()


def contacts(screen: NewCaseScreen) -> None:
    """Open the address book for the party, chair or note taker the cursor is at."""
    app: Any = screen.app
    block = current_block(screen)
    focused = screen.field_of(screen.focused) if screen.focused is not None else None
    typed = ""
    if isinstance(block, PartyBlock):
        typed = block.value("person") or block.value("organisation")
    elif focused in ("chair_name", "note_name"):
        typed = screen.value(focused)
    app.pick_contact(typed, lambda contact: _picked(screen, contact, block, focused))


def _picked(
    screen: NewCaseScreen, contact: Contact | None, block: Block | None, focused: str | None
) -> None:
    if contact is None:
        return
    if focused is not None and focused.startswith(("chair_", "note_")):
        who = focused.split("_")[0]
        for part, value in (
            ("name", contact.person),
            ("email", contact.email),
            ("organisation", contact.organisation),
        ):
            control: Any = screen.query_one(f"#f-{who}_{part}")
            control.value = value
        return
    if isinstance(block, PartyBlock):
        block.fill(contact, everything=True)
        screen.renumber()
        block.control("email").focus()
        return
    template = screen.template
    kind = contact.kind if template and contact.kind in template.roles else ""
    first = template.roles[0] if template else ""
    new_party(screen, PartyDraft(kind=kind or first), contact=contact)
