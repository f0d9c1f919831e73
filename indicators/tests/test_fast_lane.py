"""The fast lane (importing/formats/national_tests_fast.py) is only a quicker way to the careful
checker's answer. Every file here is imported twice, once with the fast lane and once without,
and everything a user can see must be the same: what is stored, the summary, the problems —
including which rows belong to the import's municipality (its schools and its own municipality row)
and which are left out (other municipalities' schools, and the nation's, counties' and other
municipalities' rows unless it is a reference import)."""
import pytest

from indicators.importing.formats import national_tests
from indicators.importing.formats.national_tests_fast import FastLane
from indicators.models import IndicatorValue, ValueChange
from indicators.tests.factories import csv_bytes, national_row, org_number, schools
from indicators.tests.test_national_tests import run

pytestmark = pytest.mark.django_db

FIELDS = ["indicator__code", "school_year", "grade", "level", "area_code", "area_name", "unit_id", "value",
          "suppressed", "uncertainty", "pupil_count", "details"]
SUMMARY = ["rows_read", "created", "updated", "unchanged", "suppressed", "comparison_rows", "schools_covered",
           "unknown_units", "other_schools", "comparison_skipped"]


def outcome(tmp_path, data, monkeypatch, fast: bool, reference=False):
    """Import ``data`` into an empty table; what a user sees of the result."""
    IndicatorValue.objects.all().delete()
    ValueChange.objects.all().delete()
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(FastLane, "possible", classmethod(lambda cls, ctx, mapping: False))
        job = run(tmp_path, data, reference=reference)
    stored = sorted(IndicatorValue.objects.values_list(*FIELDS), key=repr)
    problems = [(p["row"], p["column"], p["value"], p["msgid"]) for p in job.problems]
    return job.status, {key: job.summary.get(key) for key in SUMMARY}, stored, problems


def assert_same(tmp_path, data, monkeypatch, reference=False):
    careful = outcome(tmp_path, data, monkeypatch, fast=False, reference=reference)
    fast = outcome(tmp_path, data, monkeypatch, fast=True, reference=reference)
    assert fast == careful
    return fast


@pytest.fixture
def units():
    return schools(n=3)


@pytest.fixture
def elsewhere(units):
    """A school of another municipality in the portal (created after ``units``: the import is theirs)."""
    return schools(n=1)[0]


def varied_good_rows(units, elsewhere):
    a, b, c = units
    stranger = org_number(87654321)
    home = a.municipality
    return [
        national_row(a.org_number, a.name, "NPLES05"),
        national_row(a.org_number, a.name, "NPREG05", score="100", uncertainty="0", pupils="0",
                     shares=["0", "100", "0", "", ".."]),
        national_row(a.org_number, a.name, "NPENG05", score="48.125", uncertainty="2.5", pupils="007",
                     shares=["33.33", "33,33", "33,34", "..", ""]),
        national_row(a.org_number, a.name, "NPLES08", score="*", uncertainty="*", pupils="*",
                     shares=["*", "*", "*", "*", "*"]),
        national_row(a.org_number, a.name, "NPREG08", score="..", uncertainty="", pupils="", shares=[""] * 5),
        national_row(a.org_number, a.name, "NPENG08", score="51,5", pupils="*",
                     shares=["10", "*", "30,5", "", "20,25"]),
        national_row(a.org_number, a.name, "NPLES09", uncertainty="*"),
        national_row(a.org_number, a.name, "NPREG09", shares=["99", "0,5", "1", "0", "0"]),  # sums to 100.5
        national_row(b.org_number, 'Skole "B"\t%s\\ 100 %', "NPLES05"),  # a name a COPY line must escape
        national_row(b.org_number, b.name, "NPLES05", year="2023-24", score=" 48,3 ", pupils="1\u00a0234"),
        national_row(b.org_number, b.name, "NPREG05", score="48,3456"),  # rounded to the stored precision
        national_row(b.org_number, b.name, "nples08"),  # the careful path reads lower case too
        national_row(c.org_number[:3] + " " + c.org_number[3:6] + " " + c.org_number[6:], c.name, "NPLES05"),
        national_row(c.org_number, "", "NPREG05"),
        national_row(stranger, "Fremmed skole", "NPLES05"),
        national_row(stranger, "Fremmed skole", "NPREG05"),
        national_row(elsewhere.org_number, elsewhere.name, "NPLES05"),  # another municipality's school
        national_row(elsewhere.org_number, elsewhere.name, "NPREG05"),
        national_row(home.number, home.name, "NPLES05", level="3", score="49,5"),  # the import's own municipality
        national_row("3301", "Drammen", "NPLES05", level="3", score="50,1"),
        national_row("I", "Nasjonalt", "NPLES05", level="1", score="50"),
    ]


def test_a_varied_good_file_gives_the_same_result_with_and_without_the_fast_lane(tmp_path, monkeypatch, units,
                                                                                 elsewhere):
    status, summary, stored, problems = assert_same(tmp_path, csv_bytes(varied_good_rows(units, elsewhere)),
                                                    monkeypatch)
    assert status == "done" and problems == []
    assert summary["created"] == 15 and len(stored) == 15  # 14 school rows and the municipality's own row
    assert (summary["other_schools"], summary["comparison_skipped"]) == (1, 2)
    assert summary["unknown_units"] == [["Fremmed skole", org_number(87654321)]]
    assert not any(row[6] == elsewhere.pk or row[4] in ("3301", "I") for row in stored)


