"""Who may see and do what: every permission rule of the portal is registered here or in
an app's own ``permissions.py`` with the predicates defined here.

A user's roles are loaded once per request (one query) and cached on the user object.
Object-level access goes through :func:`get_visible_or_404`, which answers 404 for objects
outside the user's reach (so a rector cannot probe another school's ids) and 403 for a user
whose role has no access to that kind of page at all.
"""
from dataclasses import dataclass, field

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Role

_CACHE_ATTR = "_laeringslop_roles"
#: Set on the user by the tenant middleware: only role assignments in this municipality count
#: (None: none count). Absent outside a request (tasks and commands), where all roles count.
ACTIVE_ATTR = "_laeringslop_active_municipality_id"
_ALL = object()
#: The user's role rows (role, municipality id, unit id), when the tenant middleware has read them.
ROWS_ATTR = "_laeringslop_role_rows"


@dataclass(frozen=True)
class RoleSet:
    """The roles of one user, flattened for quick checks."""

    roles: frozenset = field(default_factory=frozenset)
    #: municipalities where the user is director, adviser or administrator
    staff_municipality_ids: frozenset = field(default_factory=frozenset)
    #: units the user leads as rector or kindergarten head
    led_unit_ids: frozenset = field(default_factory=frozenset)
    #: municipalities of any role (staff or unit leader)
    municipality_ids: frozenset = field(default_factory=frozenset)
    #: counties where the user holds the county role
    county_ids: frozenset = field(default_factory=frozenset)

    def has(self, role: str) -> bool:
        return role in self.roles


STAFF_ROLES = {Role.DIRECTOR, Role.ADVISER, Role.ADMINISTRATOR}


#: The county role (a ``CountyAssignment``, not a ``RoleAssignment``).
COUNTY_ROLE = "county"


def role_rows(user) -> list[tuple]:
    """All the user's roles in one query: (role, municipality id, unit id, name, number, county id).

    Municipal and unit roles carry their municipality's name, number and county; the county role
    (``COUNTY_ROLE``) carries the county's id, name and number and no municipality.
    """
    from django.db.models import CharField, IntegerField, Value

    from .models import CountyAssignment, RoleAssignment

    none_int = Value(None, output_field=IntegerField())
    roles = RoleAssignment.objects.filter(user=user).order_by().values_list(
        "role", "municipality_id", "unit_id", "municipality__name", "municipality__number",
        "municipality__county_id")
    counties = CountyAssignment.objects.filter(user=user).order_by().values_list(
        Value(COUNTY_ROLE, output_field=CharField()), none_int, none_int, "county__name", "county__number",
        "county_id")
    return list(roles.union(counties, all=True))


def roles_of(user) -> RoleSet:
    """The user's roles, read from the database once per user object."""
    if user is None or not user.is_authenticated:
        return RoleSet()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    rows = getattr(user, ROWS_ATTR, None)
    if rows is None:
        rows = role_rows(user)
    county_ids = frozenset(c for r, _m, _u, _n, _no, c in rows if r == COUNTY_ROLE)
    rows = [row[:3] for row in rows if row[0] != COUNTY_ROLE]
    active = getattr(user, ACTIVE_ATTR, _ALL)
    if active is not _ALL:
        rows = [row for row in rows if row[1] == active]
    roleset = RoleSet(
        roles=frozenset(r for r, _m, _u in rows) | ({COUNTY_ROLE} if county_ids else frozenset()),
        staff_municipality_ids=frozenset(m for r, m, _u in rows if r in STAFF_ROLES),
        led_unit_ids=frozenset(u for _r, _m, u in rows if u is not None),
        municipality_ids=frozenset(m for _r, m, _u in rows),
        county_ids=county_ids,
    )
    setattr(user, _CACHE_ATTR, roleset)
    return roleset


def awaits_municipality_choice(user) -> bool:
    """In a request, holding municipal roles, but no municipality chosen yet (roles in several)."""
    if not hasattr(user, ACTIVE_ATTR) or getattr(user, ACTIVE_ATTR) is not None:
        return False
    return any(row[0] != COUNTY_ROLE for row in getattr(user, ROWS_ATTR, None) or [])


