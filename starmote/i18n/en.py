"""English messages."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "mode.in_person": "in person",
    "mode.video": "video",
    "mode.phone": "phone",
    "horizon.short": "short term",
    "horizon.long": "long term",
}

MESSAGES.update(
    {
        "engine.error.unknown_party": "Unknown party: {party!r}.",
        "engine.error.empty": "The text must not be empty ({what}).",
        "engine.error.bad_mode": "Unknown way of taking part: {mode!r}.",
        "engine.error.not_running": "No part of the meeting is under way.",
        "engine.error.paused": "The meeting is paused – resume first.",
        "engine.error.already_present": "{party} is already checked in.",
        "engine.error.absent_but_here": "{party} is here – use 'leaves' instead.",
        "engine.error.not_present": "{party} is not here right now.",
        "engine.error.not_away": "{party} has not left the meeting.",
        "engine.error.no_more_phases": "All parts are done – close the meeting.",
        "engine.error.consent_required": "Consent must be confirmed before the meeting moves on from the Opening.",
        "engine.error.round_done": "Everyone has had the word in this part.",
        "engine.error.no_speaker": "Nobody has the word.",
        "engine.error.no_previous": "No earlier speaker in this part.",
        "engine.error.bad_extension": "An extension must be 1 second to 30 minutes (got {seconds}).",
        "engine.error.already_speaking": "{party} already has the word.",
        "engine.error.not_paused": "The meeting is not paused.",
        "engine.error.bad_index": "There is no item number {index}.",
        "engine.error.bad_status": "Unknown status: {status!r}.",
        "engine.error.bad_horizon": "A goal is short or long term (got {horizon!r}).",
        "engine.error.due_in_past": "The date {due} is before the meeting.",
        "engine.error.park_present": "{party} is here – ask the question directly.",
        "engine.error.individual_not_responsible": "The main responsible must be an agency, not the person themself.",
        "engine.error.naive_time": "The time has no time zone.",
        "engine.error.follow_up_before": "The follow-up must come after this meeting.",
        "engine.error.bad_duration": "The length must be 5–480 minutes (got {minutes}).",
        "engine.error.no_follow_up": "There is no follow-up to cancel.",
        "engine.error.bad_budgets": "Wrong number of budgets for the parts.",
        "engine.error.budget_of_done": "{phase} is already done; its time cannot change.",
        "engine.error.below_floor": "{phase} may not be shorter than {minutes} minutes.",
        "engine.error.no_entry": "No entry number {entry}.",
        "engine.error.close_early": "Parts of the meeting remain – say why it is closed early.",
        "engine.error.close_missing": "Missing: {missing}. Set them or say why the meeting closes anyway.",
        "engine.error.closed": "The meeting is closed.",
        "engine.error.unknown_command": "Unknown command: {command}.",
    }
)

MESSAGES.update(
    {
        "dates.empty": "Type a date, e.g. 2026-12-15, 15/12, +2w or friday.",
        "dates.unknown": "Cannot read the date “{text}”. Try 2026-12-15, 15/12, 15 dec, +2w, week 50 or friday.",
        "dates.invalid": "“{text}” is not a valid date.",
        "dates.too_early": "{date} is before the year 2000.",
        "dates.too_far": "{text} is more than {years} years ahead.",
        "dates.no_week": "There is no week {week}.",
        "dates.time_empty": "Type a time, e.g. 13:30 or 9.",
        "dates.time_unknown": "Cannot read the time “{text}”. Try 13:30, 13.30, 1330 or 9.",
        "dates.time_invalid": "“{text}” is not a valid time.",
        "dates.duration_empty": "Type a length, e.g. 60, 90 min or 1h30.",
        "dates.duration_unknown": "Cannot read the length “{text}”. Try 60, 90 min, 1h or 1h30.",
        "dates.duration_range": "The length “{text}” must be 1 to {max} minutes.",
    }
)
