from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from laeringslop.hooks import NavItem


def items(request):
    if request.user.has_perm("indicators.import_data"):
        return [NavItem(_("Import"), reverse("indicators:import_upload"), order=40,
                        active_prefix=reverse("indicators:import_upload"), group="results")]
    return []
