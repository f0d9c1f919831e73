"""The dashboard people can read: reference rows, every year with data, short headings, the export."""
import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from laeringslop.tests import factories as f

from ..selectors import short_label, short_labels
from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2025
URL = "/dialog/dashbord/"
CSV = "/dialog/dashbord/eksport.csv"
XLSX = "/dialog/dashbord/eksport.xlsx"


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
    df.nation("NPREG08", YEAR, 49.5)
    df.municipal("NPLES05", YEAR, municipality, 50.4, pupils=300)
    df.municipal("NPLES05", YEAR - 1, municipality, 49.8)
    df.value("NPLES05", YEAR, school=high, v=58, pupils=60)
    df.value("NPLES05", YEAR, school=low, v=47, pupils=20)
    df.value("NPREG08", YEAR, school=mid, v=42, pupils=80)
    df.AssessmentFactory(mirror_year=mirror_year, school=high, status="submitted", submitted_at="2025-12-01T12:00Z")
    return municipality, (high, low, mid), mirror_year


def test_reference_rows_hold_the_municipality_and_the_nation(client, town):
    municipality, _schools, _my = town
    client.force_login(f.director(municipality))
    response = client.get(URL)
    own, nation = response.context["references"]
    assert own.label == "Elvedal" and nation.label == "Landet"
    assert [c.cell.display for c in own.cells] == ["50,4", "–"]
    assert [c.cell.display for c in nation.cells] == ["50,0", "49,5"]
    assert own.cells[0].status == "within"  # 50.4 against 50: inside the margin
    html = response.content.decode()
    references = html[html.index('class="dash-references"'):html.index("</tbody>")]
    assert "Elvedal" in references and "Landet" in references and "(referanserad)" in references


def test_reference_rows_stay_on_top_whatever_the_sort(client, town):
    municipality, _schools, _my = town
    client.force_login(f.director(municipality))
    html = client.get(URL, {"sort": "NPLES05", "dir": "desc"}).content.decode()
    assert html.index("(referanserad)") < html.index("Aasen skole</a>") < html.index("Berg skole</a>")
    # Not among the sorted rows: the school rows are the schools only.
    names = [r.school.name for r in client.get(URL, {"sort": "NPLES05"}).context["rows"]]
    assert names == ["Berg skole", "Aasen skole", "Dal ungdomsskole"]


def test_year_picker_offers_every_year_with_data_newest_first(client, town):
    municipality, (high, _low, _mid), _my = town
    df.value("NPLES05", 2021, school=high, v=51, pupils=30)  # a school value only, no set-up year
    df.MirrorYearFactory(municipality=municipality, school_year=2026, status="draft")
    other = f.MunicipalityFactory(number="9902")
    df.municipal("NPLES05", 2019, other, 40)  # another municipality's year is not offered
    df.nation("NPLES05", 2018, 50)  # nor a year with national values only
    client.force_login(f.adviser(municipality))
    response = client.get(URL)
    assert [y for y, _label in response.context["form"].fields["year"].choices] == [2026, 2025, 2024, 2021]
    html = response.content.decode()
    assert '<option value="2021">2021-22</option>' in html
    response = client.get(URL, {"year": 2021})
    assert response.context["year"] == 2021
    assert [c.cell.display for c in response.context["rows"][0].cells][:1] == ["51,0"]
    assert "Læringsspeilet for dette skoleåret er ikke satt opp ennå." in response.content.decode()


def test_short_headings_keep_the_full_name_for_hover_focus_and_screen_readers(client, town):
    municipality, _schools, _my = town
    client.force_login(f.director(municipality))
    html = client.get(URL).content.decode()
    # The link's name starts with the visible short heading (WCAG 2.5.3), then the full name.
    assert ('class="dash-short">NP lesing 5. trinn<span class="dash-full"><span class="visually-hidden"> (</span>'
            'Nasjonale prøver lesing 5. trinn<span class="visually-hidden">)</span></span>') in html


def test_short_label_abbreviates_then_cuts_after_whole_words():
    assert short_label("Trivsel") == "Trivsel"
    assert short_label("Nasjonale prøver regning 8. trinn") == "NP regning 8. trinn"
    assert short_label("Standpunkt norsk hovedmål skriftlig") == "Stp. norsk hm. skr."
    assert short_label("Elevdemokrati og medvirkning") == "Elevdemokrati og…"
    # Two names that would read the same keep their full names.
    assert short_labels(["Lesekartlegging høst 2. trinn", "Lesekartlegging høst 3. trinn"]) == [
        "Lesekartlegging høst 2. trinn", "Lesekartlegging høst 3. trinn"]


