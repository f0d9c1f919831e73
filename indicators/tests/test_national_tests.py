"""The national-test import: values, comparison rows, idempotence, all or nothing, problems."""
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from indicators.models import ImportJob, ImportStatus, IndicatorValue, ValueChange
from indicators.tests.factories import command_args, csv_bytes, national_row, org_number, schools, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_schools():
    return schools(n=2)


def run(tmp_path, data: bytes, name="np.csv", dry_run=False, municipality=None, reference=False):
    """The command line import of ``data`` for ``municipality`` (default: the schools'), a reference
    import (every comparison row) with ``reference``."""
    path = tmp_path / name
    path.write_bytes(data)
    args = command_args(path, municipality, reference=reference, dry_run=dry_run)
    try:
        call_command("import_national_tests", *args)
    except CommandError:
        pass
    return ImportJob.objects.latest("pk")


def msgids(job):
    return [p["msgid"] for p in job.problems]


def test_import_stores_school_and_comparison_values(tmp_path, two_schools):
    a, b = two_schools
    rows = [
        national_row(a.org_number, a.name, "NPLES05", score="48,3", pupils="6\u00a0640"),
        national_row(b.org_number, b.name, "NPREG08", score="*", uncertainty="*", pupils="*",
                     shares=["*", "*", "*", "*", "*"]),
        national_row(a.org_number, a.name, "NPENG05", score="..", uncertainty="", pupils="", shares=[""] * 5),
        national_row("3301", "Drammen", "NPLES05", level="3", score="50,1"),
        national_row("33", "Buskerud", "NPLES05", level="2", score="49,9"),
        national_row("I", "Nasjonalt", "NPLES05", level="1", score="50"),
    ]
    job = run(tmp_path, csv_bytes(rows), reference=True)  # the nation, county and another municipality's rows
    assert job.status == ImportStatus.DONE, job.problems
    s = job.summary
    assert (s["rows_read"], s["created"], s["updated"], s["unchanged"], s["suppressed"]) == (6, 6, 0, 0, 1)
    assert s["comparison_rows"] == 3
    assert sorted(s["schools_covered"]) == sorted([a.name, b.name])

    les = IndicatorValue.objects.get(indicator__code="NPLES05", unit=a)
    assert (les.value, les.grade, les.level, les.school_year, les.pupil_count) == (Decimal("48.3"), 5, 4, 2024, 6640)
    assert les.uncertainty == Decimal("1.9")
    assert les.details == {"1": 20.1, "2": 50.2, "3": 29.7}

    hidden = IndicatorValue.objects.get(indicator__code="NPREG08", unit=b)
    assert hidden.suppressed is True and hidden.value is None and hidden.pupil_count is None
    assert set(hidden.details["suppressed"]) == {"1", "2", "3", "4", "5", "pupil_count", "uncertainty"}

    missing = IndicatorValue.objects.get(indicator__code="NPENG05", unit=a)
    assert missing.suppressed is False and missing.value is None

    nation = IndicatorValue.objects.get(level=1)
    assert (nation.area_code, nation.unit, nation.value) == ("I", None, Decimal("50"))
    assert IndicatorValue.objects.get(level=3).area_code == "3301"


def test_reimport_of_the_same_file_changes_nothing_and_says_so(tmp_path, two_schools, capsys):
    a, b = two_schools
    data = csv_bytes([national_row(a.org_number, a.name), national_row(b.org_number, b.name, "NPREG08")])
    first = run(tmp_path, data)
    stamps = dict(IndicatorValue.objects.values_list("pk", "updated_at"))
    capsys.readouterr()
    second = run(tmp_path, data)
    out = capsys.readouterr().out
    assert second.summary["created"] == 0 and second.summary["updated"] == 0 and second.summary["unchanged"] == 2
    assert second.summary["same_file_as"] == first.pk
    assert dict(IndicatorValue.objects.values_list("pk", "updated_at")) == stamps
    assert not ValueChange.objects.exists()
    assert "2" in out and ("Ingen endringer" in out or "Nothing changed" in out)