def test_a_reference_import_gives_the_same_result_with_and_without_the_fast_lane(tmp_path, monkeypatch, units,
                                                                                elsewhere):
    status, summary, stored, problems = assert_same(tmp_path, csv_bytes(varied_good_rows(units, elsewhere)),
                                                    monkeypatch, reference=True)
    assert status == "done" and problems == []
    assert summary["created"] == 17 and len(stored) == 17  # every comparison row, still not the other school
    assert (summary["other_schools"], summary["comparison_skipped"]) == (1, 0)
    assert not any(row[6] == elsewhere.pk for row in stored)


def test_ordinary_rows_take_the_fast_lane(tmp_path, monkeypatch, units):
    """Otherwise the comparisons above would compare the careful checker with itself."""
    a, b, _c = units
    careful_rows = []
    real = national_tests.NationalTests._careful_row

    def spy(self, number, *args):
        careful_rows.append(number)
        return real(self, number, *args)

    monkeypatch.setattr(national_tests.NationalTests, "_careful_row", spy)
    rows = [national_row(unit.org_number, unit.name, test) for unit in (a, b) for test in ("NPLES05", "NPREG08")]
    rows.append(national_row(a.org_number, a.name, "NPENG05", pupils="1 234"))  # not ordinary: careful
    job = run(tmp_path, csv_bytes(rows))
    assert job.summary["created"] == 5
    assert careful_rows == [6]


BAD_CELLS = [
    (5, "100,0001"), (5, "100,01"), (5, "-0"), (5, "1e2"), (5, "NaN"), (5, "4,8,3"), (5, "1.000,5"),
    (5, "\u0664\u0668"), (5, "\uff14\uff18"), (6, "101"), (7, "-1"), (7, "1,5"), (7, "\u0663"),
    (4, "NPXXX05"), (4, "NPLES06"), (0, "2024-26"), (0, "24-25"), (1, "04"), (1, "5"),
    (2, "974589096"), (2, "97458909"), (3, "=SUM(A1)"), (3, "x" * 151),
    (8, "100,001"), (8, "60"), (11, "5,0"), (10, "*"),
]


@pytest.mark.parametrize("column,cell", BAD_CELLS)
def test_a_doubtful_cell_gives_the_same_answer_with_and_without_the_fast_lane(tmp_path, monkeypatch, units,
                                                                           column, cell):
    a, b, _c = units
    doubtful = national_row(b.org_number, b.name, "NPLES05")
    doubtful[column] = cell
    rows = [national_row(a.org_number, a.name, "NPLES05"), doubtful, national_row(a.org_number, a.name, "NPREG05")]
    assert_same(tmp_path, csv_bytes(rows), monkeypatch)


def test_a_duplicate_gives_the_same_problem_with_and_without_the_fast_lane(tmp_path, monkeypatch, units):
    a, _b, _c = units
    rows = [national_row(a.org_number, a.name, "NPLES05"), national_row(a.org_number, a.name, "NPREG05"),
            national_row(a.org_number, a.name, "NPLES05", score="50")]
    status, _summary, _stored, problems = assert_same(tmp_path, csv_bytes(rows), monkeypatch)
    assert status == "rejected" and [p[0] for p in problems] == [4]


def planned_outcome(tmp_path, before, after, monkeypatch, fast: bool):
    """Import ``before`` (careful path), then upload ``after`` as the page does (changes wait for
    confirmation): the job's status, summary and planned changes (key, old → new)."""
    from django.core.files.base import ContentFile

    from indicators import services

    IndicatorValue.objects.all().delete()
    ValueChange.objects.all().delete()
    with monkeypatch.context() as patch:
        patch.setattr(FastLane, "possible", classmethod(lambda cls, ctx, mapping: False))
        run(tmp_path, before)
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(FastLane, "possible", classmethod(lambda cls, ctx, mapping: False))
        home = IndicatorValue.objects.filter(level=4).first().unit.municipality
        job = services.import_job_create(file=ContentFile(after, name="np.csv"), name="np.csv", municipality=home,
                                         confirm_changes=True)
        job = services.import_job_run(job.pk)
    planned = sorted((c.value.indicator.code, c.value.school_year, c.value.area_code, c.old, c.new)
                     for c in ValueChange.objects.filter(job=job, planned=True).select_related("value__indicator"))
    return job.status, {key: job.summary.get(key) for key in SUMMARY}, planned


def test_planned_changes_are_the_same_with_and_without_the_fast_lane(tmp_path, monkeypatch, units, elsewhere):
    """A corrected file that changes and blanks stored values: the fast lane plans the same changes."""
    before = csv_bytes(varied_good_rows(units, elsewhere))
    a, b, c = units
    after = csv_bytes([
        national_row(a.org_number, a.name, "NPLES05", score="40", shares=["30", "40", "30", "", ""]),
        national_row(a.org_number, a.name, "NPREG05", score="..", uncertainty="", pupils="", shares=[""] * 5),
        national_row(a.org_number, a.name, "NPENG05", score="*", uncertainty="*", pupils="*",
                     shares=["*", "*", "*", "", ""]),
        national_row(b.org_number, b.name, "NPLES05", year="2023-24", score="48,3", pupils="1234"),
        national_row(c.org_number, c.name, "NPREG05", score="50"),
        national_row(c.org_number, c.name, "NPLES09"),  # new: stored at confirmation, not planned
    ])
    careful = planned_outcome(tmp_path, before, after, monkeypatch, fast=False)
    fast = planned_outcome(tmp_path, before, after, monkeypatch, fast=True)
    assert fast == careful
    assert careful[0] == "awaiting" and len(careful[2]) == 4
