"""The Læringsspeil shows, beside its indicators, the measures aimed at them, since when, and the trend since
each started (honest comparison, never across a break in the series); in a bounded number of queries."""
import datetime

import pytest
from django.urls import reverse

from indicators.models import Indicator
from laeringslop.tests import factories as f
from projects.tests import factories as pf

from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2025
D = datetime.date


@pytest.fixture
def setup():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole", first_grade=1, last_grade=10)
    df.MirrorYearFactory(municipality=municipality, school_year=YEAR,
                         indicator_codes=["NPLES05", "NPREG08", "EU_MOBBING", "GSP"])
    plan = pf.PlanFactory(municipality=municipality, name="Kvalitetsplan Elvedal", start_year=2023, end_year=2028)
    return municipality, school, plan


def _measure(plan, title, starts_on, *codes, **kw):
    return pf.MeasureFactory(plan=plan, title=title, starts_on=starts_on,
                             indicators=list(Indicator.objects.filter(code__in=codes)), **kw)


def _page(client, school, year=YEAR):
    client.force_login(f.rector(school))
    return client.get(reverse("dialogue:mirror", kwargs={"school_id": school.pk, "year": year}))


def _trends(response):
    return {(t.indicator.code, t.measure.title): t for t in response.context["measure_trends"]}


def test_a_measure_shows_beside_its_indicator_with_a_real_improvement_since_it_started(client, setup):
    _m, school, plan = setup
    _measure(plan, "Lesing i alle fag", D(2023, 8, 15), "NPLES05")
    df.value("NPLES05", 2023, school=school, v=48, uncertainty=2, pupils=60)
    df.value("NPLES05", YEAR, school=school, v=55, uncertainty=2, pupils=60)
    response = _page(client, school)
    trend = _trends(response)[("NPLES05", "Lesing i alle fag")]
    assert (trend.start_year, trend.latest_year, trend.verdict.status) == (2023, YEAR, "better")
    html = response.content.decode()
    assert "Tiltak rettet mot indikatorene" in html
    assert "Lesing i alle fag" in html and "Tiltak i handlingsplanen" in html
    assert "Reell framgang" in html[html.index('id="measures"'):]
    assert "15. august 2023" in html


def test_a_change_within_the_margin_says_so(client, setup):
    _m, school, plan = setup
    _measure(plan, "Trygt skolemiljø", D(2024, 1, 8), "EU_MOBBING")
    df.value("EU_MOBBING", 2023, school=school, grade=10, v=8, pupils=80)
    df.value("EU_MOBBING", YEAR, school=school, grade=10, v=7.5, pupils=80)
    html = _page(client, school).content.decode()
    assert "Innenfor feilmarginen" in html[html.index('id="measures"'):]


def test_no_trend_across_a_break_in_the_series(client, setup):
    _m, school, plan = setup
    _measure(plan, "Lesekurs", D(2021, 9, 1), "NPLES05")  # the national tests start a new series in 2022
    df.value("NPLES05", 2021, school=school, v=48, uncertainty=2, pupils=60)
    df.value("NPLES05", YEAR, school=school, v=55, uncertainty=2, pupils=60)
    response = _page(client, school)
    trend = _trends(response)[("NPLES05", "Lesekurs")]
    assert trend.verdict is None
    assert "Brudd i tidsserien: resultatene før og etter kan ikke sammenlignes." in response.content.decode()


def test_the_latest_is_the_newest_year_with_a_result(client, setup):
    _m, school, plan = setup
    _measure(plan, "Lesing i alle fag", D(2023, 8, 15), "NPLES05")
    df.value("NPLES05", 2023, school=school, v=48, uncertainty=2, pupils=60)
    df.value("NPLES05", 2024, school=school, v=49, uncertainty=2, pupils=60)  # none yet for 2025
    trend = _trends(_page(client, school))[("NPLES05", "Lesing i alle fag")]
    assert (trend.latest_year, trend.verdict.status) == (2024, "within")


def test_a_measure_started_after_the_school_year_is_not_shown(client, setup):
    _m, school, plan = setup
    _measure(plan, "Kommer senere", D(YEAR + 1, 8, 20), "NPLES05")
    response = _page(client, school)
    assert response.context["measure_trends"] == []
    assert "Tiltak rettet mot indikatorene" not in response.content.decode()


def test_a_measure_for_other_schools_is_not_shown(client, setup):
    municipality, school, plan = setup
    other = f.SchoolFactory(municipality=municipality)
    _measure(plan, "Bare for en annen skole", D(2023, 8, 15), "NPLES05", all_schools=False, schools=[other])
    assert _page(client, school).context["measure_trends"] == []


def test_queries_stay_bounded_at_33_and_330_schools_with_measures(client, setup):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    municipality, school, plan = setup
    codes = ["NPLES05", "NPREG08", "EU_MOBBING", "GSP"]
    years = range(YEAR - 4, YEAR + 1)
    df.bulk_values(municipality, [school], codes, years)
    _measure(plan, "Lesing i alle fag", D(2023, 8, 15), "NPLES05", "NPREG08")
    _measure(plan, "Trygt skolemiljø", D(2024, 1, 8), "EU_MOBBING")
    chosen = _measure(plan, "For utvalgte skoler", D(2022, 8, 15), "NPLES05", "GSP", all_schools=False,
                      schools=[school])
    counts, schools = [], [school]
    client.force_login(f.rector(school))
    url = reverse("dialogue:mirror", kwargs={"school_id": school.pk, "year": YEAR})
    for total in (33, 330):
        more = [f.SchoolFactory(municipality=municipality) for _ in range(total - len(schools))]
        schools += more
        df.bulk_values(municipality, more, codes, years, areas=False)
        chosen.schools.set(schools)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert len(response.context["measure_trends"]) == 5
        counts.append(len(ctx.captured_queries))
    # the Læringsspeil's own queries (see test_mirror: 20 with both apps answering the hook) and the
    # measures' values' one
    assert counts[0] == counts[1] <= 21