def test_corrected_file_updates_only_what_differs_and_records_old_and_new(tmp_path, two_schools):
    a, b = two_schools
    run(tmp_path, csv_bytes([national_row(a.org_number, a.name), national_row(b.org_number, b.name)]))
    untouched = IndicatorValue.objects.get(unit=b)
    job = run(tmp_path, csv_bytes([national_row(a.org_number, a.name, score="51,0"),
                                   national_row(b.org_number, b.name)]))
    assert (job.summary["updated"], job.summary["unchanged"], job.summary["created"]) == (1, 1, 0)
    assert IndicatorValue.objects.get(unit=a).value == Decimal("51")
    assert IndicatorValue.objects.get(unit=b).updated_at == untouched.updated_at
    change = ValueChange.objects.get()
    assert change.job == job and change.value.unit == a
    assert (change.old["value"], change.new["value"]) == (48.3, 51.0)


def test_a_file_of_new_and_stored_values_creates_the_new_and_updates_the_changed(tmp_path, two_schools):
    a, b = two_schools
    run(tmp_path, csv_bytes([national_row(a.org_number, a.name), national_row(a.org_number, a.name, "NPREG05")]))
    job = run(tmp_path, csv_bytes([national_row(a.org_number, a.name),
                                   national_row(a.org_number, a.name, "NPREG05", score="44,0"),
                                   national_row(b.org_number, b.name)]))
    s = job.summary
    assert (s["created"], s["updated"], s["unchanged"]) == (1, 1, 1)
    assert IndicatorValue.objects.get(unit=b).value == Decimal("48.3")
    assert IndicatorValue.objects.get(unit=a, indicator__code="NPREG05").value == Decimal("44")
    assert ValueChange.objects.get().new["value"] == 44.0


def test_one_bad_row_stores_nothing_and_leaves_existing_data(tmp_path, two_schools):
    a, b = two_schools
    run(tmp_path, csv_bytes([national_row(a.org_number, a.name)]))
    before = list(IndicatorValue.objects.values_list("pk", "value", "updated_at"))
    job = run(tmp_path, csv_bytes([national_row(a.org_number, a.name, score="55,0"),
                                   national_row(b.org_number, b.name, "NPREG08"),
                                   national_row(b.org_number, b.name, "NPLES05", score="104,2")]))
    assert job.status == ImportStatus.REJECTED
    assert job.problem_count == 1
    problem = job.problems[0]
    assert (problem["row"], problem["column"], problem["value"]) == (4, "Skalapoeng", "104,2")
    assert list(IndicatorValue.objects.values_list("pk", "value", "updated_at")) == before


def test_dry_run_counts_but_stores_nothing(tmp_path, two_schools):
    a, _b = two_schools
    job = run(tmp_path, csv_bytes([national_row(a.org_number, a.name)]), dry_run=True)
    assert job.status == ImportStatus.CHECKED and job.summary["created"] == 1
    assert not IndicatorValue.objects.exists()


def test_command_exits_non_zero_with_problems(tmp_path, two_schools):
    a, _b = two_schools
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([national_row(a.org_number, a.name, test="NPXXX05")]))
    with pytest.raises(CommandError):
        call_command("import_national_tests", *command_args(path))


def test_schools_outside_the_portal_are_listed_once_and_not_stored(tmp_path, two_schools):
    a, _b = two_schools
    stranger = org_number(87654321)
    job = run(tmp_path, csv_bytes([national_row(a.org_number, a.name),
                                   national_row(stranger, "Fremmed skole", "NPLES05"),
                                   national_row(stranger, "Fremmed skole", "NPREG05")]))
    assert job.status == ImportStatus.DONE
    assert job.summary["unknown_units"] == [["Fremmed skole", stranger]]
    assert not IndicatorValue.objects.filter(area_code=stranger).exists()


@pytest.mark.parametrize("encoding,bom", [("utf-8", False), ("utf-8", True), ("cp1252", False)])
def test_encodings(tmp_path, encoding, bom):
    school = schools(n=1, name="Bjørkelia skole")[0]
    job = run(tmp_path, csv_bytes([national_row(school.org_number, "Bjørkelia skole")], encoding=encoding, bom=bom))
    assert job.status == ImportStatus.DONE, job.problems
    assert IndicatorValue.objects.get().area_name == "Bjørkelia skole"


