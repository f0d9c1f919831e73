"""The wide file's fast lane (importing/formats/national_tests_wide_fast.py) is only a quicker way to
the careful checker's answer. Every file here is imported twice, once with the fast lane and once
without, and everything a user can see must be the same: what is stored, the summary, the problems."""
import pytest

from indicators.importing.formats import national_tests_wide
from indicators.importing.formats.national_tests_wide_fast import WideFastLane
from indicators.models import IndicatorValue, ValueChange
from indicators.tests.factories import org_number
from indicators.tests.test_statistikkbanken import HEAD, REAL, kristiansand, run, utf16, write  # noqa: F401
from laeringslop.tests import factories as core

pytestmark = pytest.mark.django_db

FIELDS = ["indicator__code", "school_year", "grade", "level", "area_code", "area_name", "unit_id", "value",
          "suppressed", "uncertainty", "pupil_count", "details"]
SUMMARY = ["rows_read", "created", "updated", "unchanged", "suppressed", "comparison_rows", "schools_covered",
           "unknown_units", "other_schools", "comparison_skipped", "no_participation", "unused_columns"]
TESTS = [("2023-24", "Lesing", 5), ("2023-24", "Regning", 9), ("2024-25", "Engelsk", 8), ("2024-25", "Lesing", 5)]
HEADINGS = [f"{year}.{subject}.{grade}. årstrinn.Alle eierformer.Alle kjønn.{measure}"
            for year, subject, grade in TESTS for measure in ("Skalapoeng", "Usikkerhet", "Antall elever deltatt")]
FIRST, SECOND = "974598825", "975271544"  # Kristiansand's Brattbakken and Finsland
STRANGER = org_number(87654321)


def unit(level, code, name="Alle skoler", municipality="4204"):
    return [level, "I", "42", municipality, code, "Hele landet", "Agder", "Kristiansand", name]


def outcome(tmp_path, text, monkeypatch, fast: bool, reference=False):
    IndicatorValue.objects.all().delete()
    ValueChange.objects.all().delete()
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(WideFastLane, "possible", classmethod(lambda cls, ctx, mapping: False))
        job = run(write(tmp_path, utf16(text)), reference=reference)
    stored = sorted(IndicatorValue.objects.values_list(*FIELDS), key=repr)
    problems = [(p["row"], p["column"], p["value"], p["msgid"], p["params"]) for p in job.problems]
    return job.status, {key: job.summary.get(key) for key in SUMMARY}, stored, problems


def assert_same(tmp_path, text, monkeypatch, reference=False):
    careful = outcome(tmp_path, text, monkeypatch, fast=False, reference=reference)
    fast = outcome(tmp_path, text, monkeypatch, fast=True, reference=reference)
    assert fast == careful
    return fast


def wide(rows, headings=HEADINGS):
    return "sep=\t\n" + "\n".join("\t".join(row) for row in [[HEAD, *headings], *rows]) + "\n"


def varied_rows():
    return [
        unit("1", "I", "Alle skoler") + ["50", "0,1", "56 929"] * 4,
        unit("2", "42") + ["50", "0,3", "3 504", "49", "0,3", "3 484", "*", "*", "*", "", "", ""],
        unit("3", "4204") + ["50", "0,5", "1 294", "49", "0,5", "1\u00a0289", "50,25", "0,5", "1295", "48", "0,6", "0"],
        unit("3", "4203", municipality="4203") + ["50", "0,9", "468"] * 4,
        unit("4", FIRST, "Brattbakken skole ") + ["51", "1,9", "78", "*", "*", "*", "", "", "0", "47", "2,0", ""],
        unit("4", SECOND, 'Finsland "skole" \\ ') + [" 46 ", "5,1", "13", "48,3456", "*", "12", "..", "..", "..",
                                                     "100", "0", "*"],
        unit("4", "974598469", "Hellemyr skole Kompetanse ") + [""] * 12,
        unit("4", "990334021", "Arendal International School ") + ["62", "2,2", "15"] * 4,  # Arendal's
        unit("4", STRANGER, "Fremmed skole ") + ["45", "3,3", "19"] * 4,  # not in the portal
        unit("4", "991156224", "Kristiansand Internasjonale skole ") + ["*"] * 12,
    ]


