"""Reads for the core pages."""
from django.db.models import Count, Q

from .models import Region, RoleAssignment, Unit, UnitKind
from .permissions import roles_of, units_visible_to


def unit_list(user, *, kind: str = "", region_id=None, query: str = ""):
    qs = units_visible_to(user).select_related("region", "municipality")
    if kind:
        qs = qs.filter(kind=kind)
    if region_id:
        qs = qs.filter(region_id=region_id)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(org_number__contains=query.replace(" ", "")))
    return qs.order_by("kind", "name")


def regions_visible_to(user):
    roleset = roles_of(user)
    qs = Region.objects.all()
    if not user.is_superuser:
        qs = qs.filter(municipality_id__in=roleset.staff_municipality_ids)
    return qs.order_by("name")


def municipality_overview(user) -> dict:
    """Counts of units by kind and region for the staff's home page. One query."""
    rows = (
        units_visible_to(user)
        .filter(active=True)
        .values("region__name", "kind")
        .annotate(n=Count("id"))
        .order_by("region__name")
    )
    by_region: dict = {}
    totals = {UnitKind.SCHOOL: 0, UnitKind.KINDERGARTEN: 0, UnitKind.SERVICE: 0}
    for row in rows:
        region = row["region__name"] or "–"
        by_region.setdefault(region, {UnitKind.SCHOOL: 0, UnitKind.KINDERGARTEN: 0, UnitKind.SERVICE: 0})
        by_region[region][row["kind"]] += row["n"]
        totals[row["kind"]] += row["n"]
    return {
        "regions": [
            {"name": name, "schools": c[UnitKind.SCHOOL], "kindergartens": c[UnitKind.KINDERGARTEN]}
            for name, c in by_region.items()
        ],
        "schools": totals[UnitKind.SCHOOL],
        "kindergartens": totals[UnitKind.KINDERGARTEN],
    }


def units_led_by(user):
    """The units the user leads (rector, kindergarten head)."""
    return Unit.objects.filter(pk__in=roles_of(user).led_unit_ids).select_related("region", "municipality")


def leaders_of(unit):
    return (
        RoleAssignment.objects.filter(unit=unit)
        .select_related("user")
        .order_by("role", "user__last_name")
    )