def test_headers_in_any_order_case_and_spelling(tmp_path, two_schools):
    a, _b = two_schools
    header = ["PRØVE", "skoleår", "EnhetNivaa", "organisasjonsnummer", "Enhetnavn", "skalapoeng"]
    job = run(tmp_path, csv_bytes([["NPLES05", "2023-24", "4", a.org_number[:3] + " " + a.org_number[3:6] + " "
                                    + a.org_number[6:], a.name, "47"]], header=header))
    assert job.status == ImportStatus.DONE, job.problems
    value = IndicatorValue.objects.get()
    assert (value.school_year, value.value, value.area_code) == (2023, Decimal("47"), a.org_number)


def test_xlsx_first_sheet(tmp_path, two_schools):
    a, _b = two_schools
    row = national_row(a.org_number, a.name, score=48.3, pupils=52, uncertainty=1.9, shares=[20.1, 50.2, 29.7, None, None])
    job = run(tmp_path, xlsx_bytes([row]), name="np.xlsx")
    assert job.status == ImportStatus.DONE, job.problems
    assert IndicatorValue.objects.get().value == Decimal("48.3")


# --- Problems ---------------------------------------------------------------------------------
def bad(org, **kw):
    return csv_bytes([national_row(org, **kw)])


PROBLEM_CASES = {
    "unknown test": (lambda o: bad(o, test="NPXXX05"), "Proevekode", "is not a known test code"),
    "school year": (lambda o: bad(o, year="2024/2025"), "Skoleaarnavn", "not a school year"),
    "school year gap": (lambda o: bad(o, year="2024-26"), "Skoleaarnavn", "not a school year"),
    "check digit": (lambda o: bad(o[:8] + str((int(o[8]) + 1) % 10)), "Organisasjonsnummer", "check digit"),
    "scale": (lambda o: bad(o, score="104,2"), "Skalapoeng", "is outside"),
    "negative count": (lambda o: bad(o, pupils="-3"), "AntallElever", "negative"),
    "not a number": (lambda o: bad(o, score="femti"), "Skalapoeng", "not a number"),
    "level grade 5": (lambda o: bad(o, shares=["20", "50", "20", "10", ""]), "AndelMestringsnivaa4", "mastery levels 1–"),
    "sum": (lambda o: bad(o, shares=["20", "50", "20", "", ""]), "AndelMestringsnivaa1", "sum to"),
    "formula": (lambda o: bad(o, name="=HYPERLINK(\"x\")"), "EnhetNavn", "formula"),
    "level": (lambda o: bad(o, level="7"), "EnhetNivaa", "is not a level"),
}


@pytest.mark.parametrize("case", PROBLEM_CASES, ids=str)
def test_row_problems_name_row_column_value(tmp_path, two_schools, case):
    make, column, words = PROBLEM_CASES[case]
    job = run(tmp_path, make(two_schools[0].org_number))
    assert job.status == ImportStatus.REJECTED
    problem = job.problems[0]
    assert problem["row"] == 2 and problem["column"] == column
    assert words in problem["msgid"]
    assert not IndicatorValue.objects.exists()


def test_duplicate_unit_year_test(tmp_path, two_schools):
    a, _b = two_schools
    job = run(tmp_path, csv_bytes([national_row(a.org_number, a.name), national_row(a.org_number, a.name)]))
    assert job.status == ImportStatus.REJECTED
    assert job.problems[0]["row"] == 3 and job.problems[0]["params"]["first"] == 2


def test_all_problems_are_counted_but_storage_is_capped(tmp_path, two_schools, monkeypatch):
    from indicators.importing import problems

    monkeypatch.setattr(problems, "MAX_STORED_PROBLEMS", 5)
    monkeypatch.setattr(problems.ProblemLog.__init__, "__defaults__", (5,))
    a = two_schools[0]
    job = run(tmp_path, csv_bytes([national_row(a.org_number, a.name, year=f"20{i:02d}-xx") for i in range(12)]))
    assert job.problem_count == 12 and len(job.problems) == 5


