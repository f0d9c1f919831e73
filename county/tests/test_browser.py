"""The county user logs in, opens the comparison, chooses an indicator and reads the table
(axe-core and the Content-Security-Policy are checked on every page, laeringslop/tests/browser.py)."""
import os

import pytest

from dialogue.tests import factories as df
from laeringslop.tests.browser import assert_accessible, login, menu_entry

from . import helpers as h

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_county_user_compares_the_municipalities(page, live_server):
    c = h.county()
    net = h.network(c)
    north, south = h.region(c, "Nedre Buskerud"), h.region(c, "Midt-Buskerud")
    lier, drammen, kongsberg = (h.municipality(c, "3312", "Lier"), h.municipality(c, "3301", "Drammen"),
                                h.municipality(c, "3303", "Kongsberg"))
    h.member(net, lier, north), h.member(net, drammen, north), h.member(net, kongsberg, south)
    for k, year in enumerate((2021, 2022, 2023, 2024)):
        df.value("GSP", year, level=2, area_code="33", v=41.0 + 0.2 * k, pupils=3000)
        df.nation("GSP", year, 41.5 + 0.1 * k)
        df.municipal("GSP", year, lier, 43.0 + 0.3 * k, pupils=310)
        df.municipal("GSP", year, drammen, 40.6 + 0.2 * k, pupils=1200)
        df.municipal("GSP", year, kongsberg, 41.2 - 0.1 * k, pupils=330)
        df.value("NPLES05", year, level=2, area_code="33", v=50.0, uncertainty=0.5, pupils=3000)
        df.nation("NPLES05", year, 50.0, uncertainty=0.2)
        df.municipal("NPLES05", year, lier, 52.0 + 0.2 * k, uncertainty=1.1, pupils=300)
        df.municipal("NPLES05", year, drammen, 49.0, uncertainty=0.6, pupils=1150)
        df.municipal("NPLES05", year, kongsberg, 50.4, uncertainty=1.2, pupils=320)
    h.county_user(c, username="statsforvalter")

    login(page, live_server, "statsforvalter")
    assert_accessible(page)
    menu_entry(page, "Fylkets nettverk").click()
    assert page.locator("h1").inner_text() == "Fylkets nettverk"
    assert_accessible(page)
    page.get_by_role("link", name="Sammenlign kommunene").first.click()
    assert "kommunene sammenlignet" in page.locator("h1").inner_text()
    assert page.get_by_role("heading", name="Grunnskolepoeng", exact=False).is_visible()  # the default
    assert_accessible(page)

    page.get_by_label("Indikator").select_option(label="Nasjonale prøver lesing 5. trinn")
    page.get_by_role("button", name="Vis").click()
    page.wait_for_load_state("networkidle")
    table = page.locator("table.county-comparison")
    assert table.is_visible()
    lier_row = table.get_by_role("row", name="Lier", exact=False)
    assert "Bedre enn fylket" in lier_row.inner_text() and "52,6" in lier_row.inner_text()
    assert "Svakere enn fylket" in table.get_by_role("row", name="Drammen", exact=False).inner_text()
    assert "Innenfor feilmarginen" in table.get_by_role("row", name="Kongsberg", exact=False).inner_text()
    assert table.get_by_role("row", name="Nedre Buskerud (vektet snitt)", exact=False).is_visible()
    assert table.get_by_role("row", name="Hele landet").is_visible()
    assert page.locator("figure.county-chart svg polyline").count() >= 3
    assert_accessible(page)
    shots = os.environ.get("COUNTY_SCREENSHOTS")
    if shots:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=os.path.join(shots, "comparison.png"), full_page=True)
