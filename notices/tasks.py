"""Celery tasks of the notices app."""
from celery import shared_task

from . import services


@shared_task(name="notices.deliver", ignore_result=True)
def deliver(ids: list[int]) -> int:
    """Mail recorded notices (a service's :func:`notices.services.notify`); safe to run twice."""
    return services.notices_deliver(ids)


@shared_task(name="notices.retry")
def retry() -> int:
    """Every few minutes (CELERY_BEAT_SCHEDULE): the notices no task sent, and failed ones again."""
    return services.notices_retry()
