"""The pupil survey and the simple long format share the pipeline and its guarantees."""
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from indicators.models import ImportJob, ImportStatus, IndicatorValue, ValueChange
from indicators.tests.factories import command_args, csv_bytes, schools, xlsx_bytes

pytestmark = pytest.mark.django_db

SURVEY_HEADER = ["Skoleaarnavn", "EnhetNivaa", "Organisasjonsnummer", "EnhetNavn", "TrinnKode",
                 "Spoersmaalgruppe", "Score", "Standardavvik", "AntallBesvart", "AndelMobbet"]
LONG_HEADER = ["Skoleaarnavn", "Organisasjonsnummer", "Indikator", "Verdi", "Antall"]


def run(tmp_path, data, name="fil.csv", fmt=None, reference=False):
    path = tmp_path / name
    path.write_bytes(data)
    args = command_args(path, reference=reference) + (["--format", fmt] if fmt else [])
    try:
        call_command("import_indicators", *args)
    except CommandError:
        pass
    return ImportJob.objects.latest("pk")


def test_pupil_survey_detected_and_stored(tmp_path):
    school = schools(n=1)[0]
    rows = [
        ["2024-25", "4", school.org_number, school.name, "7", "Trivsel", "4,3", "0,8", "45", ""],
        ["2024-25", "4", school.org_number, school.name, "7", "Mobbing på skolen", "", "", "45", "6,2"],
        ["2024-25", "4", school.org_number, school.name, "10", "Støtte fra lærerne", "*", "*", "*", ""],
        ["2024-25", "3", "3301", "Drammen", "7", "Trivsel", "4,2", "0,9", "1 200", ""],
    ]
    job = run(tmp_path, csv_bytes(rows, header=SURVEY_HEADER), reference=True)  # 3301: another municipality's row
    assert job.status == ImportStatus.DONE and job.format == "pupil_survey", job.problems
    trivsel = IndicatorValue.objects.get(indicator__code="EU_TRIVSEL", unit=school)
    assert (trivsel.value, trivsel.grade, trivsel.pupil_count) == (Decimal("4.3"), 7, 45)
    assert trivsel.details == {"standard_deviation": 0.8}
    assert IndicatorValue.objects.get(indicator__code="EU_MOBBING").value == Decimal("6.2")
    hidden = IndicatorValue.objects.get(indicator__code="EU_STOTTE_LAERER")
    assert hidden.suppressed and hidden.value is None and hidden.grade == 10
    assert IndicatorValue.objects.get(level=3).pupil_count == 1200
    again = run(tmp_path, csv_bytes(rows, header=SURVEY_HEADER), reference=True)
    assert again.summary["unchanged"] == 4 and again.summary["created"] == 0


@pytest.mark.parametrize("row,column", [
    (["2024-25", "4", None, "S", "7", "Trivsel", "5,5", "", "", ""], "Score"),
    (["2024-25", "4", None, "S", "7", "Ukjent indeks", "4", "", "", ""], "Spoersmaalgruppe"),
    (["2024-25", "4", None, "S", "tretten", "Trivsel", "4", "", "", ""], "TrinnKode"),
    (["2024-25", "4", None, "S", "7", "Mobbing", "", "", "", "120"], "AndelMobbet"),
    (["2024-25", "4", None, "S", "7", "Trivsel", "4", "", "-1", ""], "AntallBesvart"),
])
def test_pupil_survey_problems(tmp_path, row, column):
    school = schools(n=1)[0]
    row[2] = school.org_number
    job = run(tmp_path, csv_bytes([row], header=SURVEY_HEADER))
    assert job.status == ImportStatus.REJECTED
    assert (job.problems[0]["row"], job.problems[0]["column"]) == (2, column)
    assert not IndicatorValue.objects.exists()


def test_long_format_stores_points_and_updates_with_history(tmp_path):
    school = schools(n=1)[0]
    rows = [["2024-25", school.org_number, "GSP", "41,7", "60"], ["2024-25", "3301", "GSP", "42,1", "1 100"],
            ["2024-25", "I", "Grunnskolepoeng", "41,5", ""]]
    job = run(tmp_path, xlsx_bytes(rows, header=LONG_HEADER), name="gsp.xlsx", reference=True)
    assert job.status == ImportStatus.DONE and job.format == "long", job.problems
    value = IndicatorValue.objects.get(unit=school)
    assert (value.value, value.grade, value.level, value.area_name) == (Decimal("41.7"), 10, 4, school.name)
    assert IndicatorValue.objects.get(level=1).area_code == "I"
    rows[0][3] = "42,0"
    job = run(tmp_path, csv_bytes(rows, header=LONG_HEADER), reference=True)
    assert job.summary["updated"] == 1 and ValueChange.objects.get().new["value"] == 42.0


def test_long_format_checks_the_indicator_scale(tmp_path):
    school = schools(n=1)[0]
    job = run(tmp_path, csv_bytes([["2024-25", school.org_number, "GSP", "61", ""]], header=LONG_HEADER))
    assert job.status == ImportStatus.REJECTED
    assert job.problems[0]["column"] == "Verdi" and job.problems[0]["params"] == {"low": "0", "high": "60"}


def test_format_chosen_explicitly_must_match(tmp_path):
    school = schools(n=1)[0]
    job = run(tmp_path, csv_bytes([["2024-25", school.org_number, "GSP", "40", ""]], header=LONG_HEADER),
              fmt="pupil_survey")
    assert job.status == ImportStatus.REJECTED and "Missing column" in job.problems[0]["msgid"]
