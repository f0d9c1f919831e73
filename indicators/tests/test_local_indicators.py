"""Advisers add and edit local indicators; national ones are not editable here. A local indicator
belongs to one municipality: only its staff see and edit it, and only its years can choose it."""
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from dialogue.forms import MirrorYearForm
from dialogue.tests.factories import MirrorYearFactory
from indicators.local_forms import LocalIndicatorForm
from indicators.local_services import local_indicator_save
from indicators.models import Indicator
from laeringslop.tests import factories as f

pytestmark = pytest.mark.django_db

DATA = {"code": "lesekartlegging-2", "name": "Kartlegging i lesing 2. trinn", "area": "learning_results",
        "unit_label": "% over kritisk grense", "scale_min": "0", "scale_max": "100", "direction": "higher",
        "sort_order": "60", "is_shown": "on", "description": "", "grades_text": "2"}


def test_adviser_adds_and_edits_a_local_indicator(client):
    municipality = f.MunicipalityFactory()
    client.force_login(f.adviser(municipality))
    response = client.post(reverse("indicators:local_create"), DATA)
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="lesekartlegging-2")
    assert indicator.is_local and indicator.source == "local" and indicator.grades == [2]
    assert indicator.municipality == municipality
    response = client.post(reverse("indicators:local_edit", kwargs={"pk": indicator.pk}),
                           {**DATA, "name": "Leseskjerming 2. trinn", "grades_text": "2, 3",
                            "version": indicator.version})
    indicator.refresh_from_db()
    assert indicator.name == "Leseskjerming 2. trinn" and indicator.grades == [2, 3]
    page = client.get(reverse("indicators:local_edit", kwargs={"pk": indicator.pk})).content.decode()
    assert "Endringshistorikk" in page or "history" in page.lower()


def test_validation_messages(client):
    municipality = f.MunicipalityFactory()
    client.force_login(f.adviser(municipality))
    response = client.post(reverse("indicators:local_create"),
                           {**DATA, "scale_min": "10", "scale_max": "5", "grades_text": "2, 14", "code": "NPLES05"})
    errors = response.context["form"].errors
    assert set(errors) == {"scale_max", "grades_text", "code"}
    html = response.content.decode()
    assert "større enn minimum" in html
    assert errors["code"] == ["Det finnes allerede en indikator med koden «NPLES05»."]
    assert "Indikator med Kode finnes allerede" not in html


def test_national_indicator_is_not_editable(client):
    client.force_login(f.adviser(f.MunicipalityFactory()))
    national = Indicator.objects.get(code="NPLES05")
    assert client.get(reverse("indicators:local_edit", kwargs={"pk": national.pk})).status_code == 404


def _local(municipality, code="LOKAL_LES", name="Lesekartlegging"):
    return Indicator.objects.create(code=code, name=name, area="learning_results", source="local",
                                    unit_label="%", scale_min=0, scale_max=100, is_local=True,
                                    municipality=municipality)


@pytest.fixture
def a_and_b():
    a, b = f.MunicipalityFactory(number="4601"), f.MunicipalityFactory(number="4602")
    return a, b, _local(a, "LOKAL_A", "Kartlegging i Akommune"), _local(b, "LOKAL_B", "Kartlegging i Bkommune")


def test_another_municipalitys_local_indicator_is_not_found_nor_listed(client, a_and_b):
    _a, b, local_a, local_b = a_and_b
    client.force_login(f.adviser(b))
    assert client.get(reverse("indicators:local_edit", kwargs={"pk": local_a.pk})).status_code == 404
    response = client.post(reverse("indicators:local_edit", kwargs={"pk": local_a.pk}),
                           {**DATA, "code": "LOKAL_A", "version": local_a.version})
    assert response.status_code == 404
    local_a.refresh_from_db()
    assert local_a.name == "Kartlegging i Akommune"
    page = client.get(reverse("indicators:local_list")).content.decode()
    assert "Kartlegging i Bkommune" in page and "Kartlegging i Akommune" not in page
    assert "Nasjonale prøver lesing 5. trinn" in page  # the national catalogue, for everyone
    assert client.get(reverse("indicators:local_edit", kwargs={"pk": local_b.pk})).status_code == 200


def test_the_year_set_up_offers_the_national_and_its_own_local_indicators(a_and_b):
    _a, b, local_a, local_b = a_and_b
    choices = set(MirrorYearForm(instance=MirrorYearFactory(municipality=b)).fields["indicators"].queryset)
    assert local_b in choices and local_a not in choices
    assert Indicator.objects.get(code="NPLES05") in choices


def test_a_year_cannot_be_given_another_municipalitys_indicator(client, a_and_b):
    _a, b, local_a, _local_b = a_and_b
    year = MirrorYearFactory(municipality=b, school_year=2025, status="draft")
    client.force_login(f.adviser(b))
    response = client.post(reverse("dialogue:year_setup", kwargs={"year": 2025}), {
        "deadline": "2025-12-01", "indicators": [local_a.pk], "introduction": "", "version": year.version,
        "questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0"})
    assert "indicators" in response.context["form"].errors
    assert local_a not in year.indicators.all()


def test_the_service_refuses_another_municipalitys_indicator(a_and_b):
    a, b, local_a, _local_b = a_and_b
    form = LocalIndicatorForm({**DATA, "code": "LOKAL_A", "version": local_a.version}, instance=local_a)
    assert form.is_valid(), form.errors
    with pytest.raises(ValidationError) as error:
        local_indicator_save(form, municipality=b)
    assert error.value.code == "other_municipality"
    saved = local_indicator_save(form, municipality=a)
    assert saved.municipality == a and saved.name == DATA["name"]


def test_a_local_indicator_must_belong_to_a_municipality():
    indicator = Indicator(code="UTEN_KOMMUNE", name="Uten kommune", area="learning_results", source="local",
                          unit_label="%", scale_min=0, scale_max=100, is_local=True)
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "En lokal indikator hører til én kommune; en nasjonal til ingen." in error.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        indicator.save()


def test_the_old_address_leads_to_the_local_indicators(client):
    response = client.get("/dialog/indikatorer/")
    assert (response.status_code, response["Location"]) == (301, reverse("indicators:local_list"))


def test_a_local_kindergarten_indicator_has_no_grades():
    from indicators.local_forms import LocalIndicatorForm

    form = LocalIndicatorForm(data={**DATA, "applies_to": "kindergarten", "grades_text": "2"})
    assert not form.is_valid()
    assert form.errors["grades_text"] == ["En barnehageindikator har ingen trinn: la «Trinn» stå tomt."]
