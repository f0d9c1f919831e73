"""An import belongs to one municipality: it stores that municipality's schools and its own
municipality row; the nation's, the counties' and other municipalities' rows only a reference import
(the portal's administrator) stores. So one municipality's upload never changes what another sees."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse

from indicators.models import ImportJob, ImportStatus, Indicator, IndicatorValue
from indicators.services import import_job_create, import_job_retry
from indicators.tests.factories import LONG_HEADER_FORMAT, csv_bytes, national_row
from laeringslop.tenancy import SESSION_KEY
from laeringslop.tests import factories as core

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    """Municipalities A and B, a school and an adviser in each; A's results are stored already."""
    a = core.MunicipalityFactory(number="4601", name="Akommune")
    b = core.MunicipalityFactory(number="4602", name="Bkommune")
    school_a = core.SchoolFactory(municipality=a, name="A-skolen")
    school_b = core.SchoolFactory(municipality=b, name="B-skolen")
    les = Indicator.objects.get(code="NPLES05")
    stored = {
        "school": IndicatorValue.objects.create(indicator=les, school_year=2024, grade=5, level=4,
                                                area_code=school_a.org_number, area_name="A-skolen", unit=school_a,
                                                value=Decimal("48.3")),
        "municipality": IndicatorValue.objects.create(indicator=les, school_year=2024, grade=5, level=3,
                                                      area_code="4601", area_name="Akommune", value=Decimal("49")),
        "nation": IndicatorValue.objects.create(indicator=les, school_year=2024, grade=5, level=1, area_code="I",
                                                area_name="Hele landet", value=Decimal("50")),
    }
    return {"a": a, "b": b, "school_a": school_a, "school_b": school_b, "stored": stored,
            "adviser_a": core.adviser(a), "adviser_b": core.adviser(b)}


def _state(values):
    return {key: IndicatorValue.objects.filter(pk=v.pk).values_list("value", "area_name", "updated_at").get()
            for key, v in values.items()}


def upload(client, data, name="np.csv"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("indicators:import_upload"),
                               {"file": SimpleUploadedFile(name, data), "format": ""})
    return response, ImportJob.objects.order_by("pk").last()


def mixed_file(two, score="30"):
    """A's school, A's municipality, the county, the nation, and B's school and municipality."""
    a, b = two["school_a"], two["school_b"]
    return csv_bytes([
        national_row(a.org_number, a.name, score=score),
        national_row("4601", "Akommune", level="3", score=score),
        national_row("46", "Vestland", level="2", score=score),
        national_row("I", "Nasjonalt", level="1", score=score),
        national_row(b.org_number, b.name, score="41"),
        national_row("4602", "Bkommune", level="3", score="42"),
    ])


def test_an_adviser_of_b_cannot_change_what_a_sees(client, two):
    before = _state(two["stored"])
    client.force_login(two["adviser_b"])
    _response, job = upload(client, mixed_file(two))
    assert job.status == ImportStatus.DONE and job.municipality == two["b"] and not job.reference
    assert _state(two["stored"]) == before  # A's school, A's municipality and the nation: untouched
    assert not IndicatorValue.objects.filter(level=2).exists()
    assert IndicatorValue.objects.get(unit=two["school_b"]).value == Decimal("41")
    assert IndicatorValue.objects.get(level=3, area_code="4602").value == Decimal("42")
    s = job.summary
    assert (s["created"], s["updated"], s["other_schools"], s["comparison_skipped"]) == (2, 0, 1, 3)
    assert s["unknown_units"] == [] and s["comparison_rows"] == 1
    page = client.get(reverse("indicators:import_detail", args=[job.pk])).content.decode()
    assert "1 skole i filen hører ikke til kommunen (ikke lagret)." in page
    assert ("3 sammenligningsrader for landet, fylket og andre kommuner ble ikke lagret: "
            "de lagres bare av portalens administrator.") in page
    assert "Bkommune" in page and "A-skolen" not in page