@pytest.mark.parametrize("reference", [False, True], ids=["own municipality", "reference"])
def test_a_varied_good_file_gives_the_same_result_with_and_without_the_fast_lane(kristiansand, tmp_path,  # noqa: F811
                                                                                 monkeypatch, reference):
    status, summary, stored, problems = assert_same(tmp_path, wide(varied_rows()), monkeypatch, reference)
    assert status == "done" and problems == []
    # Brattbakken 3, Finsland 3, the internasjonale skole 4 (suppressed), Kristiansand's own row 4;
    # a reference import also the nation's 4, Agder's 3 and Arendal's 4
    assert summary["created"] == len(stored) == (14 if not reference else 14 + 4 + 3 + 4)
    assert summary["unknown_units"] == [["Fremmed skole", STRANGER]] and summary["other_schools"] == 1


def test_the_real_excerpt_gives_the_same_result_with_and_without_the_fast_lane(kristiansand, tmp_path,  # noqa: F811
                                                                              monkeypatch):
    status, summary, _stored, _problems = assert_same(tmp_path, REAL.read_bytes().decode("utf-16-le"), monkeypatch,
                                                      reference=True)
    assert status == "done" and summary["created"] == 24


def test_good_rows_take_the_fast_lane(kristiansand, tmp_path, monkeypatch):  # noqa: F811
    """Otherwise the comparisons above would compare the careful checker with itself."""
    careful_rows = []
    real = national_tests_wide.NationalTestsWide.check_records

    def spy(self, number, *args):
        careful_rows.append(number)
        return real(self, number, *args)

    monkeypatch.setattr(national_tests_wide.NationalTestsWide, "check_records", spy)
    rows = varied_rows() + [unit("4", SECOND, "Finsland skole ") + ["50", "1", "2"] * 4]  # a duplicate: careful
    job = run(write(tmp_path, utf16(wide(rows))))
    assert job.status == "rejected"
    assert careful_rows == [12]


BAD_CELLS = [
    (9, "101"), (9, "-1"), (9, "abc"), (9, "1e2"), (9, "NaN"), (9, "4,8,3"), (10, "100,5"), (11, "-1"), (11, "1,5"),
    (11, "x"), (0, "5"), (0, "04"), (4, "974589096"), (4, "97458909"), (8, "=SUM(A1)"), (8, "x" * 151),
]
#: Odd cells both paths accept (other scripts' digits are read as digits, and stored as ASCII ones).
ODD_CELLS = [(9, "\u0664\u0668"), (11, "\u0663"), (9, "48,0004"), (11, "1 000"), (10, " 2,5"), (9, "..")]


@pytest.mark.parametrize("column,cell", BAD_CELLS)
def test_a_doubtful_cell_gives_the_same_answer_with_and_without_the_fast_lane(kristiansand, tmp_path,  # noqa: F811
                                                                           monkeypatch, column, cell):
    rows = varied_rows()
    rows[5][column] = cell
    status, _summary, stored, problems = assert_same(tmp_path, wide(rows), monkeypatch)
    assert status == "rejected" and problems and stored == []


@pytest.mark.parametrize("column,cell", ODD_CELLS)
def test_an_odd_good_cell_gives_the_same_answer_with_and_without_the_fast_lane(kristiansand, tmp_path,  # noqa: F811
                                                                            monkeypatch, column, cell):
    rows = varied_rows()
    rows[5][column] = cell
    status, _summary, _stored, problems = assert_same(tmp_path, wide(rows), monkeypatch)
    assert status == "done" and problems == []


def test_a_duplicate_gives_the_same_problem_with_and_without_the_fast_lane(kristiansand, tmp_path,  # noqa: F811
                                                                         monkeypatch):
    rows = varied_rows() + [unit("4", FIRST, "Brattbakken skole ") + ["50", "1", "2"] * 4]
    status, _summary, _stored, problems = assert_same(tmp_path, wide(rows), monkeypatch)
    assert status == "rejected" and [p[0] for p in problems] == [12]


def test_a_test_missing_from_the_catalogue_gives_the_same_problem(kristiansand, tmp_path, monkeypatch):  # noqa: F811
    from indicators.models import Indicator

    Indicator.objects.filter(code="NPREG09").delete()
    status, _summary, _stored, problems = assert_same(tmp_path, wide(varied_rows()), monkeypatch)
    assert status == "rejected" and "missing from the portal's indicator catalogue" in problems[0][3]


def test_a_municipality_row_without_a_name_gets_the_portals_name(tmp_path, monkeypatch):
    core.MunicipalityFactory(number="4204", name="Kristiansand")
    row = ["3", "I", "42", "4204", "4204", "Hele landet", "Agder", "", ""] + ["50", "0,5", "1 294"] * 4
    _status, _summary, stored, _problems = assert_same(tmp_path, wide([row]), monkeypatch)
    assert {value[5] for value in stored} == {"Kristiansand"}
