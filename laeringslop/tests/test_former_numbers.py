"""Former kommunenummer (SSB's 2020 and 2024 renumberings, shipped as data): rows under a former
number are the municipality's, stored under its current number; and a school that does not take
part (a private school) has no results stored or listed."""
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from indicators.models import ImportJob, IndicatorValue, Level
from laeringslop.former_numbers import former_numbers_ensure, shipped_for, shipped_former_numbers
from laeringslop.models import FormerNumber, Municipality, Unit
from laeringslop.services import unit_participation_set

from . import factories as f

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
DRAMMEN_2023 = SAMPLES / "20260224-1157_Nasjonale_proever_5._trinn_2023-24_Drammen.csv"
DRAMMEN_2024 = SAMPLES / "20260224-1157_Nasjonale_proever_5._trinn_2024-25_Drammen.csv"
ARONSLOKKA = "975292738"
AKADEMIET = "917635595"  # a private school (Akademiet realfagsskole Drammen AS)

pytestmark = pytest.mark.django_db


def units(*paths, municipality="3301"):
    call_command("import_units", *map(str, paths), "--municipality", municipality, stdout=io.StringIO())


def national_tests(path, municipality="3301"):
    try:
        call_command("import_indicators", str(path), "--municipality", municipality, stdout=io.StringIO(),
                     stderr=io.StringIO())
    except CommandError:
        pass  # a rejected file: the job says why
    return ImportJob.objects.latest("pk")


# --- The shipped data ----------------------------------------------------------------------------
def test_the_data_file_has_drammens_2024_number_in_viken():
    assert [(r.number, r.county_number, r.last_school_year) for r in shipped_for("3301")] == [("3005", "30", 2023)]


def test_the_data_file_follows_a_municipality_through_both_reforms():
    assert sorted(r.number for r in shipped_for("3303")) == ["0604", "3006"]  # Kongsberg: 06 → 30 → 33


def test_a_former_number_is_never_a_current_number_in_the_data_file():
    rows = shipped_former_numbers()
    assert not {r.number for r in rows} & {r.current_number for r in rows}


def test_mergers_are_not_former_numbers():
    assert not [r for r in shipped_former_numbers() if r.number == "0625"]  # Nedre Eiker, merged into Drammen


# --- Setting up a municipality with its former numbers -------------------------------------------
def test_a_new_municipality_gets_its_former_numbers():
    units(DRAMMEN_2024)
    drammen = Municipality.objects.get(number="3301")
    assert list(drammen.former_numbers.values_list("number", "county_number", "last_school_year")) == [
        ("3005", "30", 2023)]


def test_schools_under_a_former_number_are_the_municipalitys():
    units(DRAMMEN_2023)
    assert Unit.objects.filter(municipality__number="3301", org_number=ARONSLOKKA).exists()


def test_the_name_under_a_former_number_loses_its_years():
    units(DRAMMEN_2023)  # Kommune = «Drammen (2020 - 2023)»
    assert Municipality.objects.get(number="3301").name == "Drammen"


def test_the_county_in_a_former_year_is_the_one_under_the_former_number():
    units(DRAMMEN_2024)
    drammen = Municipality.objects.get(number="3301")
    assert (drammen.county_number_in(2023), drammen.county_number_in(2024)) == ("30", "33")


def test_ensuring_twice_adds_nothing():
    municipality = f.MunicipalityFactory(number="3301", name="Drammen")
    former_numbers_ensure(municipality=municipality)
    assert former_numbers_ensure(municipality=municipality) == []


def test_a_former_number_that_is_another_municipalitys_number_is_refused():
    f.MunicipalityFactory(number="3005", name="Annen")
    former = FormerNumber(municipality=f.MunicipalityFactory(number="3301"), number="3005", county_number="30",
                          last_school_year=2023)
    with pytest.raises(ValidationError) as error:
        former.full_clean()
    assert error.value.error_dict["number"][0].code == "number_taken"


# --- Imports: one series ------------------------------------------------------------------------
@pytest.fixture
def drammen():
    units(DRAMMEN_2023, DRAMMEN_2024)
    return Municipality.objects.get(number="3301")


