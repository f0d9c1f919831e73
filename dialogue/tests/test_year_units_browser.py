"""Browser test: the adviser adds a kindergarten opened after publishing to the year, from the set-up page
through «Legg til enhet» and the confirmation (axe-core on every page)."""
from datetime import date, timedelta

import pytest

from laeringslop.schoolyear import SchoolYear
from laeringslop.tests import factories as f
from laeringslop.tests.browser import assert_accessible, login

from . import factories as df

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
#: The school year running now: a unit is added only to a year not yet over.
YEAR = SchoolYear.current().start


def test_adviser_adds_a_new_kindergarten_to_the_published_year(page, live_server):
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    f.KindergartenFactory(municipality=municipality, name="Blåbærtua barnehage")
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR,
                                       deadline=date.today() + timedelta(days=14))
    df.QuestionFactory(mirror_year=mirror_year, applies_to="kindergarten")
    new = f.KindergartenFactory(municipality=municipality, name="Tusenfryd barnehage")
    f.kindergarten_head(new, first_name="Per", last_name="Styrer")
    f.adviser(municipality, username="radgiver")

    login(page, live_server, "radgiver")
    page.goto(f"{live_server.url}/dialog/aar/{YEAR}/")
    page.get_by_role("link", name="Legg til enhet").click()
    assert page.get_by_role("rowheader", name="Tusenfryd barnehage").is_visible()
    assert page.get_by_role("rowheader", name="Blåbærtua barnehage").count() == 0
    assert_accessible(page)
    page.get_by_role("link", name="Legg til i året – Tusenfryd barnehage").click()
    assert page.get_by_text("Per Styrer").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Legg til i året").click()
    assert page.get_by_text(f"Tusenfryd barnehage er med i Læringsspeilet {SchoolYear(YEAR).label} fra nå av").is_visible()
    assert_accessible(page)
    assert new in mirror_year.kindergartens.all()
