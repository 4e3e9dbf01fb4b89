"""The plain-language copy in English puts a due date after the insats without a stray space."""

from __future__ import annotations

from datetime import UTC, datetime

from starmote.documents.plain_language import plain_markdown
from tests.support.exportcase import play_meeting

STAMP = datetime(2026, 12, 9, 13, 0, tzinfo=UTC)


def test_an_action_with_a_due_date_reads_as_one_sentence() -> None:
    state = play_meeting().state
    english = plain_markdown(state, STAMP, "en")
    assert "will see to this: ordna arbetsträning by 15 January 2027." in english
    assert " ," not in english
    swedish = plain_markdown(state, STAMP)
    assert " ," not in swedish and "senast den 15 januari 2027." in swedish
