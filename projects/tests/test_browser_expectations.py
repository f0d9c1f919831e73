"""The shared expectations and the measures pass axe-core: an adviser writes an expectation's signs of
quality and adds a measure aimed at an indicator with the keyboard; a rector reads the printable page."""
import re

import pytest

from indicators.models import Indicator
from laeringslop.tests import factories as core
from laeringslop.tests.browser import assert_accessible, login
from projects.models import Measure

from . import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_expectations_and_measures_are_accessible(page, live_server):
    municipality = core.MunicipalityFactory(name="Elvedal", number="9901")
    core.adviser(municipality, username="radgiver")
    school = core.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    rector = core.rector(school, username="rektor", first_name="Kari", last_name="Lie")
    plan = f.PlanFactory(municipality=municipality, name="Kvalitetsplan Elvedal", start_year=2025, end_year=2029)
    for order, title in enumerate(["Profesjonsfellesskap", "Elevmedvirkning", "Delingskultur"], start=1):
        f.ExpectationFactory(plan=plan, title=title, order=order)

    login(page, live_server, "radgiver")
    page.goto(f"{live_server.url}/prosjekter/{plan.pk}/forventning/ny/")
    page.get_by_label("Forventning").fill("Vurdering for læring")
    page.get_by_label("Kjennetegn på kvalitet").fill("Elevene vet hva de skal lære\nTilbakemeldinger viser veien")
    assert_accessible(page)
    page.get_by_label("Kjennetegn på kvalitet").press("Tab")
    page.keyboard.press("Tab")  # past the order to the button
    page.get_by_role("button", name="Lagre").press("Enter")
    page.goto(f"{live_server.url}/prosjekter/{plan.pk}/forventninger/")
    assert page.get_by_role("img", name="Forventningsblomsten").is_visible()
    assert page.get_by_text("Tilbakemeldinger viser veien").is_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/prosjekter/{plan.pk}/tiltak/nytt/")
    page.get_by_label("Tittel").fill("Lesing i alle fag")
    page.get_by_label("Søk etter person (navn, rolle eller enhet)").fill("Bjørkelia")
    page.get_by_label("Ansvarlig person", exact=True).select_option(label="Kari Lie — rektor, Bjørkelia skole")
    page.get_by_label("Startdato").fill("2024-08-15")
    page.get_by_label("Nasjonale prøver lesing 5. trinn").check()
    assert_accessible(page)
    page.get_by_role("button", name="Lagre").click()
    assert page.locator("h1").inner_text().startswith("Tiltak i handlingsplanen")
    measure = Measure.objects.get(plan=plan)
    assert list(measure.indicators.all()) == [Indicator.objects.get(code="NPLES05")]
    assert measure.responsible_person == rector
    assert page.get_by_text("rektor, Bjørkelia skole").is_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, live_server, "rektor")
    page.goto(f"{live_server.url}/prosjekter/{plan.pk}/forventninger/")
    assert page.get_by_role("heading", name=re.compile(r"^\d+\. Vurdering for læring$")).is_visible()
    assert_accessible(page)

    # The rector's Læringsspeil shows the measure beside the reading indicator, with its trend.
    from dialogue.tests import factories as df

    df.MirrorYearFactory(municipality=municipality, school_year=2025, indicator_codes=["NPLES05"])
    df.value("NPLES05", 2024, school=school, v=48, uncertainty=2, pupils=60)
    df.value("NPLES05", 2025, school=school, v=49, uncertainty=2, pupils=60)
    page.goto(f"{live_server.url}/dialog/speil/{school.pk}/2025/")
    measures = page.get_by_role("region", name="Tiltak rettet mot indikatorene")
    assert measures.get_by_role("link", name="Lesing i alle fag").is_visible()
    assert measures.get_by_text("Innenfor feilmarginen").is_visible()
    assert_accessible(page)
