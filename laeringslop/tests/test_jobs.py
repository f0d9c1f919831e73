"""The job base (laeringslop/jobs.py): claiming, taking over, failing, enqueueing and sweeping.

Imports and dialogue reports are the two job models; each rule is tested on one of them, and the
sweep on both. The real-broker kill tests are in dialogue/tests/test_job_recovery.py.
"""
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from dialogue import tasks as dialogue_tasks
from dialogue.models import DialogueReport
from dialogue.reports import report_compile
from dialogue.tests import factories as df
from indicators import tasks as indicator_tasks
from indicators.models import ImportJob, ImportStatus
from indicators.services import import_job_create, import_job_run
from laeringslop import jobs
from laeringslop.tests import factories as f

pytestmark = pytest.mark.django_db

NATIONAL = ("Skoleaarnavn;Organisasjonsnummer;EnhetNavn;Proevekode;Skalapoeng;AntallElever\r\n")


def _import(world, content=NATIONAL, **fields) -> ImportJob:
    job = import_job_create(file=ContentFile(content.encode(), name="np.csv"), name="np.csv",
                            municipality=world.municipality, fmt="national_tests")
    if fields:
        ImportJob.objects.filter(pk=job.pk).update(**fields)
        job.refresh_from_db()
    return job


def _report(**fields) -> DialogueReport:
    municipality = f.MunicipalityFactory()
    school = f.SchoolFactory(municipality=municipality)
    year = df.MirrorYearFactory(municipality=municipality, school_year=2025, indicator_codes=["NPLES05"])
    return DialogueReport.objects.create(mirror_year=year, school=school, **fields)


def test_a_redelivery_of_the_running_attempt_takes_the_report_over():
    report = _report(status="running", task_id="task-1", attempts=1, started_at=timezone.now())
    done = report_compile(report.pk, task_id="task-1")
    assert (done.status, done.attempts) == ("done", 2)


def test_another_delivery_leaves_a_running_report_alone():
    report = _report(status="running", task_id="task-1", attempts=1, started_at=timezone.now())
    assert jobs.job_claim(DialogueReport, report.pk, task_id="task-2") is None
    report.refresh_from_db()
    assert (report.status, report.task_id) == ("running", "task-1")


def test_a_finished_job_is_never_claimed_again(world):
    job = _import(world, status=ImportStatus.DONE)
    assert jobs.job_claim(ImportJob, job.pk, task_id="any") is None


def test_a_job_without_a_heartbeat_for_a_while_is_stale(settings):
    settings.JOB_HEARTBEAT_SECONDS, settings.JOB_STALE_SECONDS = 10, 45
    now = timezone.now()
    assert _report(status="running", started_at=now, heartbeat_at=now - timedelta(seconds=60)).is_stale
    assert not _report(status="running", started_at=now, heartbeat_at=now - timedelta(seconds=20)).is_stale


def test_without_heartbeats_a_job_is_stale_after_its_tasks_time_limit(settings):
    settings.JOB_HEARTBEAT_SECONDS = 0
    limit = dialogue_tasks.TIME_LIMIT
    assert _report(status="running", started_at=timezone.now() - timedelta(seconds=limit + 31)).is_stale
    assert not _report(status="running", started_at=timezone.now() - timedelta(seconds=limit - 10)).is_stale


def test_the_sweep_queues_a_lost_job_again_and_sends_it(settings, monkeypatch):
    settings.JOB_HEARTBEAT_SECONDS = 10
    sent = []
    monkeypatch.setattr(dialogue_tasks.compile_report, "apply_async", lambda args, **kw: sent.append(args[0]))
    lost = timezone.now() - timedelta(minutes=2)
    report = _report(status="running", task_id="gone", attempts=1, started_at=lost, heartbeat_at=lost,
                     enqueued_at=lost)
    counts = jobs.jobs_sweep()
    report.refresh_from_db()
    assert (report.status, sent) == ("pending", [report.pk])
    assert report.enqueued_at > lost
    assert counts["dialogue.DialogueReport"]["reclaimed"] == 1


def test_a_job_lost_too_often_fails_with_the_reason_in_norwegian(settings, monkeypatch):
    settings.JOB_HEARTBEAT_SECONDS, settings.JOB_MAX_ATTEMPTS = 10, 3
    monkeypatch.setattr(dialogue_tasks.compile_report, "apply_async", lambda *a, **kw: None)
    lost = timezone.now() - timedelta(minutes=2)
    report = _report(status="running", attempts=3, started_at=lost, heartbeat_at=lost)
    jobs.jobs_sweep()
    report.refresh_from_db()
    assert report.status == "failed"
    assert "stoppet 3 ganger" in report.error


def test_a_job_that_ran_into_its_time_limit_fails_instead_of_running_again(world, settings, monkeypatch):
    settings.JOB_HEARTBEAT_SECONDS = 10
    monkeypatch.setattr(indicator_tasks.run_import, "apply_async", lambda *a, **kw: None)
    started = timezone.now() - timedelta(seconds=indicator_tasks.TIME_LIMIT + 120)
    job = _import(world, status=ImportStatus.RUNNING, attempts=1, started_at=started,
                  heartbeat_at=started + timedelta(seconds=indicator_tasks.TIME_LIMIT - 5))
    jobs.jobs_sweep()
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert str(indicator_tasks.TIME_LIMIT) in job.error


