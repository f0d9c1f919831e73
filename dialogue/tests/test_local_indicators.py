"""Advisers add and edit local indicators; national ones are not editable here."""
import pytest
from django.urls import reverse

from indicators.models import Indicator
from laeringslop.tests import factories as f

pytestmark = pytest.mark.django_db

DATA = {"code": "lesekartlegging-2", "name": "Kartlegging i lesing 2. trinn", "area": "learning_results",
        "unit_label": "% over kritisk grense", "scale_min": "0", "scale_max": "100", "direction": "higher",
        "sort_order": "60", "is_shown": "on", "description": "", "grades_text": "2"}


def test_adviser_adds_and_edits_a_local_indicator(client):
    municipality = f.MunicipalityFactory()
    client.force_login(f.adviser(municipality))
    response = client.post(reverse("dialogue:indicator_create"), DATA)
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="lesekartlegging-2")
    assert indicator.is_local and indicator.source == "local" and indicator.grades == [2]
    response = client.post(reverse("dialogue:indicator_edit", kwargs={"pk": indicator.pk}),
                           {**DATA, "name": "Leseskjerming 2. trinn", "grades_text": "2, 3",
                            "version": indicator.version})
    indicator.refresh_from_db()
    assert indicator.name == "Leseskjerming 2. trinn" and indicator.grades == [2, 3]
    page = client.get(reverse("dialogue:indicator_edit", kwargs={"pk": indicator.pk})).content.decode()
    assert "Endringshistorikk" in page or "history" in page.lower()


def test_validation_messages(client):
    municipality = f.MunicipalityFactory()
    client.force_login(f.adviser(municipality))
    response = client.post(reverse("dialogue:indicator_create"),
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
    assert client.get(reverse("dialogue:indicator_edit", kwargs={"pk": national.pk})).status_code == 404
