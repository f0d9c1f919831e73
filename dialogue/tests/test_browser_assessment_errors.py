"""Browser test: a refused submit puts the focus on the error summary, whose links lead to the questions."""
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from laeringslop.tests import factories as f
from laeringslop.tests.browser import assert_accessible, assert_no_csp_violations, login, watch_csp

from . import factories as df

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_error_summary_takes_the_focus_and_links_to_each_question(page, live_server):
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole", first_grade=1, last_grade=7)
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=2025,
                                       deadline=date.today() + timedelta(days=14))
    df.QuestionFactory(mirror_year=mirror_year, area="learning_results", has_rating=True,
                       text="Hva forteller resultatene i lesing?")
    q2 = df.QuestionFactory(mirror_year=mirror_year, area="learning_environment", text="Hvordan er læringsmiljøet?")
    f.rector(school, username="rektor")
    watch_csp(page)
    login(page, live_server, "rektor")
    page.goto(f"{live_server.url}/dialog/speil/{school.pk}/2025/vurdering/")
    assert "4 – I svært stor grad" in page.locator("#rating-scale").inner_text()
    page.get_by_label("Hva forteller resultatene i lesing?").fill("Elevene leser bedre.")
    page.get_by_role("button", name="Send inn").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()  # waits for the answer page (the click only starts the submit)
    assert "Egenvurderingen ble ikke sendt inn" in summary.inner_text()
    assert_accessible(page)
    summary.get_by_role("link", name="Svar på spørsmålet «Hvordan er læringsmiljøet?».").click()
    assert page.evaluate("document.activeElement.id") == f"id_q{q2.pk}_text"
    page.keyboard.type("Elevene trives.")
    assert page.get_by_label("Hvordan er læringsmiljøet?").input_value() == "Elevene trives."
    assert_no_csp_violations(page)
    # The glossary the results pages link to: every logged-in user reads it.
    page.goto(f"{live_server.url}/hjelp/ordliste/#mestringsnivaa")
    assert page.locator("#mestringsnivaa").inner_text() == "Mestringsnivå"
    assert_accessible(page)
