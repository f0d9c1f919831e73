from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from laeringslop.hooks import NavItem


def items(request):
    user = request.user
    result = []
    if user.has_perm("county.view_overview"):
        result.append(NavItem(_("County networks"), reverse("county:overview"), order=40,
                              active_prefix=reverse("county:overview"), group="owner"))
    elif user.has_perm("county.join_network"):
        result.append(NavItem(_("Networks"), reverse("county:municipality_networks"), order=40,
                              group="owner"))
    if user.has_perm("county.add_municipality"):
        result.append(NavItem(_("New municipality"), reverse("county:municipality_create"), order=90,
                              group="operations"))
    return result
