"""Elevundersøkelsen as Udir gives it: the wide web download (a real file, and its Excel copies),
the export API's long CSV and JSON (index, question and participation rows), and bad input."""
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from indicators.importing.problems import Problem
from indicators.models import ImportJob, ImportStatus, Indicator, IndicatorValue
from laeringslop.models import County
from laeringslop.tests import factories as core

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
WIDE = SAMPLES / "20220928-1012_Elevundersoekelsen_-_mobbing.csv"
WIDE_EXCEL_CSV = SAMPLES / "elevundersokelsen-mobbing-excel.csv"
WIDE_XLSX = SAMPLES / "elevundersokelsen-mobbing.xlsx"
EXPORT_CSV = SAMPLES / "elevundersokelsen-eksport.csv"
EXPORT_JSON = SAMPLES / "elevundersokelsen-eksport.json"
PARTICIPATION_CSV = SAMPLES / "elevundersokelsen-eksport-deltakelse.csv"
BPG_JSON = SAMPLES / "elevundersokelsen-eksport-deltakelse-bpg.json"
BPG = "988602671"  # Bergen private gymnas AS (the real organisation number)
OTHER_SCHOOL = "974557584"

pytestmark = pytest.mark.django_db


@pytest.fixture
def bergen():
    County.objects.get_or_create(number="38", defaults={"name": "Vestfold og Telemark"})
    municipality = core.MunicipalityFactory(number="4601", name="Bergen")
    core.SchoolFactory(municipality=municipality, org_number=BPG, name="Bergen private gymnas AS")
    other = core.MunicipalityFactory(number="4602", name="Kinn")
    core.SchoolFactory(municipality=other, org_number=OTHER_SCHOOL, name="Fyllingsdalen videregående skole")
    return municipality


def run(path, reference=False, municipality="4601", fmt=None):
    args = [str(path), "--municipality", municipality] + (["--reference"] if reference else [])
    if fmt:
        args += ["--format", fmt]
    try:
        call_command("import_indicators", *args)
    except CommandError:
        pass
    return ImportJob.objects.latest("pk")


def stored():
    return sorted(IndicatorValue.objects.values_list(
        "indicator__code", "school_year", "grade", "level", "area_code", "area_name", "value", "suppressed",
        "pupil_count", "details"))


def norwegian(job):
    with translation.override("nb"):
        return [Problem.from_dict(p).text for p in job.problems]


# --- the wide web download ---------------------------------------------------------------------
def test_the_real_wide_file_is_utf16_with_a_sep_line_and_detected(bergen):
    data = WIDE.read_bytes()
    assert data.startswith("sep=\t\nIndikatorNivaa".encode("utf-16-le"))
    job = run(WIDE, reference=True)
    assert job.status == ImportStatus.DONE and job.format == "pupil_survey_wide", job.problems


def test_real_wide_file_stores_the_bullying_index_of_nation_and_county(bergen):
    job = run(WIDE, reference=True)
    # Checked by hand against the file: row «1 67.19.00.11 … Mobbing på skolen (prosent)», columns
    # 2020-21/2021-22 × Hele landet/Vestfold og Telemark × Alle utdanningsprogram × Begge kjønn.
    assert stored() == [
        ("EU_MOBBING", 2020, 0, 1, "I", "Hele landet", Decimal("3.300"), False, None, {}),
        ("EU_MOBBING", 2020, 0, 2, "38", "Vestfold og Telemark", Decimal("3.300"), False, None, {}),
        ("EU_MOBBING", 2021, 0, 1, "I", "Hele landet", Decimal("3.300"), False, None, {}),
        ("EU_MOBBING", 2021, 0, 2, "38", "Vestfold og Telemark", Decimal("3.600"), False, None, {}),
    ]
    assert job.summary["question_rows"] == 3


def test_wide_summary_lists_the_gender_and_programme_columns(bergen):
    job = run(WIDE, reference=True)
    unused = job.summary["unused_columns"]
    assert len(unused) == 36 - 4
    assert "2020-21.Hele landet.Alle fylker.Alle skoler.Alle utdanningsprogram.Alle utdanningsprogram." \
           "Alle eierformer.Gutt.Prosentandel" in unused
    assert "2021-22.Hele landet.Vestfold og Telemark.Alle skoler.Yrkesfaglig.Alle utdanningsprogram." \
           "Alle eierformer.Begge kjønn.Prosentandel" in unused


