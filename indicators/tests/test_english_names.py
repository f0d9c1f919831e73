"""Indicators in English: the national catalogue has English names (migration
0018_indicator_english_names), a local indicator may have one, and pages pick by the language."""
import pytest
from django.urls import reverse
from django.utils import translation

from indicators.catalogue import ENGLISH_NAMES, catalogue_rows, kindergarten_rows
from indicators.models import Indicator
from laeringslop.tests import factories as f

from .test_local_indicators import DATA

pytestmark = pytest.mark.django_db


def test_every_national_indicator_has_an_english_name_and_unit():
    national = Indicator.objects.filter(is_local=False)
    assert set(national.values_list("code", flat=True)) == {row["code"] for row in catalogue_rows() + kindergarten_rows()}
    assert not national.filter(name_en="").exists() and not national.filter(unit_label_en="").exists()
    assert national.get(code="NPLES05").name_en == ENGLISH_NAMES["NPLES05"] == "National tests: Reading 5th grade"
    assert national.get(code="EU_TRIVSEL").name_en == "Well-being at school"
    assert national.get(code="FU_TILFREDSHET").unit_label_en == "average 1–5"


def test_a_local_indicator_gets_an_optional_english_name_shown_in_english(client):
    municipality = f.MunicipalityFactory()
    client.force_login(f.adviser(municipality))
    page = client.get(reverse("indicators:local_create")).content.decode()
    assert "Navn på engelsk" in page
    client.post(reverse("indicators:local_create"), {**DATA, "name_en": "Reading screening grade 2",
                                                      "unit_label_en": "% above the critical limit"})
    client.post(reverse("indicators:local_create"), {**DATA, "code": "uten-engelsk", "name": "Uten engelsk navn"})
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("indicators:local_list")).content.decode()
    assert "Reading screening grade 2" in page and "% above the critical limit" in page
    assert "Kartlegging i lesing" not in page
    assert "Uten engelsk navn" in page  # no English name: the Norwegian one
    with translation.override("nb"):
        assert Indicator.objects.get(code=DATA["code"]).display_name == "Kartlegging i lesing 2. trinn"
