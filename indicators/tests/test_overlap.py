"""Large files on PostgreSQL are checked and written at the same time (importing/overlap.py).
The guarantees stay: all or nothing, re-import changes nothing, corrections log old → new.
These tests lower the thresholds so that a small file takes that path, in several batches."""
from decimal import Decimal

import pytest
from django.db import connection

from indicators.importing.overlap import overlap_possible
from indicators.models import ImportStatus, IndicatorValue, ValueChange
from indicators.tests.factories import csv_bytes, national_row, schools
from indicators.tests.test_national_tests import run

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def small_batches(settings):
    settings.IMPORT_OVERLAP_MIN_ROWS = 1
    settings.IMPORT_OVERLAP_BATCH_ROWS = 2


def _rows(units, score="48,3"):
    return [national_row(unit.org_number, unit.name, test=test, score=score)
            for unit in units for test in ("NPLES05", "NPREG05", "NPENG05")]


def test_overlapped_import_stores_everything_and_reimport_changes_nothing(tmp_path, small_batches):
    units = schools(n=3)
    assert overlap_possible(9) is (connection.vendor == "postgresql")
    job = run(tmp_path, csv_bytes(_rows(units)))
    assert job.status == ImportStatus.DONE, job.problems
    assert job.summary["created"] == 9 and IndicatorValue.objects.count() == 9
    again = run(tmp_path, csv_bytes(_rows(units)))
    assert again.summary["unchanged"] == 9 and again.summary["created"] == again.summary["updated"] == 0


def test_overlapped_import_rolls_back_batches_already_written_when_a_later_row_fails(tmp_path, small_batches):
    units = schools(n=3)
    rows = _rows(units)
    rows[-1][5] = "104,2"  # the last row's scale points are out of range
    job = run(tmp_path, csv_bytes(rows))
    assert job.status == ImportStatus.REJECTED
    assert IndicatorValue.objects.count() == 0


def test_overlapped_correction_updates_and_logs_old_and_new(tmp_path, small_batches):
    units = schools(n=2)
    run(tmp_path, csv_bytes(_rows(units)))
    job = run(tmp_path, csv_bytes(_rows(units, score="51,0")))
    assert job.summary["updated"] == 6
    assert set(IndicatorValue.objects.values_list("value", flat=True)) == {Decimal("51.000")}
    change = ValueChange.objects.filter(job=job).first()
    assert float(change.old["value"]) == 48.3 and float(change.new["value"]) == 51.0


def test_overlapped_dry_run_counts_but_stores_nothing(tmp_path, small_batches):
    units = schools(n=2)
    job = run(tmp_path, csv_bytes(_rows(units)), dry_run=True)
    assert job.status == ImportStatus.CHECKED and job.summary["created"] == 6
    assert IndicatorValue.objects.count() == 0


def test_overlapped_batches_of_new_values_then_mixed_ones(tmp_path, small_batches):
    """The first batches are new (COPYed straight in); a later one holds stored values too
    (merged): both kinds end up right in one import."""
    units = schools(n=3)
    run(tmp_path, csv_bytes(_rows(units[2:])))
    rows = _rows(units[:2]) + _rows(units[2:], score="51,0")
    job = run(tmp_path, csv_bytes(rows))
    assert job.status == ImportStatus.DONE, job.problems
    assert (job.summary["created"], job.summary["updated"], job.summary["unchanged"]) == (6, 3, 0)
    assert IndicatorValue.objects.count() == 9
    assert set(IndicatorValue.objects.filter(unit=units[2]).values_list("value", flat=True)) == {Decimal("51.000")}
    assert ValueChange.objects.filter(job=job).count() == 3


def test_an_import_waits_for_another_import_writing_and_a_dry_run_does_not(tmp_path, settings):
    """While another import holds the writers' lock, an import waits (here 1 s, then fails and stores
    nothing); a dry run does not wait. SQLite serialises writers by itself: there both just run."""
    settings.IMPORT_LOCK_WAIT = "1s"
    units = schools(n=2)
    if connection.vendor != "postgresql":
        assert run(tmp_path, csv_bytes(_rows(units))).status == ImportStatus.DONE
        return
    import psycopg2

    from indicators.importing.writer import IMPORT_LOCK_KEY

    params = connection.get_connection_params()
    other = psycopg2.connect(**params)
    try:
        with other.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
        dry = run(tmp_path, csv_bytes(_rows(units)), dry_run=True)
        assert dry.status == ImportStatus.CHECKED and dry.summary["created"] == 6
        waited = run(tmp_path, csv_bytes(_rows(units)))
        assert waited.status == ImportStatus.FAILED and "lock" in waited.error
        assert IndicatorValue.objects.count() == 0
    finally:
        other.rollback()
        other.close()
    assert run(tmp_path, csv_bytes(_rows(units))).status == ImportStatus.DONE
    assert IndicatorValue.objects.count() == 6


def test_overlapped_changes_wait_for_confirmation_and_undo(tmp_path, small_batches):
    """Checked and written at once, a file that changes stored values still waits for confirmation;
    confirmed, it writes what was planned; undone, the old values are back."""
    from django.core.files.base import ContentFile

    from indicators import services

    units = schools(n=3)
    run(tmp_path, csv_bytes(_rows(units)))
    rows = _rows(units)
    rows[4] = national_row(units[1].org_number, units[1].name, test="NPREG05", score="40")
    rows.append(national_row(units[0].org_number, units[0].name, test="NPLES08"))  # new
    job = services.import_job_create(file=ContentFile(csv_bytes(rows), name="np.csv"), name="np.csv",
                                     municipality=units[0].municipality, confirm_changes=True)
    job = services.import_job_run(job.pk)
    assert (job.status, job.summary["created"], job.summary["updated"]) == (ImportStatus.AWAITING, 1, 1)
    assert IndicatorValue.objects.count() == 9
    assert ValueChange.objects.filter(job=job, planned=True).count() == 1
    services.import_job_confirm(job=job)  # outside a transaction here: queued (eagerly run) at once
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and IndicatorValue.objects.count() == 10
    assert IndicatorValue.objects.get(unit=units[1], indicator__code="NPREG05").value == Decimal("40")
    services.import_job_undo(job=job)
    assert IndicatorValue.objects.count() == 9
    assert IndicatorValue.objects.get(unit=units[1], indicator__code="NPREG05").value == Decimal("48.3")
