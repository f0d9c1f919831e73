"""Foreldreundersøkelsen i barnehagen (Udir's parent survey): the sample in its three copies (CSV,
as Excel re-saves it, as a workbook), what is stored, counted and refused."""
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from indicators.importing.formats import detect
from indicators.importing.problems import Problem
from indicators.models import ImportJob, ImportStatus, IndicatorValue
from laeringslop.tests import factories as core

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
CSV = SAMPLES / "foreldreundersokelsen-barnehage.csv"
EXCEL_CSV = SAMPLES / "foreldreundersokelsen-barnehage-excel.csv"
XLSX = SAMPLES / "foreldreundersokelsen-barnehage.xlsx"
AKERSBAKKEN, AKERSLOKKA, ALLEEN, BRAGERNES = "913000013", "913000110", "913000218", "913000315"

pytestmark = pytest.mark.django_db


@pytest.fixture
def oslo():
    municipality = core.MunicipalityFactory(number="0301", name="Oslo")
    core.KindergartenFactory(municipality=municipality, org_number=AKERSBAKKEN, name="Akersbakken barnehage")
    core.KindergartenFactory(municipality=municipality, org_number=AKERSLOKKA, name="Akersløkka barnehage")
    drammen = core.MunicipalityFactory(number="3301", name="Drammen")
    core.KindergartenFactory(municipality=drammen, org_number=BRAGERNES, name="Bragernes barnehage")
    return municipality


def run(path, municipality="0301", fmt=None):
    args = [str(path), "--municipality", municipality] + (["--format", fmt] if fmt else [])
    try:
        call_command("import_indicators", *args)
    except CommandError:
        pass
    return ImportJob.objects.latest("pk")


def stored():
    return sorted(IndicatorValue.objects.values_list(
        "indicator__code", "school_year", "grade", "level", "area_code", "unit__name", "value", "suppressed",
        "pupil_count"))


def test_the_sample_is_detected_as_the_parent_survey(oslo):
    job = run(CSV)
    assert job.status == ImportStatus.DONE and job.format == "parent_survey", job.problems


def test_the_pupil_survey_export_headings_are_not_taken_for_the_parent_survey():
    assert detect(["Skoleaarnavn", "Organisasjonsnummer", "Spoersmaalgruppe", "Spoersmaalnavn", "Kjoenn",
                   "TrinnKode", "Score"]) == "pupil_survey_export"


def test_sample_stores_the_kindergartens_themes_and_the_municipality(oslo):
    run(CSV)
    values = stored()
    # Akersbakken: the eight themes of its «Alle …» rows (2023 → the kindergarten year 2023-24).
    akersbakken = [v for v in values if v[5] == "Akersbakken barnehage"]
    assert len(akersbakken) == 8
    assert ("FU_HENTING", 2023, 0, 4, AKERSBAKKEN, "Akersbakken barnehage", Decimal("4.800"), False, 31) in akersbakken
    # Oslo's own municipality row of 2018: all nine themes, e.g. Ute- og innemiljø 4,0.
    oslo_rows = [v for v in values if v[3] == 3]
    assert len(oslo_rows) == 9
    assert ("FU_UTE_INNE", 2018, 0, 3, "0301", None, Decimal("4.000"), False, None) in oslo_rows


def test_a_suppressed_theme_is_stored_as_suppressed_not_as_zero(oslo):
    run(CSV)
    row = IndicatorValue.objects.get(indicator__code="FU_TILVENNING", area_code=AKERSLOKKA)
    assert row.suppressed and row.value is None


def test_question_rows_breakdowns_and_other_municipalities_are_counted_not_stored(oslo):
    job = run(CSV)
    assert job.summary["question_rows"] == 1
    assert ["Kommunal", 1] in job.summary["other_breakdowns"]
    assert ["1-2 år", 1] in job.summary["other_breakdowns"]
    assert not IndicatorValue.objects.filter(area_code=BRAGERNES).exists()
    # Drammen's kindergarten is counted, not listed among the kindergartens missing from the portal;
    # Oslo's private Alleen barnehage, not in the portal, is listed.
    assert BRAGERNES not in str(job.summary.get("unknown_units", ""))
    assert ALLEEN in str(job.summary.get("unknown_units", ""))


@pytest.mark.parametrize("copy", [EXCEL_CSV, XLSX], ids=["excel-csv", "xlsx"])
def test_the_excel_copies_store_the_same_values(oslo, copy):
    run(CSV)
    first = stored()
    IndicatorValue.objects.all().delete()
    job = run(copy)
    assert job.status == ImportStatus.DONE, job.problems
    assert stored() == first


def test_an_unknown_theme_is_refused_naming_the_row_and_the_known_themes(oslo, tmp_path):
    bad = tmp_path / "fub.csv"
    lines = CSV.read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join([lines[0], lines[1].replace(";Tilfredshet;", ";Matglede;")]) + "\n", encoding="utf-8")
    job = run(bad)
    assert job.status == ImportStatus.REJECTED
    with translation.override("nb"):
        texts = [Problem.from_dict(p).text for p in job.problems]
    assert any("Matglede" in t and "Barnets trivsel" in t for t in texts), texts


def test_a_school_format_does_not_store_a_kindergartens_row(oslo, tmp_path):
    """The pupil-survey formats look the org number up among schools only: a kindergarten is not one."""
    long = tmp_path / "long.csv"
    long.write_text("Skoleaarnavn;EnhetNivaa;Organisasjonsnummer;EnhetNavn;Indikator;Verdi\n"
                    f"2023-24;4;{AKERSBAKKEN};Akersbakken barnehage;FU_TRIVSEL;4,7\n", encoding="utf-8")
    run(long)
    assert not IndicatorValue.objects.exists()
