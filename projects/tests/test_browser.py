"""The governance pages pass axe-core: an adviser reads a plan, a group, a report and compares drafts;
a rector sends input."""
import datetime

import pytest

from laeringslop.tests import factories as core
from laeringslop.tests.browser import assert_accessible, login
from projects.models import GroupKind, Input

from . import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_governance_pages_are_accessible(page, live_server):
    municipality = core.MunicipalityFactory(name="Drammen", number="3005")
    core.adviser(municipality, username="radgiver")
    school = core.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    core.rector(school, username="rektor")
    plan = f.PlanFactory(municipality=municipality, name="Læringsløp Drammen", start_year=2016, end_year=2020)
    f.GoalFactory(plan=plan, title="Alle lærer mer")
    f.ExpectationFactory(plan=plan)
    phase = f.PhaseFactory(plan=plan, number=1, start_date=datetime.date(2015, 8, 15),
                           end_date=datetime.date(2016, 1, 29))
    steering = f.GroupFactory(plan=plan, name="Styringsgruppe", kind=GroupKind.STEERING)
    group = f.GroupFactory(plan=plan, name="Prosjektgruppe barnetrinn", parent=steering)
    f.MembershipFactory(group=group, person_name="Petter Lund", category="union")
    f.MandateFactory(group=group, phase=phase)
    first = f.DraftFactory(plan=plan, number=1, text="Tidlig innsats\nLesing")
    f.DraftFactory(plan=plan, number=2, text="Tidlig innsats\nLesing og regning")
    report = f.ReportFactory(plan=plan, group=group)
    f.ReportItemFactory(report=report)

    login(page, live_server, "radgiver")
    for path in [f"/prosjekter/{plan.pk}/", f"/prosjekter/gruppe/{group.pk}/", f"/prosjekter/gruppe/{group.pk}/medlem/ny/",
                 f"/prosjekter/statusrapport/{report.pk}/", f"/prosjekter/{plan.pk}/statusrapport/ny/",
                 f"/prosjekter/handlingsplan/{first.pk}/", f"/milepaeler/oversikt/", "/milepaeler/"]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    page.goto(f"{live_server.url}/prosjekter/{plan.pk}/handlingsplan/")
    page.get_by_role("button", name="Sammenlign").click()
    assert page.locator("table.diff").is_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, live_server, "rektor")
    page.goto(f"{live_server.url}/prosjekter/{plan.pk}/")
    page.get_by_role("link", name="Send innspill").click()
    page.get_by_label("Til gruppe").select_option(label="Læringsløp Drammen: Prosjektgruppe barnetrinn")
    page.get_by_label("Tittel").fill("Overganger")
    page.get_by_label("Innspill").fill("Felles besøksdager")
    page.set_input_files("input[type=file]", files=[{"name": "notat.txt", "mimeType": "text/plain",
                                                     "buffer": b"Fra personalet"}])
    assert_accessible(page)
    page.get_by_role("button", name="Lagre").click()
    assert page.locator("h1").inner_text() == "Overganger"
    assert page.get_by_role("link", name="notat.txt").is_visible()
    assert_accessible(page)
    assert Input.objects.get().unit == school
