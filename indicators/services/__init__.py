"""Writes of the indicators app: creating and running import jobs (confirming, cancelling and
undoing them: see review.py)."""
import hashlib
import logging
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from laeringslop.jobs import describe, job_claim, job_enqueue_on_commit, job_fail, job_heartbeat

from ..importing import pipeline
from ..models import ImportJob, ImportStatus

logger = logging.getLogger(__name__)

#: Stored on the job when a confirmation finds the stored values changed since the check.
PLAN_CHANGED = gettext_noop("The stored values have changed since the file was checked (another import, or an "
                            "undo), so nothing was imported. Check the file again and confirm the new list of "
                            "changes.")


def _reason(msgid: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext(msgid)


def import_job_create(*, file, name: str, user=None, municipality=None, municipality_id=None, fmt: str = "",
                      dry_run: bool = False, reference: bool = False, confirm_changes: bool = False) -> ImportJob:
    """Store the uploaded file (under MEDIA_ROOT, never served) and a pending job for it.

    ``confirm_changes``: changes to stored values (and values an empty cell would blank) wait for an
    adviser's confirmation (see review.import_job_confirm); new values are stored at once.

    Every import belongs to one municipality (ValidationError "municipality_required" without one):
    only its schools are stored. A superuser's upload is a reference import (it stores the
    comparison rows of the nation, the counties and every municipality too); ``reference=True``
    asks for one without a user (the command's ``--reference``), and is refused for anyone else
    ("reference_not_allowed").
    """
    if municipality is None and municipality_id is None:
        raise ValidationError(_("Choose the municipality the import belongs to."), code="municipality_required")
    if user is not None and user.is_superuser:
        reference = True
    elif reference and user is not None:
        raise ValidationError(_("Only the portal's administrator stores comparison values for the nation, "
                                "the counties and other municipalities."), code="reference_not_allowed")
    digest = hashlib.sha256()
    size = 0
    for chunk in file.chunks():
        digest.update(chunk)
        size += len(chunk)
    file.seek(0)
    job = ImportJob(format=fmt, original_name=os.path.basename(name)[:255], size=size,
                    sha256=digest.hexdigest(), dry_run=dry_run, confirm_changes=confirm_changes, uploaded_by=user,
                    municipality=municipality, reference=reference, created_at=timezone.now())
    if municipality is None:
        job.municipality_id = municipality_id
    job.file.save(job.original_name, file, save=False)
    job.save()
    return job


def nothing_stored(summary: dict) -> bool:
    """True when no row could be stored because none belongs to the import's municipality: every
    school is another municipality's or unknown to the portal, every comparison row is skipped."""
    skipped = summary.get("unknown_units") or summary.get("other_schools") or summary.get("comparison_skipped")
    return bool(skipped) and not (summary.get("created") or summary.get("updated") or summary.get("unchanged"))


def import_job_start(**kwargs) -> ImportJob:
    """Create the job (see :func:`import_job_create`) and hand it to a worker when the transaction commits."""
    with transaction.atomic():
        job = import_job_create(**kwargs)
        job_enqueue_on_commit(ImportJob, [job.pk])
    job.refresh_from_db(fields=["enqueued_at", "status"])
    return job


def import_job_retry(*, job: ImportJob) -> ImportJob:
    """Queue a failed import again (the adviser's "Prøv igjen"), or check an outdated one again
    ("Sjekk på nytt": the stored values changed after its check); other jobs are refused."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status not in (ImportStatus.FAILED, ImportStatus.OUTDATED):
            raise ValidationError(_("Only a failed import can be tried again."), code="not_failed")
        if job.status == ImportStatus.OUTDATED:  # a new check, and a new confirmation after it
            job.confirmed_at = job.confirmed_by = None
        if job.municipality_id is None:
            raise ValidationError(_("Choose the municipality the import belongs to."), code="municipality_required")
        _requeue(job, "confirmed_at", "confirmed_by")
    job.refresh_from_db(fields=["enqueued_at", "status"])
    return job


def import_job_run(job_id: int, *, task_id: str | None = None) -> ImportJob:
    """Claim the job and run the import; the job row carries the progress and the result.

    A delivery that finds the job taken (or finished) changes nothing; a failure, including a lost
    database connection, is recorded on the job with its reason.
    """
    job = job_claim(ImportJob, job_id, task_id=task_id)
    if job is None:
        return ImportJob.objects.get(pk=job_id)
    attempt = job.attempts

    def progress(checked, total):
        ImportJob.objects.filter(pk=job.pk).update(rows_checked=checked, rows_total=total,
                                                   heartbeat_at=timezone.now())

    confirm = job.confirmed_at is not None
    try:
        with job_heartbeat(ImportJob, job.pk, attempt):
            result = pipeline.run(job.file.path, municipality=job.municipality, reference=job.reference,
                                  fmt=job.format, job=job, dry_run=job.dry_run and not confirm, confirm=confirm,
                                  progress=progress)
    except Exception as error:  # noqa: BLE001 - recorded on the job, shown to the adviser
        logger.exception("Import job %s failed", job.pk)
        job_fail(ImportJob, job.pk, attempt=attempt, reason=describe(error))
        return ImportJob.objects.get(pk=job.pk)
    job.refresh_from_db(fields=["rows_checked", "rows_total"])
    if result.plan_changed:  # nothing written; the plan and its summary stay as the check left them
        job.status = ImportStatus.OUTDATED
        job.error = _reason(PLAN_CHANGED)
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at", "rows_checked", "rows_total"])
        return job
    job.format = result.format or job.format
    job.problem_count = result.problems.count
    job.problems = [problem.as_dict() for problem in result.problems.kept]
    job.summary = result.summary
    if result.ok and nothing_stored(result.summary):
        job.status = ImportStatus.NOTHING_STORED
    elif result.ok and result.held_back:
        job.status = ImportStatus.CHECKED if job.dry_run and not confirm else ImportStatus.AWAITING
    elif result.ok:
        job.status = ImportStatus.DONE
        earlier = (ImportJob.objects.filter(sha256=job.sha256, status=ImportStatus.DONE)
                   .exclude(pk=job.pk).order_by("-created_at").values_list("pk", flat=True).first())
        job.summary["same_file_as"] = earlier
    else:
        job.status = ImportStatus.REJECTED
    job.finished_at = timezone.now()
    job.save()
    return job


from .review import _requeue, import_job_cancel, import_job_confirm, import_job_undo  # noqa: E402

__all__ = ["import_job_cancel", "import_job_confirm", "import_job_create", "import_job_retry", "import_job_run",
           "import_job_start", "import_job_undo", "nothing_stored"]
