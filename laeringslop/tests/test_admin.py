import pytest
from django.urls import reverse

from laeringslop.models import Role
from laeringslop.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(world):
    return world.users["administrator"]


@pytest.mark.parametrize("model", ["municipality", "region", "unit", "user", "roleassignment"])
def test_administrator_role_manages_the_organisation_in_norwegian(client, administrator, model):
    client.force_login(administrator)
    response = client.get(reverse(f"admin:laeringslop_{model}_changelist"), {"q": "Egen"})
    assert response.status_code == 200
    assert "Læringsløp – administrasjon" in response.content.decode()


def test_admin_unit_list_filters_by_kind(client, administrator, world):
    client.force_login(administrator)
    page = client.get(reverse("admin:laeringslop_unit_changelist"), {"kind__exact": "kindergarten"}).content.decode()
    assert "Egen barnehage" in page and "Egen skole" not in page


def test_admin_can_give_a_user_the_rector_role(client, administrator, world):
    client.force_login(administrator)
    person = f.UserFactory(username="ny_rektor")
    response = client.post(reverse("admin:laeringslop_roleassignment_add"), {
        "user": person.pk, "role": Role.RECTOR, "municipality": world.municipality.pk, "unit": world.other_school.pk})
    assert response.status_code == 302
    assert person.role_assignments.get().unit == world.other_school


def test_admin_refuses_a_rector_bound_to_a_kindergarten(client, administrator, world):
    client.force_login(administrator)
    person = f.UserFactory(username="feil_rektor")
    response = client.post(reverse("admin:laeringslop_roleassignment_add"), {
        "user": person.pk, "role": Role.RECTOR, "municipality": world.municipality.pk, "unit": world.kindergarten.pk})
    assert response.status_code == 200
    assert "må knyttes til en skole" in response.content.decode()
    assert not person.role_assignments.exists()


def test_a_rector_cannot_use_the_admin(client, world):
    world.users["rector"].is_staff = True
    world.users["rector"].save()
    client.force_login(world.users["rector"])
    assert client.get(reverse("admin:laeringslop_unit_changelist")).status_code == 403
