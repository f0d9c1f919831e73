"""The year's «Add a unit» page: a school or kindergarten opened after the year was published is added to
it, with a confirmation (the advisers, the director and the administrators: those who may publish)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from laeringslop.models import Unit, UnitKind

from ..selectors.year_units import unit_leaders, unit_to_add, units_to_add, year_unit_counts
from ..year_units import mirror_year_unit_add, mirror_year_unit_check
from .common import managed_year


@login_required
def year_units(request, year):
    """The municipality's schools and kindergartens taking part now that are not in the published year."""
    mirror_year = managed_year(request, year)
    return render(request, "dialogue/year_units.html", {
        "mirror_year": mirror_year, "to_add": units_to_add(mirror_year), "counts": year_unit_counts(mirror_year),
    })


@login_required
def year_unit_add(request, year, unit_id):
    """GET: the confirmation (who will be told); POST: add the unit. 404 for a unit of another municipality."""
    mirror_year = managed_year(request, year)
    unit = get_object_or_404(Unit.objects.select_related("region"), pk=unit_id,
                             municipality_id=mirror_year.municipality_id,
                             kind__in=[UnitKind.SCHOOL, UnitKind.KINDERGARTEN])
    try:
        if request.method == "POST":
            mirror_year_unit_add(mirror_year=mirror_year, unit=unit, user=request.user)
            if unit_leaders(unit).exists():
                text = _("%(unit)s takes part in the Læringsspeil %(year)s from now on; its leaders are told that "
                         "the self-assessment is open.")
            else:
                text = _("%(unit)s takes part in the Læringsspeil %(year)s from now on. It has no leader in the "
                         "portal yet, so nobody was told.")
            messages.success(request, text % {"unit": unit.name, "year": mirror_year.label})
            return redirect("dialogue:year_setup", year=year)
        mirror_year_unit_check(mirror_year=mirror_year, unit=unit)
    except ValidationError as error:  # e.g. added meanwhile (a second click), or already in the year
        messages.error(request, " ".join(error.messages))
        return redirect("dialogue:year_units", year=year)
    return render(request, "dialogue/year_unit_add.html", {"mirror_year": mirror_year, "item": unit_to_add(unit)})
