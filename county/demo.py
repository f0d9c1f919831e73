"""Demo data for the county: Buskerud (33) with the demo municipality and Lier (3312, a few schools and
municipality-level values), the network «Kultur for læring» with both as members in two regions, two
shared events, and the county user ``statsforvalter``.

Runs after the dialogue's demo (settings.LOCAL_APPS order), whose years and nation values it reuses.
Idempotent: rows are looked up by their natural keys and created only when missing; values only for
missing keys.
"""
import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from dialogue.demo import demo_mastery
from dialogue.selectors import current_school_year
from indicators.models import Indicator, IndicatorValue, Level
from laeringslop.demo import org_numbers
from laeringslop.models import County, CountyAssignment, Municipality, Unit, UnitKind
from laeringslop.services import upsert, user_ensure

from .models import CountyRegion, EventKind, Network, NetworkEvent, NetworkMembership

COUNTY = ("33", "Buskerud")
LIER = ("3312", "Lier")
LIER_SCHOOLS = [("Hallenskog skole", 1, 7), ("Lierbyen skole", 1, 7), ("Lier ungdomsskole", 8, 10)]
REGIONS = ["Midt-Buskerud", "Nedre Buskerud"]  # the demo municipality, Lier
INDICATORS = ["NPLES05", "NPREG05", "NPLES08", "GSP", "EU_TRIVSEL", "EU_MOBBING"]
YEARS = 5
NETWORK = ("Kultur for læring", "Statsforvalterens satsing med alle kommunene i fylket: felles kartlegging "
                                "hvert andre år, analysekompetanse for skoleledere og lærere, og nettverk på tvers "
                                "av kommunene i regionene.")
#: (title, kind, days from today when first created, hour or None, place, description)
EVENTS = [
    ("Regional samling for skoleledere", EventKind.MEETING, 24, 9, "Drammen, Union Scene",
     "Analyse av resultatene fra kartleggingen, arbeid i regionvise grupper."),
    ("Kommunene leverer analyser til faggruppen", EventKind.MILESTONE, 60, None, "",
     "Hver kommune sender sin analyse og sine prioriteringer til faggruppen."),
]


def _grades(indicator):
    return [7, 10] if indicator.source == "pupil_survey" else list(indicator.grades)


def _value(indicator, k, rng, offset):
    if indicator.source == "national_tests":
        return 50.5 + offset + 0.2 * k + rng.uniform(-0.8, 0.8)
    if indicator.code == "EU_MOBBING":
        return 7.2 - offset / 2 - 0.15 * k + rng.uniform(-0.4, 0.4)
    if indicator.source == "pupil_survey":
        return 4.05 + offset / 20 + rng.uniform(-0.04, 0.04)
    return 41.6 + offset / 2 + 0.15 * k + rng.uniform(-0.3, 0.3)


def _seed_values(lier, county, indicators, years) -> None:
    """Lier's municipality-level values and Buskerud's county values (the nation's come from the dialogue)."""
    wanted = {}
    for ind in indicators:
        for grade in _grades(ind):
            for k, year in enumerate(years):
                for level, code, name, offset, pupils in ((Level.MUNICIPALITY, lier.number, lier.name, 1.2, 310),
                                                           (Level.COUNTY, county.number, county.name, 0.2, 3300)):
                    rng = random.Random(f"{code}-{ind.code}-{grade}-{year}")
                    value = _value(ind, k, rng, offset)
                    uncertainty = None
                    if ind.source == "national_tests":
                        uncertainty = round(1.96 * 10 / pupils ** 0.5, 2)
                    wanted[(ind.pk, year, grade, level, code)] = dict(
                        value=Decimal(str(round(value, 2))), pupil_count=pupils, area_name=name, unit=None,
                        details=demo_mastery(ind, grade, value),
                        uncertainty=None if uncertainty is None else Decimal(str(uncertainty)))
    existing = set(IndicatorValue.objects.filter(indicator__in=indicators, school_year__in=years,
                                                 level__in=[Level.MUNICIPALITY, Level.COUNTY],
                                                 area_code__in=[lier.number, county.number])
                   .values_list("indicator_id", "school_year", "grade", "level", "area_code"))
    IndicatorValue.objects.bulk_create([
        IndicatorValue(indicator_id=ind, school_year=year, grade=grade, level=level, area_code=code, **row)
        for (ind, year, grade, level, code), row in wanted.items() if (ind, year, grade, level, code) not in existing])


@transaction.atomic
def seed(context: dict) -> None:
    county, _c, _ch = upsert(County, {"number": COUNTY[0]}, {"name": COUNTY[1]})
    home = context["municipality"]
    if home.county_id != county.pk:
        home.county = county
        home.save(update_fields=["county"])
    lier, _c, _ch = upsert(Municipality, {"number": LIER[0]}, {"name": LIER[1], "county": county})
    numbers = org_numbers(97470000)
    for name, first, last in LIER_SCHOOLS:
        upsert(Unit, {"org_number": next(numbers)}, {"municipality": lier, "name": name, "kind": UnitKind.SCHOOL,
                                                     "first_grade": first, "last_grade": last, "active": True})
    this_year = current_school_year()
    years = list(range(this_year - YEARS + 1, this_year + 1))
    _seed_values(lier, county, list(Indicator.objects.filter(code__in=INDICATORS)), years)

    regions = [upsert(CountyRegion, {"county": county, "name": name}, {})[0] for name in REGIONS]
    network, _c, _ch = upsert(Network, {"county": county, "name": NETWORK[0]}, {"description": NETWORK[1]})
    admin = context.get("users", {}).get("admin")
    joined = timezone.make_aware(datetime(years[0], 9, 1, 12, 0))
    for municipality, region in ((home, regions[0]), (lier, regions[1])):
        if not NetworkMembership.objects.filter(network=network, municipality=municipality).exists():
            NetworkMembership.objects.create(network=network, municipality=municipality, region=region,
                                             joined_at=joined, joined_by=admin)
    today = timezone.localdate()
    for title, kind, days, hour, place, description in EVENTS:
        if not NetworkEvent.objects.filter(network=network, title=title).exists():
            NetworkEvent.objects.create(network=network, title=title, kind=kind, date=today + timedelta(days=days),
                                        time=time(hour, 0) if hour is not None else None, place=place,
                                        description=description)

    user = user_ensure(username="statsforvalter", first_name="Stine", last_name="Statsforvalter",
                       email="statsforvalter@statsforvalteren.invalid", password=context.get("password", "laeringslop-demo"))
    CountyAssignment.objects.get_or_create(user=user, county=county)
    context.setdefault("users", {})["statsforvalter"] = user
    context.update(county=county, network=network)