def test_wide_excel_copies_store_the_same_and_reupload_changes_nothing(bergen):
    run(WIDE, reference=True)
    first = stored()
    for copy in (WIDE, WIDE_EXCEL_CSV, WIDE_XLSX):
        job = run(copy, reference=True)
        assert job.status == ImportStatus.DONE, (copy.name, job.problems)
        assert (job.summary["created"], job.summary["updated"], job.summary["unchanged"]) == (0, 0, 4), copy.name
        assert stored() == first, copy.name


def test_wide_without_reference_stores_no_comparison_row(bergen):
    job = run(WIDE)
    assert job.status == ImportStatus.NOTHING_STORED, job.problems
    assert job.summary["comparison_skipped"] == 4
    assert not IndicatorValue.objects.exists()


def test_wide_county_unknown_to_the_portal_is_listed(bergen):
    County.objects.filter(number="38").delete()
    job = run(WIDE, reference=True)
    assert ["Vestfold og Telemark", "Vestfold og Telemark"] in job.summary["unknown_units"]
    assert not IndicatorValue.objects.filter(level=2).exists()


WIDE_HEAD = "IndikatorNivaa\tIndikatorkode\tIndikatornavn\t"
NATION = "2021-22.Hele landet.Alle fylker.Alle skoler.Alle utdanningsprogram.Alle utdanningsprogram." \
         "Alle eierformer.Begge kjønn.Prosentandel"


def _wide_file(tmp_path, heading, row, name="eu.csv"):
    text = "sep=\t\n" + WIDE_HEAD + heading + "\n" + row + "\n"
    path = tmp_path / name
    path.write_bytes(text.encode("utf-16-le"))
    return path


WIDE_BAD = {
    "unknown index": (NATION, "1\t99.1\tKantinetilbud\t3,3", "er ikke en indeks fra Elevundersøkelsen"),
    "bad year": (NATION.replace("2021-22", "2024-26"), "1\t67.19.00.11\tMobbing på skolen (prosent)\t3,3",
                 "«2024-26» er ikke et skoleår"),
    "all empty": (NATION, "1\t67.19.00.11\tMobbing på skolen (prosent)\t", "Alle målekolonnene i filen er tomme"),
    "out of range": (NATION, "1\t67.19.00.11\tMobbing på skolen (prosent)\t103,5", "«103,5» er utenfor 0–100"),
}


@pytest.mark.parametrize("case", WIDE_BAD, ids=str)
def test_bad_wide_files_are_rejected_in_norwegian_and_store_nothing(bergen, tmp_path, case):
    heading, row, words = WIDE_BAD[case]
    job = run(_wide_file(tmp_path, heading, row), reference=True)
    assert job.status == ImportStatus.REJECTED, job.summary
    assert any(words in text for text in norwegian(job)), norwegian(job)
    assert not IndicatorValue.objects.exists()


def test_wide_problem_names_row_and_column(bergen, tmp_path):
    job = run(_wide_file(tmp_path, NATION, "1\t67.19.00.11\tMobbing på skolen (prosent)\t103,5"), reference=True)
    assert norwegian(job)[0].startswith(f"Rad 2, kolonne {NATION}: «103,5»")


def test_truncated_utf16_download_is_refused(bergen, tmp_path):
    path = tmp_path / "cut.csv"
    path.write_bytes(WIDE.read_bytes()[:-1])
    job = run(path, reference=True)
    assert job.status == ImportStatus.REJECTED
    assert any("avkortet" in text or "kuttet" in text for text in norwegian(job)), norwegian(job)
    assert not IndicatorValue.objects.exists()


# --- the export API ---------------------------------------------------------------------------
def test_export_csv_is_detected_and_stores_only_the_all_owner_index_rows(bergen):
    job = run(EXPORT_CSV)
    assert job.status == ImportStatus.DONE and job.format == "pupil_survey_export", job.problems
    # «Støtte fra lærer» (Udir's name) is the catalogue's «Støtte fra lærerne»; VG1 is grade 11.
    assert stored() == [
        ("EU_STOTTE_LAERER", 2024, 11, 4, BPG, "Bergen private gymnas AS", Decimal("4.200"), False, 183,
         {"standard_deviation": 0.8}),
        ("EU_TRIVSEL", 2024, 11, 4, BPG, "Bergen private gymnas AS", Decimal("4.200"), False, 184,
         {"standard_deviation": 0.8}),
    ]


