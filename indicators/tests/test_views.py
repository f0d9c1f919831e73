"""The upload page, the job page with progress, the problems CSV and the history page."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from indicators.models import ImportJob, ImportStatus, IndicatorValue
from indicators.tests.factories import csv_bytes, national_row
from laeringslop.tests import factories as core

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser_client(client, world):
    client.force_login(world.users["adviser"])
    return client


def upload(client, data, name="np.csv", **extra):
    with TestCase.captureOnCommitCallbacks(execute=True):  # the job is sent to the (eager) worker on commit
        return client.post(reverse("indicators:import_upload"),
                           {"file": SimpleUploadedFile(name, data), "format": "", **extra})


def test_upload_runs_the_job_and_shows_the_summary(adviser_client, world):
    data = csv_bytes([national_row(world.school.org_number, world.school.name)])
    response = upload(adviser_client, data)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("indicators:import_detail", args=[job.pk])
    assert job.status == ImportStatus.DONE and job.uploaded_by == world.users["adviser"]
    assert job.municipality == world.municipality and job.format == "national_tests"
    import hashlib
    assert job.sha256 == hashlib.sha256(data).hexdigest()
    assert job.file.read() == data
    page = adviser_client.get(response.url).content.decode()
    assert "Egen skole" in page and job.sha256 in page
    assert IndicatorValue.objects.filter(unit=world.school).count() == 1


def test_uploaded_files_are_not_under_a_public_url(adviser_client, world, settings):
    upload(adviser_client, csv_bytes([national_row(world.school.org_number)]))
    job = ImportJob.objects.get()
    assert adviser_client.get("/" + settings.MEDIA_URL + job.file.name).status_code == 404


def test_problems_are_listed_in_norwegian_and_downloadable(adviser_client, world):
    rows = [national_row(world.school.org_number, score="104,2")] + \
           [national_row(world.school.org_number, year=f"19{i:02d}") for i in range(120)]
    upload(adviser_client, csv_bytes(rows))
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.REJECTED and job.problem_count == 121
    page = adviser_client.get(reverse("indicators:import_detail", args=[job.pk])).content.decode()
    assert "<td>2</td><td>Skalapoeng</td><td>104,2</td><td>«104,2» er utenfor 0–100.</td>" in page
    assert "121 problemer" in page and "De første 100 vises." in page
    assert page.count("<tr><td>") == 100
    csv_response = adviser_client.get(reverse("indicators:import_problems_csv", args=[job.pk]))
    text = csv_response.content.decode("utf-8-sig")
    assert csv_response["Content-Disposition"].startswith("attachment")
    assert text.splitlines()[0] == "Rad;Kolonne;Verdi;Problem"
    assert len(text.splitlines()) == 122
    assert not IndicatorValue.objects.exists()


def test_format_detection_failure_is_a_problem(adviser_client):
    upload(adviser_client, csv_bytes([["1", "2"]], header=["Hei", "Hallo"]))
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.REJECTED and "known format" in job.problems[0]["msgid"]
    page = adviser_client.get(reverse("indicators:import_detail", args=[job.pk])).content.decode()
    assert "Avvist" in page and "rader kontrollert" not in page  # no "0 av 0 rader" for a file refused whole


@pytest.mark.parametrize("name,data,message", [
    ("np.pdf", b"%PDF-1.4", "CSV-, XLSX- eller JSON-fil"),
    ("np.csv", b"", "tom"),
])
def test_form_refuses_wrong_files(adviser_client, name, data, message):
    response = upload(adviser_client, data, name=name)
    assert response.status_code == 200 and message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_form_refuses_files_over_the_limit(adviser_client, settings):
    settings.MAX_UPLOAD_SIZE = 10
    response = upload(adviser_client, b"x" * 11)
    assert response.status_code == 200 and "grensen er" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_progress_partial_polls_until_done(adviser_client, world):
    from django.core.files.base import ContentFile

    from indicators.services import import_job_create

    job = import_job_create(file=ContentFile(b"x", name="a.csv"), name="a.csv", municipality=world.municipality)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING, rows_total=200, rows_checked=50)
    url = reverse("indicators:import_progress", args=[job.pk])
    html = adviser_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in html and 'aria-valuenow="25"' in html
    assert reverse("indicators:import_detail", args=[job.pk]) in html  # a link without JavaScript
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.DONE)
    response = adviser_client.get(url, HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true" and "every 1s" not in response.content.decode()


def test_history_page_lists_uploads_with_bounded_queries(adviser_client, world, django_assert_max_num_queries):
    from django.core.files.base import ContentFile

    from indicators.services import import_job_create

    users = [core.adviser(world.municipality) for _ in range(5)]
    for i in range(40):
        import_job_create(file=ContentFile(f"{i}".encode(), name="f.csv"), name=f"fil{i}.csv",
                          user=users[i % 5], municipality=world.municipality)
    with django_assert_max_num_queries(12):
        response = adviser_client.get(reverse("indicators:import_list"))
    page = response.content.decode()
    assert "fil39.csv" in page and "fil0.csv" in page


def test_detail_page_bounded_queries(adviser_client, world, django_assert_max_num_queries):
    data = csv_bytes([national_row(world.school.org_number, test=t) for t in ("NPLES05", "NPREG05", "NPENG05")])
    upload(adviser_client, data)
    changed = csv_bytes([national_row(world.school.org_number, test=t, score="40") for t in ("NPLES05", "NPREG05", "NPENG05")])
    upload(adviser_client, changed)
    job = ImportJob.objects.latest("pk")
    assert job.summary["updated"] == 3
    with django_assert_max_num_queries(15):
        page = adviser_client.get(reverse("indicators:import_detail", args=[job.pk])).content.decode()
    assert "Verdi: 48,3 → 40" in page


def test_home_panel_and_menu_for_advisers_only(client, world):
    client.force_login(world.users["adviser"])
    page = client.get(reverse("home")).content.decode()
    assert reverse("indicators:import_upload") in page
    client.force_login(world.users["rector"])
    assert reverse("indicators:import_upload") not in client.get(reverse("home")).content.decode()


def test_statistikkbanken_download_uploads_as_is_and_lists_unused_columns(adviser_client, world):
    """The file exactly as Statistikkbanken downloads it (UTF-16LE, sep= line, TAB, one row per unit)."""
    m = "2025-26.Lesing.5. årstrinn.Alle eierformer."
    header = ["EnhetNivaa", "Nasjonaltkode", "Fylkekode", "Kommunekode", "Organisasjonsnummer", "Nasjonalt", "Fylke",
              "Kommune", "EnhetNavn", f"{m}Alle kjønn.Skalapoeng", f"{m}Alle kjønn.Antall elever deltatt",
              "2025-26.Lesing.5. årstrinn.Offentlig.Alle kjønn.Skalapoeng"]
    row = ["4", "I", "", world.municipality.number, world.school.org_number, "Hele landet", "", "",
           world.school.name, "51", "1 204", "52"]
    data = ("sep=\t\n" + "\t".join(header) + "\n" + "\t".join(row) + "\n").encode("utf-16-le")
    response = upload(adviser_client, data, name="20260218-1045_Nasjonale_proever_5._trinn.csv")
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE and job.format == "national_tests_wide", job.problems
    value = IndicatorValue.objects.get(unit=world.school)
    assert (value.indicator.code, value.value, value.pupil_count) == ("NPLES05", 51, 1204)
    page = adviser_client.get(response.url).content.decode()
    assert "Kolonner som ikke er brukt" in page and "2025-26.Lesing.5. årstrinn.Offentlig.Alle kjønn.Skalapoeng" in page


def test_a_rejected_import_offers_to_upload_a_corrected_file(adviser_client, world):
    upload(adviser_client, csv_bytes([national_row(world.school.org_number, score="104,2")]))
    job = ImportJob.objects.get()
    page = adviser_client.get(reverse("indicators:import_detail", args=[job.pk])).content.decode()
    assert f'href="{reverse("indicators:import_upload")}">Last opp en rettet fil</a>' in page


def test_the_history_tells_schools_and_values_not_the_files_checksum(adviser_client, world):
    upload(adviser_client, csv_bytes([national_row(world.school.org_number)]))
    job = ImportJob.objects.get()
    page = adviser_client.get(reverse("indicators:import_list")).content.decode()
    assert "1 skole: 1 nye verdier, 0 endret, 0 uendret" in page and job.sha256[:16] not in page
