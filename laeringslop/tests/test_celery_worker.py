"""A task goes through the configured broker to a real worker process and its result comes back.

On the defaults this is the file-system broker; in CI's second run it is Redis.
"""
import pytest

from laeringslop.tasks import health_check
from laeringslop.tests.worker import real_worker

pytestmark = pytest.mark.worker


def test_task_runs_on_a_real_worker_through_the_broker():
    with real_worker():
        result = health_check.apply_async(args=[41])
        assert result.get(timeout=90) == {"status": "ok", "echo": 41}
    assert result.status == "SUCCESS"
