"""The leader meetings as iCalendar (the milestone and school-visit feeds' neighbour: same library, same shape).

The year's plan carries what the printed plan shows (time, arena, topic, place; a cancelled meeting as
CANCELLED); one meeting's file carries its agenda too, for those who may open the meeting. Never the files,
the minutes or who was invited."""
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Læringsløp//Ledermøter//NB")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def _event(meeting, stamp, absolute_url, description: str = "") -> Event:
    event = Event()
    event.add("uid", f"leader-meeting-{meeting.pk}@laeringslop")
    event.add("dtstamp", stamp)
    event.add("dtstart", timezone.localtime(meeting.starts_at))
    event.add("dtend", timezone.localtime(meeting.ends_at))
    event.add("summary", f"{meeting.get_kind_display()}: {meeting.title}")
    if meeting.place:
        event.add("location", meeting.place)
    lines = [f"{_('Target group')}: {meeting.get_target_group_display()}"]
    if meeting.is_cancelled:
        lines.insert(0, _("Cancelled") + (f": {meeting.cancel_reason}" if meeting.cancel_reason else ""))
    if description:
        lines.append(description)
    event.add("description", "\n".join(lines))
    event.add("url", absolute_url(reverse("leadership:meeting_detail", args=[meeting.pk])))
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    event.add("sequence", meeting.version)
    return event


def plan_calendar(municipality, school_year, meetings, absolute_url) -> bytes:
    cal = _calendar(_("Leader meetings %(year)s – %(municipality)s") % {
        "year": school_year.label, "municipality": municipality.name})
    stamp = timezone.now()
    for meeting in meetings:
        cal.add_component(_event(meeting, stamp, absolute_url))
    cal.add_missing_timezones()  # a VTIMEZONE for Europe/Oslo, which the events' TZID refers to
    return cal.to_ical()


def meeting_calendar(meeting, agenda, absolute_url) -> bytes:
    cal = _calendar(str(meeting))
    items = []
    if agenda:
        items.append(f"{_('Agenda')}:")
        for number, item in enumerate(agenda, start=1):
            extra = ", ".join(x for x in (item.presenter, f"{item.minutes} min" if item.minutes else "") if x)
            items.append(f"{number}. {item.title}" + (f" ({extra})" if extra else ""))
    if meeting.description:
        items.insert(0, meeting.description)
    cal.add_component(_event(meeting, timezone.now(), absolute_url, "\n".join(items)))
    cal.add_missing_timezones()
    return cal.to_ical()
