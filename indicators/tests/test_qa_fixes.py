"""Defects found by QA on the running portal, each pinned by a test."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from indicators.models import ImportJob, ImportStatus, Indicator, IndicatorValue, ValueChange
from indicators.tests.factories import csv_bytes, national_row, org_number, schools
from laeringslop.tests import factories as core

pytestmark = pytest.mark.django_db

LONG_HEADER = ["Skoleaarnavn", "Organisasjonsnummer", "Indikator", "Verdi", "Antall"]


@pytest.fixture
def adviser_client(client, world):
    client.force_login(world.users["adviser"])
    return client


@pytest.fixture
def superuser_client(client, world):
    """The portal's administrator (a superuser), working in the world's municipality: a reference import."""
    from laeringslop.tenancy import SESSION_KEY

    client.force_login(core.UserFactory(username="portaladmin", is_superuser=True, is_staff=True))
    session = client.session
    session[SESSION_KEY] = world.municipality.pk
    session.save()
    return client


def upload(client, data, name="fil.csv"):
    with TestCase.captureOnCommitCallbacks(execute=True):  # the job is sent to the (eager) worker on commit
        client.post(reverse("indicators:import_upload"), {"file": SimpleUploadedFile(name, data), "format": ""})
    return ImportJob.objects.latest("pk")


def detail(client, job) -> str:
    return client.get(reverse("indicators:import_detail", args=[job.pk])).content.decode()


def _comparison(code, level, name, value="40"):
    return IndicatorValue.objects.create(indicator=Indicator.objects.get(code="GSP"), school_year=2024, grade=10,
                                         level=level, area_code=code, area_name=name, value=value)


# 1. The long format has no name column: stored names are kept, the nation is always "Hele landet".
# (A reference import: only the portal's administrator stores the nation's, counties' and others' rows.)
def test_long_format_keeps_stored_names_and_logs_no_name_change(superuser_client):
    municipality = core.MunicipalityFactory(name="Portalby kommune")
    _comparison("9901", 3, "Elvedal kommune")
    _comparison("33", 2, "Buskerud")
    _comparison("I", 1, "Hele landet")
    rows = [["2024-25", "9901", "GSP", "42,1", ""], ["2024-25", "33", "GSP", "41,6", ""],
            ["2024-25", "I", "GSP", "41,4", ""], ["2024-25", municipality.number, "GSP", "40", ""],
            ["2024-25", "9902", "GSP", "40", ""]]
    job = upload(superuser_client, csv_bytes(rows, header=LONG_HEADER))
    assert job.status == ImportStatus.AWAITING, job.problems  # it changes stored values: confirmed first
    with TestCase.captureOnCommitCallbacks(execute=True):
        superuser_client.post(reverse("indicators:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.reference, job.problems
    names = dict(IndicatorValue.objects.values_list("area_code", "area_name"))
    assert names == {"9901": "Elvedal kommune", "33": "Buskerud", "I": "Hele landet",
                     municipality.number: "Portalby kommune", "9902": ""}
    assert ValueChange.objects.filter(job=job).count() == 3
    for change in ValueChange.objects.filter(job=job):
        assert change.old["area_name"] == change.new["area_name"]
    page = detail(superuser_client, job)
    assert "Elvedal kommune" in page and "GSP 2024 9901" not in page


def test_every_format_names_the_nation_the_same(tmp_path):
    school = schools(n=1)[0]
    path = tmp_path / "np.csv"
    path.write_bytes(csv_bytes([national_row(school.org_number, school.name),
                                national_row("I", "Nasjonalt", level="1", score="50")]))
    from django.core.management import call_command
    call_command("import_indicators", str(path), "--municipality", school.municipality.number, "--reference")
    assert IndicatorValue.objects.get(level=1).area_name == "Hele landet"


# 2. Every school unknown: say that nothing was stored, not that the values match.
def test_file_with_only_unknown_schools_says_nothing_was_stored(adviser_client):
    unknown = org_number(87654321)
    job = upload(adviser_client, csv_bytes([national_row(unknown, "Ukjent skole")]))
    assert job.status == ImportStatus.NOTHING_STORED
    page = detail(adviser_client, job)
    assert "Ingen skoler i filen finnes i portalen; ingenting ble lagret." in page
    assert "Ukjent skole (" + unknown + ")" in page
    assert "stemmer allerede" not in page and "Importert" not in page


# 3. Messages for files that are not tables at all.
def test_prose_text_file_is_not_called_comma_separated(adviser_client):
    job = upload(adviser_client, b"Hei, dette er et brev.\nMed vennlig hilsen, Ola\n", name="brev.txt")
    assert job.status == ImportStatus.REJECTED
    page = detail(adviser_client, job)
    assert "Kolonnene er skilt med" not in page
    assert "ikke en CSV-tabell med Udirs kolonneoverskrifter" in page


def test_comma_separated_udir_file_still_gets_the_separator_message(adviser_client):
    job = upload(adviser_client, csv_bytes([national_row(org_number(12345678))], delimiter=","))
    assert "«,»" in detail(adviser_client, job)


def test_xlsx_that_is_not_a_zip_is_not_a_valid_excel_file(adviser_client):
    job = upload(adviser_client, b"Skoleaarnavn;hei\n1;2\n", name="resultater.xlsx")
    page = detail(adviser_client, job)
    assert job.status == ImportStatus.REJECTED
    assert "ikke en gyldig Excel-fil" in page and "kjent format" not in page


# 4. The changes are shown with labels, Norwegian numbers and the indicator's name.
def test_changed_values_are_shown_in_norwegian(adviser_client, world):
    org = world.school.org_number
    upload(adviser_client, csv_bytes([national_row(org, world.school.name, score="53,95", uncertainty="2",
                                                    pupils="1539")]))
    job = upload(adviser_client, csv_bytes([national_row(org, world.school.name, score="48,3", uncertainty="",
                                                          pupils="*", shares=["24,1", "50", "25,9", "", ""])]))
    page = detail(adviser_client, job)
    assert "Verdi: 53,95 → 48,3" in page
    assert "Usikkerhet: 2 → –" in page
    assert "Mestringsnivå 1: 20,1 → 24,1" in page
    assert "Antall elever: 1\xa0539 → –" in page  # grouped as Norwegians write it
    for internal in ("uncertainty", "pupil_count", "details:", "{'", "48.300", "area_name"):
        assert internal not in page
    assert "Nasjonale prøver lesing 5. trinn" in page and "2024-25" in page
    assert '<th scope="col">Endring</th>' in page


def test_suppression_is_shown_as_yes_no(adviser_client, world):
    org = world.school.org_number
    upload(adviser_client, csv_bytes([national_row(org, world.school.name)]))
    job = upload(adviser_client, csv_bytes([national_row(org, world.school.name, score="*")]))
    page = detail(adviser_client, job)
    assert "Prikket: nei → ja" in page and "False" not in page


# 5. The job's history does not track its bulky JSON fields.
def test_job_history_leaves_out_problems_and_summary(adviser_client, world):
    job = upload(adviser_client, csv_bytes([national_row(world.school.org_number, score="104,2")]))
    fields = {field.name for field in ImportJob.history.model._meta.get_fields()}
    assert "problems" not in fields and "summary" not in fields
    page = detail(adviser_client, job)
    assert "msgid" not in page and "is outside" not in page


# 6. The link in the green alert has enough contrast.
def test_see_that_import_link_uses_alert_link(adviser_client, world):
    data = csv_bytes([national_row(world.school.org_number)])
    upload(adviser_client, data)
    job = upload(adviser_client, data)
    assert 'class="alert-link"' in detail(adviser_client, job)


# 7. The problem column holds only the description; the CSV keeps the whole sentence.
def test_problem_column_does_not_repeat_row_and_column(adviser_client, world):
    job = upload(adviser_client, csv_bytes([national_row(world.school.org_number, score="104,2")]))
    page = detail(adviser_client, job)
    assert "<td>«104,2» er utenfor 0–100.</td>" in page
    assert "Rad 2, kolonne" not in page


# 8. A short menu label.
def test_menu_label_is_short(adviser_client):
    from indicators.nav import items

    request = type("R", (), {"user": adviser_client.get(reverse("home")).wsgi_request.user})()
    assert [str(item.label) for item in items(request)] == ["Import"]


def test_a_school_year_out_of_range_names_the_range():
    from django.utils import translation

    from indicators.importing.problems import CellError
    from indicators.importing.values import school_year

    with pytest.raises(CellError) as error, translation.override("nb"):
        school_year("1990-91")
    assert "2000-01" in error.value.msgid and "2100-01" in error.value.msgid


def test_a_school_year_whose_years_do_not_follow_says_so():
    from indicators.importing.problems import CellError
    from indicators.importing.values import school_year

    with pytest.raises(CellError) as error:
        school_year("2024-26")
    assert "the second year must follow the first" in error.value.msgid
