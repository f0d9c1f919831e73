"""The director's dashboard: honest colours with symbols, sorting, filters, counts, bounded queries."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laeringslop.tests import factories as f

from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2025
URL = "/dialog/dashbord/"


@pytest.fixture
def town():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    nord = f.RegionFactory(municipality=municipality, name="Nord")
    sor = f.RegionFactory(municipality=municipality, name="Sør")
    high = f.SchoolFactory(municipality=municipality, region=nord, name="Aasen skole", first_grade=1, last_grade=7)
    low = f.SchoolFactory(municipality=municipality, region=sor, name="Berg skole", first_grade=1, last_grade=7)
    mid = f.SchoolFactory(municipality=municipality, region=sor, name="Dal ungdomsskole", first_grade=8,
                          last_grade=10)
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR,
                                       indicator_codes=["NPLES05", "NPREG08"])
    df.nation("NPLES05", YEAR, 50)
    df.nation("NPREG08", YEAR, 50)
    df.municipal("NPLES05", YEAR, municipality, 50.4)
    df.municipal("NPLES05", YEAR - 1, municipality, 49.8)
    df.value("NPLES05", YEAR, school=high, v=58, pupils=60)
    df.value("NPLES05", YEAR, school=low, v=47, pupils=20)  # margin 4.38: within
    df.value("NPREG08", YEAR, school=mid, v=42, pupils=80)  # margin 2.19: worse
    df.AssessmentFactory(mirror_year=mirror_year, school=high, status="submitted", submitted_at="2025-12-01T12:00Z")
    df.AssessmentFactory(mirror_year=mirror_year, school=low, status="draft")
    return municipality, (high, low, mid), mirror_year


def test_table_colours_and_symbols(client, town):
    municipality, (high, low, mid), _my = town
    client.force_login(f.director(municipality))
    response = client.get(URL)
    assert response.status_code == 200
    rows = {r.school.name: r for r in response.context["rows"]}
    assert rows["Aasen skole"].cells[0].status == "better"
    assert rows["Berg skole"].cells[0].status == "within"
    assert rows["Dal ungdomsskole"].cells[1].status == "worse"
    assert rows["Dal ungdomsskole"].cells[0].cell.display == "–"
    html = response.content.decode()
    assert 'class="text-end text-nowrap cmp-better"' in html and "Bedre enn landet" in html
    assert "Innenfor feilmarginen" in html and "Svakere enn landet" in html
    assert response.context["counts"] == {"missing": 1, "draft": 1, "submitted": 1}
    assert f'href="/dialog/speil/{high.pk}/{YEAR}/"' in html
    # The trend is also a table (no JavaScript needed) and the chart library is vendored.
    assert "50,4" in html and "49,8" in html
    assert "vendor/chartjs/chart.umd.min.js" in html


def test_sort_by_indicator_puts_missing_last(client, town):
    municipality, _schools, _my = town
    client.force_login(f.director(municipality))
    names = [r.school.name for r in client.get(URL, {"sort": "NPLES05", "dir": "desc"}).context["rows"]]
    assert names == ["Aasen skole", "Berg skole", "Dal ungdomsskole"]
    names = [r.school.name for r in client.get(URL, {"sort": "NPLES05", "dir": "asc"}).context["rows"]]
    assert names == ["Berg skole", "Aasen skole", "Dal ungdomsskole"]
    response = client.get(URL, {"sort": "NPLES05", "dir": "asc"})
    assert 'aria-sort="ascending"' in response.content.decode()


def test_filter_by_region_and_school_type(client, town):
    municipality, _schools, _my = town
    client.force_login(f.adviser(municipality))
    sor = municipality.regions.get(name="Sør")
    assert [r.school.name for r in client.get(URL, {"region": sor.pk}).context["rows"]] == [
        "Berg skole", "Dal ungdomsskole"]
    assert [r.school.name for r in client.get(URL, {"school_type": "lower_secondary"}).context["rows"]] == [
        "Dal ungdomsskole"]
    response = client.get(URL, {"school_type": "primary", "indicator": "NPLES05"})
    assert [i.code for i in response.context["indicators"]] == ["NPLES05"]
    assert response.context["counts"] == {"missing": 0, "draft": 1, "submitted": 1}


def test_rector_has_no_dashboard(client, town):
    _m, (high, _l, _mid), _my = town
    client.force_login(f.rector(high))
    assert client.get(URL).status_code == 403


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_dashboard_queries_are_the_same_for_33_and_330_schools(client):
    from laeringslop.models import County

    county = County.objects.create(number="99", name="Fjellfylket")
    municipality = f.MunicipalityFactory(number="9901", county=county)
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR)
    codes = [i.code for i in mirror_year.indicators.all()]
    years = range(YEAR - 4, YEAR + 1)
    schools = [f.SchoolFactory(municipality=municipality) for _ in range(33)]
    df.bulk_values(municipality, schools, codes, years)
    for code in codes:
        df.county_value(code, YEAR, "99", 50.2, grade=10 if code.startswith("EU_") else None)
    for school in schools[::2]:
        df.AssessmentFactory(mirror_year=mirror_year, school=school)
    client.force_login(f.director(municipality))
    small, response = _count(client, URL + "?sort=NPLES05")
    assert len(response.context["rows"]) == 33
    more = [f.SchoolFactory(municipality=municipality) for _ in range(297)]
    df.bulk_values(municipality, more, codes, years, areas=False)
    large, response = _count(client, URL + "?sort=NPLES05")
    assert len(response.context["rows"]) == 330
    assert [ref.kind for ref in response.context["references"]] == ["municipality", "county", "nation"]
    # 15, and the municipality's former numbers and county (the county's reference row)
    assert small == large <= 17


def test_home_panels(client, town):
    municipality, (high, _l, _mid), mirror_year = town
    client.force_login(f.director(municipality))
    html = client.get(reverse("home")).content.decode()
    assert "Egenvurderinger 2025-26" in html
    client.force_login(f.rector(high))
    html = client.get(reverse("home")).content.decode()
    assert "Levert" in html and f"/dialog/speil/{high.pk}/{YEAR}/vurdering/" in html


def test_unpublished_next_year_is_not_the_default(client, town):
    municipality, _schools, _my = town
    df.MirrorYearFactory(municipality=municipality, school_year=YEAR + 1, status="draft")
    client.force_login(f.director(municipality))
    html = client.get(reverse("home")).content.decode()
    assert "Egenvurderinger 2025-26" in html and "Egenvurderinger 2026-27" not in html
    response = client.get(URL)
    assert response.context["year"] == YEAR and response.context["counts"]["submitted"] == 1
    # Staff can still choose the year being set up.
    assert client.get(URL + f"?year={YEAR + 1}").context["year"] == YEAR + 1


def test_deselected_sort_column_falls_back_to_the_school_name(client, town):
    municipality, (high, low, mid), _my = town
    client.force_login(f.director(municipality))
    response = client.get(URL + "?sort=NPLES05&dir=desc")
    assert [r.school.name for r in response.context["rows"]][:2] == ["Aasen skole", "Berg skole"]  # 58, 47
    html = response.content.decode()
    # All indicators are shown, so all their boxes are ticked.
    assert 'value="NPLES05" id="ind-NPLES05" checked' in html and 'value="NPREG08" id="ind-NPREG08" checked' in html
    response = client.get(URL + "?indicator=NPREG08&sort=NPLES05&dir=desc")
    assert [r.school.name for r in response.context["rows"]] == ["Aasen skole", "Berg skole", "Dal ungdomsskole"]
    html = response.content.decode()
    assert 'name="sort" value="NPLES05"' not in html
    assert response.context["fixed_headers"][0]["aria_sort"] == "ascending"
    assert 'id="ind-NPLES05" checked' not in html and 'id="ind-NPREG08" checked' in html


def test_wide_table_scrolls_in_a_focusable_region(client, town):
    municipality, _schools, _my = town
    client.force_login(f.director(municipality))
    html = client.get(URL).content.decode()
    region = html[html.index('id="dashboard-scroll"') - 80:html.index('id="dashboard-table"')]
    assert 'tabindex="0"' in region and 'role="region"' in region and 'aria-label="Skolene og indikatorene' in region


@pytest.fixture
def big_town():
    """333 schools with values for every indicator of the year (five years), and some assessments."""
    municipality = f.MunicipalityFactory(number="9901")
    regions = [f.RegionFactory(municipality=municipality, name=f"Region {i}") for i in range(6)]
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR)
    codes = [i.code for i in mirror_year.indicators.all()]
    schools = [f.SchoolFactory(municipality=municipality, region=regions[i % 6], name=f"Skole {i:03d}")
               for i in range(333)]
    df.bulk_values(municipality, schools, codes, range(YEAR - 4, YEAR + 1))
    for school in schools[::3]:
        df.AssessmentFactory(mirror_year=mirror_year, school=school)
    return municipality, schools


def test_dashboard_html_at_333_schools_stays_under_200_kb(client, big_town):
    municipality, schools = big_town
    client.force_login(f.director(municipality))
    response = client.get(URL + "?sort=NPLES05&dir=desc")
    assert response.status_code == 200
    size = len(response.content)
    print(f"dashboard at 333 schools: {size / 1024:.0f} KB")
    assert size < 200 * 1024
    # The table is paged: 50 schools, with the filters and the sort kept in the page links.
    html = response.content.decode()
    assert len(response.context["page"].object_list) == 50 and len(response.context["rows"]) == 333
    assert html.count('<th scope="row"><a href="/dialog/speil/') == 50
    assert 'href="?sort=NPLES05&amp;dir=desc&amp;page=2"' in html
    assert "Skolene 1–50 av 333" in html


def test_dashboard_pages_keep_filters_and_sort(client, big_town):
    municipality, schools = big_town
    client.force_login(f.director(municipality))
    region = municipality.regions.get(name="Region 0")  # 56 schools: two pages
    response = client.get(URL, {"region": region.pk, "sort": "name", "dir": "desc", "page": 2})
    names = [r.school.name for r in response.context["page"].object_list]
    assert len(names) == 6 and names == sorted(names, reverse=True)
    assert names[-1] == "Skole 000"
    html = response.content.decode()
    assert f'href="?region={region.pk}&amp;sort=name&amp;dir=desc&amp;page=1"' in html
    # Sorting starts again on page 1 (no page in the sort links), keeping the filter.
    assert f'href="?region={region.pk}&amp;sort=region&amp;dir=asc"' in html
    assert client.get(URL, {"page": "999"}).context["page"].number == 7  # past the end: the last page


def test_pages_are_gzip_compressed_for_a_client_that_accepts_it(client, town):
    import gzip

    municipality, _schools, _my = town
    client.force_login(f.director(municipality))
    response = client.get(URL, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip" and "Accept-Encoding" in response["Vary"]
    assert 'id="dashboard-table"' in gzip.decompress(response.content).decode()
    assert "Content-Encoding" not in client.get(URL)  # not for a client that does not ask


def test_the_county_is_a_reference_row_judged_against_the_nation(client):
    from django.utils import translation

    from laeringslop.models import County

    county = County.objects.create(number="99", name="Fjellfylket")
    municipality = f.MunicipalityFactory(number="9901", county=county)
    df.MirrorYearFactory(municipality=municipality, school_year=YEAR, indicator_codes=["NPLES05"])
    f.SchoolFactory(municipality=municipality)
    df.nation("NPLES05", YEAR, 50.0)
    df.municipal("NPLES05", YEAR, municipality, 50.5)
    df.county_value("NPLES05", YEAR, "99", 53.0, uncertainty=0.4, pupils=3000)
    client.force_login(f.director(municipality))
    with translation.override("nb"):
        response = client.get(URL, HTTP_ACCEPT_LANGUAGE="nb")
    html = response.content.decode()
    row = html[html.index("dash-reference-county"):]
    row = row[:row.index("</tr>")]
    assert "Fjellfylket" in row and "Fylket" in row and "53,0" in row and "Bedre enn landet" in row
