"""A task goes through the configured broker to a real worker process and its result comes back.

On the defaults this is the file-system broker; in CI's second run it is Redis.
"""
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings

from laeringslop.celery import app
from laeringslop.tasks import health_check

pytestmark = pytest.mark.worker


@pytest.fixture
def worker_queue():
    queue = f"test-{uuid.uuid4().hex[:8]}"
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "laeringslop", "worker", "--pool=solo", "-Q", queue,
         "--without-heartbeat", "--without-mingle", "--without-gossip", "--loglevel=WARNING"],
        cwd=settings.BASE_DIR, env={**os.environ, "CELERY_TASK_ALWAYS_EAGER": "false"},
    )
    yield queue
    process.terminate()
    process.wait(timeout=30)


def test_task_runs_on_a_real_worker_through_the_broker(worker_queue):
    app.conf.task_always_eager = False
    result = health_check.apply_async(args=[41], queue=worker_queue)
    assert result.get(timeout=90) == {"status": "ok", "echo": 41}
    assert result.status == "SUCCESS"
