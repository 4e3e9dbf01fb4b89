"""How long a typed or filed text may be: one table for the engine, the forms and case files."""

from __future__ import annotations

NAME = 200
"""A person's or an organisation's name."""
ROLE = 100
"""A party's role ("Handläggare", "Kontaktperson")."""
SHORT = 500
"""A place, how often, a reason, a consent scope: a line or two."""
TEXT = 1000
"""A goal, an action, a decision, a parked question, a frågeställning: a short paragraph."""
NOTE = 4000
"""A note of what a speaker said: about a page, several lines. Longer than any real note
taken live, and short enough that every key in its form stays as fast as Textual's own."""
LINK = 1000
"""A video link: meeting links carry long tokens (a Teams link is some 250 characters)."""
EMAIL = 254
"""The longest address SMTP delivers (RFC 5321)."""

FIELDS: dict[str, int] = {
    # What the chair types during a meeting; the engine refuses longer text.
    "note": NOTE,
    "goal": TEXT,
    "action": TEXT,
    "how_often": SHORT,
    "decision": TEXT,
    "question": TEXT,
    "answer": TEXT,
    "question_reason": SHORT,
    "feedback": TEXT,
    "substitute": NAME,
    "person": NAME,
    "place": SHORT,
    "reason": SHORT,
    "consent_scope": SHORT,
    "consent_note": TEXT,
    "review_comment": TEXT,
    # The text of an invite as the chair approves it (see documents.invites).
    "invite_title": SHORT,
    "invite_place": SHORT,
    "invite_link": LINK,
    "invite_message": NOTE,
}
"""The limit of each text field of a command, by the name its messages use."""

MULTILINE = frozenset({"note", "decision", "feedback", "invite_message"})
"""The fields whose form takes several lines: they keep their line breaks and tabs."""
