"""Swedish messages (the default language)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "mode.in_person": "på plats",
    "mode.video": "video",
    "mode.phone": "telefon",
    "horizon.short": "kort sikt",
    "horizon.long": "lång sikt",
}

MESSAGES.update(
    {
        "engine.error.unknown_party": "Okänd part: {party!r}.",
        "engine.error.empty": "Texten får inte vara tom ({what}).",
        "engine.error.bad_mode": "Okänt sätt att delta: {mode!r}.",
        "engine.error.not_running": "Ingen del av mötet pågår.",
        "engine.error.paused": "Mötet är pausat – återuppta först.",
        "engine.error.already_present": "{party} är redan incheckad.",
        "engine.error.absent_but_here": "{party} är här – använd ”lämnar” i stället.",
        "engine.error.not_present": "{party} är inte här just nu.",
        "engine.error.not_away": "{party} har inte lämnat mötet.",
        "engine.error.no_more_phases": "Alla delar är klara – avsluta mötet.",
        "engine.error.consent_required": "Samtycke måste bekräftas innan mötet går vidare från Inledning.",
        "engine.error.round_done": "Alla har fått ordet i den här delen.",
        "engine.error.no_speaker": "Ingen har ordet.",
        "engine.error.no_previous": "Ingen tidigare talare i den här delen.",
        "engine.error.bad_extension": "Förlängning måste vara 1 sekund till 30 minuter (fick {seconds}).",
        "engine.error.already_speaking": "{party} har redan ordet.",
        "engine.error.not_paused": "Mötet är inte pausat.",
        "engine.error.bad_index": "Finns ingen punkt nummer {index}.",
        "engine.error.bad_status": "Okänd status: {status!r}.",
        "engine.error.bad_horizon": "Mål måste vara kort eller lång sikt (fick {horizon!r}).",
        "engine.error.due_in_past": "Datumet {due} ligger före mötet.",
        "engine.error.park_present": "{party} är här – ställ frågan direkt.",
        "engine.error.individual_not_responsible": "Huvudansvarig måste vara en verksamhet, inte personen själv.",
        "engine.error.naive_time": "Tiden saknar tidszon.",
        "engine.error.follow_up_before": "Uppföljningen måste ligga efter det här mötet.",
        "engine.error.bad_duration": "Längden måste vara 5–480 minuter (fick {minutes}).",
        "engine.error.no_follow_up": "Det finns ingen uppföljning att ställa in.",
        "engine.error.bad_budgets": "Fel antal tider för delarna.",
        "engine.error.budget_of_done": "{phase} är redan klar; dess tid kan inte ändras.",
        "engine.error.below_floor": "{phase} får inte bli kortare än {minutes} minuter.",
        "engine.error.no_entry": "Ingen anteckning med nummer {entry}.",
        "engine.error.close_early": "Mötet har delar kvar – ange varför det avslutas i förtid.",
        "engine.error.close_missing": "Saknas: {missing}. Ange dem eller skriv varför mötet avslutas ändå.",
        "engine.error.closed": "Mötet är avslutat.",
        "engine.error.unknown_command": "Okänt kommando: {command}.",
    }
)

MESSAGES.update(
    {
        "dates.empty": "Skriv ett datum, t.ex. 2026-12-15, 15/12, +2v eller fredag.",
        "dates.unknown": "Förstår inte datumet ”{text}”. Skriv t.ex. 2026-12-15, 15/12, 15 dec, +2v, v50 eller fredag.",
        "dates.invalid": "”{text}” är inget giltigt datum.",
        "dates.too_early": "{date} ligger före år 2000.",
        "dates.too_far": "{text} ligger mer än {years} år fram.",
        "dates.no_week": "Vecka {week} finns inte.",
        "dates.time_empty": "Skriv en tid, t.ex. 13:30 eller 9.",
        "dates.time_unknown": "Förstår inte tiden ”{text}”. Skriv t.ex. 13:30, 13.30, 1330 eller 9.",
        "dates.time_invalid": "”{text}” är ingen giltig tid.",
        "dates.duration_empty": "Skriv en längd, t.ex. 60, 90 min eller 1h30.",
        "dates.duration_unknown": "Förstår inte längden ”{text}”. Skriv t.ex. 60, 90 min, 1h eller 1h30.",
        "dates.duration_range": "Längden ”{text}” måste vara 1 minut till {max} minuter.",
    }
)
