"""Browser tests: the rector answers and submits; the director sorts the dashboard and opens a school."""
import re
from datetime import date, timedelta

import pytest

from laeringslop.tests import factories as f
from laeringslop.tests.browser import assert_accessible, login, menu_entry

from . import factories as df

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
YEAR = 2025


def test_rector_answers_saves_submits_and_is_locked(page, live_server):
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole", first_grade=1, last_grade=7)
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR,
                                       deadline=date.today() + timedelta(days=14), indicator_codes=["NPLES05"])
    q1 = df.QuestionFactory(mirror_year=mirror_year, area="learning_results", has_rating=True,
                            text="Hva forteller resultatene i lesing?")
    q2 = df.QuestionFactory(mirror_year=mirror_year, area="learning_environment",
                            text="Hvordan er læringsmiljøet?")
    df.value("NPLES05", YEAR, school=school, v=52.1, pupils=40)
    df.nation("NPLES05", YEAR, 50)
    f.rector(school, username="rektor", first_name="Kari")

    login(page, live_server, "rektor")
    assert page.get_by_text("Ikke påbegynt").first.is_visible()
    assert_accessible(page)
    menu_entry(page, "Læringsspeil").click()
    assert "Læringsspeil 2025-26" in page.locator("h1").inner_text()
    assert page.get_by_role("cell", name="52,1", exact=True).is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Svar på spørsmålene").click()
    assert page.locator("#questions-left").inner_text() == "2 spørsmål gjenstår."
    assert_accessible(page)
    page.get_by_label(q1.text).fill("Elevene leser bedre enn i fjor.")
    page.get_by_label("Vurdering (1–4)").select_option("3")
    page.get_by_label(q2.text).fill("Elevene trives, og vi jobber med friminuttene.")
    page.get_by_role("button", name="Lagre utkast").click()
    assert page.get_by_text("Utkastet er lagret.").is_visible()
    assert page.locator("#questions-left").inner_text() == "Alle spørsmålene er besvart."
    assert page.get_by_label(q1.text).input_value() == "Elevene leser bedre enn i fjor."
    assert_accessible(page)

    page.get_by_label("Dato for personalmøtet").fill((date.today() - timedelta(days=2)).isoformat())
    page.get_by_label("Hvordan ble personalet involvert?").fill("Fellesmøte med hele personalet.")
    page.get_by_role("button", name="Send inn").click()
    assert page.get_by_text("Egenvurderingen er sendt inn. Takk!").is_visible()
    assert "Levert" in page.locator("#assessment-status").inner_text()
    # Locked: no fields and no buttons to change the answers.
    assert page.locator("main textarea").count() == 0
    assert page.get_by_role("button", name="Send inn").count() == 0
    assert page.get_by_text("Elevene leser bedre enn i fjor.", exact=True).is_visible()
    assert_accessible(page)


