from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from laeringslop.hooks import NavItem


def items(request):
    """«Ledermøter» for the planners and the staff (the year's plan); «Mine møter» for the unit leaders."""
    user = request.user
    if not user.is_authenticated or getattr(request, "municipality", None) is None:
        return []
    if user.has_perm("leadership.plan_meeting") or user.has_perm("laeringslop.view_unit_list"):
        return [NavItem(_("Leader meetings"), reverse("leadership:plan_current"), order=20,
                        active_prefix="/ledermoter/", group="owner")]
    if user.has_perm("leadership.view_mine"):
        return [NavItem(_("My meetings"), reverse("leadership:mine"), order=20, active_prefix="/ledermoter/",
                        group="owner")]
    return []
