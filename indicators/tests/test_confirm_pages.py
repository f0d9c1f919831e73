"""The job page lists the changes to confirm (old → new), imports or cancels, and undoes."""
import pytest
from django.test import TestCase
from django.urls import reverse

from indicators.models import ImportJob, ImportStatus, IndicatorValue
from indicators.tests.factories import csv_bytes, national_row
from indicators.tests.test_views import upload
from laeringslop.tests import factories as core

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser_client(client, world):
    client.force_login(world.users["adviser"])
    return client


def page_of(client, job) -> str:
    return client.get(reverse("indicators:import_detail", args=[job.pk])).content.decode()


def post(client, name, job):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse(f"indicators:{name}", args=[job.pk]), follow=True).content.decode()


def rows(world, score="48,3", tests=("NPLES05",), **kw):
    return csv_bytes([national_row(world.school.org_number, world.school.name, test=t, score=score, **kw)
                      for t in tests])


def waiting(client, world, **kw) -> ImportJob:
    upload(client, rows(world))
    upload(client, rows(world, **kw))
    return ImportJob.objects.latest("pk")


def test_a_changing_upload_lists_old_and_new_and_waits(adviser_client, world):
    job = waiting(adviser_client, world, score="40")
    page = page_of(adviser_client, job)
    assert "Venter på bekreftelse" in page
    assert "Filen vil endre 1 lagret verdi." in page
    assert "Verdi: 48,3 → 40" in page
    assert "Importer nå" in page and "Avbryt importen" in page


def test_a_blanking_cell_is_marked_and_counted(adviser_client, world):
    job = waiting(adviser_client, world, score="..", uncertainty="", pupils="", shares=[""] * 5)
    page = page_of(adviser_client, job)
    assert "1 av dem vil bli tømt av en tom, «..» eller prikket celle." in page
    assert "tømmes" in page


def test_import_now_writes_the_changes(adviser_client, world):
    job = waiting(adviser_client, world, score="40")
    page = post(adviser_client, "import_confirm", job)
    assert "Importen er satt i kø: endringene skrives nå." in page
    assert IndicatorValue.objects.get(unit=world.school).value == 40


def test_import_now_is_refused_in_norwegian_when_the_values_changed(adviser_client, world):
    job = waiting(adviser_client, world, score="40")
    IndicatorValue.objects.filter(unit=world.school).update(value=44)
    page = post(adviser_client, "import_confirm", job)
    assert "De lagrede verdiene er endret siden filen ble sjekket, så den ble ikke importert." in page


def test_cancel_stores_nothing(adviser_client, world):
    job = waiting(adviser_client, world, score="40")
    page = post(adviser_client, "import_cancel", job)
    assert "Importen ble avbrutt; ingenting ble lagret." in page
    assert str(IndicatorValue.objects.get(unit=world.school).value) == "48.300"


def test_a_dry_run_offers_import_now(adviser_client, world):
    upload(adviser_client, rows(world), dry_run="on")
    job = ImportJob.objects.get()
    page = page_of(adviser_client, job)
    assert "du trenger ikke laste den opp igjen" in page and "Importer nå" in page
    post(adviser_client, "import_confirm", job)
    assert IndicatorValue.objects.filter(unit=world.school).count() == 1


def test_undo_and_its_refusal_are_said_in_norwegian(adviser_client, world):
    upload(adviser_client, rows(world))
    first = ImportJob.objects.get()
    assert "Angre importen" in page_of(adviser_client, first)
    later = waiting(adviser_client, world, score="40")
    post(adviser_client, "import_confirm", later)
    page = post(adviser_client, "import_undo", first)
    assert "1 verdi fra denne importen er endret av en senere import (np.csv," in page
    page = post(adviser_client, "import_undo", later)
    assert "Importen ble angret: verdiene den endret, har fått tilbake de gamle verdiene." in page
    assert "1 verdier fikk tilbake de gamle verdiene" in page_of(adviser_client, later)
    assert ImportJob.objects.get(pk=later.pk).status == ImportStatus.UNDONE


def test_a_rector_cannot_undo(client, world):
    upload(client.force_login(world.users["adviser"]) or client, rows(world))
    job = ImportJob.objects.get()
    client.force_login(world.users["rector"])
    assert client.post(reverse("indicators:import_undo", args=[job.pk])).status_code == 403
    assert IndicatorValue.objects.filter(unit=world.school).exists()


@pytest.mark.parametrize("schools", [3, 30])
def test_the_page_of_planned_changes_has_bounded_queries(adviser_client, world, schools,
                                                         django_assert_max_num_queries):
    units = [world.school] + [core.SchoolFactory(municipality=world.municipality) for _ in range(schools - 1)]
    tests = ("NPLES05", "NPREG05", "NPENG05")
    upload(adviser_client, csv_bytes([national_row(u.org_number, u.name, test=t) for u in units for t in tests]))
    upload(adviser_client, csv_bytes([national_row(u.org_number, u.name, test=t, score="40")
                                      for u in units for t in tests]))
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportStatus.AWAITING
    with django_assert_max_num_queries(17):
        page = page_of(adviser_client, job)
    assert f"{3 * schools} verdier i alt." in page


def test_an_outdated_import_says_why_and_offers_to_check_again(adviser_client, world):
    from indicators import services

    job = waiting(adviser_client, world, score="40")
    with TestCase.captureOnCommitCallbacks(execute=False):
        services.import_job_confirm(job=job)
    IndicatorValue.objects.filter(unit=world.school).update(value=44)
    services.import_job_run(job.pk)
    page = page_of(adviser_client, job)
    assert "De lagrede verdiene er endret siden filen ble sjekket (en annen import, eller en angring)" in page
    assert "Sjekk filen på nytt" in page
