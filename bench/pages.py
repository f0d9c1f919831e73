"""Benchmark: the busiest pages at demo size and at national size, in one run, against PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/laeringslop_pages_bench python bench/pages.py
    python bench/pages.py [--requests 20]      # the same (the default database)

It EMPTIES the portal's tables in the database it runs against, so it runs only against a
database of its own: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/laeringslop_pages_bench,
created if missing) must name a database whose name ends in ``_bench``; anything else is refused
with exit code 2 before anything is touched.

1. Seeds one municipality of 33 schools (the demo's size) with five years of national-test,
   grunnskolepoeng and pupil-survey values, a published Læringsspeil year and its people, and
   measures its pages: the director's dashboard, a school's Læringsspeil, the report list, and
   (when the county app is installed) the county comparison.
2. Adds a national world around it: 356 municipalities, 2,800 schools, five years of values
   (about 800,000 values), a county of 40 municipalities in one network, and measures the same
   pages for the same municipality again.

It prints, per page and size, the SQL query count and the median and 95th-percentile server time
(Django's test client, in-process), and the ratio national / demo. Targets: the same query count
at both sizes; p95 at national size within 2× of the demo's.
"""
import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/laeringslop_pages_bench"
MUNICIPALITIES, SCHOOLS, YEARS, COUNTY_MEMBERS = 356, 2800, 5, 40
SURVEY_GRADES = range(5, 11)


def setup(url: str) -> None:
    from import_national_tests import ensure_database

    ensure_database(url)  # refuses (exit 2) unless the database name ends in _bench
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laeringslop.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    from indicators.catalogue import catalogue_ensure

    catalogue_ensure()


def _grades(indicator, first, last):
    if indicator.source == "pupil_survey":
        return [g for g in SURVEY_GRADES if first <= g <= last]
    return [g for g in (indicator.grades or [10]) if first <= g <= last]


def seed_municipality(municipality, schools, indicators, years, rng) -> int:
    """Values for the schools (grades 1–10, 1–7 or 8–10) and the municipality's mean, written in bulk."""
    from indicators.models import IndicatorValue, Level

    rows, sums = [], {}
    for school in schools:
        effect = rng.gauss(0, 3)
        for ind in indicators:
            for grade in _grades(ind, school.first_grade, school.last_grade):
                for year in years:
                    pupils = rng.randint(8, 95)
                    base = 50 if ind.source == "national_tests" else 41 if ind.code == "GSP" else 4.0
                    value = None if pupils < 10 else Decimal(f"{base + effect / (1 if base > 10 else 20):.2f}")
                    rows.append(IndicatorValue(
                        indicator=ind, school_year=year, grade=grade, level=Level.SCHOOL, area_code=school.org_number,
                        area_name=school.name, unit=school, value=value, suppressed=value is None,
                        pupil_count=pupils, uncertainty=Decimal("2.1") if value is not None else None))
                    if value is not None:
                        total = sums.setdefault((ind.pk, year, grade), [0.0, 0])
                        total[0] += float(value) * pupils
                        total[1] += pupils
    for (ind, year, grade), (weighted, pupils) in sums.items():
        rows.append(IndicatorValue(indicator_id=ind, school_year=year, grade=grade, level=Level.MUNICIPALITY,
                                   area_code=municipality.number, area_name=municipality.name,
                                   value=Decimal(f"{weighted / pupils:.2f}"), pupil_count=pupils,
                                   uncertainty=Decimal("0.8")))
    IndicatorValue.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def make_schools(municipality, count, orgs, offset):
    from laeringslop.models import Unit, UnitKind

    spans = [(1, 10), (1, 7), (8, 10)]
    units = [Unit(municipality=municipality, kind=UnitKind.SCHOOL, org_number=orgs[offset + i],
                  name=f"{municipality.name} skole {i + 1:02d}", first_grade=spans[i % 3][0],
                  last_grade=spans[i % 3][1]) for i in range(count)]
    return Unit.objects.bulk_create(units)


def seed_nation(indicators, years) -> int:
    from indicators.models import IndicatorValue, Level

    rows = [IndicatorValue(indicator=ind, school_year=year, grade=grade, level=Level.NATION, area_code="I",
                           area_name="Hele landet", value=Decimal("50.00") if ind.source == "national_tests" else
                           Decimal("4.00"))
            for ind in indicators for grade in _grades(ind, 1, 10) for year in years]
    IndicatorValue.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def demo_world(orgs, indicators, years):
    """The measured municipality: 33 schools, a published year, a director and an adviser."""
    from dialogue.models import MirrorYear
    from laeringslop.models import County, Municipality, Role, RoleAssignment, User

    county = County.objects.create(number="33", name="Buskerud")
    town = Municipality.objects.create(number="3301", name="Drammen", county=county)
    schools = make_schools(town, 33, orgs, 0)
    seed_municipality(town, schools, indicators, years, random.Random(1))
    seed_nation(indicators, years)
    year = MirrorYear.objects.create(municipality=town, school_year=years[-1], deadline=date(years[-1], 12, 15),
                                     status="published")
    year.indicators.set(indicators[:14])
    people = {}
    for username, role in (("direktor", Role.DIRECTOR), ("radgiver", Role.ADVISER)):
        people[username] = User.objects.create_user(username, password="x")
        RoleAssignment.objects.create(user=people[username], role=role, municipality=town)
    return {"county": county, "town": town, "schools": schools, "year": year, "people": people}


