"""Access cases for the county's URLs (walked by laeringslop/tests/test_access_matrix.py).

The world's municipality is a member of a network of its county (county «99» when the world has
none yet). The expectations name the roles the world will have next (``county``: the county role in
that county; ``other_director``/``other_adviser``/``other_rector``: another municipality's people);
``_expect`` keeps only the roles the world has today, so the cases hold before and after.
"""
from datetime import date

from laeringslop.tests.access import LOGIN, Case, expect
from laeringslop.tests.world import ROLES

STAFF = ("director", "adviser", "administrator")
OTHER_STAFF = dict(other_director=404, other_adviser=404)


def _expect(others=403, anonymous=LOGIN, *, other=403, county=403, **roles) -> dict:
    return {role: status for role, status in expect(others, anonymous, other=other, county=county, **roles).items()
            if role in ROLES}


def setup(w):
    """The county (the world's, or «99»), a network with the world's municipality as a member in a
    region, a second network it has not joined, and an event."""
    if "county" not in w.extra:
        from django.utils import timezone

        from laeringslop.models import County

        from ..models import CountyRegion, Network, NetworkEvent, NetworkMembership

        municipality = w.municipality
        if municipality.county_id is None:
            county, _created = County.objects.get_or_create(number="99", defaults={"name": "Verdensfylket"})
            municipality.county = county
            municipality.save(update_fields=["county"])
        county = municipality.county
        region = CountyRegion.objects.create(county=county, name="Verdensregionen")
        network = Network.objects.create(county=county, name="Kultur for læring")
        other = Network.objects.create(county=county, name="Realfagsnettverket")
        NetworkMembership.objects.create(network=network, municipality=municipality, region=region,
                                         joined_at=timezone.now())
        event = NetworkEvent.objects.create(network=network, kind="meeting", title="Samling",
                                            date=date(2099, 3, 1))
        w.extra["county"] = {"county": county, "network": network, "other": other, "event": event}
    return w.extra["county"]


def network(w, which="network"):
    return {"pk": setup(w)[which].pk}


def event(w):
    return {"pk": setup(w)["event"].pk}


def nothing(w):
    setup(w)
    return {}


COUNTY_ONLY = _expect(county=200)

CASES = [
    Case("county:overview", COUNTY_ONLY, kwargs=nothing),
    # Members' staff read the network's page; other municipalities' staff get 404; no network role 403.
    Case("county:network", _expect(county=200, **dict.fromkeys(STAFF, 200), **OTHER_STAFF), kwargs=network,
         label="member"),
    Case("county:network", _expect(county=200, **dict.fromkeys(STAFF, 404), **OTHER_STAFF),
         kwargs=lambda w: network(w, "other"), label="not a member"),
    Case("county:comparison", COUNTY_ONLY, kwargs=network),
    Case("county:regions", COUNTY_ONLY, kwargs=network),
    Case("county:regions", _expect(county=302), kwargs=network, method="post", label="post"),
    Case("county:event_create", COUNTY_ONLY, kwargs=network),
    Case("county:event_create", COUNTY_ONLY, kwargs=network, method="post", label="post (empty: the form again)"),
    Case("county:event_edit", COUNTY_ONLY, kwargs=event),
    Case("county:municipality_networks", _expect(administrator=200), kwargs=nothing),
    Case("county:network_join", _expect(others=405, anonymous=LOGIN, other=405, county=405),
         kwargs=lambda w: network(w, "other"),
         label="get"),
    Case("county:network_join", _expect(administrator=302), kwargs=lambda w: network(w, "other"), method="post"),
    Case("county:network_withdraw", _expect(administrator=302), kwargs=network, method="post"),
    Case("county:municipality_create", _expect(), kwargs=nothing),
    Case("county:municipality_create", _expect(), kwargs=nothing, method="post", label="post"),
]

# The county's pages name the member municipalities (their municipality-level figures are the point),
# so the world's municipality name may show there; its schools never do.
for _case in CASES:
    _case.shared = "the county's pages name their member municipalities"
    if _case.expected.get("county") == 200:
        _case.hides = {**_case.hides, "county": ["Egen skole", "Annen skole", "Egen barnehage", "Annen barnehage"]}
