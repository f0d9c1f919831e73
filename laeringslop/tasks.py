from celery import shared_task


@shared_task(name="laeringslop.health_check")
def health_check(value: int) -> dict:
    """A trivial task that proves a worker is consuming the broker: it echoes a value back."""
    return {"status": "ok", "echo": value}


@shared_task(name="laeringslop.sweep_jobs", ignore_result=True, soft_time_limit=50, time_limit=60)
def sweep_jobs() -> dict:
    """Re-send waiting jobs and take over lost ones (Celery beat, every JOB_SWEEP_SECONDS)."""
    from .jobs import jobs_sweep

    return jobs_sweep()
