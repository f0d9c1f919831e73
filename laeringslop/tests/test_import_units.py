"""Setting up a municipality from Udir's file: ``import_units`` on the real Statistikkbanken
excerpts (docs/samples), and the administrator's page (check, then confirm)."""
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from laeringslop.models import County, Municipality, Role, Unit
from laeringslop.units_import import units_import

from . import factories as f

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
REAL = SAMPLES / "20260218-1045_Nasjonale_proever_5._trinn.csv"
EXCEL_CSV = SAMPLES / "nasjonale-prover-statistikkbanken-excel.csv"
EXCEL_XLSX = SAMPLES / "nasjonale-prover-statistikkbanken.xlsx"
DRAMMEN_2023 = SAMPLES / "20260224-1157_Nasjonale_proever_5._trinn_2023-24_Drammen.csv"
DRAMMEN_2024 = SAMPLES / "20260224-1157_Nasjonale_proever_5._trinn_2024-25_Drammen.csv"
#: Kristiansand's schools in the excerpt (the file's names carry a trailing space).
KRISTIANSAND = {"974598825": "Brattbakken skole", "975271544": "Finsland skole",
                "974598469": "Hellemyr skole Kompetanse", "991156224": "Kristiansand Internasjonale skole",
                "974598582": "Vågsbygd skole"}
ARENDAL_SCHOOL = "990334021"
URL = "/enheter/fra-fil/"

pytestmark = pytest.mark.django_db


def command(*paths, municipality="4204", dry_run=False) -> str:
    out = io.StringIO()
    call_command("import_units", *map(str, paths), "--municipality", municipality,
                 *(["--dry-run"] if dry_run else []), stdout=out)
    return out.getvalue()


def schools_of(number):
    return dict(Unit.objects.filter(municipality__number=number).values_list("org_number", "name"))


# --- The command on the real file -------------------------------------------------------------
def test_creates_the_municipality_with_the_name_and_county_from_the_file():
    command(REAL)
    municipality = Municipality.objects.get(number="4204")
    assert (municipality.name, municipality.county.number, municipality.county.name) == ("Kristiansand", "42", "Agder")


def test_creates_the_municipalitys_schools_from_its_level_4_rows():
    command(REAL)
    assert schools_of("4204") == KRISTIANSAND


def test_another_municipalitys_school_in_the_file_is_not_created():
    command(REAL)
    assert not Unit.objects.filter(org_number=ARENDAL_SCHOOL).exists()


def test_new_schools_get_the_grades_of_the_tests_in_the_file():
    command(REAL)  # grade 5 only: a primary school
    assert set(Unit.objects.values_list("first_grade", "last_grade")) == {(1, 7)}


def test_the_output_lists_the_created_schools():
    out = command(REAL)
    assert "Opprettet: 5" in out and "Brattbakken skole (974598825)" in out


def test_a_second_run_changes_nothing():
    command(REAL)
    history = Unit.history.count()
    out = command(REAL)
    assert (Unit.history.count(), "Uendret: 5" in out, "Opprettet: 0" in out) == (history, True, True)


def test_a_school_with_another_name_in_the_file_is_renamed():
    municipality = f.MunicipalityFactory(number="4204", name="Kristiansand")
    school = f.SchoolFactory(municipality=municipality, org_number="974598825", name="Brattbakken barneskole")
    out = command(REAL)
    school.refresh_from_db()
    assert school.name == "Brattbakken skole"
    assert "Brattbakken barneskole → Brattbakken skole (974598825)" in out


def test_a_renamed_school_keeps_its_grades_and_its_history_says_so():
    municipality = f.MunicipalityFactory(number="4204", name="Kristiansand")
    school = f.SchoolFactory(municipality=municipality, org_number="974598825", name="Old name", first_grade=1,
                             last_grade=10)
    command(REAL)
    school.refresh_from_db()
    assert (school.first_grade, school.last_grade, school.history.first().name) == (1, 10, "Brattbakken skole")


def test_a_school_no_longer_in_the_file_is_kept_and_listed():
    municipality = f.MunicipalityFactory(number="4204", name="Kristiansand")
    gone = f.SchoolFactory(municipality=municipality, name="Nedlagt skole")
    out = command(REAL)
    assert Unit.objects.filter(pk=gone.pk).exists()
    assert f"Ikke lenger i filen (beholdt): 1\n  Nedlagt skole ({gone.org_number})" in out


def test_an_existing_municipality_keeps_its_name():
    f.MunicipalityFactory(number="4204", name="Kristiansand kommune")
    command(REAL)
    assert Municipality.objects.get(number="4204").name == "Kristiansand kommune"


def test_a_dry_run_stores_nothing():
    out = command(REAL, dry_run=True)
    assert (Municipality.objects.filter(number="4204").exists(), "Prøvekjøring" in out) == (False, True)


@pytest.mark.parametrize("path", [EXCEL_CSV, EXCEL_XLSX], ids=["excel-csv", "xlsx"])
def test_the_excel_copies_give_the_same_schools(path):
    command(path)
    assert schools_of("4204") == KRISTIANSAND


def test_several_files_at_once():
    command(DRAMMEN_2023, DRAMMEN_2024, municipality="3301")
    assert len(schools_of("3301")) == 4


def test_a_school_of_another_municipality_in_the_portal_is_a_problem_and_nothing_is_stored():
    other = f.MunicipalityFactory(number="4203", name="Arendal")
    f.SchoolFactory(municipality=other, org_number="974598825", name="Brattbakken skole")
    with pytest.raises(CommandError):
        command(REAL)
    assert not Municipality.objects.filter(number="4204").exists()


