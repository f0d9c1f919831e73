"""The municipality (the tenant) of a request: one at a time, explicitly, never "the first".

``TenantMiddleware`` sets ``request.municipality`` from the user's role assignments: the only
municipality they hold roles in, or, for a person with roles in several, the one chosen in the
menu's switcher (remembered in the session). Until such a person has chosen, pages send them to
the chooser. The user's roles (``laeringslop.permissions.roles_of``) are then read for that
municipality only, so every permission rule, selector and queryset that builds on them sees the
chosen municipality and nothing of the others.

Outside a request (tasks, commands) no municipality is active and services take it explicitly.
"""
from django.shortcuts import redirect
from django.urls import reverse

from .models import Municipality
from .permissions import ACTIVE_ATTR, COUNTY_ROLE, ROWS_ATTR, forget_roles, role_rows, roles_of

SESSION_KEY = "laeringslop_municipality_id"
#: Paths a person with several municipalities may open before choosing one.
EXEMPT_PREFIXES = ("/kommune/velg/", "/konto/", "/admin/", "/static/", "/helse/", "/i18n/", "/milepaeler/kalender/",
                   "/dialog/kalender/")


def staff_municipality(request) -> Municipality | None:
    """The request's municipality, if the user works for it as director, adviser or administrator."""
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        return None
    if request.user.is_superuser or municipality.pk in roles_of(request.user).staff_municipality_ids:
        return municipality
    return None


def managed_municipality(request, perm: str) -> Municipality:
    """The request's municipality, for a page where the user manages something of it: 403 without
    ``perm`` or without a staff role in that municipality."""
    from django.core.exceptions import PermissionDenied

    from .permissions import require_perm

    require_perm(request.user, perm)
    municipality = staff_municipality(request)
    if municipality is None:
        raise PermissionDenied
    return municipality


def municipality_choices(user) -> list[Municipality]:
    """The municipalities the user holds a role in (a superuser: every municipality), by name.

    Reads the user's role rows once and keeps them for ``roles_of`` (no second query).
    """
    if not user.is_authenticated:
        return []
    rows = role_rows(user)
    setattr(user, ROWS_ATTR, rows)
    if user.is_superuser:
        return list(Municipality.objects.order_by("name"))
    # Instances with every field a page uses (name, number, county), read with the roles in one query.
    named = {pk: Municipality(pk=pk, name=name, number=number, county_id=county_id)
             for role, pk, _u, name, number, county_id in rows if role != COUNTY_ROLE}
    return sorted(named.values(), key=lambda m: m.name)


def activate(user, municipality: Municipality | None) -> None:
    """Read the user's roles for this municipality only, from now on (this request)."""
    setattr(user, ACTIVE_ATTR, municipality.pk if municipality else None)
    forget_roles(user, keep_rows=True)


def municipality_choose(request, municipality: Municipality) -> None:
    """Remember the chosen municipality for the session (the caller checked it is one of the choices)."""
    request.session[SESSION_KEY] = municipality.pk
    activate(request.user, municipality)
    request.municipality = municipality


class TenantMiddleware:
    """Sets ``request.municipality`` and ``request.municipality_choices`` (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.municipality = None
        request.municipality_choices = []
        user = request.user
        if user.is_authenticated:
            choices = municipality_choices(user)
            request.municipality_choices = choices
            chosen = request.session.get(SESSION_KEY)
            by_id = {m.pk: m for m in choices}
            if chosen in by_id:
                request.municipality = by_id[chosen]
            elif len(choices) == 1 and not user.is_superuser:
                request.municipality = choices[0]
            # No municipality (several and none chosen yet, or none at all): no role counts.
            activate(user, request.municipality)
            if (request.municipality is None and len(choices) > 1 and not user.is_superuser
                    and request.method == "GET" and not request.path.startswith(EXEMPT_PREFIXES)):
                return redirect(f"{reverse('municipality_choose')}?next={request.get_full_path()}")
        return self.get_response(request)
