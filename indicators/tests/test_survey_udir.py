"""What the survey formats share (importing/formats/survey_udir.py): survey_unit, the unit of a long Udir
survey row (the pupil survey's export and the parent survey), and survey_value, the row a survey's value is
written as (those two and the pupil survey's long format). The values are Udir's, as in docs/samples/: Akersbakken
barnehage and Bergen private gymnas AS (organisation numbers), Oslo (0301, in county 03) and the
nation «I»; Excel's copies drop the leading zeros (301, 3)."""
from decimal import Decimal
from types import SimpleNamespace

import pytest

from indicators.importing.formats.base import Context, RowChecker
from indicators.importing.formats.survey_udir import survey_unit, survey_value
from indicators.importing.problems import ProblemLog
from indicators.importing.values import SUPPRESSED
from indicators.models import Level

AKERSBAKKEN = "913000013"  # Akersbakken barnehage (docs/samples/foreldreundersokelsen-barnehage.csv)
BPG = "988602671"  # Bergen private gymnas AS (docs/samples/elevundersokelsen-eksport.csv)
COLUMNS = ["Nasjonaltkode", "Fylkekode", "Fylke", "Kommunekode", "Kommune", "Organisasjonsnummer", "EnhetNavn"]
#: The parent survey's and the pupil survey export's differences, as their formats pass them.
PARENT = {"blank_codes": ("0", "00"), "excel_decimals": True}
PUPIL = {"blank_codes": ("00",), "excel_decimals": False}


def unit(cells: dict, **options):
    """survey_unit of one row holding ``cells`` (the other columns empty); and the problems it gave."""
    mapping = {name: (index, name) for index, name in enumerate(COLUMNS)}
    row = [cells.get(name, "") for name in COLUMNS]
    problems = ProblemLog()
    ctx = Context(problems, indicators={}, units={}, municipalities={"0301": "Oslo", "4601": "Bergen"})
    found = survey_unit(RowChecker(row, mapping, 2, problems), ctx, **options)
    return found, [problem.msgid for problem in problems.kept]


@pytest.mark.parametrize("options", [PARENT, PUPIL])
def test_a_kindergarten_or_school_is_its_organisation_number_and_name(options):
    found, problems = unit({"Organisasjonsnummer": AKERSBAKKEN, "EnhetNavn": "Akersbakken barnehage",
                            "Kommunekode": "0301"}, **options)
    assert (found, problems) == ((Level.SCHOOL, AKERSBAKKEN, "Akersbakken barnehage"), [])


@pytest.mark.parametrize("options", [PARENT, PUPIL])
def test_a_municipality_row_is_named_by_its_kommune_column(options):
    found, _ = unit({"Organisasjonsnummer": "0301", "Kommune": "Oslo", "EnhetNavn": "Oslo kommune"}, **options)
    assert found == (Level.MUNICIPALITY, "0301", "Oslo")


@pytest.mark.parametrize("options", [PARENT, PUPIL])
def test_a_municipality_without_a_name_gets_the_portals_name(options):
    found, _ = unit({"Organisasjonsnummer": "4601"}, **options)
    assert found == (Level.MUNICIPALITY, "4601", "Bergen")


@pytest.mark.parametrize(("raw", "expected"), [("301", (Level.MUNICIPALITY, "0301", "Oslo")),
                                                ("3", (Level.COUNTY, "03", "Oslo"))])
def test_the_leading_zero_excel_dropped_from_the_organisation_number_is_put_back(raw, expected):
    found, _ = unit({"Organisasjonsnummer": raw, "Kommune": "Oslo", "Fylke": "Oslo"}, **PUPIL)
    assert found == expected


@pytest.mark.parametrize("options", [PARENT, PUPIL])
def test_a_row_without_an_organisation_number_is_the_first_area_column_filled_in(options):
    found, _ = unit({"Nasjonaltkode": "I", "Fylkekode": "46", "Fylke": "Vestland"}, **options)
    assert found == (Level.COUNTY, "46", "Vestland")


def test_an_area_column_excel_stripped_is_padded_to_its_width():
    found, _ = unit({"Nasjonaltkode": "I", "Fylkekode": "3", "Kommunekode": "301", "Kommune": "Oslo"}, **PUPIL)
    assert found == (Level.MUNICIPALITY, "0301", "Oslo")


