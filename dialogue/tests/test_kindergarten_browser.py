"""Browser test: the kindergarten head opens the kindergarten's Læringsspeil from the menu and answers
the kindergarten's questions (axe-core on every page); the director opens the list of kindergartens."""
from datetime import date, timedelta

import pytest

from laeringslop.tests import factories as f
from laeringslop.tests.browser import assert_accessible, login, menu_entry

from . import factories as df

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
YEAR = 2025


def test_kindergarten_head_reads_the_laeringsspeil_and_answers(page, live_server):
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    kindergarten = f.KindergartenFactory(municipality=municipality, name="Blåbærtua barnehage")
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR,
                                       deadline=date.today() + timedelta(days=14),
                                       indicator_codes=["NPLES05", "FU_TRIVSEL", "FU_TILFREDSHET"])
    question = df.QuestionFactory(mirror_year=mirror_year, area="learning_environment", applies_to="kindergarten",
                                  text="Hva gjør barnehagen med resultatene?")
    df.value("FU_TRIVSEL", YEAR, school=kindergarten, v=4.7, pupils=40)
    df.value("FU_TILFREDSHET", YEAR, school=kindergarten, v=4.4, pupils=40)
    df.municipal("FU_TRIVSEL", YEAR, municipality, 4.5)
    df.nation("FU_TRIVSEL", YEAR, 4.6)
    f.kindergarten_head(kindergarten, username="styrer", first_name="Nora")

    login(page, live_server, "styrer")
    assert page.get_by_text("Foreldrenes tilfredshet (Foreldreundersøkelsen 2025): 4,4 av 5.").is_visible()
    assert_accessible(page)
    menu_entry(page, "Læringsspeil").click()
    assert "Læringsspeil 2025-26" in page.locator("h1").inner_text()
    assert page.get_by_role("rowheader", name="Barnets trivsel").is_visible()
    assert page.get_by_role("cell", name="4,7", exact=True).is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Svar på spørsmålene").click()
    page.get_by_label(question.text).fill("Vi har drøftet resultatene med foreldrerådet.")
    page.get_by_role("button", name="Lagre utkast").click()
    assert page.get_by_text("Utkastet er lagret.").is_visible()
    assert_accessible(page)


def test_director_opens_a_kindergarten_from_the_list(page, live_server):
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    kindergarten = f.KindergartenFactory(municipality=municipality, name="Humla barnehage")
    df.MirrorYearFactory(municipality=municipality, school_year=YEAR, indicator_codes=["FU_TRIVSEL"])
    df.value("FU_TRIVSEL", YEAR, school=kindergarten, v=4.2, pupils=30)
    f.director(municipality, username="direktor")

    login(page, live_server, "direktor")
    menu_entry(page, "Barnehager").click()
    assert_accessible(page)
    page.get_by_role("link", name="Humla barnehage").click()
    assert page.get_by_role("cell", name="4,2", exact=True).is_visible()
    assert_accessible(page)
