from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .hooks import NavItem


def items(request):
    user = request.user
    result = [NavItem(_("Home"), reverse("home"), order=0)]
    if user.has_perm("laeringslop.view_unit_list"):
        result.append(NavItem(_("Units"), reverse("unit_list"), order=10, group="owner"))
    if user.is_staff:
        result.append(NavItem(_("Administration"), reverse("admin:index"), order=99, group="operations"))
    return result