def test_a_bad_organisation_number_names_row_column_and_value(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("EnhetNivaa;Kommunekode;Organisasjonsnummer;Kommune;EnhetNavn\n"
                    "3;4204;4204;Kristiansand;Alle skoler\n4;4204;974598826;Kristiansand;Brattbakken skole\n",
                    encoding="utf-8")
    result = units_import(municipality_number="4204", paths=[path])
    assert [(p.row, p.value) for p in result.problems.kept] == [(3, "974598826")]
    assert result.problems.kept[0].text.startswith("Rad 3, kolonne Organisasjonsnummer (units.csv):")
    assert not Municipality.objects.filter(number="4204").exists()


def test_a_file_without_the_municipalitys_row_cannot_create_it(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("EnhetNivaa;Kommunekode;Organisasjonsnummer;EnhetNavn\n4;4204;974598825;Brattbakken skole\n",
                    encoding="utf-8")
    result = units_import(municipality_number="4204", paths=[path])
    assert result.problems.kept[0].params == {"number": "4204"}
    assert not Municipality.objects.exists()


def test_a_file_without_the_unit_columns_is_a_problem(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("Skoleaarnavn;Organisasjonsnummer;Indikator;Verdi\n2024-25;974598825;X;1\n", encoding="utf-8")
    result = units_import(municipality_number="4204", paths=[path])
    assert "EnhetNivaa" in result.problems.kept[0].params["columns"]


def test_a_municipality_number_must_have_four_digits():
    with pytest.raises(ValidationError) as error:
        units_import(municipality_number="420", paths=[REAL])
    assert error.value.code == "municipality_number"


def test_another_municipalitys_administrator_may_not_import():
    f.MunicipalityFactory(number="4204", name="Kristiansand")
    other = f.MunicipalityFactory(number="4203", name="Arendal")
    administrator = f.user_with_role(Role.ADMINISTRATOR, other)
    with pytest.raises(PermissionDenied):
        units_import(municipality_number="4204", paths=[REAL], user=administrator)


def test_only_a_superuser_creates_a_municipality_through_the_service():
    administrator = f.user_with_role(Role.ADMINISTRATOR, f.MunicipalityFactory(number="4203", name="Arendal"))
    with pytest.raises(PermissionDenied):
        units_import(municipality_number="4204", paths=[REAL], user=administrator)


# --- The page ----------------------------------------------------------------------------------
@pytest.fixture
def kristiansand_admin(client):
    municipality = f.MunicipalityFactory(number="4204", name="Kristiansand")
    user = f.user_with_role(Role.ADMINISTRATOR, municipality, is_staff=True)
    client.force_login(user)
    return municipality


def upload(client, path=REAL, **extra):
    with open(path, "rb") as handle:
        return client.post(URL, {"file": handle, **extra})


def test_the_check_shows_the_changes_and_stores_nothing(client, kristiansand_admin):
    response = upload(client)
    text = response.content.decode()
    assert "Endringer hvis du bekrefter" in text and "Brattbakken skole (974598825)" in text
    assert not Unit.objects.exists()


def test_confirming_stores_the_checked_file(client, kristiansand_admin):
    upload(client)
    token = client.session["laeringslop_units_import"]["token"]
    response = client.post(URL, {"confirm": token})
    assert "Skolene i Kristiansand er satt opp." in response.content.decode()
    assert schools_of("4204") == KRISTIANSAND


def test_a_confirmation_is_used_once(client, kristiansand_admin):
    upload(client)
    token = client.session["laeringslop_units_import"]["token"]
    client.post(URL, {"confirm": token})
    response = client.post(URL, {"confirm": token}, follow=True)
    assert "Den kontrollerte filen er borte" in response.content.decode()


def test_a_confirmation_with_another_token_stores_nothing(client, kristiansand_admin):
    upload(client)
    client.post(URL, {"confirm": "not-the-token"})
    assert not Unit.objects.exists()


def test_the_page_shows_a_files_problems_in_norwegian(client, kristiansand_admin, tmp_path):
    path = tmp_path / "feil.csv"
    path.write_text("EnhetNivaa;Kommunekode;Organisasjonsnummer;EnhetNavn\n4;4204;12;Skole\n", encoding="utf-8")
    text = upload(client, path).content.decode()
    assert "1 problem funnet; ingenting ble lagret." in text and "Rad 2" in text


def test_a_superuser_creates_a_municipality_on_the_page(client, tmp_path):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    upload(client, DRAMMEN_2024, municipality_number="3301")
    client.post(URL, {"confirm": client.session["laeringslop_units_import"]["token"]})
    drammen = Municipality.objects.get(number="3301")
    assert (drammen.name, drammen.county.number, County.objects.get(number="33").name) == ("Drammen", "33", "Buskerud")


def test_the_administrator_has_no_municipality_field(client, kristiansand_admin):
    response = client.get(URL)
    assert 'name="municipality_number"' not in response.content.decode()


def test_a_check_removes_files_nobody_confirmed_for_a_day(client, kristiansand_admin):
    import os
    import time

    folder = Path(settings.MEDIA_ROOT) / "units-import"
    folder.mkdir(parents=True)
    old, fresh = folder / "old.csv", folder / "fresh.csv"
    old.write_bytes(b"x")
    fresh.write_bytes(b"x")
    os.utime(old, (time.time() - 2 * 24 * 3600,) * 2)
    upload(client)
    assert (old.exists(), fresh.exists()) == (False, True)
