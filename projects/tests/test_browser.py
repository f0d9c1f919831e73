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
                 f"/prosjekter/handlingsplan/{first.pk}/", "/milepaeler/oversikt/", "/milepaeler/"]:
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
    page.get_by_label("Til gruppe").select_option(label="Prosjektgruppe barnetrinn")
    page.get_by_label("Tittel").fill("Overganger")
    page.get_by_label("Innspill").fill("Felles besøksdager")
    page.set_input_files("input[type=file]", files=[{"name": "notat.txt", "mimeType": "text/plain",
                                                     "buffer": b"Fra personalet"}])
    assert_accessible(page)
    page.get_by_role("button", name="Send innspill").click()
    assert page.locator("h1").inner_text() == "Overganger"
    assert page.get_by_role("link", name="notat.txt").is_visible()
    assert_accessible(page)
    assert Input.objects.get().unit == school


def test_draft_comparison_fits_1280px_wraps_long_lines_and_marks_changed_lines(page, live_server):
    municipality = core.MunicipalityFactory(name="Drammen", number="3005")
    core.adviser(municipality, username="radgiver")
    plan = f.PlanFactory(municipality=municipality, name="Læringsløp Drammen", start_year=2016, end_year=2020)
    long_line = ("Alle barnehager og skoler arbeider systematisk med tidlig innsats, gode overganger og et "
                 "inkluderende læringsmiljø der barn og unge opplever mestring " * 3)
    url = "https://www.drammen.kommune.no/" + "handlingsplan-for-laeringslop-" * 6
    old = f.DraftFactory(plan=plan, number=1, text=f"Innledning\n{long_line}\nLesing\n{url}")
    new = f.DraftFactory(plan=plan, number=2, text=f"Innledning\n{long_line}\nLesing og regning\nNy linje")
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, "radgiver")
    page.goto(f"{live_server.url}/prosjekter/{plan.pk}/handlingsplan/sammenlign/?old={old.pk}&new={new.pk}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # no horizontal scrolling
    header = page.get_by_role("columnheader", name="Utkast 2").bounding_box()
    assert header["x"] + header["width"] <= 1280
    widths = page.eval_on_selector_all("table.diff thead th", "ths => ths.map(th => th.getBoundingClientRect().width)")
    assert abs(widths[1] - widths[3]) < 2  # two equal text columns
    assert page.locator(".table-responsive").count() == 0
    changed = page.locator("tr.diff-row-changed td.diff-text").first
    assert changed.evaluate("td => getComputedStyle(td).backgroundColor") == "rgb(255, 241, 184)"  # legend: yellow
    long_cell = page.locator("tr.diff-row-same td.diff-text").nth(2)  # the long line, old side
    assert long_cell.evaluate("td => td.getBoundingClientRect().height") > 60  # the long line wraps in its cell
    assert_accessible(page)
