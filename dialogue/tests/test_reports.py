"""The dialogue reports: compiled by the Celery task (HTML and PDF), requested per year, out-of-date marker,
the list page's queries, the files only through the views."""
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from laeringslop.tests import factories as f
from laeringslop.tests.pdf import is_tagged

from .. import services, tasks
from ..charts import trend_chart
from ..models import DialogueReport
from ..reports import reports_request
from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def town():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole", first_grade=1, last_grade=10)
    other = f.SchoolFactory(municipality=municipality, name="Granli skole", first_grade=1, last_grade=7)
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR,
                                       indicator_codes=["NPLES05", "EU_MOBBING"])
    for year, own, town_value in [(YEAR - 2, 49.5, 50.1), (YEAR - 1, 50.2, 50.0), (YEAR, 53.7, 50.4)]:
        df.value("NPLES05", year, school=school, v=own, uncertainty=1.5, pupils=60)
        df.municipal("NPLES05", year, municipality, town_value)
        df.nation("NPLES05", year, 50)
    df.value("EU_MOBBING", YEAR, school=school, grade=10, suppressed=True, pupils=6)
    df.nation("EU_MOBBING", YEAR, 7.4, grade=10)
    rated = df.QuestionFactory(mirror_year=mirror_year, area="learning_results", has_rating=True,
                               text="Hva forteller resultatene i lesing?")
    plain = df.QuestionFactory(mirror_year=mirror_year, area="learning_environment",
                               text="Hvordan arbeider skolen mot mobbing?")
    rector = f.rector(school, username="rektor", first_name="Kari", last_name="Lie")
    assessment = df.AssessmentFactory(mirror_year=mirror_year, school=school, status="submitted",
                                      submitted_at=timezone.now(), submitted_by=rector,
                                      staff_meeting_date=date(YEAR, 11, 20),
                                      staff_involvement="Fellesmøte med hele personalet.")
    df.AnswerFactory(assessment=assessment, question=rated, text="Elevene leser bedre enn i fjor.", rating=3)
    df.AnswerFactory(assessment=assessment, question=plain, text="Vi har nye friminuttsaktiviteter.")
    return {"municipality": municipality, "school": school, "other": other, "mirror_year": mirror_year,
            "rector": rector, "director": f.director(municipality, username="direktor"),
            "questions": (rated, plain), "assessment": assessment}


def _compile(town, django_capture_on_commit_callbacks, **kw):
    with django_capture_on_commit_callbacks(execute=True):
        reports_request(town["mirror_year"], town["director"], **kw)
    return {r.school_id: r for r in DialogueReport.objects.filter(mirror_year=town["mirror_year"])}


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def test_the_task_compiles_html_and_pdf_with_the_values_and_answers(town, django_capture_on_commit_callbacks):
    reports = _compile(town, django_capture_on_commit_callbacks, schools=[town["school"]])
    report = reports[town["school"].pk]
    assert report.status == "done" and report.error == "" and report.compiled_at is not None
    assert report.html.name.startswith(f"reports/{YEAR}/{town['school'].pk}/")
    html = _read(report.html).decode()
    assert "Bjørkelia skole" in html and "Rapport til utviklingssamtalen 2025-26" in html
    assert "53,7" in html and "50,4" in html and "50,0" in html  # school, municipality, nation
    assert "Bedre enn landet" in html  # 53.7 vs 50 with ±1.5: a real difference
    assert "Mobbing" in html and ">*</span>" in html  # suppressed, shown as *
    assert "Elevene leser bedre enn i fjor." in html and "<strong>3 / 4</strong>" in html
    assert "Vi har nye friminuttsaktiviteter." in html and "Fellesmøte med hele personalet." in html
    assert "Kari Lie" in html and "Notater fra dialogen" in html
    # A server-side SVG trend for the national test, no scripts and no Bootstrap.
    assert "<svg" in html and 'class="line line-school"' in html
    assert "<script" not in html and "bootstrap" not in html
    pdf = _read(report.pdf)
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    assert is_tagged(pdf)  # headings and tables as structure, for screen readers


def test_running_the_task_again_changes_nothing(town, django_capture_on_commit_callbacks):
    report = _compile(town, django_capture_on_commit_callbacks, schools=[town["school"]])[town["school"].pk]
    before = (report.html.name, report.pdf.name, report.compiled_at, report.finished_at, _read(report.pdf))
    assert tasks.compile_report.delay(report.pk).get() == "done"
    report.refresh_from_db()
    assert (report.html.name, report.pdf.name, report.compiled_at, report.finished_at, _read(report.pdf)) == before
    # A report being compiled by another worker is not compiled a second time either.
    DialogueReport.objects.filter(pk=report.pk).update(status="running", started_at=timezone.now())
    assert tasks.compile_report.delay(report.pk).get() == "running"
    report.refresh_from_db()
    assert report.compiled_at == before[2]


