from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from laeringslop.hooks import NavItem


def items(request):
    user = request.user
    result = []
    if user.has_perm("projects.view_plan_list"):
        result.append(NavItem(_("Quality plans"), reverse("projects:plan_list"), order=20))
    if user.has_perm("projects.view_input_list"):
        result.append(NavItem(_("Input"), reverse("projects:input_list"), order=21))
    return result
