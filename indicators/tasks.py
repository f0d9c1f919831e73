"""Celery tasks of the indicators app: a few lines around a service, safe to run twice."""
from celery import shared_task

#: The import's limits (seconds), below Redis' visibility timeout: soft (the job fails with the
#: reason), then hard (the process is stopped; the sweep records it as failed).
SOFT_TIME_LIMIT, TIME_LIMIT = 1500, 1560


# The job row carries the outcome: no result to store (and nothing to wait for when the broker is down).
@shared_task(name="indicators.run_import", bind=True, ignore_result=True, soft_time_limit=SOFT_TIME_LIMIT,
             time_limit=TIME_LIMIT)
def run_import(self, job_id: int) -> str:
    from .services import import_job_run

    return import_job_run(job_id, task_id=self.request.id).status
