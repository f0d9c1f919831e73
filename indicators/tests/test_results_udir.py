"""Grunnskolepoeng and grades (standpunkt, skriftlig eksamen) as Udir's Statistikkbanken downloads
them (UTF-16LE, ``sep=`` line, TAB, wide headings), the series-break (``….Brudd``) columns, the
LK06/LK20 subject codes, the Excel re-saved copies and the bad-input messages."""
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from indicators.catalogue import GRADE_SUBJECT_CODES
from indicators.importing.formats import detect
from indicators.importing.problems import Problem, ProblemLog
from indicators.importing.reader import open_table
from indicators.models import ImportJob, ImportStatus, IndicatorValue
from laeringslop.tests import factories as core

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
#: a real excerpt (upper secondary: nation and two counties, English vg1, standpunkt)
REAL = SAMPLES / "20251125-1728_Karakterer_i_videregaaende_skole.csv"
REAL_COPIES = (REAL, SAMPLES / "karakterer-statistikkbanken-excel.csv", SAMPLES / "karakterer-statistikkbanken.xlsx")
GSP_FILE = SAMPLES / "grunnskolepoeng-statistikkbanken.csv"
GSP_COPIES = (GSP_FILE, SAMPLES / "grunnskolepoeng-statistikkbanken-excel.csv",
              SAMPLES / "grunnskolepoeng-statistikkbanken.xlsx")
GRADES_FILE = SAMPLES / "karakterer-grunnskole-statistikkbanken.csv"
BRATTBAKKEN, VAAGSBYGD, ARENDAL_SCHOOL = "974598825", "974598582", "990334021"
UNIT = ["4", "I", "42", "4204", BRATTBAKKEN, "Hele landet", "Agder", "Kristiansand", "Brattbakken skole"]
UNIT_HEAD = ["EnhetNivaa", "Nasjonaltkode", "Fylkekode", "Kommunekode", "Organisasjonsnummer", "Nasjonalt", "Fylke",
             "Kommune", "EnhetNavn"]
