"""The Europe/Stockholm VTIMEZONE in its RRULE form (EU rules since 1996)."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

TZID = "Europe/Stockholm"


def stockholm_vtimezone() -> Timezone:
    """A VTIMEZONE for Europe/Stockholm with one STANDARD and one DAYLIGHT rule.

    Written by hand rather than with icalendar's `add_missing_timezones()`, which
    emits a list of RDATEs: Outlook mis-maps that form and vobject/ical.js read only
    its first RDATE. The yearly rules (last Sunday of March 02:00 -> +0200, last
    Sunday of October 03:00 -> +0100) are what every client expects.

    Returns:
        The component, ready for `Calendar.add_component`.
    """
    tz = Timezone()
    tz.add("tzid", TZID)
    tz.add("x-lic-location", TZID)

    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("dtstart", datetime(1970, 10, 25, 3, 0, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})

    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("dtstart", datetime(1970, 3, 29, 2, 0, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})

    tz.add_component(standard)
    tz.add_component(daylight)
    return tz
