"""The county's demo: Buskerud with the demo municipality and Lier in «Kultur for læring», idempotent."""
import pytest
from django.core.management import call_command
from django.urls import reverse

from indicators.models import Indicator, IndicatorValue
from laeringslop.models import CountyAssignment, Municipality, User

from ..models import CountyRegion, Network, NetworkEvent, NetworkMembership

pytestmark = pytest.mark.django_db


def _counts():
    models = (Network, NetworkMembership, NetworkEvent, CountyRegion, CountyAssignment, Municipality, IndicatorValue)
    return [m.objects.count() for m in models] + [m.history.count() for m in models if hasattr(m, "history")]


def test_the_county_demo_is_there_and_seeding_twice_changes_nothing(client):
    call_command("seed_demo")
    network = Network.objects.get(name="Kultur for læring", county__number="33")
    assert network.county.name == "Buskerud"
    members = {m.municipality.number: m.region.name for m in network.memberships.select_related("municipality",
                                                                                                "region")}
    assert members == {"9901": "Midt-Buskerud", "3312": "Nedre Buskerud"}
    assert Municipality.objects.get(number="3312").units.count() == 3
    assert network.events.count() == 2
    assert IndicatorValue.objects.filter(level=3, area_code="3312").exists()
    assert IndicatorValue.objects.filter(level=2, area_code="33").exists()
    user = User.objects.get(username="statsforvalter")
    assert user.check_password("laeringslop-demo")
    assert CountyAssignment.objects.filter(user=user, county=network.county).exists()

    before = _counts()
    call_command("seed_demo")
    assert _counts() == before

    client.force_login(user)
    response = client.get(reverse("county:comparison", args=[network.pk]),
                          {"indicator": Indicator.objects.get(code="NPLES05").pk})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Lier" in text and "Elvedal kommune" in text and "Midt-Buskerud (vektet snitt)" in text
    assert len(response.context["result"].years) == 5
    assert {row.vs_county.status for row in response.context["result"].rows} <= {"better", "worse", "within",
                                                                                 "unknown"}
