"""Planned changes: an import that would change or blank stored values waits for confirmation.

The write runs as always (see writer), inside a savepoint of the import's transaction, and is
then settled:

- ``IMPORT`` of a job whose changes need confirmation (``ImportJob.confirm_changes``): when the
  write changed stored values, everything it did is rolled back to the savepoint and the changes
  it made (old → new per value) are kept as *planned* ``ValueChange`` rows: the job waits for an
  adviser. A write that only created values (or changed nothing) is kept.
- ``DRY_RUN``: always rolled back; the changes are kept as planned (the page lists them, and the
  adviser may import the same file from there).
- ``CONFIRM``: the write is kept only if the changes it made are exactly the planned ones (the
  same values, the same old and new states); otherwise :class:`PlanChanged` rolls everything
  back. The planned rows are then removed (the changes made replace them).

The changes are carried across the rollback in a temporary file, so memory stays bounded.
"""
import json
import tempfile

from django.db import transaction

from ..models import ValueChange

IMPORT, DRY_RUN, CONFIRM = "import", "dry_run", "confirm"
BATCH = 2000


class PlanChanged(Exception):
    """The stored values are no longer those the check found: the import was not written."""


def write_settled(job, mode: str, write):
    """Run ``write()`` (a WriteResult, or None when the transaction is to be rolled back) inside the
    open transaction and settle it; returns (WriteResult or None, whether the writes were kept)."""
    assert transaction.get_connection().in_atomic_block
    if mode != CONFIRM:  # a check again replaces the earlier plan
        ValueChange.objects.filter(job=job, planned=True).delete()
    savepoint = transaction.savepoint()
    written = write()
    if written is None:
        transaction.set_rollback(True)
        return None, False
    if mode == CONFIRM:
        if not _matches_plan(job, written):
            raise PlanChanged
        ValueChange.objects.filter(job=job, planned=True).delete()
    elif mode == DRY_RUN or (written.updated and job.confirm_changes):
        _keep_as_planned(job, savepoint)
        return written, False
    transaction.savepoint_commit(savepoint)
    return written, True


def _changes(job, planned: bool):
    return (ValueChange.objects.filter(job=job, planned=planned).order_by("value_id")
            .values_list("value_id", "old", "new"))


def _matches_plan(job, written) -> bool:
    """Whether the changes just made are the planned ones, compared value by value (streamed)."""
    if ValueChange.objects.filter(job=job, planned=True).count() != written.updated:
        return False
    made = _changes(job, planned=False).iterator(chunk_size=BATCH)
    planned = _changes(job, planned=True).iterator(chunk_size=BATCH)
    return all(a == b for a, b in zip(made, planned, strict=True))


def _keep_as_planned(job, savepoint) -> None:
    """Roll the writes back to ``savepoint`` and store the changes they made as planned."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as spool:
        for row in _changes(job, planned=False).iterator(chunk_size=BATCH):
            spool.write(json.dumps(row) + "\n")
        transaction.savepoint_rollback(savepoint)
        spool.seek(0)
        batch = []
        for line in spool:
            value_id, old, new = json.loads(line)
            batch.append(ValueChange(job_id=job.pk, value_id=value_id, old=old, new=new, planned=True))
            if len(batch) >= BATCH:
                ValueChange.objects.bulk_create(batch)
                batch = []
        ValueChange.objects.bulk_create(batch)