def test_a_failure_is_recorded_and_the_previous_files_are_kept(town, django_capture_on_commit_callbacks,
                                                               monkeypatch):
    report = _compile(town, django_capture_on_commit_callbacks, schools=[town["school"]])[town["school"].pk]
    old_html, old_pdf = report.html.name, report.pdf.name
    import weasyprint

    def broken(self, *args, **kwargs):
        raise RuntimeError("no fonts for the PDF")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    report = _compile(town, django_capture_on_commit_callbacks, schools=[town["school"]])[town["school"].pk]
    assert report.status == "failed"
    assert report.error == "RuntimeError: no fonts for the PDF" and report.finished_at is not None
    assert (report.html.name, report.pdf.name) == (old_html, old_pdf)
    assert _read(report.pdf).startswith(b"%PDF")
    storage = report.html.storage
    assert sorted(storage.listdir(f"reports/{YEAR}/{town['school'].pk}")[1]) == sorted(
        n.rsplit("/", 1)[1] for n in (old_html, old_pdf))  # the failed run left no files behind
    client_html = _list_html(town)
    assert "Mislyktes" in client_html and "no fonts for the PDF" in client_html


def _list_html(town, client=None):
    from django.test import Client

    client = client or Client()
    client.force_login(town["director"])
    response = client.get(reverse("dialogue:report_list", kwargs={"year": YEAR}))
    assert response.status_code == 200
    return response.content.decode()


