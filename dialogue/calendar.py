"""The yearly cycle's steps in the municipality's calendar feed (see laeringslop.hooks)."""
from datetime import date

from django.urls import reverse

from laeringslop.hooks import CalendarEvent

from .models import MirrorYear


def events(municipality, first: date, last: date) -> list[CalendarEvent]:
    """The dated steps of the municipality's published years that start between ``first`` and ``last``."""
    found = []
    years = MirrorYear.objects.filter(municipality=municipality, status="published",
                                      school_year__gte=first.year - 1, school_year__lte=last.year)
    for year in years:
        url = reverse("dialogue:year_cycle_of", args=[year.school_year])
        for key, _first, _last, name in MirrorYear.STEPS:
            start, end = year.step_dates(key)
            starts = start or end
            if starts is None or not first <= starts <= last:
                continue
            found.append(CalendarEvent(uid=f"cycle-{year.pk}-{key}", title=f"{name} ({year.label})", starts=starts,
                                       ends=end if start and end and end != start else None, url=url))
    return found
