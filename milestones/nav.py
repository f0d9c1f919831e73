from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from laeringslop.hooks import NavItem


def items(request):
    result = [NavItem(_("My milestones"), reverse("milestones:mine"), order=31)]
    if request.user.has_perm("milestones.view_overview"):
        result.append(NavItem(_("Milestones due"), reverse("milestones:overview"), order=32))
    return result