def test_export_summary_counts_question_rows_and_other_owners_and_lists_unused_columns(bergen):
    s = run(EXPORT_CSV).summary
    assert s["question_rows"] == 1
    assert s["other_breakdowns"] == [["Privat eiet", 1]]
    assert {"AndelSvaralternativ1", "Sidenummer", "RaderTotalt", "GruppeKode"} <= set(s["unused_columns"])
    assert "Score" not in s["unused_columns"]


def test_export_json_stores_the_same_as_the_csv_and_reupload_changes_nothing(bergen):
    run(EXPORT_CSV)
    first = stored()
    job = run(EXPORT_JSON)
    assert job.status == ImportStatus.DONE and job.format == "pupil_survey_export", job.problems
    assert (job.summary["created"], job.summary["updated"], job.summary["unchanged"]) == (0, 0, 2)
    assert stored() == first


def test_participation_table_is_stored_beside_the_indices(bergen):
    job = run(PARTICIPATION_CSV)
    assert job.status == ImportStatus.DONE, job.problems
    vg1 = IndicatorValue.objects.get(indicator__code="EU_DELTAKELSE", grade=11)
    # the real row: 2024-25, Videregående trinn 1, AndelDeltatt 92,9, AntallBesvart 184, AntallInvitert 198
    assert (vg1.value, vg1.pupil_count, vg1.details, vg1.unit.org_number) == (Decimal("92.900"), 184,
                                                                             {"invited": 198}, BPG)
    assert IndicatorValue.objects.filter(indicator__code="EU_DELTAKELSE").count() == 3
    assert job.summary["other_breakdowns"] == [["Privat eiet", 3]]


def test_participation_indicator_is_in_the_catalogue_but_not_offered_as_an_index():
    indicator = Indicator.objects.get(code="EU_DELTAKELSE")
    assert (indicator.name, indicator.unit_label, indicator.is_shown) == ("Deltakelse i Elevundersøkelsen", "%", False)


def test_udir_names_are_data_on_the_indicator():
    assert "Støtte fra lærer" in Indicator.objects.get(code="EU_STOTTE_LAERER").udir_names
    assert "EUIndeks_1398" in Indicator.objects.get(code="EU_MOBBING").udir_names


def test_a_new_udir_name_added_in_the_admin_is_recognised(bergen, tmp_path):
    Indicator.objects.filter(code="EU_TRIVSEL").update(udir_names=["Trivsel på skolen"])
    text = EXPORT_CSV.read_text(encoding="utf-8").replace(";Trivsel;", ";Trivsel på skolen;")
    path = tmp_path / "eu.csv"
    path.write_text(text, encoding="utf-8")
    job = run(path)
    assert job.status == ImportStatus.DONE, job.problems
    assert IndicatorValue.objects.filter(indicator__code="EU_TRIVSEL").exists()


def test_the_real_trimmed_export_json_is_refused_for_its_missing_unit_columns(bergen):
    job = run(BPG_JSON)
    assert job.format == "" or job.status == ImportStatus.REJECTED
    assert norwegian(job) == ["Mangler kolonne(r): Organisasjonsnummer. Første rad må inneholde kolonnenavnene."]
    assert not IndicatorValue.objects.exists()


def test_export_tenancy_other_municipalitys_school_and_comparison_rows(bergen, tmp_path):
    text = EXPORT_CSV.read_text(encoding="utf-8")
    lines = text.splitlines()
    other = lines[1].replace(BPG, OTHER_SCHOOL)
    county = lines[1].replace(f";{BPG};", ";46;")
    mine = lines[1].replace(f";{BPG};", ";4601;")
    path = tmp_path / "eu.csv"
    path.write_text("\r\n".join([lines[0], lines[1], other, county, mine]) + "\r\n", encoding="utf-8")
    job = run(path)
    assert job.status == ImportStatus.DONE, job.problems
    assert set(IndicatorValue.objects.values_list("level", "area_code")) == {(4, BPG), (3, "4601")}
    assert (job.summary["other_schools"], job.summary["comparison_skipped"]) == (1, 1)


def _export(tmp_path, rows, name="eu.json"):
    path = tmp_path / name
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


