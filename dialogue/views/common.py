"""Helpers shared by the dialogue's views."""
from django.http import Http404

from laeringslop import tenancy
from laeringslop.models import Unit
from laeringslop.permissions import get_visible_or_404, is_staff_of_unit

from .. import selectors


def visible_school(user, school_id):
    """The school, if the user may see its Læringsspeil (404 otherwise, and for a kindergarten: the reports,
    dialogues and visits are the schools')."""
    return get_visible_or_404(Unit.objects.schools().select_related("municipality", "region"), "dialogue.view_mirror",
                              user, pk=school_id)


def visible_unit(user, unit_id):
    """The school or kindergarten, if the user may see its Læringsspeil and self-assessment (404 otherwise)."""
    return get_visible_or_404(Unit.objects.select_related("municipality", "region"), "dialogue.view_mirror",
                              user, pk=unit_id)


def school_mirror_year(user, school, year: int):
    """The school's Læringsspeil set-up for the year, or None. The municipality's staff see a year
    being set up; everyone else (the school's rector) only a published one."""
    staff = user.is_superuser or is_staff_of_unit(user, school)
    return selectors.mirror_year_for(school.municipality_id, check_year(year), published_only=not staff)


def check_year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise Http404
    return year


def managed_municipality(request):
    """The request's municipality, whose Læringsspeil the adviser manages (403 for others)."""
    return tenancy.managed_municipality(request, "dialogue.manage")


def managed_year(request, year: int):
    from ..models import MirrorYear

    municipality = managed_municipality(request)
    mirror_year = MirrorYear.objects.filter(municipality=municipality, school_year=check_year(year)).first()
    if mirror_year is None:
        raise Http404
    return mirror_year
