"""Writes of the indicators app: creating and running import jobs."""
import hashlib
import logging
import os
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .importing import pipeline
from .importing.problems import SHOWN_PROBLEMS  # noqa: F401  (re-exported for views)
from .models import ImportJob, ImportStatus

logger = logging.getLogger(__name__)
#: A job still "running" after this long was lost with its worker and may be claimed again.
STALE_AFTER = timedelta(hours=1)


def import_job_create(*, file, name: str, user=None, municipality=None, municipality_id=None, fmt: str = "",
                      dry_run: bool = False) -> ImportJob:
    """Store the uploaded file (under MEDIA_ROOT, never served) and a pending job for it."""
    digest = hashlib.sha256()
    size = 0
    for chunk in file.chunks():
        digest.update(chunk)
        size += len(chunk)
    file.seek(0)
    job = ImportJob(format=fmt, original_name=os.path.basename(name)[:255], size=size,
                    sha256=digest.hexdigest(), dry_run=dry_run, uploaded_by=user,
                    municipality=municipality, created_at=timezone.now())
    if municipality is None:
        job.municipality_id = municipality_id
    job.file.save(job.original_name, file, save=False)
    job.save()
    return job


def nothing_stored(summary: dict) -> bool:
    """True when no row could be stored because every school in the file is unknown to the portal."""
    return bool(summary.get("unknown_units")) and not (
        summary.get("created") or summary.get("updated") or summary.get("unchanged"))


def import_job_claim(job_id: int) -> ImportJob | None:
    """Mark the job running, once: a second delivery of the same task finds it taken."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        stale = job.status == ImportStatus.RUNNING and job.started_at and \
            job.started_at < timezone.now() - STALE_AFTER
        if job.status != ImportStatus.PENDING and not stale:
            return None
        job.status = ImportStatus.RUNNING
        job.started_at = timezone.now()
        job.rows_checked = 0
        job.save(update_fields=["status", "started_at", "rows_checked"])
    return job


def import_job_run(job_id: int) -> ImportJob:
    """Claim the job and run the import; the job row carries the progress and the result."""
    job = import_job_claim(job_id)
    if job is None:
        return ImportJob.objects.get(pk=job_id)

    def progress(checked, total):
        ImportJob.objects.filter(pk=job.pk).update(rows_checked=checked, rows_total=total)

    try:
        result = pipeline.run(job.file.path, fmt=job.format, job=job, dry_run=job.dry_run, progress=progress)
    except Exception as error:  # noqa: BLE001 - recorded on the job, shown to the adviser
        logger.exception("Import job %s failed", job.pk)
        job.refresh_from_db(fields=["rows_checked", "rows_total"])
        job.status = ImportStatus.FAILED
        job.error = f"{type(error).__name__}: {error}"[:2000]
        job.finished_at = timezone.now()
        job.save()
        return job
    job.refresh_from_db(fields=["rows_checked", "rows_total"])
    job.format = result.format or job.format
    job.problem_count = result.problems.count
    job.problems = [problem.as_dict() for problem in result.problems.kept]
    job.summary = result.summary
    if result.ok and nothing_stored(result.summary):
        job.status = ImportStatus.NOTHING_STORED
    elif result.ok:
        job.status = ImportStatus.CHECKED if job.dry_run else ImportStatus.DONE
        earlier = (ImportJob.objects.filter(sha256=job.sha256, status=ImportStatus.DONE)
                   .exclude(pk=job.pk).order_by("-created_at").values_list("pk", flat=True).first())
        job.summary["same_file_as"] = earlier
    else:
        job.status = ImportStatus.REJECTED
    job.finished_at = timezone.now()
    job.save()
    return job
