"""An upload is imported by a real Celery worker process, as in production: the page answers
at once, the worker claims the job row, and the page's progress partial reports the result."""
import time

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import ImportJob, ImportStatus, IndicatorValue
from indicators.tests.factories import csv_bytes, national_row
from laeringslop.tests.worker import real_worker, shared_database_url

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_upload_is_imported_by_a_real_worker(client, world):
    client.force_login(world.users["adviser"])
    data = csv_bytes([national_row(world.school.org_number, world.school.name)])
    with real_worker(DATABASE_URL=shared_database_url(), MEDIA_ROOT=str(settings.MEDIA_ROOT)):
        response = client.post(reverse("indicators:import_upload"),
                               {"file": SimpleUploadedFile("np.csv", data), "format": ""})
        job = ImportJob.objects.get()
        assert response.status_code == 302
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.is_finished:
                break
            time.sleep(0.5)
    assert job.status == ImportStatus.DONE, (job.status, job.error)
    assert IndicatorValue.objects.filter(unit=world.school).count() == 1
    progress = client.get(reverse("indicators:import_progress", args=[job.pk])).content.decode()
    assert "every 1s" not in progress  # finished: the partial stops polling
