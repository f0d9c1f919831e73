"""The demo rector logs in through a real browser and sees the school's home page."""
import pytest

from laeringslop.tests import factories as f
from laeringslop.tests.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_rector_logs_in_and_sees_own_school(page, live_server):
    school = f.SchoolFactory(name="Bjørkelia skole", first_grade=1, last_grade=7)
    f.SchoolFactory(name="Annen skole", municipality=school.municipality)
    f.rector(school, username="rektor", first_name="Kari")

    page.goto(live_server.url)
    assert "/konto/login/" in page.url
    assert_accessible(page)

    login(page, live_server, "rektor")
    assert page.locator("h1").inner_text() == "Velkommen, Kari"
    assert page.get_by_role("heading", name="Bjørkelia skole").is_visible()
    assert page.get_by_text("Annen skole").count() == 0
    assert_accessible(page)

    page.get_by_role("link", name="Bjørkelia skole").click()
    assert page.locator("h1").inner_text() == "Bjørkelia skole"
    assert_accessible(page)

    # Switch to English and back.
    page.select_option("#language-select", "en")
    page.get_by_role("button", name="Endre").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Home").is_visible()