def test_requesting_creates_one_report_per_school_and_requesting_again_resets(town, monkeypatch,
                                                                               django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr(tasks.compile_report, "apply_async", lambda args, **kw: sent.append(args[0]))
    municipality = town["municipality"]
    f.SchoolFactory(municipality=municipality, name="Nedlagt skole", active=False)
    f.KindergartenFactory(municipality=municipality)
    f.SchoolFactory(name="Skole i en annen kommune")
    with django_capture_on_commit_callbacks(execute=True):
        first = reports_request(town["mirror_year"], town["director"])
    assert sorted(r.school.name for r in first) == ["Bjørkelia skole", "Granli skole"]
    assert sorted(sent) == sorted(r.pk for r in first)
    DialogueReport.objects.filter(pk=first[0].pk).update(status="done", error="", finished_at=timezone.now())
    DialogueReport.objects.filter(pk=first[1].pk).update(status="failed", error="Boom")

    adviser = f.adviser(municipality)
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = reports_request(town["mirror_year"], adviser)
    assert DialogueReport.objects.count() == 2
    assert sorted(r.pk for r in again) == sorted(r.pk for r in first) == sorted(sent)
    for report in DialogueReport.objects.all():
        assert (report.status, report.error, report.finished_at, report.requested_by) == ("pending", "", None, adviser)

    # One being compiled now is left alone; only the given schools are requested.
    DialogueReport.objects.filter(school=town["school"]).update(status="running", started_at=timezone.now())
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reports_request(town["mirror_year"], adviser, schools=[town["school"]]) == []
        only = reports_request(town["mirror_year"], adviser, schools=[town["other"]])
    assert [r.school for r in only] == [town["other"]] and sent == [only[0].pk]
    assert DialogueReport.objects.get(school=town["school"]).status == "running"


def test_out_of_date_after_the_assessment_changes(client, town, django_capture_on_commit_callbacks):
    _compile(town, django_capture_on_commit_callbacks)
    assert "utdatert" not in _list_html(town, client)
    mirror_url = reverse("dialogue:mirror", kwargs={"school_id": town["school"].pk, "year": YEAR})
    assert "utdatert" not in client.get(mirror_url).content.decode()

    assessment = town["assessment"]
    services.assessment_reopen(assessment, user=town["director"], reason="Rett en skrivefeil")
    rated, plain = town["questions"]
    services.assessment_save(mirror_year=town["mirror_year"], school=town["school"], user=town["rector"],
                             answers={rated.pk: ("Elevene leser mye bedre enn i fjor.", 3),
                                      plain.pk: ("Vi har nye friminuttsaktiviteter.", None)},
                             staff_meeting_date=date(YEAR, 11, 20), staff_involvement="Fellesmøte med hele personalet.")
    html = _list_html(town, client)
    row = html[html.index(f'id="report-{town["school"].pk}"'):]
    assert "utdatert – lag på nytt" in row[:row.index("</tr>")]
    other_row = html[html.index(f'id="report-{town["other"].pk}"'):]
    assert "utdatert" not in other_row[:other_row.index("</tr>")]
    assert "utdatert – lag på nytt" in client.get(mirror_url).content.decode()
    # The rector reads the report too, and is told it predates the latest changes.
    client.force_login(town["rector"])
    rector_page = client.get(mirror_url).content.decode()
    assert "utdatert: laget før de siste endringene" in rector_page and "lag på nytt" not in rector_page
    client.force_login(town["director"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dialogue:report_request",
                                       kwargs={"school_id": town["school"].pk, "year": YEAR}))
    assert response.status_code == 302
    assert "utdatert" not in _list_html(town, client)
    report = DialogueReport.objects.get(school=town["school"])
    assert "Elevene leser mye bedre enn i fjor." in _read(report.html).decode()


def test_out_of_date_after_new_values(client, town, django_capture_on_commit_callbacks):
    _compile(town, django_capture_on_commit_callbacks)
    df.value("NPLES05", YEAR, school=town["other"], v=48.0, pupils=30)
    html = _list_html(town, client)
    row = html[html.index(f'id="report-{town["other"].pk}"'):]
    assert "utdatert" in row[:row.index("</tr>")]
    # The nation's value is in every school's report.
    df.nation("NPLES05", YEAR - 3, 50)
    assert _list_html(town, client).count("utdatert – lag på nytt") == 2


def test_list_page_queries_do_not_grow_with_the_schools(client, town, django_assert_max_num_queries):
    municipality, mirror_year = town["municipality"], town["mirror_year"]

    def add_schools(n):
        for _ in range(n):
            school = f.SchoolFactory(municipality=municipality)
            mirror_year.schools.add(school)
            df.AssessmentFactory(mirror_year=mirror_year, school=school)
            report = DialogueReport(mirror_year=mirror_year, school=school, status="done", compiled_at=timezone.now(),
                                    requested_by=town["director"])
            report.html.save("r.html", ContentFile(b"<p>x</p>"), save=False)
            report.pdf.save("r.pdf", ContentFile(b"%PDF"), save=False)
            report.save()

    url = reverse("dialogue:report_list", kwargs={"year": YEAR})
    client.force_login(town["director"])
    add_schools(3)
    # 16, and the municipality's former numbers (its county in the report's years: one query, two with a county)
    with django_assert_max_num_queries(17) as small:
        assert len(client.get(url).context["rows"]) == 5
    add_schools(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get(url).context["rows"]) == 35


@pytest.mark.django_db(transaction=True)  # the request commits, so the reports are handed to the queue
def test_the_list_polls_while_reports_are_compiled_and_works_without_javascript(client, town, monkeypatch):
    monkeypatch.setattr(tasks.compile_report, "apply_async", lambda *a, **kw: None)  # no worker has got to them yet
    client.force_login(f.adviser(town["municipality"]))
    url = reverse("dialogue:report_list", kwargs={"year": YEAR})
    response = client.post(reverse("dialogue:reports_request", kwargs={"year": YEAR}), follow=True)
    html = response.content.decode()
    assert "2 rapporter lages." in html  # the message after the POST
    assert 'hx-get="' + url + '"' in html and f'<a href="{url}">Oppdater</a>' in html
    partial = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<div id="report-rows" hx-get=') and "<html" not in partial
    DialogueReport.objects.update(status="done")
    partial = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-get" not in partial


def test_rector_reads_and_downloads_only_the_own_report(client, town, django_capture_on_commit_callbacks):
    html_url = reverse("dialogue:report_html", kwargs={"school_id": town["school"].pk, "year": YEAR})
    pdf_url = reverse("dialogue:report_pdf", kwargs={"school_id": town["school"].pk, "year": YEAR})
    client.force_login(town["rector"])
    assert client.get(html_url).status_code == 404  # not compiled yet
    _compile(town, django_capture_on_commit_callbacks)
    response = client.get(html_url)
    assert response.status_code == 200 and "Bjørkelia skole" in response.content.decode()
    assert "default-src 'none'" in response["Content-Security-Policy"]
    response = client.get(pdf_url)
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    other = reverse("dialogue:report_pdf", kwargs={"school_id": town["other"].pk, "year": YEAR})
    assert client.get(other).status_code == 404
    # The Læringsspeil page links to the report; the year's status page too (for the staff).
    mirror = client.get(reverse("dialogue:mirror", kwargs={"school_id": town["school"].pk, "year": YEAR}))
    assert html_url in mirror.content.decode() and pdf_url in mirror.content.decode()
    client.force_login(town["director"])
    status = client.get(reverse("dialogue:year_status", kwargs={"year": YEAR})).content.decode()
    assert reverse("dialogue:report_list", kwargs={"year": YEAR}) in status and html_url in status


def test_the_report_follows_the_requesters_language(client, town, django_capture_on_commit_callbacks):
    from django.utils import translation

    report = _compile(town, django_capture_on_commit_callbacks, schools=[town["school"]],
                      language="en")[town["school"].pk]
    html = _read(report.html).decode()
    assert '<html lang="en">' in html and "Notes from the dialogue" in html and "Notater" not in html
    # Outside a request (a shell, a command) it is the site's language, whatever the thread last spoke.
    with translation.override("en"):
        report = _compile(town, django_capture_on_commit_callbacks, schools=[town["school"]])[town["school"].pk]
    assert '<html lang="nb">' in _read(report.html).decode()
    # Through the page: the language the director reads the portal in.
    client.force_login(town["director"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dialogue:report_request", kwargs={"school_id": town["school"].pk, "year": YEAR}))
    report.refresh_from_db()
    assert report.language == "en" and "Report for the dialogue 2025-26" in _read(report.html).decode()


def test_trend_chart_leaves_gaps_for_missing_values():
    from django.utils import translation

    with translation.override("nb"):  # the compile renders in the report's language
        chart = trend_chart("Lesing", [2023, 2024, 2025], [("school", "Skolen", [50.0, None, 54.0]),
                                                           ("nation", "Landet", [None, None, None])])
    school, nation = chart.lines
    assert len(school.dots) == 2 and school.points.count(",") == 2 and nation.points == ""
    assert float(school.dots[0][1]) > float(school.dots[1][1])  # 54 is drawn higher (smaller y) than 50
    assert [label for _y, _label_y, label in chart.y_ticks] == ["50,0", "54,0"] and chart.has_data
    assert "," not in school.dots[0][0] + school.dots[0][1]  # coordinates are never localised (50,4)
    assert "2024-25 –" in chart.description
    assert not trend_chart("Tom", [2024, 2025], [("school", "Skolen", [None, None])]).has_data


def test_stale_running_report_can_be_claimed_again(town, django_capture_on_commit_callbacks):
    report = _compile(town, django_capture_on_commit_callbacks, schools=[town["school"]])[town["school"].pk]
    DialogueReport.objects.filter(pk=report.pk).update(status="running",
                                                       started_at=timezone.now() - timedelta(hours=2))
    assert tasks.compile_report.delay(report.pk).get() == "done"


def test_the_report_shows_the_county_and_the_mastery_levels(town, django_capture_on_commit_callbacks):
    from laeringslop.models import County

    municipality = town["municipality"]
    municipality.county = County.objects.create(number="99", name="Fjellfylket")
    municipality.save(update_fields=["county"])
    df.county_value("NPLES05", YEAR, "99", 50.9, details={"1": 21.0, "2": 51.0, "3": 28.0})
    school_value = town["school"].indicator_values.get(indicator__code="NPLES05", school_year=YEAR)
    school_value.details = {"1": 12.0, "2": 48.0, "3": 40.0}
    school_value.save()
    report = _compile(town, django_capture_on_commit_callbacks, schools=[town["school"]])[town["school"].pk]
    assert report.status == "done", report.error
    html = _read(report.html).decode()
    assert ">Fylket<" in html and "50,9" in html  # the county column
    mastery = html[html.index('id="mastery"'):html.index('id="assessment"')]
    assert "Mestringsnivå i nasjonale prøver" in mastery and "<svg" in mastery
    assert '<td class="num">40 %</td>' in mastery and '<td class="num">28 %</td>' in mastery  # the table
    assert _read(report.pdf).startswith(b"%PDF")


def test_a_changed_county_value_makes_the_report_out_of_date(town, django_capture_on_commit_callbacks):
    from laeringslop.models import County

    from ..selectors import fingerprint

    municipality = town["municipality"]
    municipality.county = County.objects.create(number="99", name="Fjellfylket")
    municipality.save(update_fields=["county"])
    county_value = df.county_value("NPLES05", YEAR, "99", 50.9)
    report = _compile(town, django_capture_on_commit_callbacks, schools=[town["school"]])[town["school"].pk]
    assert report.fingerprint == fingerprint(report)
    county_value.value = 52
    county_value.save()
    assert report.fingerprint != fingerprint(report)
