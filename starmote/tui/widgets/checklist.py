"""The chair's prompts for the current part, numbered so a digit ticks them."""

from __future__ import annotations

from textual.content import Content
from textual.markup import escape

from starmote.engine.state import MeetingState
from starmote.i18n import t as tr
from starmote.tui.widgets.base import StateView

ELLIPSIS = "…"


def wrap(text: str, width: int) -> list[str]:
    """`text` word-wrapped to `width` cells (at least one line)."""
    if width <= 0:
        return [text]
    return [line.plain.rstrip() for line in Content(text).wrap(width)] or [""]


def shorten(lines: list[str], keep: int, width: int) -> list[str]:
    """The first `keep` of `lines`, the last of them ending in "…" when some were dropped."""
    if keep >= len(lines):
        return lines
    last = lines[keep - 1]
    if Content(last).cell_length + 1 > width:
        last = Content(last).truncate(max(1, width - 1)).plain.rstrip()
    return [*lines[: keep - 1], last + ELLIPSIS]


def fit(blocks: list[list[str]], rows: int | None) -> list[int]:
    """How many lines of each block to keep so all fit in `rows`: the longest give way first.

    Every block keeps at least its first line, so every prompt stays visible with its key.
    """
    keep = [len(block) for block in blocks]
    if rows is None:
        return keep
    while sum(keep) > rows:
        longest = max(keep)
        if longest <= 1:
            break
        # Of the longest, the last gives way first: the prompts are read from the top.
        i = max(i for i, n in enumerate(keep) if n == longest)
        keep[i] -= 1
    return keep


class Checklist(StateView):
    """`1 [x] Välkomna …` per prompt of the current part.

    The prompts are wrapped here, with the text indented past its key, and fitted to the
    rows the layout gives: at 24 lines the longest prompts are shortened ("…") so that
    every prompt of the part keeps its line and its digit.
    """

    def show_state(self, state: MeetingState, t: float) -> None:
        self._last = (state, t)
        lang = self.lang
        if state.phase is None:
            self.put("")
            return
        width = self.content_region.width
        rows = self.content_region.height or None
        texts = state.plan.phases[state.phase].prompts(lang)
        # A prompt naming a party kind shows only when such a party takes part; the digits
        # number what is shown (the live screen maps them back).
        shown = state.plan.shown_prompts(state.phase)
        prompts = [texts[i] for i in shown]
        # Each block: the markup of its first line's lead, of a continuation's, the style, the text.
        blocks: list[tuple[str, str, str, str]] = []
        if state.consent_pending and state.status == "running":
            consent = tr("tui.checklist.consent", lang)
            blocks.append(("[b $text-warning]k[/] ", "  ", "$text-warning", consent))
        for i, (index, prompt) in enumerate(zip(shown, prompts, strict=True)):
            done = (state.phase, index) in state.ticked
            box = "[$text-success]✔[/]" if done else "☐"
            key = str(i + 1) if i < 9 else " "
            blocks.append((f"[dim]{key}[/] {box} ", "    ", "dim strike" if done else "", prompt))
        if not prompts:
            blocks.append(("", "", "dim", tr("tui.checklist.none", lang)))
        wrapped = [wrap(text, width - len(indent)) for _, indent, _, text in blocks]
        keep = fit(wrapped, None if rows is None else rows - 1)
        lines = [f"[b]{escape(tr('tui.checklist.title', lang))}[/b]"]
        for (lead, indent, style, _), block, n in zip(blocks, wrapped, keep, strict=True):
            for j, line in enumerate(shorten(block, n, width - len(indent))):
                body = f"[{style}]{escape(line)}[/]" if style else escape(line)
                lines.append(f"{lead if j == 0 else indent}{body}")
        self.put("\n".join(lines))

    def on_resize(self) -> None:
        # The wrapping and how much each prompt may take depend on the size, known after layout.
        last = getattr(self, "_last", None)
        if last is not None:
            self.show_state(*last)
