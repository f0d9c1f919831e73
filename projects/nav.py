from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from laeringslop.hooks import NavItem
from laeringslop.permissions import is_municipal_staff


def items(request):
    """Staff reach input from the plans page; unit leaders and group officers get their own item."""
    user = request.user
    result = []
    if user.has_perm("projects.view_plan_list"):
        result.append(NavItem(_("Quality plans"), reverse("projects:plan_list"), order=10,
                              active_prefix="/prosjekter/", group="governance"))
    if user.has_perm("projects.view_input_list") and not is_municipal_staff(user):
        result.append(NavItem(_("Input"), reverse("projects:input_list"), order=20, group="governance"))
    return result