def test_a_file_with_only_other_municipalities_stores_nothing_and_says_so(client, two):
    client.force_login(two["adviser_b"])
    a = two["school_a"]
    _response, job = upload(client, csv_bytes([national_row(a.org_number, a.name, score="30"),
                                               national_row("4601", "Akommune", level="3", score="30")]))
    assert job.status == ImportStatus.NOTHING_STORED
    page = client.get(reverse("indicators:import_detail", args=[job.pk])).content.decode()
    assert "Ingenting i filen hører til kommunen; ingenting ble lagret." in page
    assert "Ingen skoler i filen finnes i portalen" not in page
    assert IndicatorValue.objects.get(pk=two["stored"]["school"].pk).value == Decimal("48.3")


def test_a_superusers_upload_is_a_reference_import_and_still_only_the_chosen_municipalitys_schools(client, two):
    client.force_login(core.UserFactory(username="portaladmin", is_superuser=True, is_staff=True))
    session = client.session
    session[SESSION_KEY] = two["b"].pk
    session.save()
    page = client.get(reverse("indicators:import_upload")).content.decode()
    assert "Som portalens administrator lagrer du også sammenligningsverdiene" in page
    _response, job = upload(client, mixed_file(two))
    assert job.status == ImportStatus.AWAITING  # it changes stored comparison values: confirmed first
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("indicators:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.reference and job.municipality == two["b"]
    values = dict(IndicatorValue.objects.filter(level__lt=4).values_list("area_code", "value"))
    assert values == {"I": Decimal("30"), "46": Decimal("30"), "4601": Decimal("30"), "4602": Decimal("42")}
    assert IndicatorValue.objects.get(pk=two["stored"]["school"].pk).value == Decimal("48.3")  # A's school: not B's
    assert job.summary["other_schools"] == 1 and job.summary["comparison_skipped"] == 0


def test_the_upload_page_says_what_is_stored(client, two):
    client.force_login(two["adviser_b"])
    page = client.get(reverse("indicators:import_upload")).content.decode()
    assert "Resultatene lagres for skolene i Bkommune" in page
    assert "lagres bare av portalens administrator" in page


def test_a_superuser_without_a_municipality_is_asked_to_choose_one(client, two):
    client.force_login(core.UserFactory(username="portaladmin", is_superuser=True, is_staff=True))
    assert "Velg en kommune i menyen først" in client.get(reverse("indicators:import_upload")).content.decode()
    response, job = upload(client, mixed_file(two))
    assert response.status_code == 200 and job is None
    assert "Velg kommunen importen hører til." in response.content.decode()


# --- The service and the commands -----------------------------------------------------------------
def _file():
    return ContentFile(b"Skoleaarnavn;Proevekode\r\n", name="np.csv")


def test_the_service_requires_a_municipality():
    with pytest.raises(ValidationError) as error:
        import_job_create(file=_file(), name="np.csv")
    assert error.value.code == "municipality_required"


def test_only_a_superuser_asks_for_a_reference_import(two):
    with pytest.raises(ValidationError) as error:
        import_job_create(file=_file(), name="np.csv", user=two["adviser_b"], municipality=two["b"], reference=True)
    assert error.value.code == "reference_not_allowed"
    assert not import_job_create(file=_file(), name="np.csv", user=two["adviser_b"], municipality=two["b"]).reference
    admin = core.UserFactory(username="portaladmin", is_superuser=True)
    assert import_job_create(file=_file(), name="np.csv", user=admin, municipality=two["b"]).reference
    assert import_job_create(file=_file(), name="np.csv", municipality=two["b"], reference=True).reference


def test_a_job_without_a_municipality_is_not_run_again():
    job = ImportJob.objects.create(original_name="np.csv", sha256="0" * 64, created_at="2024-01-01T00:00Z",
                                   status=ImportStatus.FAILED)
    with pytest.raises(ValidationError) as error:
        import_job_retry(job=job)
    assert error.value.code == "municipality_required"


def test_the_commands_require_a_known_municipality(tmp_path, two):
    path = tmp_path / "np.csv"
    path.write_bytes(mixed_file(two))
    for command in ("import_national_tests", "import_indicators"):
        with pytest.raises(CommandError, match="Oppgi kommunen importen hører til: --municipality KOMMUNENUMMER"):
            call_command(command, str(path))
        with pytest.raises(CommandError, match="Ingen kommune i portalen har nummeret 9999."):
            call_command(command, str(path), "--municipality", "9999")
    assert not ImportJob.objects.exists()


def test_the_command_stores_the_reference_set_only_with_reference(tmp_path, two):
    before = _state(two["stored"])
    path = tmp_path / "np.csv"
    path.write_bytes(mixed_file(two))
    call_command("import_national_tests", str(path), "--municipality", "4602")
    assert _state(two["stored"]) == before and not ImportJob.objects.get().reference
    call_command("import_national_tests", str(path), "--municipality", "4602", "--reference")
    assert IndicatorValue.objects.get(pk=two["stored"]["nation"].pk).value == Decimal("30")
    assert IndicatorValue.objects.get(pk=two["stored"]["municipality"].pk).value == Decimal("30")
    assert IndicatorValue.objects.get(pk=two["stored"]["school"].pk).value == Decimal("48.3")


def test_an_import_knows_only_the_national_and_its_own_local_indicators(tmp_path, two):
    Indicator.objects.create(code="LOKAL_A", name="Lesekartlegging A", area="learning_results", source="local",
                             unit_label="%", scale_min=0, scale_max=100, is_local=True, municipality=two["a"])
    Indicator.objects.create(code="LOKAL_B", name="Lesekartlegging B", area="learning_results", source="local",
                             unit_label="%", scale_min=0, scale_max=100, is_local=True, municipality=two["b"])
    b = two["school_b"].org_number
    path = tmp_path / "lokal.csv"
    path.write_bytes(csv_bytes([["2024-25", b, "LOKAL_B", "70", ""]], header=LONG_HEADER_FORMAT))
    call_command("import_indicators", str(path), "--municipality", "4602")
    assert IndicatorValue.objects.get(indicator__code="LOKAL_B").value == Decimal("70")
    path.write_bytes(csv_bytes([["2024-25", b, "LOKAL_A", "70", ""]], header=LONG_HEADER_FORMAT))
    with pytest.raises(CommandError):
        call_command("import_indicators", str(path), "--municipality", "4602")
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportStatus.REJECTED and "not an indicator in the catalogue" in job.problems[0]["msgid"]


# --- Who sees which import -------------------------------------------------------------------------
def test_each_municipality_sees_only_its_own_imports(client, two):
    job_a = import_job_create(file=_file(), name="a.csv", user=two["adviser_a"], municipality=two["a"])
    job_b = import_job_create(file=_file(), name="b.csv", user=two["adviser_b"], municipality=two["b"])
    old = ImportJob.objects.create(original_name="gammel.csv", sha256="0" * 64, created_at="2024-01-01T00:00Z")
    client.force_login(two["adviser_a"])
    page = client.get(reverse("indicators:import_list")).content.decode()
    assert "a.csv" in page and "b.csv" not in page and "gammel.csv" not in page
    assert client.get(reverse("indicators:import_detail", args=[job_b.pk])).status_code == 404
    assert client.get(reverse("indicators:import_detail", args=[old.pk])).status_code == 404
    assert client.get(reverse("indicators:import_detail", args=[job_a.pk])).status_code == 200
    client.force_login(core.UserFactory(username="portaladmin", is_superuser=True, is_staff=True))
    page = client.get(reverse("indicators:import_list")).content.decode()
    assert "a.csv" in page and "b.csv" in page and "gammel.csv" in page
    assert client.get(reverse("indicators:import_detail", args=[old.pk])).status_code == 200
