"""An adviser uploads the sample national-test file in a real browser and reads the result."""
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from indicators.models import IndicatorValue
from laeringslop.demo import org_numbers
from laeringslop.tests import factories as f
from laeringslop.tests.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SAMPLE = Path(settings.BASE_DIR) / "docs" / "samples" / "nasjonale-prover.csv"


def test_adviser_uploads_national_tests(page, live_server):
    municipality = f.MunicipalityFactory(number="9901")
    numbers = org_numbers(97450000)
    for name in ("Almeåsen skole", "Bjørkelia skole", "Bekkestua ungdomsskole"):
        f.SchoolFactory(municipality=municipality, org_number=next(numbers), name=name)
    f.adviser(municipality, username="radgiver")

    login(page, live_server, "radgiver")
    page.get_by_role("main").get_by_role("link", name="Importer resultater").click()  # the home panel
    assert page.locator("h1").inner_text() == "Importer resultater"
    assert_accessible(page)

    page.set_input_files("input[type=file]", str(SAMPLE))
    page.get_by_role("button", name="Last opp og kontroller").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Resultat").is_visible()
    assert "Nabobyen skole" in page.content()
    # An adviser's import: the schools and Elvedal's own row; the nation's and the county's rows are
    # left to the portal's administrator (the reference set), and the page says so.
    assert ("2 sammenligningsrader for landet, fylket og andre kommuner ble ikke lagret: "
            "de lagres bare av portalens administrator.") in page.content()
    assert_accessible(page)
    assert IndicatorValue.objects.count() == 8
    assert not IndicatorValue.objects.filter(level__in=[1, 2]).exists()
    assert IndicatorValue.objects.filter(level=3, area_code="9901").exists()

    page.goto(f"{live_server.url}/indikatorer/import/")
    page.get_by_role("link", name="Se importhistorikken").click()
    assert page.locator("h1").inner_text() == "Importhistorikk"
    assert page.get_by_role("link", name="nasjonale-prover.csv").is_visible()
    assert_accessible(page)


def test_adviser_confirms_a_changing_import_and_undoes_it(page, live_server, tmp_path):
    """Upload a file that changes a stored value: old → new is listed, «Importer nå» writes it,
    «Angre importen» puts the old value back."""
    from django.core.files.base import ContentFile

    from indicators import services
    from indicators.tests.factories import csv_bytes, national_row

    municipality = f.MunicipalityFactory(number="9901")
    school = f.SchoolFactory(municipality=municipality, org_number=next(org_numbers(97450000)), name="Almeåsen skole")
    f.adviser(municipality, username="radgiver")
    first = services.import_job_create(file=ContentFile(csv_bytes([national_row(school.org_number, school.name)]),
                                                        name="np.csv"), name="np.csv", municipality=municipality)
    services.import_job_run(first.pk)
    changed = tmp_path / "rettet.csv"
    changed.write_bytes(csv_bytes([national_row(school.org_number, school.name, score="53,95")]))

    login(page, live_server, "radgiver")
    page.goto(f"{live_server.url}/indikatorer/import/")
    page.set_input_files("input[type=file]", str(changed))
    page.get_by_role("button", name="Last opp og kontroller").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Bekreft endringene").is_visible()
    assert "Verdi: 48,3 → 53,95" in page.content()
    assert IndicatorValue.objects.get(unit=school).value == Decimal("48.3")
    assert_accessible(page)

    page.get_by_role("button", name="Importer nå").first.click()
    page.wait_for_load_state("networkidle")
    assert "Importen er satt i kø" in page.content()
    assert IndicatorValue.objects.get(unit=school).value == Decimal("53.95")
    page.reload()
    assert page.get_by_role("heading", name="Endrede verdier").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Angre importen").click()
    page.wait_for_load_state("networkidle")
    assert "Importen ble angret" in page.content()
    assert IndicatorValue.objects.get(unit=school).value == Decimal("48.3")
    assert_accessible(page)
