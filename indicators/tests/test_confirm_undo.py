"""Imports that change stored values wait for confirmation; a finished import can be undone."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import TestCase

from indicators import services
from indicators.models import ImportJob, ImportStatus, IndicatorValue, ValueChange
from indicators.tests.factories import csv_bytes, national_row, schools

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return schools(n=1)[0]


def imported(school, rows, dry_run=False, confirm_changes=True) -> ImportJob:
    """An upload as the page makes it (changes wait for confirmation), run by its task."""
    job = services.import_job_create(file=ContentFile(csv_bytes(rows), name="np.csv"), name="np.csv",
                                     municipality=school.municipality, dry_run=dry_run,
                                     confirm_changes=confirm_changes)
    return services.import_job_run(job.pk)


def confirmed(job, user=None) -> ImportJob:
    with TestCase.captureOnCommitCallbacks(execute=True):  # the (eager) task runs on commit
        services.import_job_confirm(job=job, user=user)
    return ImportJob.objects.get(pk=job.pk)


def stored(school, test="NPLES05"):
    return IndicatorValue.objects.filter(unit=school, indicator__code=test).values_list("value", flat=True).first()


def code_of(call) -> str:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.code


def test_only_new_values_are_stored_at_once(school):
    job = imported(school, [national_row(school.org_number, school.name)])
    assert job.status == ImportStatus.DONE
    assert stored(school) == Decimal("48.3")


def test_the_same_file_again_changes_nothing_and_needs_no_confirmation(school):
    rows = [national_row(school.org_number, school.name)]
    first = imported(school, rows)
    again = imported(school, rows)
    assert (again.status, again.summary["updated"], again.summary["same_file_as"]) == (ImportStatus.DONE, 0, first.pk)


def test_changed_values_wait_for_confirmation_and_are_listed(school):
    imported(school, [national_row(school.org_number, school.name)])
    job = imported(school, [national_row(school.org_number, school.name, score="40")])
    assert job.status == ImportStatus.AWAITING
    assert stored(school) == Decimal("48.3")
    change = ValueChange.objects.get(job=job)
    assert (change.planned, change.old["value"], change.new["value"]) == (True, 48.3, 40.0)


def test_a_blanked_value_waits_for_confirmation_too(school):
    imported(school, [national_row(school.org_number, school.name)])
    job = imported(school, [national_row(school.org_number, school.name, score="..", uncertainty="", pupils="",
                                         shares=[""] * 5)])
    assert job.status == ImportStatus.AWAITING
    assert stored(school) == Decimal("48.3")


def test_a_mixed_file_stores_nothing_before_confirmation(school):
    imported(school, [national_row(school.org_number, school.name)])
    job = imported(school, [national_row(school.org_number, school.name, score="40"),
                            national_row(school.org_number, school.name, test="NPREG05")])
    assert job.status == ImportStatus.AWAITING
    assert stored(school, "NPREG05") is None


def test_confirming_writes_the_planned_changes(school, world):
    imported(school, [national_row(school.org_number, school.name)])
    job = confirmed(imported(school, [national_row(school.org_number, school.name, score="40"),
                                      national_row(school.org_number, school.name, test="NPREG05")]))
    assert job.status == ImportStatus.DONE
    assert (stored(school), stored(school, "NPREG05")) == (Decimal("40"), Decimal("48.3"))
    assert list(ValueChange.objects.filter(job=job).values_list("planned", flat=True)) == [False]


def test_confirming_is_refused_when_the_values_changed_since_the_check(school):
    imported(school, [national_row(school.org_number, school.name)])
    waiting = imported(school, [national_row(school.org_number, school.name, score="40")])
    confirmed(imported(school, [national_row(school.org_number, school.name, score="45")]))
    assert code_of(lambda: services.import_job_confirm(job=waiting)) == "stored_values_changed"
    assert stored(school) == Decimal("45")


def test_the_task_refuses_a_confirmation_the_values_changed_under(school, monkeypatch):
    """The race the page's check cannot see: the values change after the confirmation is queued."""
    imported(school, [national_row(school.org_number, school.name)])
    waiting = imported(school, [national_row(school.org_number, school.name, score="40")])
    with TestCase.captureOnCommitCallbacks(execute=False):
        services.import_job_confirm(job=waiting)
    IndicatorValue.objects.filter(unit=school).update(value=Decimal("44"))
    job = services.import_job_run(waiting.pk)
    assert (job.status, stored(school)) == (ImportStatus.OUTDATED, Decimal("44"))
    assert "endret siden filen ble sjekket" in job.error


def test_an_outdated_import_is_checked_again(school):
    imported(school, [national_row(school.org_number, school.name)])
    waiting = imported(school, [national_row(school.org_number, school.name, score="40")])
    ImportJob.objects.filter(pk=waiting.pk).update(status=ImportStatus.OUTDATED)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.import_job_retry(job=waiting)
    assert ImportJob.objects.get(pk=waiting.pk).status == ImportStatus.AWAITING


