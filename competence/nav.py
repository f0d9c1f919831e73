from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from laeringslop.hooks import NavItem


def items(request):
    if not request.user.has_perm("competence.view_measures"):
        return []
    return [NavItem(_("Competence"), reverse("competence:measures"), order=30,
                    active_prefix=reverse("competence:measures"), group="owner")]
