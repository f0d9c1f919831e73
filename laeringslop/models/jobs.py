"""The job base: every background job (an import, a dialogue report, …) is a row its task claims.

The row records each attempt (the Celery task id, the attempt number, a heartbeat while it runs)
and when a message for it was last handed to the broker. Whether a running job was lost with its
worker is derived from those fields and the task's own time limit, never stored. The functions
that claim, fail, enqueue and sweep jobs are in ``laeringslop/jobs.py``.
"""
import importlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """Abstract: the fields and rules shared by every job row.

    A subclass has ``status`` (with the values ``pending``, ``running`` and ``failed``),
    ``started_at``, ``finished_at`` and ``error`` fields of its own, and names its task in
    ``TASK_NAME``; the task takes the row's id.
    """

    PENDING, RUNNING, FAILED = "pending", "running", "failed"
    #: The Celery task that runs the job (its name); its time limits decide when a run is lost.
    TASK_NAME = ""

    task_id = models.CharField(_("task id"), max_length=64, blank=True,
                               help_text=_("The Celery task of the current or last attempt."))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    enqueued_at = models.DateTimeField(_("handed to the queue"), null=True, blank=True,
                                       help_text=_("Empty: the queue has not taken the job yet."))

    class Meta:
        abstract = True

    @classmethod
    def task(cls):
        """The Celery task (its app's ``tasks`` module is imported first: the web process has not)."""
        from laeringslop.celery import app

        importlib.import_module(f"{cls._meta.app_config.name}.tasks")
        return app.tasks[cls.TASK_NAME]

    @classmethod
    def time_limit(cls) -> int:
        """The task's hard time limit in seconds (the settings' default when the task has none)."""
        return int(getattr(cls.task(), "time_limit", None) or settings.CELERY_TASK_TIME_LIMIT)

    @property
    def is_stale(self) -> bool:
        """Running, but nobody runs it: no heartbeat for a while, or older than the task may run."""
        if self.status != self.RUNNING:
            return False
        now = timezone.now()
        alive = self.heartbeat_at or self.started_at
        if alive is None:
            return True
        if settings.JOB_HEARTBEAT_SECONDS and alive < now - timedelta(seconds=settings.JOB_STALE_SECONDS):
            return True
        return bool(self.started_at and self.started_at < now - timedelta(seconds=self.time_limit() + 30))

    @property
    def is_waiting_for_queue(self) -> bool:
        """Waiting, and no message has reached the broker yet (it was down): a sweep sends it."""
        return self.status == self.PENDING and self.enqueued_at is None

    def claim_reset(self) -> list[str]:
        """Reset per-attempt progress when a run starts; returns the fields it changed."""
        return []