def national_world(world, orgs, indicators, years) -> int:
    """355 more municipalities with 2,767 schools; 40 of them (with the measured one) in one county."""
    from laeringslop.models import County, Municipality

    rng = random.Random(2)
    counties = [world["county"]] + [County.objects.create(number=f"{n:02d}", name=f"Fylke {n:02d}")
                                    for n in (3, 11, 15, 18, 31, 32, 34, 39, 40, 42, 46, 50, 55, 56)]
    left, offset, written = SCHOOLS - 33, 33, 0
    others = MUNICIPALITIES - 1
    for i in range(others):
        county = counties[0] if i < COUNTY_MEMBERS - 1 else counties[1 + i % (len(counties) - 1)]
        town = Municipality.objects.create(number=f"{5100 + i:04d}", name=f"Kommune {i:03d}", county=county)
        count = left // (others - i)
        left -= count
        schools = make_schools(town, count, orgs, offset)
        offset += count
        written += seed_municipality(town, schools, indicators, years, rng)
    world["county_members"] = list(Municipality.objects.filter(county=counties[0]))
    return written


def county_setup(world):
    """The county user and a network of the county's municipalities, if the county app is installed."""
    from django.apps import apps

    if not apps.is_installed("county"):
        return None
    from django.utils import timezone

    from county.models import Network, NetworkMembership
    from laeringslop.models import CountyAssignment, User

    user = User.objects.create_user("statsforvalter", password="x")
    CountyAssignment.objects.create(user=user, county=world["county"])
    network = Network.objects.create(county=world["county"], name="Kultur for læring")
    for municipality in world.get("county_members") or [world["town"]]:
        NetworkMembership.objects.get_or_create(network=network, municipality=municipality,
                                                    defaults={"joined_at": timezone.now()})
    world["people"]["statsforvalter"] = user
    return network


def pages(world, network):
    from django.urls import reverse

    year = world["year"].school_year
    school = world["schools"][0]
    result = [
        ("director's dashboard", "direktor", reverse("dialogue:dashboard")),
        ("Læringsspeil (one school)", "direktor", reverse("dialogue:mirror", args=[school.pk, year])),
        ("report list", "radgiver", reverse("dialogue:report_list", args=[year])),
    ]
    if network is not None:
        from indicators.models import Indicator

        url = reverse("county:comparison", args=[network.pk])
        code = Indicator.objects.get(code="NPLES05").pk
        result.append(("county comparison", "statsforvalter", f"{url}?indicator={code}"))
    return result


def measure(world, network, requests: int) -> dict:
    from django.db import connection
    from django.test import Client

    figures = {}
    for label, username, url in pages(world, network):
        client = Client()
        client.force_login(world["people"][username])
        for _ in range(2):  # warm-up
            assert client.get(url).status_code == 200, (label, url)
        queries = []
        # Counted with a wrapper: the request's start empties connection.queries, so a capture would miss them.
        with connection.execute_wrapper(lambda execute, sql, *rest, seen=queries: seen.append(sql) or execute(sql, *rest)):
            client.get(url)
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200
        times.sort()
        figures[label] = {"queries": len(queries), "median": statistics.median(times),
                          "p95": times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]}
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    sys.path.insert(0, str(Path(__file__).parent))
    setup(url)
    from import_national_tests import org_numbers

    from indicators.models import Indicator, IndicatorValue

    indicators = list(Indicator.objects.filter(is_local=False).order_by("code"))
    years = list(range(2021, 2021 + YEARS))
    orgs = org_numbers(SCHOOLS)
    started = time.perf_counter()
    world = demo_world(orgs, indicators, years)
    network = county_setup(world)
    print(f"Demo size: 1 municipality, 33 schools, {IndicatorValue.objects.count():,} values "
          f"(seeded in {time.perf_counter() - started:.0f} s)")
    demo = measure(world, network, args.requests)
    started = time.perf_counter()
    national_world(world, orgs, indicators, years)
    if network is not None:
        from django.utils import timezone

        from county.models import NetworkMembership

        for municipality in world["county_members"]:
            NetworkMembership.objects.get_or_create(network=network, municipality=municipality,
                                                    defaults={"joined_at": timezone.now()})
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"National size: {MUNICIPALITIES} municipalities, {SCHOOLS:,} schools, "
          f"{IndicatorValue.objects.count():,} values, a county network of "
          f"{len(world['county_members'])} municipalities (seeded in {time.perf_counter() - started:.0f} s)")
    national = measure(world, network, args.requests)
    print()
    print(f"{'page':<28} {'queries':>13} {'median ms':>17} {'p95 ms':>17} {'p95 ratio':>10}")
    print(f"{'':<28} {'demo / nat.':>13} {'demo / national':>17} {'demo / national':>17}")
    for label in demo:
        d, n = demo[label], national[label]
        print(f"{label:<28} {d['queries']:>6} / {n['queries']:<5} {d['median'] * 1000:>7.1f} / {n['median'] * 1000:<7.1f} "
              f"{d['p95'] * 1000:>7.1f} / {n['p95'] * 1000:<7.1f} {n['p95'] / d['p95']:>9.2f}×")
    print("\nTargets: the same query count at both sizes; p95 at national size within 2× of the demo's.")


if __name__ == "__main__":
    main()