def test_a_pending_job_the_broker_never_got_is_sent_by_the_sweep(world, monkeypatch):
    sent = []
    monkeypatch.setattr(indicator_tasks.run_import, "apply_async", lambda args, **kw: sent.append(args[0]))
    job = _import(world)
    assert job.is_waiting_for_queue
    jobs.jobs_sweep()
    job.refresh_from_db()
    assert sent == [job.pk] and job.enqueued_at is not None
    jobs.jobs_sweep()  # sent once: not again while it waits its turn
    assert sent == [job.pk]


def _broker_down(*_args, **_kwargs):
    raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def test_an_upload_while_the_broker_is_down_is_kept_and_the_page_says_so(client, world, monkeypatch):
    monkeypatch.setattr(indicator_tasks.run_import, "apply_async", _broker_down)
    client.force_login(world.users["adviser"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("indicators:import_upload"),
                               {"file": ContentFile(NATIONAL.encode(), name="np.csv"), "format": ""})
    job = ImportJob.objects.get()
    assert (job.status, job.enqueued_at) == (ImportStatus.PENDING, None)
    page = client.get(response["Location"]).content.decode()
    assert "Jobbkøen svarer ikke akkurat nå" in page


def test_a_lost_database_connection_is_recorded_as_a_failure_on_a_fresh_one(world, monkeypatch, transactional_db):
    job = _import(world)

    def lose_the_connection(*_args, **_kwargs):
        connection.connection.close()  # the server went away under the import
        raise RuntimeError("connection lost")

    monkeypatch.setattr("indicators.importing.pipeline.run", lose_the_connection)
    result = import_job_run(job.pk, task_id="t")
    assert result.status == ImportStatus.FAILED
    assert "connection lost" in ImportJob.objects.get(pk=job.pk).error


def test_a_failed_import_is_tried_again_with_one_button(client, world):
    job = _import(world, status=ImportStatus.FAILED, error="OperationalError: server closed the connection",
                  attempts=1)
    client.force_login(world.users["adviser"])
    page = client.get(reverse("indicators:import_detail", args=[job.pk])).content.decode()
    assert "server closed the connection" in page and "Prøv igjen" in page
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("indicators:import_retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.REJECTED  # it ran again (eagerly): the header-only file has no rows
    assert job.attempts == 1 and job.error == ""


def test_only_a_failed_import_can_be_tried_again(world):
    from django.core.exceptions import ValidationError

    from indicators.services import import_job_retry

    job = _import(world, status=ImportStatus.DONE)
    with pytest.raises(ValidationError) as error:
        import_job_retry(job=job)
    assert error.value.code == "not_failed"


def test_every_task_stops_before_the_broker_would_hand_its_message_out_again(settings):
    from laeringslop.celery import app

    app.loader.import_default_modules()  # every app's tasks module, as a worker does
    for name, task in app.tasks.items():
        if name.startswith("celery."):
            continue
        limit = task.time_limit or settings.CELERY_TASK_TIME_LIMIT
        assert limit < settings.CELERY_VISIBILITY_TIMEOUT, name
        assert (task.soft_time_limit or settings.CELERY_TASK_SOFT_TIME_LIMIT) < limit, name


@pytest.fixture
def fresh_broker_answer(monkeypatch):
    """The health page's remembered broker answer forgotten; the probes counted."""
    from laeringslop import jobs

    monkeypatch.setitem(jobs._broker_seen, "at", None)
    monkeypatch.setitem(jobs._broker_seen, "ok", False)
    probes = []
    monkeypatch.setattr(jobs, "broker_status", lambda: probes.append(1) or False)
    return probes


def test_the_health_check_reports_the_broker(client, fresh_broker_answer):
    response = client.get(reverse("health"))
    assert (response.status_code, response.json()) == (200, {"status": "degraded", "database": "ok",
                                                              "broker": "down"})


def test_the_health_check_asks_the_broker_once_in_a_while(client, fresh_broker_answer, settings):
    settings.HEALTH_BROKER_SECONDS = 60
    for _ in range(5):
        client.get(reverse("health"))
    assert len(fresh_broker_answer) == 1


def test_the_health_check_asks_again_when_its_answer_is_old(client, fresh_broker_answer, settings):
    settings.HEALTH_BROKER_SECONDS = 0
    client.get(reverse("health"))
    client.get(reverse("health"))
    assert len(fresh_broker_answer) == 2


def test_enqueueing_with_redis_down_gives_up_within_seconds(tmp_path):
    """The configured app with a Redis broker that does not answer: the send fails fast (it waited
    19 s, and longer for the result store, before)."""
    import subprocess
    import sys

    from django.conf import settings

    probe = ("import time, django; django.setup()\n"
             "import indicators.tasks as t\n"
             "start = time.monotonic()\n"
             "try:\n    t.run_import.apply_async(args=[1], retry=False)\n"
             "except Exception as error:\n    print(type(error).__name__)\n"
             "print(round(time.monotonic() - start, 1))\n")
    env = {**__import__("os").environ, "CELERY_BROKER_URL": "redis://127.0.0.1:9/0", "VAR_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "laeringslop.settings"}
    env.pop("CELERY_RESULT_BACKEND", None)
    out = subprocess.run([sys.executable, "-c", probe], cwd=settings.BASE_DIR, env=env, capture_output=True,
                         text=True, timeout=60).stdout.split()
    assert out[0] == "OperationalError"
    assert float(out[1]) < 6
