"""The leader meetings in the municipality's calendars (see laeringslop.hooks).

``events``: the municipality's calendar feed (the plan's token feed, read by the members of its groups):
what the printed year's plan shows every leader — the day, the arena and the topic — never the agenda,
who is invited, the files or the minutes. A cancelled meeting is left out.

``entries_for``: the month calendar on «Året», for the reader: the meetings they may open (the staff every
meeting, a rector or kindergarten head the ones they are invited to)."""
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from laeringslop.hooks import CalendarEvent

from . import selectors


def events(municipality, first: date, last: date) -> list[CalendarEvent]:
    return [CalendarEvent(uid=f"leader-meeting-{m.pk}", title=f"{m.get_kind_display()}: {m.title}",
                          starts=timezone.localtime(m.starts_at).date(), kind=_("leader meeting"),
                          description=m.place)
            for m in selectors.meetings_in_period(municipality, first, last).filter(cancelled_at__isnull=True)]


def entries_for(user, municipality, first: date, last: date) -> list[CalendarEvent]:
    found = []
    for meeting in selectors.visible_in_period(municipality, user, first, last):
        starts = timezone.localtime(meeting.starts_at)
        found.append(CalendarEvent(
            uid=f"leader-meeting-{meeting.pk}", title=f"{meeting.get_kind_display()}: {meeting.title}",
            starts=starts.date(), kind=_("leader meeting"), cancelled=meeting.is_cancelled,
            description=starts.strftime("%H:%M"), url=reverse("leadership:meeting_detail", args=[meeting.pk]),
            starts_at=meeting.starts_at, ends_at=meeting.ends_at, location=meeting.place))
    return found
