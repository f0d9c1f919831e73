"""The county's panels on the home page: the county user's networks; a member municipality's upcoming
network events."""
from laeringslop.hooks import Panel
from laeringslop.permissions import is_county_user, is_municipal_staff
from laeringslop.tenancy import staff_municipality

from . import selectors


def panels(request):
    user = request.user
    result = []
    if is_county_user(user):
        result.append(Panel("county/panels/county.html", {"networks": selectors.county_networks(user)}, order=5))
    if is_municipal_staff(user):
        entries = selectors.member_events(staff_municipality(request))
        if entries:
            result.append(Panel("county/panels/events.html", {"entries": entries}, order=15))
    return result
