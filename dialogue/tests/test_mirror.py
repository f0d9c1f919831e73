"""The Læringsspeil page: values, suppressed and missing cells, honest labels, access, queries."""
import pytest
from django.urls import reverse

from laeringslop.tests import factories as f

from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def setup():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole", first_grade=1, last_grade=10)
    other = f.SchoolFactory(municipality=municipality, name="Annen skole")
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR,
                                       indicator_codes=["NPLES05", "NPREG08", "EU_MOBBING", "GSP"])
    return municipality, school, other, mirror_year


def _url(school, year=YEAR):
    return reverse("dialogue:mirror", kwargs={"school_id": school.pk, "year": year})


def test_rector_sees_values_comparisons_and_the_rule(client, setup):
    municipality, school, _other, _my = setup
    # Reading: big school, published uncertainty: 56 vs 50 with ±2 → real
    df.value("NPLES05", YEAR, school=school, v=56, uncertainty=2, pupils=80)
    df.value("NPLES05", YEAR - 1, school=school, v=55, uncertainty=2, pupils=75)
    df.nation("NPLES05", YEAR, 50)
    df.municipal("NPLES05", YEAR, municipality, 51.2)
    # Numeracy 8th grade: small group, no uncertainty: 46 vs 50 with 12 pupils (margin 5.66) → within
    df.value("NPREG08", YEAR, school=school, v=46, pupils=12)
    df.nation("NPREG08", YEAR, 50)
    # Bullying: suppressed this year
    df.value("EU_MOBBING", YEAR, school=school, grade=10, suppressed=True, pupils=7)
    df.nation("EU_MOBBING", YEAR, 7.5, grade=10)
    client.force_login(f.rector(school))
    response = client.get(_url(school))
    assert response.status_code == 200
    rows = {(r.indicator.code, r.grade): r for g in response.context["groups"] for r in g.rows}
    reading = rows[("NPLES05", 5)]
    assert reading.school.display == "56,0" and reading.nation.display == "50,0"
    assert reading.municipality.display == "51,2"
    assert reading.versus_nation.status == "better"
    assert reading.change.status == "within"  # +1 with ±2.83
    numeracy = rows[("NPREG08", 8)]
    assert numeracy.versus_nation.status == "within"
    assert numeracy.versus_nation.text in ("Innenfor feilmarginen", "Within the margin")
    bullying = rows[("EU_MOBBING", 10)]
    assert bullying.school.display == "*" and bullying.versus_nation.status == "unknown"
    assert rows[("GSP", 10)].school.display == "–"
    html = response.content.decode()
    assert "feilmarginen" in html or "margin" in html
    assert "prikket" in html.lower() or "suppressed" in html.lower()
    assert ">0,0<" not in html  # missing is never zero


def test_numeracy_margin_example(client, setup):
    """1.96 · 10 · sqrt(1/12) = 5.66: a 6-point gap is real, a 5-point gap is not."""
    _m, school, _o, _my = setup
    df.value("NPREG08", YEAR, school=school, v=44, pupils=12)
    df.nation("NPREG08", YEAR, 50)
    df.value("NPLES05", YEAR, school=school, v=45, pupils=12)
    df.nation("NPLES05", YEAR, 50)
    client.force_login(f.rector(school))
    rows = {r.indicator.code: r for g in client.get(_url(school)).context["groups"] for r in g.rows}
    assert rows["NPREG08"].versus_nation.status == "worse"
    assert rows["NPLES05"].versus_nation.status == "within"


def test_primary_school_does_not_get_lower_secondary_points(client, setup):
    municipality, _s, _o, _my = setup
    primary = f.SchoolFactory(municipality=municipality, first_grade=1, last_grade=7)
    client.force_login(f.director(municipality))
    codes = {r.indicator.code for g in client.get(_url(primary)).context["groups"] for r in g.rows}
    assert "GSP" not in codes and "NPREG08" not in codes and "NPLES05" in codes


