"""An adviser's say over an import: confirm the changes a check found, cancel, or undo a finished import.

Confirming queues the job again; its task writes the file only if the stored values are still
those the check found (importing/plan.py). Undoing puts back, in one transaction, the old value
of every value the import changed and removes the values it created, unless a later import
changed any of them.
"""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from laeringslop.jobs import job_enqueue_on_commit

from ..importing.writer import FIELDS, imports_lock
from ..importing.writer import _state as _state
from ..models import ImportJob, ImportStatus, IndicatorValue, ValueChange

BATCH = 2000
CONFIRMABLE = (ImportStatus.AWAITING, ImportStatus.CHECKED)


def _requeue(job: ImportJob, *changed: str) -> None:
    """Back in the queue as a job not yet tried (its ``changed`` fields saved with it); sent to the worker
    once the transaction commits."""
    job.status = ImportStatus.PENDING
    job.attempts = 0
    job.error = ""
    job.rows_checked = 0
    job.started_at = job.finished_at = job.enqueued_at = None
    job.save(update_fields=["status", "attempts", "error", "rows_checked", "started_at", "finished_at", "enqueued_at",
                            *changed])
    job_enqueue_on_commit(ImportJob, [job.pk])


def _locked(job: ImportJob) -> ImportJob:
    return ImportJob.objects.select_for_update().get(pk=job.pk)


def plan_still_current(job: ImportJob) -> bool:
    """Whether every value the check planned to change still holds the old state it found (streamed)."""
    planned = ValueChange.objects.filter(job=job, planned=True).order_by("pk").values_list("value_id", "old")
    batch = []
    for row in planned.iterator(chunk_size=BATCH):
        batch.append(row)
        if len(batch) >= BATCH:
            if not _batch_current(batch):
                return False
            batch = []
    return _batch_current(batch)


def _batch_current(batch) -> bool:
    values = IndicatorValue.objects.in_bulk([value_id for value_id, _old in batch])
    return all(value_id in values and _state(values[value_id]) == old for value_id, old in batch)


def import_job_confirm(*, job: ImportJob, user=None) -> ImportJob:
    """Import the checked file now (the adviser's «Importer nå», after a check waiting for
    confirmation or a dry run): the job is queued again and its task writes it.

    Refused unless the job waits for confirmation or was a dry run ("not_awaiting"), and when the
    stored values are no longer those the check found ("stored_values_changed": check again).
    """
    with transaction.atomic():
        job = _locked(job)
        if job.status not in CONFIRMABLE:
            raise ValidationError(_("Only a checked import waiting for confirmation can be imported now."),
                                  code="not_awaiting")
        if job.municipality_id is None:
            raise ValidationError(_("Choose the municipality the import belongs to."), code="municipality_required")
        if not plan_still_current(job):
            raise ValidationError(
                _("The stored values have changed since the file was checked, so it was not imported. "
                  "Check the file again and confirm the new list of changes."), code="stored_values_changed")
        job.confirmed_at = timezone.now()
        job.confirmed_by = user
        _requeue(job, "confirmed_at", "confirmed_by")
    job.refresh_from_db(fields=["enqueued_at", "status"])
    return job


def import_job_cancel(*, job: ImportJob, user=None) -> ImportJob:
    """Store nothing of an import waiting for confirmation (the adviser's «Avbryt»); "not_awaiting" otherwise."""
    with transaction.atomic():
        job = _locked(job)
        if job.status not in (ImportStatus.AWAITING, ImportStatus.OUTDATED):
            raise ValidationError(_("Only an import waiting for confirmation can be cancelled."), code="not_awaiting")
        ValueChange.objects.filter(job=job, planned=True).delete()
        job.status = ImportStatus.CANCELLED
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "finished_at"])
    return job


def later_changes(job: ImportJob) -> tuple[int, ImportJob | None]:
    """How many values the import wrote were changed afterwards by an import that is not undone, and
    the newest such import."""
    made = ValueChange.objects.filter(job=job, planned=False)
    later = (ValueChange.objects.filter(planned=False).exclude(job=job).exclude(job__status=ImportStatus.UNDONE)
             .filter(Q(Exists(made.filter(value=OuterRef("value"), pk__lt=OuterRef("pk"))))
                     | Q(value__created_by_import=job)))
    count = later.values("value_id").distinct().count()
    if not count:
        return 0, None
    newest = ImportJob.objects.filter(pk__in=later.values("job_id")).order_by("-created_at", "-pk").first()
    return count, newest


def _restore(value: IndicatorValue, old: dict) -> None:
    for name in FIELDS:
        item = old.get(name)
        if name in ("value", "uncertainty") and item is not None:
            item = Decimal(str(item))
        elif name == "details":
            item = item or {}
        setattr(value, name, item)


def import_job_undo(*, job: ImportJob, user=None) -> ImportJob:
    """Undo a finished import: each value it changed gets its old state back (a blanked value its
    number), each value it created is removed; the job is marked undone, by whom and when (its history).

    Refused unless the import is done and recorded what it created ("not_undoable": imports from
    before undo existed did not), and when a later import changed any of
    the same values ("changed_later", naming how many and the newest such import): undo that first.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                imports_lock(cursor)  # no import writes meanwhile
        job = _locked(job)
        if job.status != ImportStatus.DONE or not job.summary.get("undoable"):
            raise ValidationError(_("Only a finished import can be undone."), code="not_undoable")
        count, newest = later_changes(job)
        if count:
            raise ValidationError(
                ngettext("%(n)s value of this import was changed by a later import (%(name)s, %(date)s). "
                         "Undo that import first.",
                         "%(n)s values of this import were changed by a later import (%(name)s, %(date)s). "
                         "Undo that import first.", count)
                % {"n": count, "name": newest.original_name,
                   "date": date_format(timezone.localtime(newest.created_at), "SHORT_DATETIME_FORMAT")},
                code="changed_later")
        now = timezone.now()
        restored = 0
        changes = (ValueChange.objects.filter(job=job, planned=False).order_by("pk")
                   .values_list("value_id", "old"))
        batch = []
        for row in changes.iterator(chunk_size=BATCH):
            batch.append(row)
            if len(batch) >= BATCH:
                restored += _restore_batch(batch, now)
                batch = []
        restored += _restore_batch(batch, now)
        # Only undone imports' changes can point at them; one DELETE each, nothing loaded.
        ValueChange.objects.filter(value__created_by_import=job)._raw_delete(connection.alias)
        removed = IndicatorValue.objects.filter(created_by_import=job)._raw_delete(connection.alias)
        job.status = ImportStatus.UNDONE
        job.undone_at = now
        job.undone_by = user
        job.summary = {**job.summary, "undo": {"restored": restored, "removed": removed}}
        job.save(update_fields=["status", "undone_at", "undone_by", "summary"])
    return job


def _restore_batch(batch, now) -> int:
    if not batch:
        return 0
    values = IndicatorValue.objects.in_bulk([value_id for value_id, _old in batch])
    for value_id, old in batch:
        _restore(values[value_id], old)
        values[value_id].updated_at = now
    IndicatorValue.objects.bulk_update(values.values(), FIELDS + ["updated_at"], batch_size=500)
    return len(values)
