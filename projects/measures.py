"""Measures (tiltak) of a plan's action plan: their write, the plan's list, and the Læringsspeil hook
(``laeringslop.hooks.indicator_measures``) that finds the measures aimed at a school's indicators."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from laeringslop import concurrency
from laeringslop.hooks import IndicatorMeasure
from laeringslop.models import RoleAssignment, Unit, UnitKind

from .models import Measure, QualityPlan
from .services import plan_ensure_writable


def _check_choices(measure: Measure, *, schools, indicators, all_schools: bool) -> None:
    """The person, schools and indicators belong to the plan's municipality (the form limits its
    choices; a forged or stale form is refused here): codes "foreign_person", "foreign_school",
    "foreign_indicator", "no_schools"."""
    municipality_id = measure.plan.municipality_id
    errors = {}
    person = measure.responsible_person
    if person is not None and not (person.is_active and RoleAssignment.objects.filter(
            user=person, municipality_id=municipality_id).exists()):
        errors["responsible_person"] = ValidationError(
            _("%(name)s does not work in the municipality.") % {"name": person.get_full_name() or person.username},
            code="foreign_person")
    wrong = [unit for unit in schools if unit.municipality_id != municipality_id or unit.kind != UnitKind.SCHOOL]
    if wrong:
        errors["schools"] = ValidationError(
            _("%(names)s is not a school of the municipality.") % {"names": ", ".join(u.name for u in wrong)},
            code="foreign_school")
    elif not all_schools and not schools:
        errors["schools"] = ValidationError(
            _("Choose the schools the measure concerns, or tick «All schools»."), code="no_schools")
    wrong = [i for i in indicators if i.is_local and i.municipality_id != municipality_id]
    if wrong:
        errors["indicators"] = ValidationError(
            _("%(names)s is not an indicator the municipality can use.") % {"names": ", ".join(i.name for i in wrong)},
            code="foreign_indicator")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def measure_save(*, form, plan: QualityPlan | None = None) -> Measure:
    """Create or change a measure from its validated form (``plan`` for a new one).

    Refused with code "stale" over a newer version; "foreign_person", "foreign_school", "foreign_indicator",
    "no_schools" (above); "responsible_required" with neither a person nor a text (the model's rule); "other_plan" for a group or expectation of another plan (the model's rule); "archived" in an
    archived plan."""
    measure = form.save(commit=False)
    if plan is not None:
        measure.plan = plan
    plan_ensure_writable(measure.plan, lock=True)
    data = form.cleaned_data
    schools, indicators = list(data.get("schools") or []), list(data.get("indicators") or [])
    _check_choices(measure, schools=schools, indicators=indicators, all_schools=measure.all_schools)
    concurrency.claim(measure, version=data.get(concurrency.FIELD), form=form)
    measure.full_clean()
    measure.save()
    measure.schools.set([] if measure.all_schools else schools)
    measure.indicators.set(indicators)
    return measure


def measures_of(plan: QualityPlan):
    """The plan's measures with their group, expectation, responsible person (with the person's roles in
    the plan's municipality, ``local_roles``, for «rektor, Almeåsen skole»), schools and indicators
    (six queries)."""
    roles = RoleAssignment.objects.filter(municipality_id=plan.municipality_id).select_related("unit").order_by(
        "role", "unit__name")
    return (plan.measures.select_related("group", "expectation", "responsible_person")
            .prefetch_related(Prefetch("responsible_person__role_assignments", queryset=roles, to_attr="local_roles"),
                              "schools", "indicators").order_by("starts_on", "title", "pk"))


#: the measures' kind as the Læringsspeil names it
KIND = gettext_lazy("Action-plan measure")


def for_indicators(municipality, unit, indicator_ids) -> list[IndicatorMeasure]:
    """The hook for the Læringsspeil: the municipality's measures that name one of ``indicator_ids`` and
    concern ``unit`` (all schools, or ``unit`` among theirs). One query; one entry per measure and indicator.

    The link is the plan's list of measures, which everyone who may read a school's Læringsspeil may open
    (the municipality's staff and the school's leaders read its plans)."""
    if municipality is None or unit is None:
        return []
    through = Measure.indicators.through
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    rows = (through.objects.filter(indicator_id__in=list(indicator_ids),
                                   measure__plan__municipality_id=getattr(municipality, "pk", municipality))
            .filter(Q(measure__all_schools=True) | Q(measure__schools__id=unit_id))
            .order_by("indicator_id", "measure__starts_on", "measure__title")
            .values_list("indicator_id", "measure_id", "measure__title", "measure__starts_on", "measure__plan_id")
            .distinct())
    kind = str(KIND)
    return [IndicatorMeasure(indicator_id=indicator_id, title=title, kind=kind, started_on=started_on,
                             url=reverse("projects:measure_list", args=[plan_id]) + f"#measure-{measure_id}")
            for indicator_id, measure_id, title, started_on, plan_id in rows]


__all__ = ["measure_save", "measures_of", "for_indicators"]
