"""«Året»: the yearly cycle of the municipality's schools — its steps on a timeline with today marked,
each school's row, and the month-by-month calendar of the steps and the plan's milestones."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from laeringslop.schoolyear import SchoolYear

from ..models import MirrorYear
from ..selectors.cycle import cycle, cycle_school_ids_for
from ..selectors.cycle_calendar import cycle_calendar, timeline
from .common import check_year


@login_required
def year_cycle(request, year=None):
    municipality = request.municipality
    if municipality is None:
        raise PermissionDenied
    led = cycle_school_ids_for(request.user, municipality)
    staff = led is None
    if led == []:
        raise PermissionDenied
    years = MirrorYear.objects.filter(municipality=municipality)
    if not staff:
        years = years.filter(status="published")
    years = list(years.order_by("-school_year"))
    if year is None:
        current = SchoolYear.current().start
        mirror_year = next((y for y in years if y.school_year == current), years[0] if years else None)
    else:
        mirror_year = next((y for y in years if y.school_year == check_year(year)), None)
        if mirror_year is None:
            raise Http404
    context = {"years": years, "mirror_year": mirror_year, "staff": staff, "municipality": municipality}
    if mirror_year is not None:
        data = cycle(mirror_year, school_ids=None if staff else led)
        context.update(cycle=data, timeline=timeline(data),
                       months=cycle_calendar(mirror_year, data, request.user))
    return render(request, "dialogue/year_cycle.html", context)
