"""The iCalendar feed of a plan's milestones, with the municipality's yearly cycle beside them."""
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event


def plan_calendar(plan, milestones, absolute_url, events=()) -> bytes:
    """The plan's milestones, and ``events`` (laeringslop.hooks.CalendarEvent: the municipality's yearly
    cycle), as one iCalendar."""
    cal = Calendar()
    cal.add("prodid", "-//Læringsløp//Milepæler//NB")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{plan.name}: {_('milestones')}")
    stamp = timezone.now()
    for milestone in milestones:
        event = Event()
        event.add("uid", f"milestone-{milestone.pk}@laeringslop")
        event.add("dtstamp", stamp)
        event.add("dtstart", milestone.due_date)
        event.add("dtend", milestone.due_date + timedelta(days=1))
        event.add("summary", milestone.title)
        details = [milestone.description] if milestone.description else []
        if milestone.responsible_group_id:
            details.append(f"{_('Responsible group')}: {milestone.responsible_group.name}")
        if milestone.responsible_person_id:
            details.append(f"{_('Responsible person')}: {milestone.responsible_person}")
        details.append(f"{_('Status')}: {milestone.status_label}")
        event.add("description", "\n".join(details))
        event.add("url", absolute_url(reverse("milestones:detail", args=[milestone.pk])))
        event.add("status", "CONFIRMED")
        cal.add_component(event)
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@laeringslop")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.starts)
        event.add("dtend", (item.ends or item.starts) + timedelta(days=1))
        event.add("summary", item.title)
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", absolute_url(item.url))
        event.add("status", "CONFIRMED")
        cal.add_component(event)
    return cal.to_ical()
