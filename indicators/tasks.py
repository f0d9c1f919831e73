"""Celery tasks of the indicators app: a few lines around a service, safe to run twice."""
from celery import shared_task


@shared_task(name="indicators.run_import")
def run_import(job_id: int) -> str:
    from .services import import_job_run

    return import_job_run(job_id).status
