"""A rector signs up two teachers for the network and sees them listed (axe-core and the
Content-Security-Policy are checked on every page, laeringslop/tests/browser.py)."""
from datetime import date

import pytest

from laeringslop.tests import factories as f
from laeringslop.tests.browser import assert_accessible, login, menu_entry

from .helpers import network

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_rector_signs_up_two_teachers_and_sees_them_listed(page, live_server):
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    f.rector(school, username="rektor", first_name="Kari", last_name="Lie")
    network(municipality, places=1, starts_on=date(2099, 11, 1), ends_on=date(2100, 4, 30), sessions=False)

    login(page, live_server, "rektor")
    menu_entry(page, "Kompetanse").click()
    assert page.locator("h1").inner_text() == "Kompetanseutvikling"
    assert_accessible(page)
    page.get_by_role("link", name="Meld på", exact=False).first.click()
    assert "deltakere fra Bjørkelia skole" in page.locator("h1").inner_text()
    assert_accessible(page)
    for name, email in (("Anne Aasen", "anne.aasen@skole.invalid"), ("Bjørn Berg", "bjorn.berg@skole.invalid")):
        page.get_by_label("Navn").fill(name)
        page.get_by_label("E-postadresse").fill(email)
        page.get_by_role("button", name="Meld på").click()
        page.wait_for_load_state("networkidle")
    table = page.locator("table")
    assert table.get_by_role("row", name="Anne Aasen", exact=False).inner_text().count("har plass") == 1
    assert "på venteliste, nr. 1" in table.get_by_role("row", name="Bjørn Berg", exact=False).inner_text()
    assert_accessible(page)


def test_the_adviser_signs_up_a_teacher_of_another_school_and_the_rector_sees_it_at_home(page, live_server):
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    f.SchoolFactory(municipality=municipality, name="Granli skole")
    f.rector(school, username="rektor", first_name="Kari", last_name="Lie")
    f.adviser(municipality, username="radgiver")
    measure = network(municipality, places=1, starts_on=date(2099, 11, 1), ends_on=date(2100, 4, 30), sessions=False)

    login(page, live_server, "radgiver")
    page.goto(f"{live_server.url}/kompetanse/tiltak/{measure.pk}/deltakere/")
    assert_accessible(page)
    page.locator("#id_unit").select_option(label="Bjørkelia skole")
    page.get_by_label("Navn").fill("Anne Aasen")
    page.get_by_label("E-postadresse").fill("anne.aasen@skole.invalid")
    page.get_by_role("button", name="Meld på").click()
    page.wait_for_load_state("networkidle")
    assert "Anne Aasen har fått plass." in page.content()
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, live_server, "rektor")
    panel = page.get_by_role("region", name="Nettverk og verksteder")
    assert "Anne Aasen: har plass" in panel.inner_text()
    assert_accessible(page)


def test_choosing_a_unit_lists_only_its_people(page, live_server):
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    other = f.SchoolFactory(municipality=municipality, name="Granli skole")
    f.rector(school, username="rektor", first_name="Kari", last_name="Lie")
    f.rector(other, username="rektor2", first_name="Ola", last_name="Haugen")
    f.adviser(municipality, username="radgiver")
    measure = network(municipality, places=5, starts_on=date(2099, 11, 1), ends_on=date(2100, 4, 30), sessions=False)

    login(page, live_server, "radgiver")
    page.goto(f"{live_server.url}/kompetanse/tiltak/{measure.pk}/deltakere/")
    page.locator("#id_unit").select_option(label="Granli skole")
    shown = page.locator("#id_user option:not([hidden])").all_inner_texts()
    assert any("Ola Haugen" in text for text in shown)
    assert not any("Kari Lie" in text for text in shown)
    assert_accessible(page)
