"""The national-test file exactly as Udir's Statistikkbanken downloads it (UTF-16LE, ``sep=`` line,
TAB, one row per unit), its Excel re-saved copies, and the reader's UTF-16 / separator handling."""
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from indicators.models import ImportJob, ImportStatus, IndicatorValue
from laeringslop.tests import factories as core

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
REAL = SAMPLES / "20260218-1045_Nasjonale_proever_5._trinn.csv"
EXCEL_CSV = SAMPLES / "nasjonale-prover-statistikkbanken-excel.csv"
EXCEL_XLSX = SAMPLES / "nasjonale-prover-statistikkbanken.xlsx"
#: Kristiansand's schools in the excerpt (the real organisation numbers).
KRISTIANSAND = {"974598825": "Brattbakken skole", "975271544": "Finsland skole",
                "974598469": "Hellemyr skole Kompetanse", "991156224": "Kristiansand Internasjonale skole",
                "974598582": "Vågsbygd skole"}
ARENDAL_SCHOOL = "990334021"
HEAD = ("EnhetNivaa\tNasjonaltkode\tFylkekode\tKommunekode\tOrganisasjonsnummer\tNasjonalt\tFylke\tKommune\t"
        "EnhetNavn")
M = "2025-26.Lesing.5. årstrinn.Alle eierformer.Alle kjønn."

pytestmark = pytest.mark.django_db


@pytest.fixture
def kristiansand():
    municipality = core.MunicipalityFactory(number="4204", name="Kristiansand")
    for org, name in KRISTIANSAND.items():
        core.SchoolFactory(municipality=municipality, org_number=org, name=name)
    arendal = core.MunicipalityFactory(number="4203", name="Arendal")
    core.SchoolFactory(municipality=arendal, org_number=ARENDAL_SCHOOL, name="Arendal International School")
    return municipality


def run(path, reference=False, municipality="4204", fmt=None):
    args = [str(path), "--municipality", municipality] + (["--reference"] if reference else [])
    command = "import_indicators"
    if fmt:
        args += ["--format", fmt]
    try:
        call_command(command, *args)
    except CommandError:
        pass
    return ImportJob.objects.latest("pk")


def stored():
    return sorted(IndicatorValue.objects.values_list(
        "indicator__code", "school_year", "grade", "level", "area_code", "area_name", "value", "suppressed",
        "uncertainty", "pupil_count", "details"))


def msgids(job):
    return [p["msgid"] for p in job.problems]


def _norwegian(job):
    from django.utils import translation

    from indicators.importing.problems import Problem

    with translation.override("nb"):
        return [Problem.from_dict(p).text for p in job.problems]


def utf16(text: str, bom=False) -> bytes:
    return (b"\xff\xfe" if bom else b"") + text.encode("utf-16-le")


