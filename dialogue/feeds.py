"""The school visits as iCalendar (the milestone feed's neighbour: same library, same shape).

Only what every reader of the feed may see goes in: the school, the time, the place, who takes part and the
topics prepared; never the notes afterwards."""
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event


def visits_calendar(municipality, school_year, visits, absolute_url) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Læringsløp//Skolebesøk//NB")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("School visits %(year)s – %(municipality)s") % {
        "year": school_year.label, "municipality": municipality.name})
    stamp = timezone.now()
    for visit in visits:
        event = Event()
        event.add("uid", f"school-visit-{visit.pk}@laeringslop")
        event.add("dtstamp", stamp)
        event.add("dtstart", timezone.localtime(visit.starts_at))
        event.add("dtend", timezone.localtime(visit.ends_at))
        event.add("summary", _("School visit: %(school)s") % {"school": visit.school.name})
        if visit.place:
            event.add("location", visit.place)
        people = [p.get_full_name() or p.username for p in visit.participants.all()]
        details = [f"{_('Participants')}: {', '.join(people)}"] if people else []
        if visit.other_participants:
            details.append(visit.other_participants)
        if visit.topic_list:
            details.append(f"{_('Prepared topics')}:")
            details += [f"– {topic}" for topic in visit.topic_list]
        event.add("description", "\n".join(details))
        event.add("url", absolute_url(reverse("dialogue:visit_detail", args=[visit.pk])))
        event.add("status", "CONFIRMED")
        cal.add_component(event)
    cal.add_missing_timezones()  # a VTIMEZONE for Europe/Oslo, which the events' TZID refers to
    return cal.to_ical()


def personal_calendar_ics(person, municipality, events, absolute_url) -> bytes:
    """A person's calendar address (``dialogue.selectors.personal_calendar``): titles, times, places and links."""
    cal = Calendar()
    cal.add("prodid", "-//Læringsløp//Min kalender//NB")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Læringsløp – %(municipality)s") % {"municipality": municipality.name})
    stamp = timezone.now()
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@laeringslop")
        event.add("dtstamp", stamp)
        timed = item.timed
        event.add("dtstart", timezone.localtime(item.starts) if timed else item.starts)
        event.add("dtend", timezone.localtime(item.ends) if timed else item.ends)
        event.add("summary", item.title)
        if item.location:
            event.add("location", item.location)
        if item.url:
            event.add("url", absolute_url(item.url))
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