@pytest.mark.parametrize("options", [PARENT, PUPIL])
def test_the_nation_is_called_hele_landet_whatever_the_file_says(options):
    found, _ = unit({"Nasjonaltkode": "I", "Fylkekode": "00", "Fylke": "Nasjonalt"}, **options)
    assert found == (Level.NATION, "I", "Hele landet")


def test_the_parent_survey_reads_a_kommunekode_of_0_as_none():
    found, _ = unit({"Nasjonaltkode": "I", "Kommunekode": "0", "Fylkekode": "03", "Fylke": "Oslo"}, **PARENT)
    assert found == (Level.COUNTY, "03", "Oslo")


def test_the_pupil_survey_export_reads_a_kommunekode_of_0_as_a_code():
    found, _ = unit({"Nasjonaltkode": "I", "Kommunekode": "0", "Fylkekode": "03", "Fylke": "Oslo"}, **PUPIL)
    assert found[:2] == (Level.MUNICIPALITY, "0000")


@pytest.mark.parametrize(("cells", "expected"), [
    ({"Organisasjonsnummer": f"{AKERSBAKKEN}.0", "EnhetNavn": "Akersbakken barnehage"},
     (Level.SCHOOL, AKERSBAKKEN, "Akersbakken barnehage")),
    ({"Organisasjonsnummer": "301.0", "Kommune": "Oslo"}, (Level.MUNICIPALITY, "0301", "Oslo")),
    ({"Kommunekode": "301.0", "Kommune": "Oslo"}, (Level.MUNICIPALITY, "0301", "Oslo")),
])
def test_the_parent_survey_reads_a_code_excel_wrote_as_a_decimal(cells, expected):
    found, problems = unit(cells, **PARENT)
    assert (found, problems) == (expected, [])


def test_the_pupil_survey_export_refuses_a_code_written_as_a_decimal():
    _, problems = unit({"Organisasjonsnummer": f"{BPG}.0", "EnhetNavn": "Bergen private gymnas AS"}, **PUPIL)
    assert problems == ["«%(value)s» is not an organisation number (9 digits)."]


@pytest.mark.parametrize("options", [PARENT, PUPIL])
def test_an_organisation_number_with_a_wrong_check_digit_is_refused(options):
    _, problems = unit({"Organisasjonsnummer": "913000014", "EnhetNavn": "Akersbakken barnehage"}, **options)
    assert problems == ["«%(value)s» is not a valid organisation number: the check digit is wrong."]


def written(**parts):
    """survey_value of Akersbakken's Tilfredshet 2024 (4,5 from 31 answers, deviation 0,62), with ``parts``
    changed; and the run's count of suppressed values."""
    ctx = Context(ProblemLog(), indicators={}, units={})
    values = {"indicator": SimpleNamespace(pk=7), "year": 2024, "grade": 0, "level": Level.SCHOOL,
              "code": AKERSBAKKEN, "name": "Akersbakken barnehage", "unit_id": 3, "value": Decimal("4.5"),
              "deviation": Decimal("0.62"), "answered": 31, **parts}
    return survey_value(ctx, **values), ctx.suppressed


def test_a_value_is_written_with_its_answers_and_its_deviation_in_the_details():
    row, suppressed = written()
    assert (row, suppressed) == ((7, 2024, 0, Level.SCHOOL, AKERSBAKKEN, "Akersbakken barnehage", 3, Decimal("4.500"),
                                  False, None, 31, {"standard_deviation": 0.62}), 0)


def test_a_suppressed_value_is_stored_empty_as_suppressed_and_counted():
    row, suppressed = written(value=SUPPRESSED)
    assert (row[7], row[8], suppressed) == (None, True, 1)


def test_the_suppressed_parts_are_named_in_the_details():
    row, _ = written(deviation=SUPPRESSED, answered=SUPPRESSED)
    assert (row[10], row[11]) == (None, {"suppressed": ["standard_deviation", "pupil_count"]})


def test_the_participations_number_invited_is_in_the_details():
    row, _ = written(deviation=None, invited=212)
    assert row[11] == {"invited": 212}