def write(tmp_path, data: bytes, name="20260218-1047_Nasjonale_proever_ungdomstrinn.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_the_real_file_is_utf16_with_a_sep_line():
    data = REAL.read_bytes()
    assert data.startswith("sep=\t\n".encode("utf-16-le")) and data[1::2].count(0) > 0.9 * len(data) / 2


def test_the_real_excerpt_imports(kristiansand):
    job = run(REAL, reference=True)
    assert job.status == ImportStatus.DONE and job.format == "national_tests_wide", job.problems
    s = job.summary
    # 3 tests × (nation, county, 2 municipalities, 4 schools with results); Hellemyr Kompetanse took no test
    assert s["no_participation"] == 3 and s["unused_columns"] == []
    assert s["comparison_rows"] == 12 and s["other_schools"] == 1 and s["suppressed"] == 3
    assert sorted(s["schools_covered"]) == sorted(n for o, n in KRISTIANSAND.items() if o != "974598469")
    brattbakken = IndicatorValue.objects.get(indicator__code="NPLES05", area_code="974598825")
    assert (brattbakken.value, brattbakken.uncertainty, brattbakken.pupil_count, brattbakken.school_year,
            brattbakken.grade, brattbakken.level) == (Decimal("47"), Decimal("2.0"), 78, 2025, 5, 4)
    nation = IndicatorValue.objects.get(indicator__code="NPENG05", level=1)
    assert (nation.area_code, nation.area_name, nation.pupil_count, nation.uncertainty) == \
        ("I", "Hele landet", 56929, Decimal("0.1"))
    county = IndicatorValue.objects.get(indicator__code="NPENG05", level=2)
    assert (county.area_code, county.area_name) == ("42", "Agder")
    municipality = IndicatorValue.objects.get(indicator__code="NPENG05", level=3, area_code="4204")
    assert (municipality.area_name, municipality.pupil_count) == ("Kristiansand", 1294)
    hidden = IndicatorValue.objects.get(indicator__code="NPREG05", area_code="991156224")
    assert hidden.suppressed and hidden.value is None and hidden.pupil_count is None
    assert set(hidden.details["suppressed"]) == {"pupil_count", "uncertainty"}
    assert not IndicatorValue.objects.filter(area_code__in=["974598469", ARENDAL_SCHOOL]).exists()
    vaagsbygd = IndicatorValue.objects.get(indicator__code="NPLES05", area_code="974598582")
    assert vaagsbygd.area_name == "Vågsbygd skole"


def test_reimport_is_idempotent_and_the_excel_copies_store_the_same(kristiansand):
    run(REAL, reference=True)
    first = stored()
    assert len(first) == 24
    for copy in (REAL, EXCEL_CSV, EXCEL_XLSX):
        job = run(copy, reference=True)
        assert job.status == ImportStatus.DONE, (copy.name, job.problems)
        assert (job.summary["created"], job.summary["updated"], job.summary["unchanged"]) == (0, 0, 24), copy.name
        assert stored() == first, copy.name


def test_chosen_national_tests_format_takes_the_wide_file(kristiansand):
    call_command("import_national_tests", str(REAL), "--municipality", "4204")
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportStatus.DONE and job.format == "national_tests_wide", job.problems


def test_tenancy_without_reference_only_own_municipality_and_schools(kristiansand):
    job = run(REAL)
    assert job.status == ImportStatus.DONE, job.problems
    levels = set(IndicatorValue.objects.values_list("level", "area_code"))
    assert {(lvl, code) for lvl, code in levels if lvl < 4} == {(3, "4204")}
    assert job.summary["comparison_skipped"] == 9  # nation, county, Arendal × 3 tests
    assert job.summary["other_schools"] == 1
    # Arendal's adviser stores Arendal's school and row only
    run(REAL, municipality="4203")
    assert IndicatorValue.objects.filter(area_code=ARENDAL_SCHOOL).count() == 3
    assert not IndicatorValue.objects.filter(level__lt=3).exists()


def _wide(rows, headings=(f"{M}Skalapoeng", f"{M}Usikkerhet", f"{M}Antall elever deltatt"), crlf=False):
    end = "\r\n" if crlf else "\n"
    lines = ["\t".join([HEAD, *headings])] + ["\t".join(row) for row in rows]
    return "sep=\t\n" + end.join(lines) + end


SCHOOL_ROW = ["4", "I", "42", "4204", "974598825", "Hele landet", "Agder", "Kristiansand", "Brattbakken skole "]


def test_crlf_older_download_and_bom_and_extra_owner_columns(kristiansand, tmp_path):
    headings = (f"{M}Skalapoeng", f"{M}Usikkerhet", f"{M}Antall elever deltatt",
                "2025-26.Lesing.5. årstrinn.Alle eierformer.Gutt.Skalapoeng",
                "2025-26.Lesing.5. årstrinn.Offentlig.Begge kjønn.Skalapoeng")
    text = _wide([SCHOOL_ROW + ["47", "2,0", "78", "45", "46"]], headings, crlf=True)
    for data in (utf16(text), utf16(text, bom=True), text.encode("utf-16-be")):
        job = run(write(tmp_path, data))
        assert job.status == ImportStatus.DONE, job.problems
        assert job.summary["unused_columns"] == list(headings[4:])  # the boys' column is kept (below)
    value = IndicatorValue.objects.get()
    assert (value.value, value.uncertainty, value.pupil_count) == (Decimal("47"), Decimal("2.0"), 78)
    assert value.details == {"groups": {"boys": {"value": 45.0}}}


def test_girls_and_boys_are_kept_beside_the_value(kristiansand, tmp_path):
    g, b = M.replace("Alle kjønn", "Jente"), M.replace("Alle kjønn", "Gutt")
    headings = (f"{M}Skalapoeng", f"{M}Usikkerhet", f"{M}Antall elever deltatt", f"{g}Skalapoeng",
                f"{g}Usikkerhet", f"{g}Antall elever deltatt", f"{b}Skalapoeng", f"{b}Usikkerhet",
                f"{b}Antall elever deltatt")
    rows = [SCHOOL_ROW + ["47", "2,0", "78", "49", "2,8", "40", "*", "", "38"]]
    job = run(write(tmp_path, utf16(_wide(rows, headings))))
    assert job.status == ImportStatus.DONE, job.problems
    assert job.summary["unused_columns"] == []
    value = IndicatorValue.objects.get()
    assert value.value == Decimal("47")
    assert value.details == {"groups": {"boys": {"suppressed": True, "pupils": 38},
                                        "girls": {"value": 49.0, "uncertainty": 2.8, "pupils": 40}}}


def test_a_bad_girls_cell_is_a_problem_naming_its_column(kristiansand, tmp_path):
    g = M.replace("Alle kjønn", "Jente")
    job = run(write(tmp_path, utf16(_wide([SCHOOL_ROW + ["47", "147"]], (f"{M}Skalapoeng", f"{g}Skalapoeng")))))
    assert job.status == ImportStatus.REJECTED
    assert job.problems[0]["column"] == f"{g}Skalapoeng" and not IndicatorValue.objects.exists()


def test_begge_kjonn_is_all_genders(kristiansand, tmp_path):
    m = M.replace("Alle kjønn", "Begge kjønn")
    job = run(write(tmp_path, utf16(_wide([SCHOOL_ROW + ["47"]], (f"{m}Skalapoeng",)))))
    assert job.status == ImportStatus.DONE, job.problems
    assert IndicatorValue.objects.get().value == Decimal("47")


BAD = {
    "unknown subject": ((f"{M.replace('Lesing', 'Naturfag')}Skalapoeng",), ["47"], "is not a national test"),
    "grade without a test": ((f"{M.replace('5. årstrinn', '6. årstrinn')}Skalapoeng",), ["47"],
                             "is not a national test"),
    "bad school year": ((f"{M.replace('2025-26', '2024-26')}Skalapoeng",), ["47"], "is not a school year"),
    "no Skalapoeng": ((f"{M}Usikkerhet",), ["2,0"], "no «Skalapoeng» column"),
    "twice": ((f"{M}Skalapoeng", f"{M.replace('Alle kjønn', 'Begge kjønn')}Skalapoeng"), ["47", "47"],
              "appears twice"),
    "no usable column": (("2025-26.Lesing.5. årstrinn.Privat.Alle kjønn.Skalapoeng",), ["47"],
                         "no measure columns for all owners"),
    "all empty": ((f"{M}Skalapoeng", f"{M}Antall elever deltatt"), ["", ""], "Every measure column"),
    "out of range": ((f"{M}Skalapoeng",), ["147"], "is outside"),
}


@pytest.mark.parametrize("case", BAD, ids=str)
def test_bad_wide_files_store_nothing(kristiansand, tmp_path, case):
    headings, cells, words = BAD[case]
    job = run(write(tmp_path, utf16(_wide([SCHOOL_ROW + cells], headings))))
    assert job.status == ImportStatus.REJECTED, job.summary
    assert any(words in msgid for msgid in msgids(job)), msgids(job)
    assert not IndicatorValue.objects.exists()


def test_problem_names_row_column_and_value_in_norwegian(kristiansand, tmp_path):
    from django.utils import translation

    from indicators.importing.problems import Problem

    rows = [SCHOOL_ROW + ["47", "2,0", "78"], SCHOOL_ROW[:4] + ["975271544"] + SCHOOL_ROW[5:] + ["50", "2,0", "7,5"]]
    job = run(write(tmp_path, utf16(_wide(rows))))
    assert job.status == ImportStatus.REJECTED and not IndicatorValue.objects.exists()
    with translation.override("nb"):
        text = Problem.from_dict(job.problems[0]).text
    assert text == f"Rad 3, kolonne {M}Antall elever deltatt: «7,5» er ikke et heltall.", text


def test_truncated_utf16_file_is_refused(kristiansand, tmp_path):
    data = REAL.read_bytes()[:-1]
    job = run(write(tmp_path, data))
    assert job.status == ImportStatus.REJECTED and "truncated" in msgids(job)[0]
    assert not IndicatorValue.objects.exists()
    assert "avkortet" in _norwegian(job)[0]
    # cut at an even byte inside the last row: that row lacks cells, nothing is stored either
    job = run(write(tmp_path, REAL.read_bytes()[:-20]))
    assert job.status == ImportStatus.REJECTED and "cells but the heading row" in msgids(job)[0]
    assert job.problems[0]["row"] == 11 and not IndicatorValue.objects.exists()


def test_mixed_separators_are_a_problem(kristiansand, tmp_path):
    text = _wide([SCHOOL_ROW + ["47", "2,0", "78"]]).replace("sep=\t\n", "")
    text += ";".join(SCHOOL_ROW[:4] + ["975271544"] + SCHOOL_ROW[5:] + ["50", "2,0", "7"]) + "\n"
    job = run(write(tmp_path, utf16(text)))
    assert job.status == ImportStatus.REJECTED
    assert any("mixes separators" in m for m in msgids(job)), msgids(job)
    assert job.problems[0]["row"] == 3
    assert _norwegian(job)[0].startswith("Rad 3: raden er skilt med «;», men overskriftsraden med «TAB»")
    assert not IndicatorValue.objects.exists()


def test_tab_separated_utf8_long_format_is_accepted(tmp_path):
    from indicators.tests.factories import csv_bytes, national_row, schools

    a = schools(n=1)[0]
    path = write(tmp_path, csv_bytes([national_row(a.org_number, a.name)], delimiter="\t"), "np.csv")
    call_command("import_national_tests", str(path), "--municipality", a.municipality.number)
    assert ImportJob.objects.get().status == ImportStatus.DONE
    assert IndicatorValue.objects.get().value == Decimal("48.3")


def test_sep_semicolon_line_in_utf8(tmp_path):
    from indicators.tests.factories import csv_bytes, national_row, schools

    a = schools(n=1)[0]
    path = write(tmp_path, b"sep=;\r\n" + csv_bytes([national_row(a.org_number, a.name, score="x")]), "np.csv")
    try:
        call_command("import_national_tests", str(path), "--municipality", a.municipality.number)
    except CommandError:
        pass
    job = ImportJob.objects.get()
    assert job.problems[0]["row"] == 2  # as Excel shows it: the sep= line is hidden, the heading row is row 1


def test_several_years_subjects_and_grades_in_one_file(kristiansand, tmp_path):
    headings = []
    for year in ("2023-24", "2024-25"):
        for subject, grade in (("Regning", 8), ("Lesing", 9)):
            base = f"{year}.{subject}.{grade}. årstrinn.Alle eierformer.Alle kjønn."
            headings += [f"{base}Skalapoeng", f"{base}Usikkerhet", f"{base}Antall elever deltatt"]
    cells = ["50", "1,2", "40", "51", "1,3", "41", "52", "1,4", "42", "53", "1,5", "43"]
    job = run(write(tmp_path, utf16(_wide([SCHOOL_ROW + cells], headings))))
    assert job.status == ImportStatus.DONE, job.problems
    got = sorted(IndicatorValue.objects.values_list("indicator__code", "school_year", "grade", "value", "pupil_count"))
    assert got == [("NPLES09", 2023, 9, Decimal("51"), 41), ("NPLES09", 2024, 9, Decimal("53"), 43),
                   ("NPREG08", 2023, 8, Decimal("50"), 40), ("NPREG08", 2024, 8, Decimal("52"), 42)]


def test_excel_dropped_leading_zeros_of_codes(tmp_path):
    """Excel turns Oslo's 03 / 0301 into 3 / 301: the codes get their zeros back."""
    core.MunicipalityFactory(number="0301", name="Oslo")
    header = HEAD.replace("\t", ";") + f";{M}Skalapoeng"
    rows = ["2;I;3;0;3;Hele landet;Oslo;Alle kommuner;Alle skoler;50",
            "3;I;3;301;301;Hele landet;Oslo;Oslo;Alle skoler;49"]
    path = write(tmp_path, ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8-sig"), "np.csv")
    job = run(path, reference=True, municipality="0301")
    assert job.status == ImportStatus.DONE, job.problems
    assert sorted(IndicatorValue.objects.values_list("level", "area_code", "area_name")) == \
        [(2, "03", "Oslo"), (3, "0301", "Oslo")]


def test_the_download_replaces_mastery_shares_visibly(kristiansand, tmp_path):
    """The download has no mastery shares: a value stored with them loses them, recorded as a change."""
    from indicators.models import ValueChange
    from indicators.tests.factories import csv_bytes, national_row

    long_file = csv_bytes([national_row("974598825", "Brattbakken skole", "NPLES05", year="2025-26", score="47",
                                        uncertainty="2,0", pupils="78")])
    run(write(tmp_path, long_file, "np.csv"))
    assert IndicatorValue.objects.get().details == {"1": 20.1, "2": 50.2, "3": 29.7}
    job = run(write(tmp_path, utf16(_wide([SCHOOL_ROW + ["47", "2,0", "78"]]))))
    assert job.summary["updated"] == 1 and IndicatorValue.objects.get().details == {}
    assert ValueChange.objects.get(job=job).old["details"] == {"1": 20.1, "2": 50.2, "3": 29.7}


def test_a_school_the_file_places_in_another_municipality_is_counted_not_listed():
    """A national file names every school's kommunenummer: schools of other municipalities that are not in
    the portal are counted («… hører ikke til kommunen»), not listed one by one as unknown."""
    municipality = core.MunicipalityFactory(number="4204", name="Kristiansand")
    for org, name in KRISTIANSAND.items():
        core.SchoolFactory(municipality=municipality, org_number=org, name=name)
    job = run(REAL)  # Arendal International School is in no municipality of the portal
    assert (job.summary["other_schools"], [code for _n, code in job.summary["unknown_units"]]) == (1, [])