GSP_HEAD = UNIT_HEAD + ["2024-25.Alle eierformer.Alle kjønn.Grunnskolepoeng",
                        "2024-25.Alle eierformer.Alle kjønn.Antall elever"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def kristiansand():
    municipality = core.MunicipalityFactory(number="4204", name="Kristiansand")
    core.SchoolFactory(municipality=municipality, org_number=BRATTBAKKEN, name="Brattbakken skole")
    core.SchoolFactory(municipality=municipality, org_number=VAAGSBYGD, name="Vågsbygd skole")
    arendal = core.MunicipalityFactory(number="4203", name="Arendal")
    core.SchoolFactory(municipality=arendal, org_number=ARENDAL_SCHOOL, name="Arendal International School")
    return municipality


@pytest.fixture
def vg1_english(monkeypatch):
    """The real excerpt is English vg1 (ENG1007): let that code feed STP_ENG for the test."""
    monkeypatch.setitem(GRADE_SUBJECT_CODES, ("standpunkt", "ENG1007"), "STP_ENG")


def run(path, reference=False, municipality="4204"):
    args = [str(path), "--municipality", municipality] + (["--reference"] if reference else [])
    try:
        call_command("import_indicators", *args)
    except CommandError:
        pass
    return ImportJob.objects.latest("pk")


def stored():
    return sorted(IndicatorValue.objects.values_list(
        "indicator__code", "school_year", "grade", "level", "area_code", "area_name", "value", "suppressed",
        "uncertainty", "pupil_count", "details"))


def norwegian(job):
    with translation.override("nb"):
        return [Problem.from_dict(p).text for p in job.problems]


def write(tmp_path, rows, crlf=False, name="20260301-1200_Grunnskolepoeng.csv") -> Path:
    end = "\r\n" if crlf else "\n"
    path = tmp_path / name
    path.write_bytes(("sep=\t\n" + "".join("\t".join(r) + end for r in rows)).encode("utf-16-le"))
    return path


def value(code, area, year):
    return IndicatorValue.objects.get(indicator__code=code, area_code=area, school_year=year)


# Detection ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [REAL, GSP_FILE, GRADES_FILE])
def test_the_downloads_are_detected_as_results(path):
    table = open_table(path, ProblemLog())
    assert detect(table.header) == "results_wide"


def test_the_national_test_download_is_not_taken_for_results():
    table = open_table(SAMPLES / "20260218-1045_Nasjonale_proever_5._trinn.csv", ProblemLog())
    assert detect(table.header) == "national_tests_wide"


def test_the_real_file_is_utf16_with_an_lf_sep_line():
    data = REAL.read_bytes()
    assert data.startswith("sep=\t\nFagNivaa\tEnhetNivaa\tVurderingsfagkode".encode("utf-16-le"))


# The real excerpt -----------------------------------------------------------------------------------

def test_the_real_excerpt_stores_the_values_of_the_file(kristiansand, vg1_english):
    job = run(REAL, reference=True)
    assert job.status == ImportStatus.DONE and job.format == "results_wide", job.problems
    # the file: Hele landet 2024-25 «4,5» and «35 107»; Agder 2023-24 «4,5», «1 909», shares «*», «*», «11,3» …
    nation = value("STP_ENG", "I", 2024)
    assert (nation.level, nation.area_name, nation.value, nation.pupil_count, nation.grade) == \
        (1, "Hele landet", Decimal("4.5"), 35107, 10)
    assert nation.details["subject_code"] == "ENG1007"
    agder = value("STP_ENG", "42", 2023)
    assert (agder.area_name, agder.value, agder.pupil_count) == ("Agder", Decimal("4.5"), 1909)
    assert {k: v for k, v in agder.details.items() if k.isdigit()} == {"3": 11.3, "4": 37.9, "5": 37.5, "6": 11.6}
    assert agder.details["suppressed"] == ["1", "2"]
    assert job.summary["abroad_rows"] == 2  # «Utlandet»: its nation row and county 25
    assert not IndicatorValue.objects.filter(area_code__in=["U", "25"]).exists()
    # Buskerud has no results before 2023-24 (it was split off Viken): nothing stored for them
    assert not IndicatorValue.objects.filter(area_code="33", school_year__lt=2023).exists()


def test_a_brudd_note_marks_the_value_as_a_series_break(kristiansand, vg1_english):
    run(REAL, reference=True)
    buskerud = value("STP_ENG", "33", 2023)
    assert buskerud.details["series_break"] is True
    assert buskerud.details["series_break_note"].startswith("Buskerud er resultatet av en oppdeling")
    assert "series_break" not in value("STP_ENG", "33", 2024).details
    assert "series_break" not in value("STP_ENG", "42", 2023).details  # an empty Brudd cell is no break


def test_the_excel_copies_of_the_real_excerpt_store_the_same(kristiansand, vg1_english):
    run(REAL, reference=True)
    first = stored()
    assert first
    for copy in REAL_COPIES:
        job = run(copy, reference=True)
        assert job.status == ImportStatus.DONE, (copy.name, job.problems)
        assert (job.summary["created"], job.summary["updated"]) == (0, 0), copy.name
        assert stored() == first, copy.name


def test_a_file_of_subjects_the_portal_does_not_import_says_which_it_imports(kristiansand):
    job = run(REAL, reference=True)  # ENG1007 (upper secondary) is no grade-10 indicator
    assert job.status == ImportStatus.REJECTED
    texts = norwegian(job)
    assert texts[0].startswith("Filen har ingen fag portalen importerer (den har ENG1007)"), texts
    assert not IndicatorValue.objects.exists()


def test_rows_of_other_subjects_are_listed_not_stored(kristiansand, tmp_path):
    head = ["EnhetNivaa", "Vurderingsfagkode", "Organisasjonsnummer", "EnhetNavn",
            "2023-24.Standpunkt.Alle eierformer.Alle kjønn.Snittkarakter"]
    path = write(tmp_path, [head, ["4", "MAT0010", BRATTBAKKEN, "Brattbakken skole", "3,4"],
                            ["4", "KRL0001", BRATTBAKKEN, "Brattbakken skole", "4,5"]])
    job = run(path)
    assert (job.status, job.summary["other_subjects"], IndicatorValue.objects.count()) == (
        ImportStatus.DONE, ["KRL0001"], 1)


def test_a_malformed_subject_code_is_named_in_norwegian(kristiansand, tmp_path):
    head = ["EnhetNivaa", "Vurderingsfagkode", "Organisasjonsnummer", "EnhetNavn",
            "2023-24.Standpunkt.Alle eierformer.Alle kjønn.Snittkarakter"]
    path = write(tmp_path, [head, ["4", "matte", BRATTBAKKEN, "Brattbakken skole", "3,4"]])
    job = run(path)
    assert norwegian(job)[0].startswith("Rad 2, kolonne Vurderingsfagkode: «matte» er ikke en fagkode portalen importerer")
    assert not IndicatorValue.objects.exists()


# Grunnskolepoeng ------------------------------------------------------------------------------------

def test_grunnskolepoeng_with_begge_kjonn_and_crlf_rows(kristiansand):
    job = run(GSP_FILE, reference=True)
    assert job.status == ImportStatus.DONE, job.problems
    school = value("GSP", BRATTBAKKEN, 2022)
    assert (school.value, school.pupil_count, school.level, school.grade) == (Decimal("40.6"), 88, 4, 10)
    nation = value("GSP", "I", 2023)
    assert (nation.value, nation.pupil_count) == (Decimal("41.9"), 64110)
    hidden = value("GSP", VAAGSBYGD, 2023)
    assert hidden.suppressed and hidden.value is None and hidden.details["suppressed"] == ["pupil_count"]


def test_grunnskolepoeng_brudd_is_stored_on_that_year_only(kristiansand):
    run(GSP_FILE, reference=True)
    assert value("GSP", "42", 2023).details["series_break"] is True
    assert "series_break" not in value("GSP", "42", 2022).details
    assert "series_break" not in value("GSP", "4204", 2023).details


def test_other_genders_are_listed_as_unused_columns(kristiansand):
    job = run(GSP_FILE, reference=True)
    assert job.summary["unused_columns"] == ["2022-23.Alle eierformer.Jente.Grunnskolepoeng",
                                             "2023-24.Alle eierformer.Jente.Grunnskolepoeng"]
    assert not IndicatorValue.objects.filter(value=Decimal("43.9")).exists()  # the girls' nation value


def test_excel_copies_of_grunnskolepoeng_store_the_same_and_reupload_changes_nothing(kristiansand):
    run(GSP_FILE, reference=True)
    first = stored()
    assert len(first) == 10  # 2 years × (nation, county, municipality, Kristiansand's 2 schools)
    for copy in GSP_COPIES:
        job = run(copy, reference=True)
        assert job.status == ImportStatus.DONE, (copy.name, job.problems)
        assert (job.summary["created"], job.summary["updated"], job.summary["unchanged"]) == (0, 0, 10), copy.name
        assert stored() == first, copy.name


def test_tenancy_only_own_schools_and_municipality_row(kristiansand):
    job = run(GSP_FILE)
    assert job.status == ImportStatus.DONE, job.problems
    assert {(lvl, code) for lvl, code in IndicatorValue.objects.values_list("level", "area_code")} == \
        {(3, "4204"), (4, BRATTBAKKEN), (4, VAAGSBYGD)}
    assert job.summary["other_schools"] == 1 and job.summary["comparison_skipped"] == 4
    run(GSP_FILE, municipality="4203")
    assert set(IndicatorValue.objects.filter(area_code=ARENDAL_SCHOOL).values_list("school_year", flat=True)) == \
        {2022, 2023}
    assert not IndicatorValue.objects.filter(level__lt=3).exists()


# Grades ---------------------------------------------------------------------------------------------

def test_lk06_and_lk20_codes_feed_one_indicator(kristiansand):
    job = run(GRADES_FILE, reference=True)
    assert job.status == ImportStatus.DONE, job.problems
    old, new = value("STP_MAT", BRATTBAKKEN, 2020), value("STP_MAT", BRATTBAKKEN, 2023)
    assert (old.value, old.details["subject_code"]) == (Decimal("3.4"), "MAT0010")
    assert (new.value, new.details["subject_code"]) == (Decimal("3.5"), "MAT0015")
    exam = value("EKS_MAT", "I", 2023)
    assert (exam.value, exam.pupil_count) == (Decimal("3.1"), 20877)
    assert value("EKS_MAT", BRATTBAKKEN, 2020).suppressed


def test_oral_exam_columns_are_unused(kristiansand):
    job = run(GRADES_FILE, reference=True)
    assert job.summary["unused_columns"] == ["2020-21.Muntlig eksamen.Alle eierformer.Alle kjønn.Snittkarakter",
                                             "2023-24.Muntlig eksamen.Alle eierformer.Alle kjønn.Snittkarakter"]
    assert IndicatorValue.objects.filter(value=Decimal("3.9")).count() == 0  # the nation's oral exam


def test_the_same_subject_twice_in_a_year_is_a_problem(kristiansand, tmp_path):
    head = ["EnhetNivaa", "Vurderingsfagkode", "Organisasjonsnummer", "EnhetNavn",
            "2023-24.Standpunkt.Alle eierformer.Alle kjønn.Snittkarakter"]
    path = write(tmp_path, [head, ["4", "MAT0010", BRATTBAKKEN, "Brattbakken skole", "3,4"],
                            ["4", "MAT0015", BRATTBAKKEN, "Brattbakken skole", "3,5"]])
    job = run(path)
    assert job.status == ImportStatus.REJECTED and job.problems[0]["row"] == 3  # the second data row
    assert not IndicatorValue.objects.exists()


# Bad input ------------------------------------------------------------------------------------------

def test_a_year_heading_that_is_no_school_year(kristiansand, tmp_path):
    head = UNIT_HEAD + ["2024-26.Alle eierformer.Alle kjønn.Grunnskolepoeng"]
    job = run(write(tmp_path, [head, UNIT + ["41,0"]]))
    assert job.status == ImportStatus.REJECTED
    assert norwegian(job)[0] == ("Kolonnen «2024-26.Alle eierformer.Alle kjønn.Grunnskolepoeng»: «2024-26» er ikke "
                                 "et skoleår på formen «2024-25».")
    assert not IndicatorValue.objects.exists()


def test_all_measure_columns_empty(kristiansand, tmp_path):
    job = run(write(tmp_path, [GSP_HEAD, UNIT + ["", ""]]))
    assert job.status == ImportStatus.REJECTED
    assert norwegian(job) == ["Alle målekolonnene i filen er tomme: det er ingen resultater å importere."]


def test_grunnskolepoeng_above_60_names_row_column_and_value(kristiansand, tmp_path):
    job = run(write(tmp_path, [GSP_HEAD, UNIT + ["61,5", "80"]]))
    assert job.status == ImportStatus.REJECTED
    assert norwegian(job)[0] == ("Rad 2, kolonne 2024-25.Alle eierformer.Alle kjønn.Grunnskolepoeng: «61,5» er "
                                 "utenfor 0–60.")
    assert not IndicatorValue.objects.exists()


def test_mixed_separators_are_a_problem(kristiansand, tmp_path):
    path = tmp_path / "mixed.csv"
    text = "\t".join(GSP_HEAD) + "\n" + "\t".join(UNIT + ["41,0", "80"]) + "\n" + ";".join(UNIT + ["42,0", "81"]) + "\n"
    path.write_bytes(text.encode("utf-16-le"))
    job = run(path)
    assert job.status == ImportStatus.REJECTED
    assert norwegian(job)[0].startswith("Rad 3: raden er skilt med «;», men overskriftsraden med «TAB»")
    assert not IndicatorValue.objects.exists()


def test_grade_columns_need_the_subject_column(kristiansand, tmp_path):
    head = UNIT_HEAD + ["2023-24.Standpunkt.Alle eierformer.Alle kjønn.Snittkarakter"]
    job = run(write(tmp_path, [head, UNIT + ["4,1"]]))
    assert job.status == ImportStatus.REJECTED
    assert "Vurderingsfagkode" in norwegian(job)[0]


def test_a_windows_1252_copy_stores_the_same(kristiansand, tmp_path):
    run(GSP_FILE, reference=True)
    first = stored()
    text = (SAMPLES / "grunnskolepoeng-statistikkbanken-excel.csv").read_bytes().decode("utf-8-sig")
    path = tmp_path / "grunnskolepoeng-1252.csv"
    path.write_bytes(text.encode("cp1252"))
    job = run(path, reference=True)
    assert job.status == ImportStatus.DONE, job.problems
    assert stored() == first


# The upload page ------------------------------------------------------------------------------------

def test_the_upload_page_takes_the_download_and_lists_unused_columns(client, world):
    client.force_login(world.users["adviser"])
    head = UNIT_HEAD + ["2023-24.Alle eierformer.Begge kjønn.Grunnskolepoeng.Brudd",
                        "2023-24.Alle eierformer.Begge kjønn.Grunnskolepoeng",
                        "2023-24.Alle eierformer.Begge kjønn.Antall elever", "2023-24.Alle eierformer.Gutt.Grunnskolepoeng"]
    row = ["4", "I", "", world.municipality.number, world.school.org_number, "Hele landet", "", "", world.school.name,
           "Ny skole", "41,3", "56", "39,0"]
    data = ("sep=\t\n" + "\t".join(head) + "\n" + "\t".join(row) + "\n").encode("utf-16-le")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("indicators:import_upload"),
                               {"file": SimpleUploadedFile("20260301-1200_Grunnskolepoeng.csv", data), "format": ""})
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE and job.format == "results_wide", job.problems
    stored_value = IndicatorValue.objects.get(unit=world.school)
    assert (stored_value.indicator.code, stored_value.value, stored_value.pupil_count) == ("GSP", Decimal("41.3"), 56)
    assert stored_value.details == {"series_break": True, "series_break_note": "Ny skole"}
    page = client.get(response.url).content.decode()
    assert "Grunnskolepoeng og karakterer, nedlasting fra Statistikkbanken" in page
    assert "Kolonner som ikke er brukt" in page and "2023-24.Alle eierformer.Gutt.Grunnskolepoeng" in page
