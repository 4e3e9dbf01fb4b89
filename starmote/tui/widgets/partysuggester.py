"""Completion for a party field: by name, and by role or kind when no name fits."""

from __future__ import annotations

from textual.suggester import Suggester

from starmote.plan.model import MeetingPlan
from starmote.tui.fmt import party_completion


class PartySuggester(Suggester):
    """Suggests `party_completion`: "sam" → a name, "fk" → "fk → Försäkringskassan (…)"."""

    def __init__(self, plan: MeetingPlan, names: tuple[str, ...]) -> None:
        # Case kept: the completion starts with exactly what was typed.
        super().__init__(use_cache=False, case_sensitive=True)
        self._plan = plan
        self._names = names

    async def get_suggestion(self, value: str) -> str | None:
        """The completed text for `value`, or None."""
        return party_completion(self._plan, value, self._names)
