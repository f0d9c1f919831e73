"""The core's panels on the home page: who you are and what you lead or oversee."""
from .hooks import Panel
from .permissions import is_municipal_staff, roles_of
from .selectors import municipality_overview, units_led_by


def panels(request):
    user = request.user
    result = []
    if roles_of(user).led_unit_ids:
        result.append(Panel("laeringslop/panels/my_units.html", {"units": units_led_by(user)}, order=0))
    if is_municipal_staff(user):
        result.append(Panel("laeringslop/panels/overview.html", {"overview": municipality_overview(user)}, order=5))
    if not roles_of(user).roles and not user.is_superuser:
        result.append(Panel("laeringslop/panels/no_role.html", order=0))
    return result