def test_the_municipality_row_under_the_former_number_is_stored_under_the_current_one(drammen):
    national_tests(DRAMMEN_2023)
    rows = set(IndicatorValue.objects.filter(level=Level.MUNICIPALITY).values_list("area_code", "area_name",
                                                                                     "school_year"))
    assert rows == {("3301", "Drammen", 2023)}


def test_both_years_make_one_series(drammen):
    national_tests(DRAMMEN_2023)
    national_tests(DRAMMEN_2024)
    years = set(IndicatorValue.objects.filter(level=Level.MUNICIPALITY, indicator__code="NPLES05")
                .values_list("area_code", "school_year"))
    assert years == {("3301", 2023), ("3301", 2024)}


def test_schools_under_the_former_number_get_their_values(drammen):
    national_tests(DRAMMEN_2023)
    assert IndicatorValue.objects.filter(unit__org_number=ARONSLOKKA, school_year=2023).exists()


def test_two_rows_of_one_year_under_two_numbers_are_a_problem(drammen, tmp_path):
    data = DRAMMEN_2023.read_bytes()
    newline = "\n".encode("utf-16-le")
    row = next(line for line in data.split(newline) if line.decode("utf-16-le").startswith("3\tI\t30\t3005"))
    twin = row.decode("utf-16-le").replace("\t3005\t3005\t", "\t3301\t3301\t").encode("utf-16-le")
    path = tmp_path / "twice.csv"
    path.write_bytes(data + twin + newline)
    job = national_tests(path)
    assert job.status == "rejected"
    assert any("the same unit, school year" in p["msgid"] for p in job.problems)
    assert not IndicatorValue.objects.exists()


# --- Not taking part (a private school) -----------------------------------------------------------
def test_an_adviser_marks_a_school_as_not_taking_part(drammen):
    school = Unit.objects.get(org_number=AKADEMIET)
    unit_participation_set(unit=school, takes_part=False, user=f.adviser(drammen))
    school.refresh_from_db()
    assert school.takes_part is False


def test_a_rector_may_not_mark_a_school(drammen):
    school = Unit.objects.get(org_number=AKADEMIET)
    with pytest.raises(PermissionDenied):
        unit_participation_set(unit=school, takes_part=False, user=f.rector(school))


def test_another_municipalitys_adviser_may_not_mark_a_school(drammen):
    school = Unit.objects.get(org_number=AKADEMIET)
    with pytest.raises(PermissionDenied):
        unit_participation_set(unit=school, takes_part=False, user=f.adviser(f.MunicipalityFactory(number="4204")))


def test_only_a_school_takes_part(drammen):
    kindergarten = f.KindergartenFactory(municipality=drammen)
    with pytest.raises(ValidationError) as error:
        unit_participation_set(unit=kindergarten, takes_part=False, user=f.adviser(drammen))
    assert error.value.code == "not_a_school"


def test_an_import_stores_nothing_for_a_school_not_taking_part(drammen):
    Unit.objects.filter(org_number=AKADEMIET).update(takes_part=False)
    job = national_tests(DRAMMEN_2024)
    assert not IndicatorValue.objects.filter(unit__org_number=AKADEMIET).exists()
    assert job.summary["not_taking_part"] == 1


def test_a_school_not_taking_part_is_not_listed_for_the_laeringsspeil(drammen):
    from dialogue.selectors.assessments import completion_status
    from dialogue.tests.factories import MirrorYearFactory

    Unit.objects.filter(org_number=AKADEMIET).update(takes_part=False)
    listed = {status.school.org_number for status in completion_status(MirrorYearFactory(municipality=drammen))}
    assert AKADEMIET not in listed and ARONSLOKKA in listed


def test_the_schools_page_marks_it_in_norwegian(client, drammen):
    school = Unit.objects.get(org_number=AKADEMIET)
    client.force_login(f.adviser(drammen))
    response = client.post(f"/enheter/{school.pk}/deltar/", {"takes_part": "0"}, follow=True)
    assert "deltar ikke i resultatene" in response.content.decode()


