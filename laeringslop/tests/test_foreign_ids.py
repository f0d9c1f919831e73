"""The unit list's region filter offers only the municipality's regions: another municipality's
region is a form error, and the list is not filtered by it (nor shows that municipality's units)."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_region_of_another_municipality_is_refused(client, world):
    client.force_login(world.user("adviser"))
    response = client.get(reverse("unit_list"), {"region": world.foreign_school.region_id})
    form = response.context["form"]
    assert "Velg et gyldig valg." in form.errors["region"][0]
    page = response.content.decode()
    assert "Fremmed" not in page and "Egen skole" in page
    # Its own region filters.
    response = client.get(reverse("unit_list"), {"region": world.region.pk})
    assert not response.context["form"].errors
    assert sorted(u.name for u in response.context["units"]) == ["Annen skole", "Egen barnehage", "Egen skole"]
