from celery import shared_task


@shared_task(name="laeringslop.health_check")
def health_check(value: int) -> dict:
    """A trivial task that proves a worker is consuming the broker: it echoes a value back."""
    return {"status": "ok", "echo": value}
