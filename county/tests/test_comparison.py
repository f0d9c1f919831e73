"""The comparison page: values by municipality and year, regions as weighted means, and a difference to
the county or the nation marked only beyond the published uncertainty (indicators/comparison.py's rule)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dialogue.tests import factories as df
from indicators.models import Indicator

from ..comparison import network_comparison
from . import helpers as h

pytestmark = pytest.mark.django_db


def _setup():
    c = h.county()
    net = h.network(c)
    north, south = h.region(c, "Nord"), h.region(c, "Sør")
    close = h.municipality(c, "3301", "Nærby")
    far = h.municipality(c, "3312", "Fjernby")
    third = h.municipality(c, "3303", "Tredjeby")
    h.member(net, close, north)
    h.member(net, far, north)
    h.member(net, third, south)
    for year in (2023, 2024):
        df.value("NPLES05", year, level=2, area_code="33", v=50.0, uncertainty=1.0, pupils=3000)
        df.nation("NPLES05", year, 50.0, uncertainty=0.2)
    # 2.0 above the county, uncertainty 1.5 and 1.0: margin sqrt(1.5² + 1²) ≈ 1.8 → real.
    df.municipal("NPLES05", 2024, far, 52.0, uncertainty=1.5, pupils=300)
    # 1.5 above: within the margin (≈ 1.8), so not marked.
    df.municipal("NPLES05", 2024, close, 51.5, uncertainty=1.5, pupils=100)
    df.municipal("NPLES05", 2023, close, 49.0, uncertainty=1.5, pupils=100)
    df.municipal("NPLES05", 2024, third, 47.0, suppressed=False, uncertainty=0.8, pupils=80)
    return c, net, dict(close=close, far=far, third=third)


def test_a_difference_within_the_uncertainty_is_not_marked():
    _c, net, _m = _setup()
    result = network_comparison(net, Indicator.objects.get(code="NPLES05"))
    rows = {row.label: row for row in result.rows}
    assert result.years == [2023, 2024]
    assert rows["Nærby"].vs_county.status == "within"
    assert rows["Fjernby"].vs_county.status == "better"
    assert rows["Tredjeby"].vs_county.status == "worse"
    # Against the nation (uncertainty 0.2): 1.5 is beyond sqrt(1.5² + 0.2²) ≈ 1.51? No: within.
    assert rows["Nærby"].vs_nation.status == "within"
    assert rows["Fjernby"].vs_nation.status == "better"
    # Region Nord: (51.5·100 + 52.0·300) / 400 = 51.875 in 2024; in 2023 only Nærby has a value.
    north = result.groups[0].summary
    assert north.label == "Nord"
    assert float(north.cells[1].value) == pytest.approx(51.875)
    assert float(north.cells[0].value) == 49.0


def test_lower_is_better_for_bullying():
    c = h.county()
    net = h.network(c)
    low, high = h.municipality(c, "3301", "Tryggby"), h.municipality(c, "3312", "Uroby")
    h.member(net, low), h.member(net, high)
    df.value("EU_MOBBING", 2024, level=2, area_code="33", grade=7, v=7.0, pupils=3000)
    df.value("EU_MOBBING", 2024, level=1, area_code="I", grade=7, v=7.2)
    df.municipal("EU_MOBBING", 2024, low, 3.0, grade=7, pupils=400)
    df.municipal("EU_MOBBING", 2024, high, 12.0, grade=7, pupils=400)
    result = network_comparison(net, Indicator.objects.get(code="EU_MOBBING"), 7)
    rows = {row.label: row for row in result.rows}
    assert result.grade == 7
    assert rows["Tryggby"].vs_county.status == "better" and rows["Uroby"].vs_county.status == "worse"


def test_the_page_in_norwegian(client):
    c, net, _m = _setup()
    client.force_login(h.county_user(c))
    response = client.get(reverse("county:comparison", args=[net.pk]),
                          {"indicator": Indicator.objects.get(code="NPLES05").pk})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Nasjonale prøver lesing 5. trinn" in text
    assert "Innenfor feilmarginen" in text and "Bedre enn fylket" in text and "Svakere enn fylket" in text
    assert "Nord (vektet snitt)" in text
    assert "ingen publisert usikkerhet" in text
    assert "Hele landet" in text and "Buskerud" in text
    assert "<svg" in text and "polyline" in text
    assert "51,9" in text  # the region's weighted mean, rounded


def test_default_indicator_and_an_indicator_without_values(client):
    c, net, _m = _setup()
    client.force_login(h.county_user(c))
    response = client.get(reverse("county:comparison", args=[net.pk]))
    assert response.context["indicator"].code == "GSP"
    assert "Det finnes ingen verdier for kommunene, fylket eller landet for Grunnskolepoeng ennå." in \
        response.content.decode()
    response = client.get(reverse("county:comparison", args=[net.pk]), {"indicator": "nonsense", "grade": "x"})
    assert response.status_code == 200


def _queries(client, n: int, number_base: int, county_number: str) -> int:
    net = h.network_of(n, number_base=number_base, county_number=county_number)
    user = h.county_user(net.county, username=f"fylke{n}")
    client.force_login(user)
    url = reverse("county:comparison", args=[net.pk])
    indicator = Indicator.objects.get(code="NPLES05").pk
    client.get(url, {"indicator": indicator})  # warm up (session, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"indicator": indicator})
    assert response.status_code == 200
    assert len(response.context["result"].rows) == n
    return len(queries)


def test_the_query_count_does_not_grow_with_the_members(client):
    few = _queries(client, 3, 3300, "33")
    many = _queries(client, 30, 3400, "34")
    assert few == many, (few, many)


def test_another_county_user_gets_404(client):
    _c, net, _m = _setup()
    client.force_login(h.county_user(h.county("34", "Innlandet"), username="innlandet"))
    assert client.get(reverse("county:comparison", args=[net.pk])).status_code == 404
    assert client.get(reverse("county:network", args=[net.pk])).status_code == 404