ROW = {"Spoersmaalgruppe": "Trivsel", "Spoersmaalnavn": "Alle spørsmål", "Skoleaarnavn": "2024-25",
       "EnhetNivaa": 3, "Organisasjonsnummer": BPG, "EnhetNavn": "Bergen private gymnas AS",
       "Trinnnavn": "Videregående trinn 1", "Kjoenn": "Alle kjønn", "EierformNavn": "Alle eierformer",
       "Score": "4,2", "AntallBesvart": "184"}
EXPORT_BAD = {
    "unknown index": ({"Spoersmaalgruppe": "Kantinetilbud"},
                      "Rad 2, kolonne Spoersmaalgruppe: «Kantinetilbud» er ikke en indeks fra Elevundersøkelsen"),
    "bad year": ({"Skoleaarnavn": "2024-26"}, "Rad 2, kolonne Skoleaarnavn: «2024-26» er ikke et skoleår"),
    "all empty": ({"Score": None, "AntallBesvart": None}, "Alle målekolonnene i filen er tomme"),
    "score out of range": ({"Score": "6,1"}, "Rad 2, kolonne Score: «6,1» er utenfor 1–5"),
    "bad grade": ({"Trinnnavn": "Barnehage"}, "Rad 2, kolonne Trinnnavn: «Barnehage» er ikke et trinn"),
}


@pytest.mark.parametrize("case", EXPORT_BAD, ids=str)
def test_bad_export_rows_are_rejected_in_norwegian_and_store_nothing(bergen, tmp_path, case):
    change, words = EXPORT_BAD[case]
    job = run(_export(tmp_path, [{**ROW, **change}]))
    assert job.status == ImportStatus.REJECTED, job.summary
    assert any(text.startswith(words) for text in norwegian(job)), norwegian(job)
    assert not IndicatorValue.objects.exists()


def test_suppressed_bullying_row_is_stored_as_suppressed(bergen, tmp_path):
    row = {**ROW, "Spoersmaalgruppe": "Mobbing på skolen", "AndelMobbet": "*", "AntallBesvart": "*"}
    del row["Score"]
    job = run(_export(tmp_path, [row]))
    assert job.status == ImportStatus.DONE, job.problems
    value = IndicatorValue.objects.get()
    assert (value.indicator.code, value.suppressed, value.value, value.pupil_count) == ("EU_MOBBING", True, None, None)


def test_bullying_question_rows_are_counted_not_stored(bergen, tmp_path):
    index = {**ROW, "Spoersmaalgruppe": "Mobbing på skolen", "AndelMobbet": "2,2", "AntallBesvart": "4"}
    question = {**index, "Spoersmaalnavn": "Er du blitt mobbet av voksne på skolen de siste månedene?",
                "AndelMobbet": "*"}
    for row in (index, question):
        del row["Score"]
    job = run(_export(tmp_path, [index, question]))
    assert job.status == ImportStatus.DONE, job.problems
    assert list(IndicatorValue.objects.values_list("indicator__code", "value")) == [("EU_MOBBING", Decimal("2.200"))]
    assert job.summary["question_rows"] == 1


def test_a_json_file_that_is_not_a_list_of_rows_is_refused(bergen, tmp_path):
    path = tmp_path / "eu.json"
    path.write_text('{"rows": 3}', encoding="utf-8")
    job = run(path)
    assert job.status == ImportStatus.REJECTED
    assert "JSON" in norwegian(job)[0] and not IndicatorValue.objects.exists()


def test_a_cut_off_json_file_is_refused(bergen, tmp_path):
    path = tmp_path / "eu.json"
    path.write_bytes(EXPORT_JSON.read_bytes()[:-40])
    job = run(path)
    assert job.status == ImportStatus.REJECTED
    assert "kuttet" in norwegian(job)[0] or "avkortet" in norwegian(job)[0], norwegian(job)


def test_the_old_long_format_is_still_detected(bergen):
    municipality = core.MunicipalityFactory(number="3301", name="Drammen")
    job = run(SAMPLES / "elevundersokelsen.csv", municipality=municipality.number)
    assert job.format == "pupil_survey", job.problems