def test_director_sorts_dashboard_and_opens_a_school(page, live_server):
    from laeringslop.models import County

    municipality = f.MunicipalityFactory(name="Elvedal", number="9901",
                                         county=County.objects.create(number="99", name="Fjellfylket"))
    region = f.RegionFactory(municipality=municipality, name="Nord")
    schools = {}
    for name, reading in [("Aasen skole", 47.0), ("Berg skole", 58.0), ("Dal skole", 52.0)]:
        schools[name] = f.SchoolFactory(municipality=municipality, region=region, name=name, first_grade=1,
                                        last_grade=7)
        df.value("NPLES05", YEAR, school=schools[name], v=reading, pupils=60)
    df.nation("NPLES05", YEAR, 50)
    df.municipal("NPLES05", YEAR, municipality, 52.3)
    df.county_value("NPLES05", YEAR, "99", 51.1, uncertainty=0.4)
    df.MirrorYearFactory(municipality=municipality, school_year=YEAR, indicator_codes=["NPLES05", "EU_TRIVSEL"])
    f.director(municipality, username="direktor")

    login(page, live_server, "direktor")
    menu_entry(page, "Dashbord").click()
    assert "Dashbord 2025-26" in page.locator("h1").inner_text()
    assert_accessible(page)

    def school_order():
        return page.locator("#dashboard-table tbody:not(.dash-references) th").all_inner_texts()

    assert school_order() == ["Aasen skole", "Berg skole", "Dal skole"]
    # The wide table scrolls sideways in a focusable region; the school column stays put.
    region = page.get_by_role("region", name="Skolene og indikatorene (rull sidelengs)")
    assert region.get_attribute("tabindex") == "0"
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # only the table scrolls, not the page
    assert page.locator("#dashboard-table tbody th").first.evaluate("e => getComputedStyle(e).position") == "sticky"
    # The header row stays on screen too; the municipality and the nation are reference rows on top.
    assert page.locator("#dashboard-table thead th").nth(3).evaluate("e => getComputedStyle(e).position") == "sticky"
    assert [" ".join(t.split()) for t in page.locator("#dashboard-table tbody.dash-references th").all_inner_texts()] == [
        "Elvedal (referanserad)", "Fjellfylket (referanserad)", "Landet (referanserad)"]
    # A short heading shows its full name on keyboard focus, not only on hover.
    page.locator("#dashboard-table thead a.dash-short").first.focus()
    assert page.locator("#dashboard-table thead a.dash-short .dash-full").first.evaluate(
        "e => e.getBoundingClientRect().width") > 50
    page.get_by_role("link", name="Nasjonale prøver lesing 5. trinn").click()
    assert school_order() == ["Aasen skole", "Dal skole", "Berg skole"]
    page.get_by_role("link", name=re.compile(r"^NP lesing 5\. trinn.*Nasjonale prøver lesing 5\. trinn.*↑$")).click()
    assert school_order() == ["Berg skole", "Dal skole", "Aasen skole"]
    first_cell = page.locator("#dashboard-table tbody:not(.dash-references) tr").first.locator("td").nth(2)
    assert "58,0" in first_cell.inner_text() and "▲" in first_cell.inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Berg skole").click()
    assert "Berg skole" in page.locator("h1").inner_text()
    assert page.get_by_role("cell", name="58,0", exact=True).is_visible()
    assert_accessible(page)


def test_director_compiles_the_reports_and_reads_one(browser, live_server):
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    schools = [f.SchoolFactory(municipality=municipality, name=name, first_grade=1, last_grade=7)
               for name in ("Aasen skole", "Berg skole")]
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR,
                                       indicator_codes=["NPLES05", "EU_TRIVSEL"])
    for year, reading in [(YEAR - 1, 50.8), (YEAR, 53.4)]:
        df.value("NPLES05", year, school=schools[0], v=reading, pupils=60)
        df.municipal("NPLES05", year, municipality, 51.0)
        df.nation("NPLES05", year, 50)
    question = df.QuestionFactory(mirror_year=mirror_year, has_rating=True, text="Hva forteller resultatene?")
    assessment = df.AssessmentFactory(mirror_year=mirror_year, school=schools[0], status="draft",
                                      staff_involvement="Fellesmøte.")
    df.AnswerFactory(assessment=assessment, question=question, text="Lesingen har løftet seg.", rating=3)
    f.director(municipality, username="direktor")
    # The stored report forbids scripts (Content-Security-Policy); axe-core is injected past it.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()

    login(page, live_server, "direktor")
    page.goto(f"{live_server.url}/dialog/aar/{YEAR}/status/")
    page.get_by_role("link", name="Rapporter til utviklingssamtalene med rektorene").click()
    assert "Rapporter til utviklingssamtalene 2025-26" in page.locator("h1").inner_text()
    assert page.locator("#report-table tbody tr").count() == 2
    assert_accessible(page)
    page.get_by_role("button", name="Lag rapporter").click()  # compiled at once: Celery is eager in the tests
    assert page.get_by_text("2 rapporter lages.").is_visible()
    assert page.locator("#report-table .badge", has_text="Klar").count() == 2
    assert_accessible(page)

    page.get_by_role("link", name="Nettside – Aasen skole").click()
    assert "Rapport til utviklingssamtalen 2025-26" in page.locator("h1").inner_text()
    assert page.get_by_role("cell", name="53,4", exact=True).is_visible()
    assert page.get_by_text("Lesingen har løftet seg.").is_visible()
    assert page.get_by_role("heading", name="Notater fra dialogen").is_visible()
    assert_accessible(page)
    context.close()