def _csv_rows(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def test_csv_export_has_norwegian_header_reference_rows_and_the_shown_sort(client, town):
    municipality, _schools, _my = town
    client.force_login(f.director(municipality))
    response = client.get(CSV, {"sort": "NPLES05", "dir": "desc"})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="dashbord-9901-2025.csv"' in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert rows[0] == ["Skole", "Region", "Egenvurdering", "Nasjonale prøver lesing 5. trinn",
                       "Nasjonale prøver lesing 5. trinn: sammenlignet med landet", "Nasjonale prøver regning 8. trinn",
                       "Nasjonale prøver regning 8. trinn: sammenlignet med landet"]
    assert rows[1] == ["Elvedal", "", "", "50,4", "Innenfor feilmarginen", "", ""]
    assert rows[2] == ["Landet", "", "", "50,0", "", "49,5", ""]
    assert [r[0] for r in rows[3:]] == ["Aasen skole", "Berg skole", "Dal ungdomsskole"]
    assert rows[3][:5] == ["Aasen skole", "Nord", "Levert", "58,0", "Bedre enn landet"]
    assert rows[5][2:] == ["Ikke påbegynt", "", "", "42,0", "Svakere enn landet"]


def test_export_respects_the_filters(client, town):
    municipality, _schools, _my = town
    client.force_login(f.adviser(municipality))
    sor = municipality.regions.get(name="Sør")
    rows = _csv_rows(client.get(CSV, {"region": sor.pk, "indicator": "NPREG08"}))
    assert rows[0][3:] == ["Nasjonale prøver regning 8. trinn",
                           "Nasjonale prøver regning 8. trinn: sammenlignet med landet"]
    assert [r[0] for r in rows[1:]] == ["Elvedal", "Landet", "Berg skole", "Dal ungdomsskole"]


def test_xlsx_export_keeps_numbers_as_numbers(client, town):
    municipality, _schools, _my = town
    client.force_login(f.director(municipality))
    response = client.get(XLSX)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Skole", "Region", "Egenvurdering")
    assert rows[1][:4] == ("Elvedal", None, None, 50.4)
    assert rows[3][0] == "Aasen skole" and rows[3][3] == 58.0


def test_export_links_on_the_page_keep_filters_and_sort(client, town):
    municipality, _schools, _my = town
    client.force_login(f.director(municipality))
    html = client.get(URL, {"sort": "NPLES05", "dir": "desc", "page": 1}).content.decode()
    assert 'href="/dialog/dashbord/eksport.xlsx?sort=NPLES05&amp;dir=desc"' in html
    assert 'href="/dialog/dashbord/eksport.csv?sort=NPLES05&amp;dir=desc"' in html
    assert "Last ned det som vises" in html


def test_unknown_export_format_is_404_and_a_rector_gets_403(client, town):
    municipality, (high, _l, _m), _my = town
    client.force_login(f.director(municipality))
    assert client.get("/dialog/dashbord/eksport.pdf").status_code == 404
    client.force_login(f.rector(high))
    assert client.get(CSV).status_code == 403


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_export_queries_are_the_same_for_33_and_330_schools(client):
    municipality = f.MunicipalityFactory(number="9901")
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR)
    codes = [i.code for i in mirror_year.indicators.all()]
    years = range(YEAR - 4, YEAR + 1)
    schools = [f.SchoolFactory(municipality=municipality) for _ in range(33)]
    df.bulk_values(municipality, schools, codes, years)
    for school in schools[::2]:
        df.AssessmentFactory(mirror_year=mirror_year, school=school)
    client.force_login(f.director(municipality))
    small, response = _count(client, XLSX + "?sort=NPLES05")
    assert len(list(load_workbook(io.BytesIO(response.content)).active.iter_rows())) == 1 + 2 + 33
    small_csv, _response = _count(client, CSV + "?sort=NPLES05")
    more = [f.SchoolFactory(municipality=municipality) for _ in range(297)]
    df.bulk_values(municipality, more, codes, years, areas=False)
    large, response = _count(client, XLSX + "?sort=NPLES05")
    assert len(list(load_workbook(io.BytesIO(response.content)).active.iter_rows())) == 1 + 2 + 330
    large_csv, _response = _count(client, CSV + "?sort=NPLES05")
    assert small == large == small_csv == large_csv <= 15
