"""Test helpers for the county: a county with a network of member municipalities and their values."""
from django.utils import timezone

from dialogue.tests import factories as df
from indicators.models import IndicatorValue
from laeringslop.models import County, CountyAssignment
from laeringslop.tests import factories as f

from ..models import CountyRegion, Network, NetworkMembership


def county(number="33", name="Buskerud"):
    return County.objects.get_or_create(number=number, defaults={"name": name})[0]


def county_user(of, username="statsforvalter"):
    user = f.UserFactory(username=username)
    CountyAssignment.objects.create(user=user, county=of)
    return user


def municipality(of, number, name=None):
    return f.MunicipalityFactory(number=number, name=name or f"Kommune {number}", county=of)


def network(of, name="Kultur for læring"):
    return Network.objects.create(county=of, name=name)


def region(of, name):
    return CountyRegion.objects.create(county=of, name=name)


def member(net, muni, reg=None):
    return NetworkMembership.objects.create(network=net, municipality=muni, region=reg, joined_at=timezone.now())


def network_of(n: int, *, code="NPLES05", years=(2023, 2024), regions=2, number_base=3300, county_number="33"):
    """A county network of ``n`` member municipalities spread over ``regions`` regions, each with a value
    (and a number of pupils) per year, and the county's and the nation's values."""
    c = county(county_number, f"Fylke {county_number}")
    net = network(c)
    regs = [region(c, f"Region {i + 1}") for i in range(regions)]
    for i in range(n):
        m = municipality(c, f"{number_base + i:04d}")
        member(net, m, regs[i % regions] if regions else None)
        for year in years:
            df.municipal(code, year, m, 50 + i % 5, pupils=100 + i)
    for year in years:
        df.value(code, year, level=2, area_code=c.number, v=50.5, pupils=3000)
        if not IndicatorValue.objects.filter(indicator__code=code, school_year=year, level=1).exists():
            df.nation(code, year, 50)
    return net