def test_a_new_municipality_may_not_take_another_ones_former_number():
    FormerNumber.objects.create(municipality=f.MunicipalityFactory(number="3301"), number="3005", county_number="30",
                                last_school_year=2023)
    with pytest.raises(ValidationError) as error:
        Municipality(number="3005", name="Ny").full_clean()
    assert error.value.error_dict["number"][0].code == "former_number"


# --- The admin: the municipality's administrator corrects its own former numbers ------------------
def test_the_administrator_sees_only_the_own_municipalitys_former_numbers_in_the_admin(client):
    drammen = f.MunicipalityFactory(number="3301", name="Drammen")
    kongsberg = f.MunicipalityFactory(number="3303", name="Kongsberg")
    former_numbers_ensure(municipality=drammen)
    former_numbers_ensure(municipality=kongsberg)
    client.force_login(f.user_with_role("administrator", drammen, is_staff=True))
    text = client.get("/admin/laeringslop/formernumber/").content.decode()
    assert "3005" in text and "3006" not in text


def test_the_administrator_may_not_open_another_municipalitys_former_number(client):
    drammen = f.MunicipalityFactory(number="3301", name="Drammen")
    other = former_numbers_ensure(municipality=f.MunicipalityFactory(number="3303", name="Kongsberg"))[0]
    client.force_login(f.user_with_role("administrator", drammen, is_staff=True))
    response = client.get(f"/admin/laeringslop/formernumber/{other.pk}/change/")
    assert response.status_code == 302  # the admin sends an object outside the queryset to its index


def test_a_former_number_the_administrator_removed_is_not_read_again():
    drammen = f.MunicipalityFactory(number="3301", name="Drammen")
    FormerNumber.objects.create(municipality=drammen, number="3006", county_number="30", last_school_year=2023)
    units(DRAMMEN_2023)  # Drammen's rows are under 3005, which the portal does not list for Drammen
    assert not Unit.objects.filter(municipality=drammen).exists()


# --- Excel's copies of the 2023-24 excerpt store the same ------------------------------------------
EXCEL_CSV = SAMPLES / "nasjonale-prover-statistikkbanken-drammen-2023-24-excel.csv"
EXCEL_XLSX = SAMPLES / "nasjonale-prover-statistikkbanken-drammen-2023-24.xlsx"


def stored():
    return sorted(IndicatorValue.objects.values_list("indicator__code", "school_year", "level", "area_code",
                                                     "area_name", "unit__org_number", "value", "suppressed",
                                                     "uncertainty", "pupil_count"))


@pytest.mark.parametrize("copy", [EXCEL_CSV, EXCEL_XLSX], ids=["excel-csv", "xlsx"])
def test_the_excel_copies_store_the_same_values_under_the_current_number(drammen, copy):
    national_tests(DRAMMEN_2023)
    original = stored()
    IndicatorValue.objects.all().delete()
    national_tests(copy)
    assert stored() == original and original


@pytest.mark.parametrize("copy", [EXCEL_CSV, EXCEL_XLSX], ids=["excel-csv", "xlsx"])
def test_the_excel_copies_set_up_the_same_schools(copy):
    units(copy)
    assert Unit.objects.filter(municipality__number="3301").count() == 4


def test_the_laeringsspeil_reads_both_years_as_the_municipalitys(drammen):
    from indicators.models import Indicator
    from indicators.value_table import ValueTable

    national_tests(DRAMMEN_2023)
    national_tests(DRAMMEN_2024)
    reading = Indicator.objects.get(code="NPLES05")
    table = ValueTable(indicator_ids=[reading.pk], years=[2023, 2024], schools=[], municipality_number="3301")
    assert all(table.municipality(reading.pk, 5, year).has_value for year in (2023, 2024))


def test_a_municipality_created_for_a_county_gets_its_former_numbers():
    from county.services import municipality_create

    drammen = municipality_create(number="3301", name="Drammen", county_number="33", county_name="Buskerud")
    assert list(drammen.former_numbers.values_list("number", flat=True)) == ["3005"]