def test_director_records_the_dialogue_and_the_adviser_marks_the_task_done(page, live_server):
    from ..models import FollowUpTask

    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole", first_grade=1, last_grade=7)
    df.MirrorYearFactory(municipality=municipality, school_year=YEAR, indicator_codes=["NPLES05"])
    f.director(municipality, username="direktor", first_name="Dina", last_name="Dahl")
    f.adviser(municipality, username="radgiver", first_name="Rune", last_name="Rasmussen")
    f.rector(school, username="rektor", first_name="Kari")

    login(page, live_server, "direktor")
    page.goto(f"{live_server.url}/dialog/aar/{YEAR}/status/")
    page.get_by_role("link", name="Utviklingssamtalen – Bjørkelia skole").click()
    assert "Utviklingssamtalen 2025-26" in page.locator("h1").inner_text()
    assert_accessible(page)
    page.get_by_label("Dato for samtalen").fill(date(YEAR + 1, 1, 14).isoformat())
    page.get_by_label("Hvem deltok").fill("Dina Dahl, Kari Lie og Rune Rasmussen")
    page.get_by_label("Hva ble avtalt").fill("Skolen prioriterer lesing på mellomtrinnet.")
    page.get_by_label("Skolens behov for støtte og hjelp").fill("Veiledning i analyse av resultater.")
    page.get_by_role("button", name="Lagre samtalen").click()
    assert page.get_by_text("Samtalen er registrert.").is_visible()
    assert page.locator("#dialogue-held-on").inner_text() == "14. januar 2026"
    assert_accessible(page)

    # The new-task form is open while there are no tasks, and folds with the keyboard (a real <summary>).
    page.locator("#new-task summary").focus()
    assert page.get_by_label("Tittel").is_visible()
    page.keyboard.press("Enter")
    assert not page.get_by_label("Tittel").is_visible()
    page.keyboard.press("Enter")
    page.get_by_label("Type").select_option(label="Veiledning")
    page.get_by_label("Tittel").fill("Veiledning i resultatanalyse")
    page.get_by_label("Ansvarlig rådgiver").select_option(label="Rune Rasmussen")
    page.get_by_label("Frist").fill((date.today() - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Opprett oppgaven").click()
    assert page.get_by_text("Oppgaven er opprettet.").is_visible()
    assert page.locator("#task-table tbody tr").count() == 1
    assert "Forsinket" in page.locator("#task-table tbody tr").inner_text()
    assert_accessible(page)
    page.context.clear_cookies()  # log out

    login(page, live_server, "radgiver")
    assert page.locator("#panel-late-tasks").inner_text() == "1"
    menu_entry(page, "Oppgaver", exact=True).click()
    assert page.locator("h1").inner_text() == "Mine oppfølgingsoppgaver"
    assert "Forsinket" in page.locator("#my-task-table tbody tr").inner_text()
    assert_accessible(page)
    page.get_by_label("Merknad ved utførelse (valgfritt) – Veiledning i resultatanalyse").fill("Holdt 2 møter.")
    page.get_by_role("button", name="Utført – Veiledning i resultatanalyse").press("Enter")
    assert page.get_by_text("«Veiledning i resultatanalyse» er merket som utført.").is_visible()
    assert page.get_by_text("Du har ingen åpne oppfølgingsoppgaver.").is_visible()
    assert FollowUpTask.objects.get().completion_note == "Holdt 2 møter."
    assert_accessible(page)
    page.context.clear_cookies()  # log out

    login(page, live_server, "rektor")
    page.goto(f"{live_server.url}/dialog/speil/{school.pk}/{YEAR}/samtale/")
    assert page.get_by_text("Skolen prioriterer lesing på mellomtrinnet.").is_visible()
    assert "Utført" in page.locator("#task-table tbody tr").inner_text()
    assert page.locator("main form textarea, main form input[type=date]").count() == 0
    assert_accessible(page)


def test_the_year_page_and_a_tasks_thread_by_keyboard_and_for_every_reader(page, live_server):
    """«Året» as the director reads it (timeline, steps, schools, calendar), then the rector answers a task
    in its thread with the keyboard only; both pages pass axe."""
    from ..models import Dialogue, FollowUpTask

    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    f.SchoolFactory(municipality=municipality, name="Granli skole")
    this_year = date.today().year if date.today().month >= 8 else date.today().year - 1
    year = df.MirrorYearFactory(municipality=municipality, school_year=this_year,
                                deadline=date(this_year, 12, 15), dialogues_from=date(this_year + 1, 1, 11),
                                dialogues_until=date(this_year + 1, 1, 29))
    f.director(municipality, username="direktor")
    adviser = f.adviser(municipality, username="radgiver")
    f.rector(school, username="rektor", first_name="Rita", last_name="Rektor")
    held = Dialogue.objects.create(mirror_year=year, school=school, held_on=date(this_year, 9, 1),
                                   participants="Direktør og rektor", summary="Lesing.")
    task = FollowUpTask.objects.create(dialogue=held, kind="guidance", title="Veiledning i lesing",
                                       responsible=adviser, due_on=date.today() + timedelta(days=30))

    login(page, live_server, "direktor")
    menu_entry(page, "Året", exact=True).click()
    assert page.locator("h1").inner_text().startswith(f"Året {year.label}")
    assert page.get_by_role("img", name=f"Stegene i skoleåret {year.label} fra august til juli").is_visible()
    assert page.locator("#school-steps tbody tr").count() == 2
    assert_accessible(page)
    page.context.clear_cookies()

    login(page, live_server, "rektor")
    page.goto(f"{live_server.url}/dialog/oppgaver/{task.pk}/kommentarer/")
    page.get_by_role("textbox", name="Kommentar").focus()
    page.keyboard.type("Vi har startet lesekurs.")
    page.keyboard.press("Tab")  # to «Legg til kommentaren»
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Kommentaren er lagt til.").is_visible()
    assert page.locator("#thread li").count() == 1
    assert_accessible(page)


def test_the_mirror_charts_open_from_the_table_and_are_accessible(page, live_server):
    """The Læringsspeil with the county, the mastery levels, girls and boys and a trend with a break:
    «Se diagrammet» (by keyboard) opens the indicator's chart and its table; axe-core on both states."""
    from laeringslop.models import County

    county = County.objects.create(number="99", name="Fjellfylket")
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901", county=county)
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole", first_grade=1, last_grade=7)
    df.MirrorYearFactory(municipality=municipality, school_year=YEAR, indicator_codes=["NPLES05"])
    for k, year in enumerate(range(YEAR - 4, YEAR + 1)):
        shares = {"1": 20.0 - k, "2": 50.0, "3": 30.0 + k}
        groups = {"groups": {"girls": {"value": 53.0 + k, "pupils": 20}, "boys": {"value": 49.0 + k, "pupils": 20}}}
        df.value("NPLES05", year, school=school, v=50.5 + k, pupils=40, details={**shares, **groups})
        df.municipal("NPLES05", year, municipality, 50.2, details={"1": 22.0, "2": 50.0, "3": 28.0})
        df.county_value("NPLES05", year, "99", 50.1, details={"1": 23.0, "2": 50.0, "3": 27.0})
        df.nation("NPLES05", year, 50, details={"1": 24.0, "2": 50.0, "3": 26.0})
    f.rector(school, username="rektor", first_name="Kari")

    login(page, live_server, "rektor")
    page.goto(f"{live_server.url}/dialog/speil/{school.pk}/{YEAR}/")
    assert page.get_by_role("columnheader", name="Fylket", exact=True).is_visible()
    assert page.get_by_role("heading", name="Mestringsnivå i nasjonale prøver").is_visible()
    assert page.locator("#gender-learning_results").is_visible()
    assert_accessible(page)

    trend = page.locator("#trend-nples05-5")
    assert not trend.locator("svg.trend-chart").is_visible()
    link = page.get_by_role("link", name=re.compile("Se diagrammet"))
    link.focus()
    page.keyboard.press("Enter")
    assert trend.locator("svg.trend-chart").is_visible()
    assert trend.get_by_text("Brudd i tidsrekken").first.is_visible()  # the new series from 2022-23
    assert trend.locator("table.trend-table").get_by_role("rowheader", name="2021-22").is_visible()
    assert trend.locator(".chart-legend").get_by_text("Fjellfylket").count() == 0  # the county by its role
    assert trend.locator(".chart-legend").get_by_text("Fylket").is_visible()
    assert_accessible(page)
