from celery import shared_task

#: The compile task's limits (seconds): soft (an exception, the report is marked failed), then hard
#: (the process is stopped; the job sweep records the report as failed).
SOFT_TIME_LIMIT, TIME_LIMIT = 300, 360


@shared_task(name="dialogue.send_reminder")
def send_reminder(reminder_id: int, base_url: str = "") -> int:
    """Send one reminder's emails; safe to run twice (a sent reminder is not sent again)."""
    from .services import reminder_send

    return reminder_send(reminder_id, base_url=base_url)


# The report row carries the outcome: no result to store (and nothing to wait for when the broker is down).
@shared_task(name="dialogue.compile_report", bind=True, ignore_result=True, soft_time_limit=SOFT_TIME_LIMIT,
             time_limit=TIME_LIMIT)
def compile_report(self, report_id: int) -> str:
    """Compile one dialogue report (HTML and PDF); safe to run twice (a claimed report is not compiled again).

    A report that takes more than five minutes is stopped and marked failed (the soft limit is an exception).
    """
    from .reports import report_compile

    report = report_compile(report_id, task_id=self.request.id)
    return report.status if report else "missing"


@shared_task(name="dialogue.notify_late_tasks")
def notify_late_tasks() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): tell advisers of their follow-up tasks that are late; safe to run twice."""
    from .followup import tasks_late_notify

    return tasks_late_notify()
