"""Browser test: an adviser plans a leader meeting inviting every rector; a rector finds it in «Mine møter».
axe-core runs on every page visited (laeringslop.tests.browser)."""
from datetime import date, timedelta

import pytest

from laeringslop.tests import factories as f
from laeringslop.tests.browser import assert_accessible, login, menu_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_adviser_plans_a_meeting_and_a_rector_sees_it_in_my_meetings(page, live_server):
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    f.adviser(municipality, username="radgiver", first_name="Rune", last_name="Rasmussen")
    f.rector(school, username="rektor", first_name="Kari", last_name="Berg")
    day = date.today() + timedelta(days=14)

    login(page, live_server, "radgiver")
    menu_entry(page, "Ledermøter").click()
    assert "Ledermøter" in page.locator("h1").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Planlegg et møte").click()
    assert_accessible(page)
    page.get_by_label("Arena").select_option("school_leaders")
    page.get_by_label("Tema").fill("Elevmedvirkning + Vurdering i LK20")
    page.get_by_label("Dato").fill(day.isoformat())
    page.locator("#id_start").fill("12:30")
    page.locator("#id_end").fill("15:30")
    page.get_by_label("Sted").fill("Rådhuset, bystyresalen")
    page.get_by_label("Alle rektorer").check()
    page.get_by_label("Punkt 1: Punkt").fill("Velkommen og orienteringer")
    page.get_by_label("Punkt 1: Innleder").fill("Kommunalsjef")
    page.get_by_label("Punkt 1: Minutter").fill("15")
    page.get_by_role("button", name="Planlegg møtet").click()
    assert page.get_by_text("Møtet er planlagt.").is_visible()
    assert page.locator("#meeting-agenda").inner_text().startswith("Velkommen og orienteringer")
    assert "Kari Berg" in page.locator("#meeting-participants").inner_text()
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, live_server, "rektor")
    assert page.locator("#panel-meetings").get_by_text("Elevmedvirkning + Vurdering i LK20").is_visible()
    assert_accessible(page)
    menu_entry(page, "Mine møter").click()
    coming = page.locator("#coming")
    assert coming.get_by_role("link", name="Skoleledermøte: Elevmedvirkning + Vurdering i LK20").is_visible()
    assert_accessible(page)
    coming.get_by_role("link", name="Skoleledermøte: Elevmedvirkning + Vurdering i LK20").click()
    assert "Velkommen og orienteringer" in page.locator("#meeting-agenda").inner_text()
    assert page.get_by_role("link", name="Endre møtet").count() == 0
    assert_accessible(page)