# --- the upload page ----------------------------------------------------------------------------
def test_upload_page_takes_the_export_json_and_lists_question_rows_and_owners(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import TestCase
    from django.urls import reverse

    text = EXPORT_JSON.read_text(encoding="utf-8").replace(BPG, world.school.org_number)
    client.force_login(world.users["adviser"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("indicators:import_upload"),
                               {"file": SimpleUploadedFile("eksport.json", text.encode("utf-8")), "format": ""})
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE and job.format == "pupil_survey_export", job.problems
    assert IndicatorValue.objects.filter(unit=world.school).count() == 2
    page = client.get(response.url).content.decode()
    assert "1 spørsmålsrad ble ikke lagret (portalen lagrer indeksene)." in page
    assert "Privat eiet: 1" in page and "AndelSvaralternativ1" in page


def test_wide_municipality_and_school_columns_are_found_by_name(bergen, tmp_path):
    """The layout with a municipality and a school (inferred from the real upper-secondary file)."""
    tail = "7. trinn.Alle eierformer.Begge kjønn.Prosentandel"
    headings = [f"2024-25.Hele landet.Vestland.Bergen.Alle skoler.{tail}",
                f"2024-25.Hele landet.Vestland.Bergen.Bergen private gymnas AS.{tail}",
                f"2024-25.Hele landet.Vestland.Bergen.Ukjent skole.{tail}",
                f"2024-25.Hele landet.Vestland.Kinn.Alle skoler.{tail}"]
    row = "1\t67.19.00.11\tMobbing på skolen (prosent)\t6,1\t2,2\t4,0\t7,0"
    job = run(_wide_file(tmp_path, "\t".join(headings), row))
    assert job.status == ImportStatus.DONE, job.problems
    assert sorted(IndicatorValue.objects.values_list("level", "area_code", "grade", "value")) == [
        (3, "4601", 7, Decimal("6.100")), (4, BPG, 7, Decimal("2.200"))]
    assert ["Ukjent skole", "Ukjent skole"] in job.summary["unknown_units"]
    assert job.summary["comparison_skipped"] == 1  # Kinn


def test_export_rows_for_one_gender_are_counted_not_stored(bergen, tmp_path):
    job = run(_export(tmp_path, [ROW, {**ROW, "Kjoenn": "Gutt", "Score": "4,0"},
                                 {**ROW, "Kjoenn": "Jente", "Score": "4,4"}]))
    assert job.status == ImportStatus.DONE, job.problems
    assert list(IndicatorValue.objects.values_list("value", flat=True)) == [Decimal("4.200")]
    assert job.summary["other_breakdowns"] == [["Gutt", 1], ["Jente", 1]]


def test_wide_excel_copy_in_windows_1252_stores_the_same(bergen, tmp_path):
    run(WIDE, reference=True)
    first = stored()
    path = tmp_path / "mobbing-1252.csv"
    path.write_bytes(WIDE_EXCEL_CSV.read_text(encoding="utf-8-sig").encode("cp1252"))
    job = run(path, reference=True)
    assert job.status == ImportStatus.DONE, job.problems
    assert job.summary["unchanged"] == 4 and stored() == first


def test_export_csv_as_excel_saves_it_stores_the_same(bergen, tmp_path):
    """Windows-1252 `;` CSV, and XLSX with the numbers as numbers (4,2 → 4.2, 988602671 as a number)."""
    import csv

    from openpyxl import Workbook

    run(EXPORT_CSV)
    first = stored()
    text = EXPORT_CSV.read_text(encoding="utf-8")
    cp1252 = tmp_path / "eksport-1252.csv"
    cp1252.write_bytes(text.encode("cp1252"))
    workbook = Workbook()
    for number, row in enumerate(csv.reader(text.splitlines(), delimiter=";")):
        workbook.active.append([float(c.replace(",", ".")) if number and c.replace(",", "").isdigit() else c
                                for c in row])
    xlsx = tmp_path / "eksport.xlsx"
    workbook.save(xlsx)
    for copy in (cp1252, xlsx):
        job = run(copy)
        assert job.status == ImportStatus.DONE, (copy.name, job.problems)
        assert job.summary["unchanged"] == 2 and stored() == first, copy.name


def test_an_export_rows_school_of_another_municipality_is_counted_not_listed(bergen, tmp_path):
    row = {**ROW, "EnhetNivaa": 4, "Kommunekode": "4602", "Kommune": "Kinn", "Organisasjonsnummer": "974589095",
           "EnhetNavn": "Skole i Kinn", "Trinnnavn": "7. trinn"}
    job = run(_export(tmp_path, [row]))
    assert (job.summary["other_schools"], job.summary["unknown_units"]) == (1, [])
