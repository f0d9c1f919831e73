"""Claiming, running, failing, enqueueing and sweeping job rows (see ``laeringslop.models.jobs.Job``).

The life of a job:

1. A service creates the row (``pending``) and calls :func:`job_enqueue_on_commit`; after the commit
   the message goes to the broker with a short timeout. If the broker is down the row stays pending
   with ``enqueued_at`` empty, and the page says so.
2. The task calls :func:`job_claim` with its own task id: it takes a pending job, a running job whose
   attempt was its own message (a redelivery after the worker process died), or a stale one. Any
   other delivery finds the job taken and does nothing.
3. While it runs, :func:`job_heartbeat` marks it alive every ``JOB_HEARTBEAT_SECONDS``.
4. It ends done (the model's own service) or failed (:func:`job_fail`, on a fresh connection when
   the old one died), with the reason.
5. :func:`jobs_sweep` (Celery beat every ``JOB_SWEEP_SECONDS``, and each worker at start) re-sends
   pending jobs that no message carries, and puts lost running jobs back in the queue; after
   ``JOB_MAX_ATTEMPTS`` lost attempts a job fails with the reason.
"""
import contextlib
import logging
import threading
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from laeringslop.models.jobs import Job

logger = logging.getLogger(__name__)

#: Stored as the reason when a job's attempts were all lost (translated where it is shown).
LOST_REASON = gettext_noop("The job was stopped %(attempts)s times before it finished (the worker "
                           "running it stopped), so it was not started again.")
TIMEOUT_REASON = gettext_noop("The job took longer than the %(seconds)s seconds it may run, and was stopped.")


def job_models() -> list[type[Job]]:
    """Every concrete job model of the installed apps."""
    return [model for model in apps.get_models() if issubclass(model, Job)]


def job_claim(model: type[Job], pk: int, *, task_id: str | None) -> Job | None:
    """Take the job for this delivery of its task, once; None when it is not this delivery's to run.

    A running job is taken over when the delivery carries the message of its current attempt (the
    broker redelivers it only when the process running it died) or when it is stale.
    """
    with transaction.atomic():
        job = model.objects.select_for_update().filter(pk=pk).first()
        if job is None:
            return None
        redelivered = job.status == Job.RUNNING and bool(task_id) and job.task_id == task_id
        if job.status != Job.PENDING and not redelivered and not job.is_stale:
            return None
        if job.status == Job.RUNNING and job.attempts >= settings.JOB_MAX_ATTEMPTS:
            _fail(job, _reason(LOST_REASON, attempts=job.attempts))
            return None
        now = timezone.now()
        job.status = Job.RUNNING
        job.task_id = (task_id or "")[:64]
        job.attempts += 1
        job.started_at = job.heartbeat_at = now
        job.finished_at = None
        fields = ["status", "task_id", "attempts", "started_at", "heartbeat_at", "finished_at"]
        job.save(update_fields=fields + job.claim_reset())
    return job


def _reason(msgid: str, **params) -> str:
    """A reason stored on the row, in the site's language (the people who read it speak it)."""
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext(msgid) % params


def _fail(job: Job, reason: str) -> None:
    job.status = Job.FAILED
    job.error = reason[:2000]
    job.finished_at = timezone.now()
    job.heartbeat_at = None
    job.save(update_fields=["status", "error", "finished_at", "heartbeat_at"])


def fresh_connection() -> None:
    """Drop the database connection if it died (the next query opens a new one).

    Probed with a query (SQLite's ``is_usable`` always says yes). Inside a transaction nothing is
    dropped: the transaction decides (and tests run in one).
    """
    if connection.in_atomic_block or connection.connection is None:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - a broken connection may fail in any way
        connection.close()


def job_fail(model: type[Job], pk: int, *, attempt: int, reason: str, **fields) -> bool:
    """Record that this attempt failed, with the reason; on a fresh connection if the old one died.

    Only the attempt that is still the job's current one is recorded (a lost attempt whose job was
    taken over changes nothing). Returns whether the row was changed.
    """
    fresh_connection()
    changed = model.objects.filter(pk=pk, status=Job.RUNNING, attempts=attempt).update(
        status=Job.FAILED, error=reason[:2000], finished_at=timezone.now(), heartbeat_at=None, **fields)
    return bool(changed)


def describe(error: BaseException) -> str:
    """The reason recorded for an exception: its type and message."""
    return f"{type(error).__name__}: {error}"[:2000]


@contextlib.contextmanager
def job_heartbeat(model: type[Job], pk: int, attempt: int):
    """Mark the job alive every ``JOB_HEARTBEAT_SECONDS`` while the block runs (from a thread of its own).

    Off when the setting is 0 (the tests, which run tasks eagerly inside a transaction).
    """
    interval = settings.JOB_HEARTBEAT_SECONDS
    if not interval:
        yield
        return
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(interval):
                try:
                    model.objects.filter(pk=pk, status=Job.RUNNING, attempts=attempt).update(
                        heartbeat_at=timezone.now())
                except Exception:  # noqa: BLE001 - a missed beat is not fatal; the next one may pass
                    logger.warning("Heartbeat of %s %s failed", model.__name__, pk, exc_info=True)
                    connection.close()
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"heartbeat-{model.__name__}-{pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=interval + 5)


