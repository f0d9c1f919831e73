"""Kill tests on the real broker: dialogue reports end done, each exactly once, when a worker dies.

Needs Redis (CELERY_BROKER_URL=redis://…, as in .ci/run's second run): the file-system broker
has no redelivery of a dead worker's messages. Elsewhere these tests show as skipped.

1. A pool process is killed while it compiles a report: the broker hands the message out again,
   the redelivery takes over its own job (same task id), and the batch ends by itself.
2. The whole worker (with its beat) is killed mid-batch and another one starts, as a service
   manager would: the job sweep finds the report whose heartbeat stopped and queues it again,
   long before Redis' visibility timeout (an hour) would have returned its message. A report
   whose message the dead worker had taken but not yet claimed is still pending: the sweep sends
   it again after JOB_RESEND_SECONDS (10 minutes by default, 20 seconds here, as every interval
   of these tests is shortened).
"""
import os
import signal
import time
from pathlib import Path

import pytest
from django.conf import settings

from dialogue.models import DialogueReport
from dialogue.reports import reports_request
from dialogue.tests import factories as df
from laeringslop.tests import factories as f
from laeringslop.tests.worker import shared_database_url, start_worker, stop
from laeringslop.tests.worker import test_queue as queue_of_its_own

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.CELERY_BROKER_URL.startswith("redis"),
                       reason="kill tests need the real broker: set CELERY_BROKER_URL=redis://…"),
]
SCHOOLS = 8
DEADLINE = 120  # seconds, from the kill: "every report done exactly once within 2 minutes"


@pytest.fixture
def batch():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    for i in range(SCHOOLS):
        f.SchoolFactory(municipality=municipality, name=f"Skole {i:02d}")
    year = df.MirrorYearFactory(municipality=municipality, school_year=2025, indicator_codes=["NPLES05"])
    return year, f.director(municipality)


def _env(tmp_path):
    return dict(DATABASE_URL=shared_database_url(), MEDIA_ROOT=str(settings.MEDIA_ROOT),
                JOB_HEARTBEAT_SECONDS="2", JOB_STALE_SECONDS="10", JOB_SWEEP_SECONDS="5",
                JOB_RESEND_SECONDS="20", VAR_DIR=str(tmp_path))


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def _wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def _running() -> bool:
    return DialogueReport.objects.filter(status="running").exists()


def _all_done() -> bool:
    return DialogueReport.objects.count() == SCHOOLS and not DialogueReport.objects.exclude(status="done").exists()


def _assert_each_done_exactly_once():
    for report in DialogueReport.objects.all():
        finished = report.history.filter(status="done").count()
        assert finished == 1, (report.school.name, finished, report.attempts)


def test_a_killed_pool_process_does_not_leave_its_report_unfinished(batch, tmp_path):
    year, director = batch
    with queue_of_its_own() as queue:
        worker = start_worker(queue, pool="prefork", concurrency=2, beat=True, workdir=tmp_path, **_env(tmp_path))
        try:
            reports_request(year, director)
            assert _wait_for(_running, 60), "no report started"
            for child in _children(worker.pid):  # the pool processes (and the embedded beat)
                os.kill(child, signal.SIGKILL)
            killed = DialogueReport.objects.filter(status="running").count()
            assert _wait_for(_all_done, DEADLINE), list(DialogueReport.objects.values_list("status", "error"))
        finally:
            stop(worker)
    assert killed >= 1
    assert DialogueReport.objects.filter(attempts__gte=2).count() >= 1  # a report was taken over
    _assert_each_done_exactly_once()


def test_a_killed_worker_is_replaced_and_its_reports_end_by_themselves(batch, tmp_path):
    year, director = batch
    with queue_of_its_own() as queue:
        first = start_worker(queue, pool="prefork", concurrency=2, beat=True, workdir=tmp_path, **_env(tmp_path))
        second = None
        try:
            reports_request(year, director)
            assert _wait_for(_running, 60), "no report started"
            os.killpg(first.pid, signal.SIGKILL)  # the worker, its pool and its beat, at once
            first.wait(timeout=10)
            assert DialogueReport.objects.filter(status="running").exists()
            second = start_worker(queue, pool="prefork", concurrency=2, beat=True, workdir=tmp_path,
                                  **_env(tmp_path))
            assert _wait_for(_all_done, DEADLINE), list(DialogueReport.objects.values_list("status", "error"))
        finally:
            stop(first)
            if second is not None:
                stop(second)
    _assert_each_done_exactly_once()
