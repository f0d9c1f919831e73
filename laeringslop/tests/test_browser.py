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
    assert page.get_by_role("heading", name="Bjørkelia skole", exact=True).is_visible()
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


def test_key_pages_work_under_the_content_security_policy(page, live_server):
    """Charts, the timeline's positions, the import page's script and the language switch run from
    our own files; Chromium reports no policy violation (the page fixture records them)."""
    import datetime

    from dialogue.tests import factories as df
    from laeringslop.tests.browser import assert_no_csp_violations
    from milestones.models import Milestone
    from projects.tests import factories as pf

    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Aasen skole", first_grade=1, last_grade=7)
    for year in (2024, 2025):
        df.value("NPLES05", year, school=school, v=52.0, pupils=60)
        df.nation("NPLES05", year, 50)
        df.municipal("NPLES05", year, municipality, 51.0)
    df.MirrorYearFactory(municipality=municipality, school_year=2025, indicator_codes=["NPLES05"])
    plan = pf.PlanFactory(municipality=municipality, name="Læringsløp Elvedal", start_year=2024, end_year=2027)
    phase = pf.PhaseFactory(plan=plan, number=1, start_date=datetime.date(2024, 8, 15),
                            end_date=datetime.date(2025, 6, 20))
    Milestone.objects.create(plan=plan, phase=phase, title="Første møte", due_date=datetime.date(2025, 1, 10))
    f.adviser(municipality, username="radgiver")

    login(page, live_server, "radgiver")
    assert_accessible(page)
    page.goto(f"{live_server.url}/dialog/dashbord/")
    canvas = page.locator("canvas[data-chart]").first
    assert canvas.is_visible() and canvas.bounding_box()["height"] > 100  # Chart.js drew in its 180px box
    assert_accessible(page)
    page.goto(f"{live_server.url}/milepaeler/plan/{plan.pk}/")
    # Positions come from data-* attributes through static/js/laeringslop.js (no style="" allowed).
    left = page.eval_on_selector(".timeline-milestone", "e => e.style.left")
    assert left.endswith("%") and float(left[:-1]) > 0
    assert page.locator(".timeline-phase").bounding_box()["width"] > 20
    assert_accessible(page)
    page.goto(f"{live_server.url}/prosjekter/{plan.pk}/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/indikatorer/import/")
    page.locator("#dropzone").dispatch_event("dragenter")
    assert "border-primary" in page.locator("#dropzone").get_attribute("class")  # the script ran
    assert_accessible(page)

    # The watcher does catch a violation: an inline script is refused and reported.
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
                  " document.body.appendChild(s); }")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.ran") is None
    assert page.csp_violations, "an inline script was not reported"
    page.csp_violations.clear()
    assert_no_csp_violations(page)