def test_a_failed_import_tried_again_is_queued_as_one_not_yet_tried(school):
    job = imported(school, [national_row(school.org_number, school.name)])
    assert job.rows_checked and job.started_at  # as the failed run left them
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.FAILED, attempts=3, error="Tidsavbrudd")
    with TestCase.captureOnCommitCallbacks(execute=False) as sent:
        services.import_job_retry(job=job)
    again = ImportJob.objects.get(pk=job.pk)
    assert (again.status, again.attempts, again.error, again.rows_checked, again.started_at, again.finished_at,
            len(sent)) == (ImportStatus.PENDING, 0, "", 0, None, None, 1)


def test_only_a_waiting_import_is_confirmed(school):
    job = imported(school, [national_row(school.org_number, school.name)])
    assert code_of(lambda: services.import_job_confirm(job=job)) == "not_awaiting"


def test_cancelling_stores_nothing(school):
    imported(school, [national_row(school.org_number, school.name)])
    job = services.import_job_cancel(job=imported(school, [national_row(school.org_number, school.name, score="40")]))
    assert (job.status, stored(school)) == (ImportStatus.CANCELLED, Decimal("48.3"))
    assert not ValueChange.objects.filter(job=job).exists()


def test_only_a_waiting_import_is_cancelled(school):
    job = imported(school, [national_row(school.org_number, school.name)])
    assert code_of(lambda: services.import_job_cancel(job=job)) == "not_awaiting"


def test_a_dry_run_lists_the_changes_and_imports_the_same_file(school):
    imported(school, [national_row(school.org_number, school.name)])
    dry = imported(school, [national_row(school.org_number, school.name, score="40")], dry_run=True)
    assert (dry.status, stored(school)) == (ImportStatus.CHECKED, Decimal("48.3"))
    assert ValueChange.objects.filter(job=dry, planned=True).count() == 1
    job = confirmed(dry)
    assert (job.status, stored(school), job.summary["dry_run"]) == (ImportStatus.DONE, Decimal("40"), False)


def test_a_dry_run_of_new_values_can_be_imported_now(school):
    dry = imported(school, [national_row(school.org_number, school.name)], dry_run=True)
    assert stored(school) is None
    assert (confirmed(dry).status, stored(school)) == (ImportStatus.DONE, Decimal("48.3"))


def test_the_command_line_writes_changes_at_once(school):
    imported(school, [national_row(school.org_number, school.name)], confirm_changes=False)
    job = imported(school, [national_row(school.org_number, school.name, score="40")], confirm_changes=False)
    assert (job.status, stored(school)) == (ImportStatus.DONE, Decimal("40"))


def test_undo_puts_the_old_values_back_and_removes_created_ones(school, world):
    imported(school, [national_row(school.org_number, school.name)])
    job = confirmed(imported(school, [national_row(school.org_number, school.name, score="40", pupils="9"),
                                      national_row(school.org_number, school.name, test="NPREG05")]))
    job = services.import_job_undo(job=job, user=world.users["adviser"])
    assert (job.status, job.undone_by, job.summary["undo"]) == (
        ImportStatus.UNDONE, world.users["adviser"], {"restored": 1, "removed": 1})
    value = IndicatorValue.objects.get(unit=school, indicator__code="NPLES05")
    assert (value.value, value.pupil_count, value.details) == (Decimal("48.3"), 52, {"1": 20.1, "2": 50.2, "3": 29.7})
    assert stored(school, "NPREG05") is None


def test_undo_brings_a_blanked_value_back(school):
    imported(school, [national_row(school.org_number, school.name)])
    job = confirmed(imported(school, [national_row(school.org_number, school.name, score="*", uncertainty="*",
                                                   pupils="*", shares=["*", "*", "*", "", ""])]))
    assert stored(school) is None
    services.import_job_undo(job=job)
    assert stored(school) == Decimal("48.3")


def test_undo_of_a_first_import_removes_its_values(school):
    job = imported(school, [national_row(school.org_number, school.name)])
    services.import_job_undo(job=job)
    assert not IndicatorValue.objects.filter(unit=school).exists()


def test_undo_is_refused_when_a_later_import_changed_the_same_values(school):
    first = imported(school, [national_row(school.org_number, school.name)])
    confirmed(imported(school, [national_row(school.org_number, school.name, score="40")]))
    with pytest.raises(ValidationError) as error:
        services.import_job_undo(job=first)
    assert error.value.code == "changed_later"
    assert "1 verdi" in error.value.messages[0] and "np.csv" in error.value.messages[0]
    assert stored(school) == Decimal("40")


def test_undo_is_allowed_once_the_later_import_is_undone(school):
    first = imported(school, [national_row(school.org_number, school.name)])
    later = confirmed(imported(school, [national_row(school.org_number, school.name, score="40")]))
    services.import_job_undo(job=later)
    services.import_job_undo(job=first)
    assert stored(school) is None


def test_an_import_is_undone_once(school):
    job = services.import_job_undo(job=imported(school, [national_row(school.org_number, school.name)]))
    assert code_of(lambda: services.import_job_undo(job=job)) == "not_undoable"


def test_an_import_from_before_undo_existed_is_not_undone(school):
    job = imported(school, [national_row(school.org_number, school.name)])
    ImportJob.objects.filter(pk=job.pk).update(summary={**job.summary, "undoable": False})
    job.refresh_from_db()
    assert code_of(lambda: services.import_job_undo(job=job)) == "not_undoable"
