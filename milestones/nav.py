from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from laeringslop.hooks import NavItem


def items(request):
    """One item: staff land on the overview (due and late per plan), others on their own."""
    if request.user.has_perm("milestones.view_overview"):
        return [NavItem(_("Milestones"), reverse("milestones:overview"), order=30, active_prefix="/milepaeler/",
                        group="governance")]
    return [NavItem(_("Milestones"), reverse("milestones:mine"), order=30, active_prefix="/milepaeler/",
                    group="governance")]