def test_rector_cannot_see_another_school(client, setup):
    _m, school, other, _my = setup
    client.force_login(f.rector(school))
    assert client.get(_url(other)).status_code == 404
    assert client.get(reverse("dialogue:mirror_export", kwargs={"school_id": other.pk, "year": YEAR,
                                                                "fmt": "csv"})).status_code == 404
    assert client.get(reverse("dialogue:assessment", kwargs={"school_id": other.pk, "year": YEAR})).status_code == 404


def test_rector_does_not_see_an_unpublished_year(client, setup):
    municipality, school, _o, mirror_year = setup
    mirror_year.status = "draft"
    mirror_year.save()
    df.value("NPLES05", YEAR, school=school, v=56, pupils=80)
    client.force_login(f.rector(school))
    response = client.get(_url(school))
    assert response.context["groups"] == []
    client.force_login(f.director(municipality))
    assert client.get(_url(school)).context["groups"]


def test_current_redirects_to_the_newest_published_year(client, setup):
    _m, school, _o, _my = setup
    client.force_login(f.rector(school))
    response = client.get(reverse("dialogue:mirror_current", kwargs={"school_id": school.pk}))
    assert response.url == _url(school)


def test_mirror_page_queries_do_not_grow_with_the_data(client, setup):
    """The same number of queries for 33 schools and for 330, with five years of values and a county."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from laeringslop.models import County

    municipality, school, _o, _my = setup
    municipality.county = County.objects.create(number="99", name="Fjellfylket")
    municipality.save(update_fields=["county"])
    years = range(YEAR - 4, YEAR + 1)
    df.bulk_values(municipality, [school], ["NPLES05", "NPREG08", "EU_MOBBING", "GSP"], years)
    for year in years:
        df.county_value("NPLES05", year, "99", 50.3, details={"1": 20.0, "2": 50.0, "3": 30.0})
    client.force_login(f.rector(school))
    counts = []
    for extra in (31, 297):  # 33 schools (with the setup's two), then 330
        more = [f.SchoolFactory(municipality=municipality) for _ in range(extra)]
        df.bulk_values(municipality, more, ["NPLES05", "NPREG08", "EU_MOBBING", "GSP"], years, areas=False)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(_url(school))
        assert response.status_code == 200
        assert sum(len(g.rows) for g in response.context["groups"]) == 4
        counts.append(len(ctx.captured_queries))
    # 14, the survey's participation beside its indices (one query), the unread count of «Varsler» in the menu,
    # the municipality's former numbers and county (the county comparison: two queries, one without a county)
    # and the measures aimed at the indicators (one query for each app answering the hook: projects'
    # action-plan measures and competence's networks and workshops)
    assert counts[0] == counts[1] <= 20


def test_year_navigation_only_where_there_is_something_to_see(client, setup):
    municipality, school, _o, _my = setup
    client.force_login(f.rector(school))
    html = client.get(_url(school)).content.decode()
    # Nothing before 2025 and nothing in 2026: both buttons are disabled, not links to empty years.
    assert _url(school, YEAR + 1) not in html and _url(school, YEAR - 1) not in html
    assert 'id="next-year"' in html and 'aria-disabled="true" id="next-year"' in html

    df.value("NPLES05", YEAR - 3, school=school, v=51, pupils=40)  # data three years back
    df.MirrorYearFactory(municipality=municipality, school_year=YEAR + 1, status="draft")  # not published
    html = client.get(_url(school)).content.decode()
    assert _url(school, YEAR - 1) in html and _url(school, YEAR + 1) not in html

    df.value("NPLES05", YEAR + 1, school=school, v=52, pupils=40)
    assert _url(school, YEAR + 1) in client.get(_url(school)).content.decode()


def test_dates_follow_the_language(client, setup):
    _m, school, _o, mirror_year = setup  # deadline 15 December 2025
    client.force_login(f.rector(school))
    html = client.get(_url(school)).content.decode()
    assert "Frist: 15. desember 2025" in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(_url(school)).content.decode()
    assert "Deadline: 15 December 2025" in html and "Dec. 15" not in html
    home = client.get(reverse("home")).content.decode()
    assert "15 December 2025" in home
