"""Reads for the year's «Add a unit» page: the municipality's schools and kindergartens not yet in a
published year, with the leaders who would be told."""
from dataclasses import dataclass

from laeringslop.models import Role, RoleAssignment, Unit, UnitKind

from ..models import MirrorYear
from .cycle import kindergartens_taking_part_now, schools_taking_part_now


@dataclass
class UnitToAdd:
    unit: Unit
    leaders: list  # users: the school's rectors, the kindergarten's heads


def units_to_add(mirror_year: MirrorYear) -> dict[str, list[UnitToAdd]]:
    """{"schools": [...], "kindergartens": [...]}: the municipality's units taking part now that are not in
    the year (both lists empty before it is published: then every unit taking part is in it). Three
    queries, however many units."""
    if not mirror_year.is_published:
        return {"schools": [], "kindergartens": []}
    municipality_id = mirror_year.municipality_id
    schools = list(schools_taking_part_now(municipality_id).exclude(pk__in=mirror_year.schools.values("pk"))
                   .select_related("region"))
    kindergartens = list(kindergartens_taking_part_now(municipality_id)
                         .exclude(pk__in=mirror_year.kindergartens.values("pk")).select_related("region"))
    leaders: dict = {}
    for ra in (RoleAssignment.objects.filter(role__in=[Role.RECTOR, Role.KINDERGARTEN_HEAD],
                                             unit__in=[u.pk for u in schools + kindergartens])
               .select_related("user").order_by("user__first_name", "user__last_name", "user_id")):
        leaders.setdefault(ra.unit_id, []).append(ra.user)
    return {"schools": [UnitToAdd(u, leaders.get(u.pk, [])) for u in schools],
            "kindergartens": [UnitToAdd(u, leaders.get(u.pk, [])) for u in kindergartens]}


def unit_leaders(unit: Unit):
    """The role assignments of the unit's leaders: a school's rectors, a kindergarten's heads (styrere)."""
    role = Role.KINDERGARTEN_HEAD if unit.kind == UnitKind.KINDERGARTEN else Role.RECTOR
    return (RoleAssignment.objects.filter(role=role, unit=unit).select_related("user", "unit")
            .order_by("user__first_name", "user__last_name", "user_id"))


def unit_to_add(unit: Unit) -> UnitToAdd:
    """One unit with its leaders (for the confirmation). One query."""
    return UnitToAdd(unit, [ra.user for ra in unit_leaders(unit)])


def year_unit_counts(mirror_year: MirrorYear) -> dict[str, int]:
    """How many schools and kindergartens take part in the year (fixed at publishing). Two queries."""
    from .cycle import cycle_kindergartens, cycle_schools

    return {"schools": cycle_schools(mirror_year).count(), "kindergartens": cycle_kindergartens(mirror_year).count()}
