"""The fast lane (importing/formats/national_tests_fast.py) is only a quicker way to the careful
checker's answer. Every file here is imported twice, once with the fast lane and once without,
and everything a user can see must be the same: what is stored, the summary, the problems."""
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
           "unknown_units"]


def outcome(tmp_path, data, monkeypatch, fast: bool):
    """Import ``data`` into an empty table; what a user sees of the result."""
    IndicatorValue.objects.all().delete()
    ValueChange.objects.all().delete()
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(FastLane, "possible", classmethod(lambda cls, ctx, mapping: False))
        job = run(tmp_path, data)
    stored = sorted(IndicatorValue.objects.values_list(*FIELDS), key=repr)
    problems = [(p["row"], p["column"], p["value"], p["msgid"]) for p in job.problems]
    return job.status, {key: job.summary.get(key) for key in SUMMARY}, stored, problems


def assert_same(tmp_path, data, monkeypatch):
    careful = outcome(tmp_path, data, monkeypatch, fast=False)
    fast = outcome(tmp_path, data, monkeypatch, fast=True)
    assert fast == careful
    return fast


@pytest.fixture
def units():
    return schools(n=3)


def varied_good_rows(units):
    a, b, c = units
    stranger = org_number(87654321)
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
        national_row("3301", "Drammen", "NPLES05", level="3", score="50,1"),
        national_row("I", "Nasjonalt", "NPLES05", level="1", score="50"),
    ]


def test_a_varied_good_file_gives_the_same_result_with_and_without_the_fast_lane(tmp_path, monkeypatch, units):
    status, summary, stored, problems = assert_same(tmp_path, csv_bytes(varied_good_rows(units)), monkeypatch)
    assert status == "done" and problems == []
    assert summary["created"] == 16 and len(stored) == 16


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
