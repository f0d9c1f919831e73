from celery import shared_task


@shared_task(name="dialogue.send_reminder")
def send_reminder(reminder_id: int, base_url: str = "") -> int:
    """Send one reminder's emails; safe to run twice (a sent reminder is not sent again)."""
    from .services import reminder_send

    return reminder_send(reminder_id, base_url=base_url)
