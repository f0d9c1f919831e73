"""The Celery application. Tasks live in each app's ``tasks.py`` and are autodiscovered."""
import logging
import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laeringslop.settings")

app = Celery("laeringslop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _sweep_jobs_at_start(**_kwargs):
    """A worker that starts sends the jobs that waited for a broker and takes over lost ones."""
    from laeringslop.jobs import jobs_sweep

    try:
        jobs_sweep()
    except Exception:  # noqa: BLE001 - a worker must start even if the sweep cannot run now
        logging.getLogger(__name__).exception("The job sweep at worker start failed")
