"""An adviser creates a milestone, it falls late, the adviser marks it done and it leaves the late list."""
import datetime

import pytest
from django.utils import timezone

from laeringslop.tests import factories as core
from laeringslop.tests.browser import assert_accessible, login
from milestones.models import Milestone, Status
from projects.tests import factories as pf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_adviser_creates_a_milestone_marks_it_done_and_it_leaves_the_late_list(page, live_server):
    municipality = core.MunicipalityFactory(name="Drammen", number="3005")
    core.adviser(municipality, username="radgiver", first_name="Rune")
    today = timezone.localdate()
    plan = pf.PlanFactory(municipality=municipality, name="Læringsløp Drammen",
                          start_year=today.year - 1, end_year=today.year + 2)
    pf.PhaseFactory(plan=plan, number=1, name="Første fase", start_date=today - datetime.timedelta(days=60),
                    end_date=today + datetime.timedelta(days=60))

    login(page, live_server, "radgiver")
    page.goto(f"{live_server.url}/milepaeler/plan/{plan.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Ny milepæl").click()
    assert_accessible(page)
    page.get_by_label("Tittel").fill("Arbeidsmøte om første utkast")
    page.get_by_label("Frist").fill((today + datetime.timedelta(days=2)).isoformat())
    page.get_by_label("Fase").select_option(label="1. Første fase")
    page.get_by_role("button", name="Lagre").click()
    assert page.get_by_role("link", name="Arbeidsmøte om første utkast").is_visible()
    assert page.locator("#late-list").count() == 0

    # Time passes: the due date is now behind us and the milestone shows as late.
    milestone = Milestone.objects.get(title="Arbeidsmøte om første utkast")
    Milestone.objects.filter(pk=milestone.pk).update(due_date=today - datetime.timedelta(days=1))
    page.reload()
    late_list = page.locator("#late-list")
    assert late_list.get_by_role("link", name="Arbeidsmøte om første utkast").is_visible()
    assert_accessible(page)

    late_list.get_by_role("link", name="Arbeidsmøte om første utkast").click()
    assert page.locator("h1").inner_text() == "Arbeidsmøte om første utkast"
    assert_accessible(page)
    page.get_by_role("button", name="Merk som fullført").click()
    assert page.get_by_text("Milepælen er merket som fullført.").is_visible()
    milestone.refresh_from_db()
    assert milestone.status == Status.DONE

    page.get_by_role("link", name="Tidslinje").first.click()
    assert page.locator("#late-list").count() == 0
    assert page.get_by_role("row", name="Arbeidsmøte om første utkast").get_by_text("Fullført").is_visible()
    assert_accessible(page)


def test_timeline_labels_are_never_cut_off(page, live_server):
    municipality = core.MunicipalityFactory(name="Drammen", number="3005")
    core.adviser(municipality, username="radgiver")
    plan = pf.PlanFactory(municipality=municipality, name="Læringsløp Drammen", start_year=2016, end_year=2020)
    phase = pf.PhaseFactory(plan=plan, number=1, name="Første prosjektfase: svare opp prosjektmandatet",
                            start_date=datetime.date(2015, 8, 15), end_date=datetime.date(2016, 1, 29))
    title = "Styringsgruppas andre arbeidsmøte: første utkast til handlingsplan"
    for day in (1, 5, 9):
        Milestone.objects.create(plan=plan, phase=phase, title=f"{title} {day}", due_date=datetime.date(2015, 12, day))
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, "radgiver")
    page.goto(f"{live_server.url}/milepaeler/plan/{plan.pk}/")
    cut = page.eval_on_selector_all(".timeline-phase, .timeline-milestone",
                                    "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)")
    assert cut == []
    assert page.locator("#phase-list").get_by_text("Første prosjektfase: svare opp prosjektmandatet").is_visible()
    assert page.locator("#milestone-table").get_by_role("link", name=f"{title} 9").is_visible()
    assert_accessible(page)


def test_the_responsible_person_is_found_by_keyboard_with_a_search(page, live_server):
    """Two people called Kari Berg: typed words narrow the list, Enter picks the match, the form saves it."""
    municipality = core.MunicipalityFactory(name="Elvedal", number="9901")
    core.adviser(municipality, username="radgiver", first_name="Rune", last_name="Rasmussen")
    school = core.SchoolFactory(municipality=municipality, name="Almeåsen skole")
    kindergarten = core.KindergartenFactory(municipality=municipality, name="Vesleheim barnehage")
    core.rector(school, username="kari1", first_name="Kari", last_name="Berg")
    head = core.kindergarten_head(kindergarten, username="kari2", first_name="Kari", last_name="Berg")
    today = timezone.localdate()
    plan = pf.PlanFactory(municipality=municipality, name="Kvalitetsplan for oppvekst",
                          start_year=today.year - 1, end_year=today.year + 2)

    login(page, live_server, "radgiver")
    page.goto(f"{live_server.url}/milepaeler/plan/{plan.pk}/ny/")
    assert_accessible(page)
    page.get_by_label("Tittel").fill("Overføringssamtaler barnehage–skole")
    page.get_by_label("Frist").fill((today + datetime.timedelta(days=7)).isoformat())
    page.get_by_label("Ansvarlig gruppe").focus()
    page.keyboard.press("Tab")  # the search box comes right before the list
    search = page.get_by_label("Søk etter person (navn, rolle eller enhet)")
    assert search.evaluate("el => el === document.activeElement")
    page.keyboard.type("berg styrer")
    assert page.get_by_role("status").filter(has_text="Treff").inner_text() == "Treff: 1"
    assert_accessible(page)
    page.keyboard.press("Enter")  # picks the one match and moves to the list; does not submit the form
    chosen = page.get_by_label("Ansvarlig person", exact=True)
    assert chosen.evaluate("el => el === document.activeElement")
    assert chosen.input_value() == str(head.pk)
    page.get_by_role("button", name="Lagre").click()
    assert page.get_by_role("link", name="Overføringssamtaler barnehage–skole").is_visible()
    assert Milestone.objects.get(title="Overføringssamtaler barnehage–skole").responsible_person == head