FILE_CASES = {
    "empty": (b"", "The file is empty."),
    "only spaces": (b"  \r\n ;; \r\n", "The file is empty."),
    "binary": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "neither CSV nor XLSX"),
    "comma": (csv_bytes([["2024-25", "4", "974589095", "A", "NPLES05", "50"]], delimiter=","), "separated by"),
    "missing columns": (csv_bytes([["2024-25", "4"]], header=["Skoleaarnavn", "EnhetNivaa"]), "Missing column"),
    "duplicate columns": (csv_bytes([["x"] * 7], header=["Skoleaarnavn", "Skoleår", "EnhetNivaa", "Organisasjonsnummer",
                                                          "EnhetNavn", "Proevekode", "Skalapoeng"]), "appears twice"),
    "no rows": (csv_bytes([]), "no rows of data"),
    "unrelated columns": (csv_bytes([["1"]], header=["Hei", "Hallo"]), "Missing column"),
    "undecodable": (b"Skoleaarnavn;Proevekode\r\n\x81\x8d\x8f;x\r\n", "neither UTF-8 nor Windows-1252"),
}


@pytest.mark.parametrize("case", FILE_CASES, ids=str)
def test_file_problems(tmp_path, case):
    data, words = FILE_CASES[case]
    job = run(tmp_path, data)
    assert job.status == ImportStatus.REJECTED
    assert any(words in msgid for msgid in msgids(job)), msgids(job)


def test_file_over_the_upload_limit(tmp_path, settings, two_schools):
    a = two_schools[0]
    data = csv_bytes([national_row(a.org_number, a.name)])
    settings.MAX_UPLOAD_SIZE = len(data) - 1
    job = run(tmp_path, data)
    assert job.status == ImportStatus.REJECTED and "the limit is" in job.problems[0]["msgid"]


def test_xlsx_with_a_formula_is_refused(tmp_path, two_schools):
    a = two_schools[0]
    job = run(tmp_path, xlsx_bytes([national_row(a.org_number, a.name)], formula_cell="D2"), name="f.xlsx")
    assert job.status == ImportStatus.REJECTED
    assert (job.problems[0]["row"], job.problems[0]["column"]) == (2, "EnhetNavn")


def test_zip_bomb_is_refused_before_parsing(tmp_path, settings):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (30 * 1024 * 1024))
    job = run(tmp_path, out.getvalue(), name="bomb.xlsx")
    assert job.status == ImportStatus.REJECTED
    assert "expand" in job.problems[0]["msgid"]


def test_rows_are_streamed_not_read_into_a_list(tmp_path, two_schools):
    import types

    from indicators.importing.problems import ProblemLog
    from indicators.importing.reader import open_table

    path = tmp_path / "np.csv"
    path.write_bytes(csv_bytes([national_row(two_schools[0].org_number)] * 3))
    table = open_table(path, ProblemLog())
    assert isinstance(table.rows, types.GeneratorType) and table.rows_total == 3


def test_running_a_job_twice_imports_once(tmp_path, two_schools):
    from indicators.services import import_job_run

    a = two_schools[0]
    job = run(tmp_path, csv_bytes([national_row(a.org_number, a.name)]))
    finished = job.finished_at
    again = import_job_run(job.pk)
    assert again.finished_at == finished and again.status == ImportStatus.DONE


def test_a_truncated_row_is_a_problem(tmp_path, two_schools):
    a = two_schools[0]
    data = csv_bytes([national_row(a.org_number, a.name)]) + f"2024-25;4;{a.org_number};{a.name}\r\n".encode()
    job = run(tmp_path, data)
    assert job.status == ImportStatus.REJECTED
    assert job.problems[0]["row"] == 3 and job.problems[0]["params"] == {"cells": 4, "columns": 13}


def test_a_test_missing_from_the_catalogue_is_a_problem_not_a_crash(tmp_path, two_schools):
    from indicators.models import Indicator

    Indicator.objects.filter(code="NPLES05").delete()
    job = run(tmp_path, csv_bytes([national_row(two_schools[0].org_number)]))
    assert job.status == ImportStatus.REJECTED
    assert job.problems[0]["column"] == "Proevekode" and "catalogue" in job.problems[0]["msgid"]
