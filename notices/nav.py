from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from laeringslop.hooks import NavItem

from .selectors import unread_count


def items(request):
    """«Varsler», with the number not read yet (one COUNT query; none without a municipality)."""
    municipality = getattr(request, "municipality", None)
    count = unread_count(municipality=municipality, user=request.user) if municipality else 0
    return [NavItem(_("Notices"), reverse("notices:list"), order=90, active_prefix="/varsler/", badge=count)]
