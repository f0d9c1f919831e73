"""The Læringsspeil people can read: the county beside the municipality and the nation, a readable trend
chart per indicator (axis, school years, labelled lines, the break marked), the national tests' mastery
levels, and girls compared with boys, each through the page."""
import re

import pytest
from django.urls import reverse
from django.utils import translation

from laeringslop.models import County, FormerNumber
from laeringslop.tests import factories as f

from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def setup():
    county = County.objects.create(number="33", name="Buskerud")
    municipality = f.MunicipalityFactory(name="Elvedal", number="3399", county=county)
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole", first_grade=1, last_grade=10)
    df.MirrorYearFactory(municipality=municipality, school_year=YEAR,
                         indicator_codes=["NPLES05", "NPREG08", "EU_MOBBING", "GSP"])
    return municipality, school


def _get(client, school, year=YEAR):
    if year != YEAR:
        df.MirrorYearFactory(municipality=school.municipality, school_year=year,
                             indicator_codes=["NPLES05", "NPREG08", "EU_MOBBING", "GSP"])
    client.force_login(f.rector(school))
    with translation.override("nb"):
        response = client.get(reverse("dialogue:mirror", kwargs={"school_id": school.pk, "year": year}),
                              HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 200
    rows = {(r.indicator.code, r.grade): r for g in response.context["groups"] for r in g.rows}
    return rows, response.content.decode()


def test_the_county_column_judges_the_school_against_the_county(client, setup):
    _municipality, school = setup
    df.value("NPLES05", YEAR, school=school, v=56, uncertainty=2, pupils=80)
    df.county_value("NPLES05", YEAR, "33", 50.4, uncertainty=0.5, pupils=3000)
    rows, html = _get(client, school)
    assert rows[("NPLES05", 5)].county.display == "50,4"
    assert rows[("NPLES05", 5)].versus_county.status == "better"
    assert ">Fylket<" in html and "Bedre enn fylket" in html


def test_a_difference_within_the_county_margin_is_said_so(client, setup):
    _municipality, school = setup
    df.value("NPLES05", YEAR, school=school, v=51, uncertainty=2, pupils=80)
    df.county_value("NPLES05", YEAR, "33", 50.4, uncertainty=0.5, pupils=3000)
    rows, _html = _get(client, school)
    assert rows[("NPLES05", 5)].versus_county.status == "within"


def test_the_county_is_the_one_the_municipality_belonged_to_that_year(client, setup):
    """Drammen was in Viken (30) under 3005 until 2023-24, in Buskerud (33) from 2024-25."""
    municipality, school = setup
    FormerNumber.objects.create(municipality=municipality, number="3098", county_number="30", last_school_year=2023)
    df.value("NPLES05", 2023, school=school, v=52, pupils=80)
    df.county_value("NPLES05", 2023, "30", 49.0)
    df.county_value("NPLES05", 2023, "33", 51.5)  # Buskerud's value that year is not the municipality's county
    df.value("NPLES05", 2024, school=school, v=52, pupils=80)
    df.county_value("NPLES05", 2024, "30", 47.0)  # nor Viken's after the move
    df.county_value("NPLES05", 2024, "33", 50.5)
    rows, _html = _get(client, school, 2024)
    trend = {p.year: p.county.display for p in rows[("NPLES05", 5)].trend}
    assert trend[2023] == "49,0" and trend[2024] == "50,5"


def test_without_county_values_there_is_no_county_column(client, setup):
    _municipality, school = setup
    df.value("NPLES05", YEAR, school=school, v=56, pupils=80)
    _rows, html = _get(client, school)
    assert ">Fylket<" not in html


def test_each_indicator_has_a_readable_trend_chart_with_a_table(client, setup):
    municipality, school = setup
    for k, year in enumerate(range(YEAR - 4, YEAR + 1)):
        df.value("GSP", year, school=school, v=40 + k, pupils=60)
        df.municipal("GSP", year, municipality, 41.0)
        df.county_value("GSP", year, "33", 41.2)
        df.nation("GSP", year, 41.5)
    rows, html = _get(client, school)
    chart = rows[("GSP", 10)].chart
    assert [line.label for line in chart.lines] == ["Bjørkelia skole", "Kommunen", "Fylket", "Landet"]
    assert [label for _x, label in chart.x_ticks] == ["2021-22", "2022-23", "2023-24", "2024-25", "2025-26"]
    assert len(chart.y_ticks) >= 3  # a y axis with round values, not just the ends
    assert {line.marker for line in chart.lines} == {"circle", "square", "triangle", "diamond"}  # not colour alone
    section = html[html.index('id="trend-gsp-10"'):]
    section = section[:section.index("</details>")]
    assert "<svg" in section and "44,0" in section  # the school's values are written on the chart
    assert "Grunnskolepoeng per skoleår" in section  # the table alternative
    assert "<th scope=\"row\">2021-22</th>" in section


def test_the_trend_chart_marks_the_break_and_never_bridges_it(client, setup):
    _municipality, school = setup
    for year, v in ((2020, 45), (2021, 46), (2022, 55), (2023, 56), (2024, 57)):
        df.value("NPLES05", year, school=school, v=v, pupils=60)
    rows, html = _get(client, school, 2024)
    chart = rows[("NPLES05", 5)].chart
    school_line = chart.lines[0]
    assert len(school_line.segments) == 2 and len(chart.break_xs) == 1
    section = html[html.index('id="trend-nples05-5"'):]
    assert "Brudd i tidsrekken" in section[:section.index("</details>")]


def test_suppressed_years_say_so_in_the_trend_table(client, setup):
    _municipality, school = setup
    df.value("EU_MOBBING", YEAR - 1, school=school, grade=10, v=6.0, pupils=40)
    df.value("EU_MOBBING", YEAR, school=school, grade=10, suppressed=True, pupils=7)
    rows, _html = _get(client, school)
    table = dict(rows[("EU_MOBBING", 10)].chart.rows)
    assert table["2025-26"][0] == "*" and table["2023-24"][0] == "–"


def _shares(*values):
    return {str(level): share for level, share in enumerate(values, start=1)}


def test_mastery_levels_are_shown_beside_the_municipality_county_and_nation(client, setup):
    municipality, school = setup
    df.value("NPLES05", YEAR, school=school, v=52, pupils=60, details=_shares(20.0, 50.0, 30.0))
    df.municipal("NPLES05", YEAR, municipality, 50.0, details=_shares(22.0, 52.0, 26.0))
    df.county_value("NPLES05", YEAR, "33", 50.0, details=_shares(24.0, 50.0, 26.0))
    df.nation("NPLES05", YEAR, 50.0, details=_shares(24.5, 50.5, 25.0))
    rows, html = _get(client, school)
    chart = rows[("NPLES05", 5)].mastery
    assert [bar.label for bar in chart.bars] == ["Bjørkelia skole", "Kommunen", "Fylket", "Landet"]
    assert [s.text for s in chart.bars[0].segments] == ["20 %", "50 %", "30 %"]  # the percentages are written
    assert chart.levels == 3
    assert "Mestringsnivå i nasjonale prøver" in html
    assert "Nivå 3" in html  # the levels are named in the legend and the table, not colour alone
    figure = html[html.index('class="chart-figure mastery-figure"'):]
    assert re.search(r'<th scope="row">Landet</th><td class="text-end">25 %</td><td class="text-end">51 %</td>',
                     figure.replace("50,5", "51")) or "24 %" in figure


def test_mastery_over_the_years_marks_the_break(client, setup):
    _municipality, school = setup
    for year, shares in ((2021, (10.0, 30.0, 30.0, 20.0, 10.0)), (2022, (12.0, 28.0, 30.0, 20.0, 10.0)),
                         (2023, (8.0, 30.0, 32.0, 20.0, 10.0))):
        df.value("NPREG08", year, school=school, v=50, pupils=60, details=_shares(*shares))
    rows, html = _get(client, school, 2023)
    over = rows[("NPREG08", 8)].mastery_years
    assert [bar.label for bar in over.bars] == ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24"]
    assert len(over.break_ys) == 1  # national tests: a new series from 2022-23
    assert over.bars[0].note == "–"


def test_a_school_without_mastery_shares_gets_no_mastery_chart(client, setup):
    _municipality, school = setup
    df.value("NPLES05", YEAR, school=school, v=52, pupils=60)
    rows, html = _get(client, school)
    assert rows[("NPLES05", 5)].mastery is None and "Mestringsnivå i nasjonale prøver" not in html


def _groups(girls, boys):
    return {"groups": {"girls": girls, "boys": boys}}


def test_girls_and_boys_gap_is_judged_honestly(client, setup):
    _municipality, school = setup
    df.value("NPLES05", YEAR, school=school, v=52, pupils=60, details=_groups(
        {"value": 55.0, "uncertainty": 1.5, "pupils": 30}, {"value": 49.0, "uncertainty": 1.6, "pupils": 30}))
    df.value("NPREG08", YEAR, school=school, v=50, pupils=60, details=_groups(
        {"value": 50.0, "pupils": 30}, {"value": 51.0, "pupils": 30}))
    rows, html = _get(client, school)
    assert rows[("NPLES05", 5)].gender.verdict.status == "better"
    assert rows[("NPREG08", 8)].gender.verdict.status == "within"
    table = html[html.index('id="gender-learning_results"'):]
    table = table[:table.index("</table>")]
    assert "Reell forskjell: jentene gjør det bedre" in table
    assert "Innenfor feilmarginen: ingen reell forskjell" in table
    assert "55,0" in table and "49,0" in table


def test_for_bullying_a_lower_share_among_girls_is_better(client, setup):
    _municipality, school = setup
    df.value("EU_MOBBING", YEAR, school=school, grade=10, v=8, pupils=200, details=_groups(
        {"value": 3.0, "pupils": 100}, {"value": 14.0, "pupils": 100}))
    rows, _html = _get(client, school)
    verdict = rows[("EU_MOBBING", 10)].gender.verdict
    assert verdict.status == "better" and verdict.symbol == "▼"


def test_suppressed_group_values_cannot_be_judged(client, setup):
    _municipality, school = setup
    df.value("NPLES05", YEAR, school=school, v=52, pupils=20, details=_groups(
        {"suppressed": True}, {"value": 49.0, "pupils": 12}))
    rows, html = _get(client, school)
    gap = rows[("NPLES05", 5)].gender
    assert gap.girls.display == "*" and gap.verdict.status == "unknown"


def test_without_groups_there_is_no_gender_table(client, setup):
    _municipality, school = setup
    df.value("NPLES05", YEAR, school=school, v=52, pupils=60)
    _rows, html = _get(client, school)
    assert 'id="gender-learning_results"' not in html


def test_the_y_axis_has_round_values_with_the_decimals_they_need():
    from dialogue.charts import nice_ticks, trend_chart

    assert nice_ticks(3.86, 4.12) == [3.9, 4.0, 4.1]
    assert nice_ticks(40.2, 44.9) == [41, 42, 43, 44]
    with translation.override("nb"):
        chart = trend_chart("Trivsel", [2024, 2025], [("school", "Skolen", [3.97, 4.03])], size="large")
    labels = [label for _y, _label_y, label in chart.y_ticks]
    assert labels == ["3,98", "4,00", "4,02"]  # 0.02 apart: two decimals (not «4,0» twice)
    assert [x for x, _label in chart.x_ticks] == ["48.0", "616.0"]  # the x axis spans the plot
