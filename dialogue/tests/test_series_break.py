"""The 2022 break: national-test results before 2022-23 are another series (Udir: «Brudd i tidsrekke»).
No «since last year» difference and no trend line crosses a break; the page says why, in Norwegian.
A break is data: ``Indicator.series_starts`` (the national tests: [2022]) or a value's
``details["series_break"]`` (e.g. grunnskolepoeng)."""
import pytest
from django.urls import reverse

from dialogue.charts import trend_chart
from indicators.models import Indicator
from indicators.series import same_series, segments
from laeringslop.tests import factories as f

from . import factories as df

pytestmark = pytest.mark.django_db
NOTE = "Brudd i tidsrekken: resultatene fra før 2022–23 kan ikke sammenlignes med senere år (Udir)."


@pytest.fixture
def school():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    return f.SchoolFactory(municipality=municipality, name="Bjørkelia skole", first_grade=1, last_grade=10)


def mirror(client, school, year, codes):
    df.MirrorYearFactory(municipality=school.municipality, school_year=year, indicator_codes=codes)
    client.force_login(f.rector(school))
    response = client.get(reverse("dialogue:mirror", kwargs={"school_id": school.pk, "year": year}))
    assert response.status_code == 200
    rows = {r.indicator.code: r for g in response.context["groups"] for r in g.rows}
    return rows, response.content.decode()


def test_the_national_tests_start_a_new_series_in_2022():
    starts = list(Indicator.objects.filter(source="national_tests").values_list("series_starts", flat=True))
    assert len(starts) == 8 and all(one == [2022] for one in starts)
    assert Indicator.objects.get(code="GSP").series_starts == []


def test_same_series_never_crosses_the_break():
    reading = Indicator.objects.get(code="NPLES05")
    assert not same_series(reading, 2021, 2022)
    assert same_series(reading, 2022, 2023) and same_series(reading, 2020, 2021)
    assert not same_series(reading, 2023, 2019)


def test_a_value_flagged_as_a_new_series_breaks_it():
    gsp = Indicator.objects.get(code="GSP")
    assert not same_series(gsp, 2023, 2024, flagged={2024})
    assert same_series(gsp, 2024, 2025, flagged={2024})


def test_segments_split_the_years_at_the_break():
    assert segments([2019, 2020, 2021, 2022, 2023], [2022]) == [[0, 1, 2], [3, 4]]
    assert segments([2022, 2023], [2022]) == [[0, 1]]


def test_national_test_2021_to_2022_shows_no_difference_and_the_note(client, school):
    df.value("NPLES05", 2021, school=school, v=48, uncertainty=2, pupils=60)
    df.value("NPLES05", 2022, school=school, v=56, uncertainty=2, pupils=60)
    rows, html = mirror(client, school, 2022, ["NPLES05"])
    row = rows["NPLES05"]
    assert row.last_year.display == "48,0"  # last year's value is still shown ...
    assert row.change.comparison.diff is None  # ... but not compared
    assert str(row.change.text) == "Brudd i tidsrekken"
    assert "+8,0" not in html
    assert NOTE in html


def test_national_test_2022_to_2023_shows_the_difference(client, school):
    df.value("NPLES05", 2022, school=school, v=48, uncertainty=2, pupils=60)
    df.value("NPLES05", 2023, school=school, v=56, uncertainty=2, pupils=60)
    rows, html = mirror(client, school, 2023, ["NPLES05"])
    assert rows["NPLES05"].change.comparison.diff == pytest.approx(8.0)
    assert "+8,0" in html and "Reell framgang" in html
    assert str(rows["NPLES05"].change.text) == "Reell framgang"  # the trend window still crosses 2022: its note stays


def test_the_trend_line_does_not_join_points_across_the_break(client, school):
    for year, v in ((2020, 45), (2021, 46), (2022, 55), (2023, 56), (2024, 57)):
        df.value("NPLES05", year, school=school, v=v, uncertainty=2, pupils=60)
        df.nation("NPLES05", year, 50)
    rows, html = mirror(client, school, 2024, ["NPLES05"])
    row = rows["NPLES05"]
    assert [len(points.split()) for points in row.school_points] == [2, 3]  # 2020–21, then 2022–24
    assert len(row.break_xs) == 1 and NOTE in html
    assert html.count('class="school"') == 2  # two polylines


def test_a_gsp_value_that_starts_a_new_series_shows_no_difference(client, school):
    df.value("GSP", 2023, school=school, v=40, pupils=60)
    df.value("GSP", 2024, school=school, v=44, pupils=60, details={"series_break": True})
    rows, html = mirror(client, school, 2024, ["GSP"])
    row = rows["GSP"]
    assert row.change.comparison.diff is None and str(row.change.text) == "Brudd i tidsrekken"
    assert "Brudd i tidsrekken: resultatene fra før 2024–25 kan ikke sammenlignes med senere år (Udir)." in html


def test_a_gsp_value_without_the_flag_is_compared(client, school):
    df.value("GSP", 2023, school=school, v=40, pupils=60)
    df.value("GSP", 2024, school=school, v=44, pupils=60)
    rows, html = mirror(client, school, 2024, ["GSP"])
    assert rows["GSP"].change.comparison.diff == pytest.approx(4.0)
    assert "Brudd i tidsrekken" not in html


def test_the_report_chart_stops_at_the_break_and_says_why():
    from django.utils import translation

    with translation.override("nb"):
        chart = trend_chart("Lesing", [2020, 2021, 2022, 2023], [("school", "Skolen", [45.0, 46.0, 55.0, 56.0])],
                            starts=[2022])
    school = chart.lines[0]
    assert len(school.segments) == 2 and len(chart.break_xs) == 1
    assert chart.note == NOTE


def test_the_dashboard_trend_says_why(client, school):
    municipality = school.municipality
    for year, v in ((2021, 48), (2022, 50)):
        df.municipal("NPLES05", year, municipality, v)
        df.nation("NPLES05", year, 50)
    df.MirrorYearFactory(municipality=municipality, school_year=2022, indicator_codes=["NPLES05"])
    client.force_login(f.director(municipality))
    response = client.get(reverse("dialogue:dashboard") + "?year=2022")
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTE in html
    chart = response.context["charts"][0]
    assert chart["data"]["breaks"] == [4]  # 2018 … 2022: the line into 2022-23 is left out


def test_the_county_comparison_chart_stops_at_the_break_and_says_why():
    from django.utils import translation

    from county.comparison import network_comparison
    from county.tests import helpers as h

    county = h.county()
    network = h.network(county)
    member = h.municipality(county, "3301", "Nærby")
    h.member(network, member, h.region(county, "Nord"))
    for year, v in ((2020, 47.0), (2021, 48.0), (2022, 52.0), (2023, 53.0)):
        df.value("NPLES05", year, level=2, area_code="33", v=50.0, pupils=3000)
        df.nation("NPLES05", year, 50.0)
        df.municipal("NPLES05", year, member, v, pupils=100)
    with translation.override("nb"):
        result = network_comparison(network, Indicator.objects.get(code="NPLES05"))
        chart = result.charts[0]
        assert chart.note == NOTE and result.series_note == NOTE
    assert result.series_starts == [2022] and len(chart.break_xs) == 1
    assert all(len(line.segments) == 2 for line in chart.lines)
