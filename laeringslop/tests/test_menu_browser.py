"""Browser test: the main menu's groups by keyboard (a disclosure menu on a wide screen) and as
sections on a narrow one, with axe-core on each state."""
import pytest

from laeringslop.tests import factories as f
from laeringslop.tests.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def adviser():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    f.SchoolFactory(municipality=municipality, name="Aasen skole")
    return f.adviser(municipality, username="radgiver")


def test_a_group_opens_by_keyboard_and_escape_closes_it(page, live_server, adviser):
    login(page, live_server, "radgiver")
    nav = page.get_by_role("navigation", name="Hovedmeny")
    toggle = nav.get_by_role("button", name="Resultater")
    dashboard = nav.get_by_role("link", name="Dashbord")
    assert toggle.get_attribute("aria-expanded") == "false" and not dashboard.is_visible()

    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and dashboard.is_visible()
    assert_accessible(page)
    page.keyboard.press("ArrowDown")  # the first entry, Læringsspeil
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Dashbord"
    assert page.evaluate("document.activeElement.matches(':focus-visible')")

    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not dashboard.is_visible()
    assert page.evaluate("document.activeElement.id") == "nav-group-results"

    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/dialog/dashbord/")
    toggle = page.get_by_role("navigation", name="Hovedmeny").get_by_role("button", name="Resultater")
    assert toggle.get_attribute("aria-current") == "true"
    assert page.locator('.main-menu [aria-current="page"]').inner_text() == "Dashbord"
    assert_accessible(page)


def test_on_a_narrow_screen_the_groups_are_sections(page, live_server, adviser):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, "radgiver")
    page.get_by_role("button", name="Vis meny").click()
    nav = page.get_by_role("navigation", name="Hovedmeny")
    section = nav.get_by_role("list", name="Dialogen")
    section.get_by_role("link", name="Oppgaver").wait_for()
    assert nav.get_by_role("button", name="Dialogen").count() == 0  # a heading, not a toggle
    assert_accessible(page)
    section.get_by_role("link", name="Oppgaver").click()
    page.wait_for_url("**/dialog/mine-oppgaver/")