def jobs_enqueue(model: type[Job], ids) -> int:
    """Hand one message per job to the broker, with a short timeout; returns how many were sent.

    When the broker does not answer, the rest are not tried: they stay pending with ``enqueued_at``
    empty, and :func:`jobs_sweep` sends them when the broker is back.
    """
    task = model.task()
    sent = 0
    for pk in ids:
        try:
            task.apply_async(args=[pk], retry=False)
        except Exception:  # noqa: BLE001 - the broker is down or unreachable: the sweep sends it later
            logger.warning("Could not hand %s %s to the broker; it stays queued", model.__name__, pk, exc_info=True)
            break
        model.objects.filter(pk=pk).update(enqueued_at=timezone.now())
        sent += 1
    return sent


def jobs_waiting_for_queue(model: type[Job], ids) -> int:
    """How many of these jobs are waiting for a broker that did not answer."""
    return model.objects.filter(pk__in=list(ids), status=Job.PENDING, enqueued_at__isnull=True).count()


def job_enqueue_on_commit(model: type[Job], ids) -> None:
    """Enqueue the jobs when the current transaction commits (at once outside one)."""
    ids = list(ids)
    if ids:
        transaction.on_commit(lambda: jobs_enqueue(model, ids), robust=True)


def _ran_out_of_time(job: Job) -> bool:
    """The last attempt ran (beat) until its hard time limit: Celery stopped it; running it again won't help."""
    last = job.heartbeat_at or job.started_at
    if not (last and job.started_at):
        return False
    margin = 2 * max(settings.JOB_HEARTBEAT_SECONDS, 1)
    return (last - job.started_at).total_seconds() >= job.time_limit() - margin


def jobs_sweep() -> dict:
    """Re-send pending jobs that no message carries, and put lost running jobs back in the queue.

    Safe to run at any time and as often as wanted: a message too many finds its job taken.
    Returns counts per model label, for the log.
    """
    now = timezone.now()
    resend_before = now - timedelta(seconds=settings.JOB_RESEND_SECONDS)
    counts = {}
    for model in job_models():
        reclaimed = failed = 0
        for job in model.objects.filter(status=Job.RUNNING).only(
                "pk", "status", "started_at", "heartbeat_at", "attempts"):
            if not job.is_stale:
                continue
            with transaction.atomic():
                current = model.objects.select_for_update().get(pk=job.pk)
                if not current.is_stale:
                    continue
                if _ran_out_of_time(current):
                    _fail(current, _reason(TIMEOUT_REASON, seconds=current.time_limit()))
                    failed += 1
                    continue
                if current.attempts >= settings.JOB_MAX_ATTEMPTS:
                    _fail(current, _reason(LOST_REASON, attempts=current.attempts))
                    failed += 1
                    continue
                current.status = Job.PENDING
                current.enqueued_at = None
                current.heartbeat_at = None
                current.save(update_fields=["status", "enqueued_at", "heartbeat_at"])
                reclaimed += 1
        waiting = list(model.objects.filter(status=Job.PENDING).filter(
            enqueued_at__isnull=True).values_list("pk", flat=True).order_by("pk"))
        waiting += list(model.objects.filter(status=Job.PENDING, enqueued_at__lt=resend_before)
                        .values_list("pk", flat=True).order_by("pk"))
        sent = jobs_enqueue(model, waiting) if waiting else 0
        if reclaimed or failed or sent:
            counts[model._meta.label] = {"reclaimed": reclaimed, "failed": failed, "sent": sent,
                                         "waiting": len(waiting)}
    if counts:
        logger.info("Job sweep: %s", counts)
    return counts


def broker_status(timeout: float = 2.0) -> bool:
    """Whether the broker answers (a connection within ``timeout`` seconds)."""
    from laeringslop.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
        return True
    except Exception:  # noqa: BLE001 - any failure means "not reachable" to a health check
        return False


_broker_seen = {"at": None, "ok": False}


def broker_status_recent() -> bool:
    """``broker_status()``, asked at most once per ``HEALTH_BROKER_SECONDS`` per process: the health
    page is public, and each probe opens a broker connection (up to 2 s when it does not answer)."""
    import time

    from django.conf import settings

    now = time.monotonic()
    at = _broker_seen["at"]
    if at is None or now - at >= getattr(settings, "HEALTH_BROKER_SECONDS", 10):
        _broker_seen.update(ok=broker_status(), at=time.monotonic())
    return _broker_seen["ok"]