def active_municipality_id(user) -> int | None:
    """The municipality chosen for this request (None when none is chosen; see ``in_tenant_scope``)."""
    return getattr(user, ACTIVE_ATTR, None)


def forget_roles(user, *, keep_rows: bool = False) -> None:
    """Read the user's roles again on the next check (after they changed, or another municipality)."""
    for attr in (_CACHE_ATTR,) if keep_rows else (_CACHE_ATTR, ROWS_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


# --- Predicates -----------------------------------------------------------------------------
@rules.predicate
def is_director(user):
    return roles_of(user).has(Role.DIRECTOR)


@rules.predicate
def is_adviser(user):
    return roles_of(user).has(Role.ADVISER)


@rules.predicate
def is_administrator(user):
    return bool(user and user.is_authenticated and (user.is_superuser or roles_of(user).has(Role.ADMINISTRATOR)))


@rules.predicate
def is_rector(user):
    return roles_of(user).has(Role.RECTOR)


@rules.predicate
def is_kindergarten_head(user):
    return roles_of(user).has(Role.KINDERGARTEN_HEAD)


@rules.predicate
def is_county_user(user):
    """The county role («Statsforvalter»): the county's network, never a school's own work."""
    return bool(roles_of(user).county_ids)


#: The school owner's people: they see every unit of their municipality.
is_municipal_staff = is_director | is_adviser | is_administrator
#: People who may change municipal data (plans, imports, set-up).
is_editor = is_adviser | is_director | is_administrator
is_unit_leader = is_rector | is_kindergarten_head


@rules.predicate
def leads_unit(user, unit):
    return unit is not None and unit.pk in roles_of(user).led_unit_ids


@rules.predicate
def is_staff_of_unit(user, unit):
    return unit is not None and unit.municipality_id in roles_of(user).staff_municipality_ids


can_view_unit = is_staff_of_unit | leads_unit

rules.add_perm("laeringslop.view_unit_list", is_municipal_staff)
#: Whether a school takes part in the results (a private school does not): the municipality's staff.
rules.add_perm("laeringslop.change_unit_participation", is_staff_of_unit)
#: Set up the municipality's schools from Udir's file: its administrator (and a superuser).
rules.add_perm("laeringslop.import_units", is_administrator)

# The Django admin: the administrator role manages the organisation and its people.
for _model in ("municipality", "region", "unit", "user", "roleassignment", "formernumber"):
    for _action in ("add", "change", "delete", "view"):
        if not rules.perm_exists(f"laeringslop.{_action}_{_model}"):
            rules.add_perm(f"laeringslop.{_action}_{_model}", is_administrator)


# --- Querysets ------------------------------------------------------------------------------
def units_visible_to(user, queryset=None):
    """Units the user may see: all of their municipality for staff, else their own units."""
    from .models import Unit

    qs = Unit.objects.all() if queryset is None else queryset
    roleset = roles_of(user)
    if user.is_authenticated and user.is_superuser:
        return qs
    if roleset.staff_municipality_ids:
        return qs.filter(municipality_id__in=roleset.staff_municipality_ids)
    return qs.filter(pk__in=roleset.led_unit_ids)


# --- View helpers ---------------------------------------------------------------------------
def require_perm(user, perm: str, obj=None) -> None:
    """403 unless the user has the permission."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def get_visible_or_404(queryset, perm: str, user, **lookup):
    """The object, if it exists and the user may see it; 404 otherwise (never reveal ids)."""
    try:
        obj = queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None
    if not user.has_perm(perm, obj):
        raise Http404
    return obj


# --- The Django admin, scoped to the administrator's own municipality ------------------------
# The administrator role is held for one municipality: with an object, the admin's permissions
# above pass only for that municipality's rows (a superuser passes everywhere, as before).
_ADMINISTERED_ATTR = "_laeringslop_administered"


def administered_municipality_ids(user) -> frozenset:
    """The municipalities where the user holds the administrator role (in a request: the chosen one
    at most). Not for superusers: they administer everything without a role."""
    if user is None or not user.is_authenticated:
        return frozenset()
    roleset = roles_of(user)
    cached = getattr(user, _ADMINISTERED_ATTR, None)
    if cached is not None and cached[0] is roleset:  # read again after forget_roles()
        return cached[1]
    if not roleset.has(Role.ADMINISTRATOR):
        ids = frozenset()
    elif len(roleset.municipality_ids) == 1:
        ids = roleset.municipality_ids
    else:
        rows = getattr(user, ROWS_ATTR, None)
        if rows is None:
            rows = role_rows(user)
        active = getattr(user, ACTIVE_ATTR, _ALL)
        ids = frozenset(row[1] for row in rows
                        if row[0] == Role.ADMINISTRATOR and (active is _ALL or row[1] == active))
    setattr(user, _ADMINISTERED_ATTR, (roleset, ids))
    return ids


def municipality_id_of(obj):
    """The municipality a municipality, region, unit, former number or role assignment belongs to (its id)."""
    from .models import Municipality

    if isinstance(obj, Municipality):
        return obj.pk
    return getattr(obj, "municipality_id", None)


@rules.predicate
def administers_municipality(user, municipality):
    """The user is a superuser, or holds the administrator role in this municipality (or its id)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    pk = getattr(municipality, "pk", municipality)
    return pk is not None and pk in administered_municipality_ids(user)


@rules.predicate
def administers_object(user, obj=None):
    """Without an object: true (the model-level check is elsewhere). With a municipality, region,
    unit or role assignment: it belongs to a municipality the user administers."""
    if obj is None:
        return True
    return administers_municipality(user, municipality_id_of(obj))


@rules.predicate
def sees_person(user, person=None):
    """In the admin: the person holds a role in a municipality the user administers."""
    from .models import RoleAssignment

    if person is None or (user.is_authenticated and user.is_superuser):
        return True
    ids = administered_municipality_ids(user)
    return bool(ids) and RoleAssignment.objects.filter(user=person, municipality_id__in=ids).exists()


@rules.predicate
def administers_person(user, person=None):
    """The user may change (name, password, roles) or delete this person: a superuser, or an
    administrator of every municipality the person holds a role in. Never a superuser, a person
    with the county role, or one with Django groups or permissions of their own (those are a
    superuser's to manage)."""
    from .models import CountyAssignment, RoleAssignment

    if person is None or (user.is_authenticated and user.is_superuser):
        return True
    ids = administered_municipality_ids(user)
    if not ids or person.is_superuser:
        return False
    municipalities = set(RoleAssignment.objects.filter(user=person).values_list("municipality_id", flat=True))
    if not municipalities or not municipalities <= ids:
        return False
    return not (CountyAssignment.objects.filter(user=person).exists() or person.groups.exists()
                or person.user_permissions.exists())


for _model in ("municipality", "region", "unit", "roleassignment", "formernumber"):
    for _action in ("change", "delete", "view"):
        rules.set_perm(f"laeringslop.{_action}_{_model}", is_administrator & administers_object)
rules.set_perm("laeringslop.view_user", is_administrator & sees_person)
rules.set_perm("laeringslop.change_user", is_administrator & administers_person)
rules.set_perm("laeringslop.delete_user", is_administrator & administers_person)
# Municipalities are created and removed by a superuser (Django lets a superuser pass every rule).
rules.set_perm("laeringslop.add_municipality", rules.always_deny)
rules.set_perm("laeringslop.delete_municipality", rules.always_deny)


@rules.predicate
def asks_without_object(user, obj=None):
    return obj is None


# A unit's page: its staff and leaders; the administrator role only without an object (the admin's
# model-level question), so an administrator of one municipality does not see another's units.
rules.set_perm("laeringslop.view_unit", (is_administrator & asks_without_object) | can_view_unit)
