"""What a person's calendar address carries: what «Året» shows them, as events with their times.

The year's steps (the municipality's published years), the milestones of the plans in use they may
see, the school visits they may see, and the other apps' events for them (the leader meetings they are
invited to, through ``laeringslop.hooks.calendar_entries_for``). Titles, times, places and a link
only: never notes, agendas or who takes part, since whoever holds the address reads it."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from laeringslop.hooks import calendar_entries_for
from laeringslop.schoolyear import SchoolYear
from milestones.selectors import milestones_in_period

from ..calendar import events as cycle_steps
from .cycle import cycle_school_ids_for
from .visits import visits_in_period


@dataclass(frozen=True)
class FeedEvent:
    uid: str
    title: str
    #: a date (a whole day) or an aware datetime
    starts: date | datetime
    #: exclusive: the day after the last (whole days) or the end in time
    ends: date | datetime
    url: str = ""
    location: str = ""
    cancelled: bool = False

    @property
    def timed(self) -> bool:
        return isinstance(self.starts, datetime)


def feed_period(today: date) -> tuple[date, date]:
    """The school year before this one to the next one: what a calendar app keeps in view."""
    year = SchoolYear.of(today)
    return year.previous().first_day, year.next().last_day


def _whole_days(first: date, last: date | None) -> date:
    return (last or first) + timedelta(days=1)


def personal_calendar(municipality, user, first: date, last: date) -> list[FeedEvent]:
    """The person's events between ``first`` and ``last``, in time order. A fixed number of queries."""
    found = [FeedEvent(uid=step.uid, title=step.title, starts=step.starts, ends=_whole_days(step.starts, step.ends),
                       url=step.url) for step in cycle_steps(municipality, first, last)] if cycle_school_ids_for(
        user, municipality) != [] else []
    for milestone in milestones_in_period(municipality, user, first, last):
        found.append(FeedEvent(uid=f"milestone-{milestone.pk}", title=f"{_('Milestone')}: {milestone.title}",
                               starts=milestone.due_date, ends=_whole_days(milestone.due_date, None),
                               url=reverse("milestones:detail", args=[milestone.pk])))
    for visit in visits_in_period(municipality, user, first, last):
        found.append(FeedEvent(uid=f"school-visit-{visit.pk}", starts=visit.starts_at, ends=visit.ends_at,
                               title=_("School visit: %(school)s") % {"school": visit.school.name},
                               location=visit.place, url=reverse("dialogue:visit_detail", args=[visit.pk])))
    for event in calendar_entries_for(user, municipality, first, last):
        timed = event.starts_at is not None
        found.append(FeedEvent(uid=event.uid, title=event.title, url=event.url, location=event.location,
                               starts=event.starts_at if timed else event.starts,
                               ends=(event.ends_at or event.starts_at) if timed else _whole_days(event.starts, event.ends),
                               cancelled=event.cancelled))
    return sorted(found, key=lambda e: (_sort_key(e.starts), e.title))


def _sort_key(moment: date | datetime) -> datetime:
    if isinstance(moment, datetime):
        return timezone.localtime(moment).replace(tzinfo=None)
    return datetime(moment.year, moment.month, moment.day)
