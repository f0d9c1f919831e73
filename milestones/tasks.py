"""Celery tasks of the milestones app."""
from celery import shared_task
from django.conf import settings

from . import services


@shared_task(name="milestones.send_reminders")
def send_reminders() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): reminders before milestones fall due and when they are late.
    Safe to run twice: sent reminders are recorded with a unique constraint."""
    return services.reminders_send(base_url=getattr(settings, "SITE_URL", ""))
