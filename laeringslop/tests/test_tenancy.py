"""One municipality at a time: the request's municipality, the switcher, roles counted for it only."""
import pytest
from django.urls import reverse

from laeringslop.models import Role
from laeringslop.permissions import roles_of
from laeringslop.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    a = f.MunicipalityFactory(name="Asker", number="3203")
    b = f.MunicipalityFactory(name="Bærum", number="3201")
    school_a = f.SchoolFactory(municipality=a, name="Alfa skole")
    school_b = f.SchoolFactory(municipality=b, name="Beta skole")
    person = f.adviser(a, username="begge")
    person.role_assignments.create(role=Role.DIRECTOR, municipality=b)
    return {"a": a, "b": b, "school_a": school_a, "school_b": school_b, "person": person}


def _choose(client, municipality):
    return client.post(reverse("municipality_choose"), {"municipality": municipality.pk, "next": "/enheter/"})


def test_a_person_with_two_municipalities_is_asked_to_choose_first(client, two):
    client.force_login(two["person"])
    response = client.get(reverse("unit_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("municipality_choose"))
    page = client.get(response["Location"]).content.decode()
    assert "Velg kommune" in page and "Asker (3203)" in page and "Bærum (3201)" in page


def test_the_chosen_municipality_is_the_only_one_on_the_page(client, two):
    client.force_login(two["person"])
    response = _choose(client, two["a"])
    assert response["Location"] == "/enheter/"
    page = client.get(reverse("unit_list")).content.decode()
    assert "Alfa skole" in page and "Beta skole" not in page
    _choose(client, two["b"])
    page = client.get(reverse("unit_list")).content.decode()
    assert "Beta skole" in page and "Alfa skole" not in page


def test_a_role_in_the_other_municipality_does_not_count(client, two):
    client.force_login(two["person"])
    _choose(client, two["a"])  # adviser in Asker, director only in Bærum
    response = client.get(reverse("unit_detail", args=[two["school_b"].pk]))
    assert response.status_code == 404


def test_choosing_a_municipality_one_has_no_role_in_is_refused(client, two):
    stranger = f.MunicipalityFactory(name="Lier", number="3312")
    client.force_login(two["person"])
    assert client.post(reverse("municipality_choose"), {"municipality": stranger.pk}).status_code == 404


def test_the_menu_shows_the_municipality_and_the_switch(client, two):
    client.force_login(two["person"])
    _choose(client, two["b"])
    page = client.get(reverse("home")).content.decode()
    assert "Bærum" in page and "(bytt)" in page


def test_a_person_with_one_municipality_works_in_it_without_choosing(client, two):
    client.force_login(f.adviser(two["a"], username="en"))
    assert client.get(reverse("unit_list")).status_code == 200


def test_outside_a_request_every_role_counts(two):
    assert roles_of(two["person"]).staff_municipality_ids == {two["a"].pk, two["b"].pk}


def test_an_upload_belongs_to_the_chosen_municipality(client, two):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from indicators.models import ImportJob

    client.force_login(two["person"])
    _choose(client, two["b"])
    client.post(reverse("indicators:import_upload"),
                {"file": SimpleUploadedFile("np.csv", b"Skoleaarnavn;Organisasjonsnummer\r\n"), "format": ""})
    assert ImportJob.objects.get().municipality == two["b"]


def test_group_work_in_the_other_municipality_does_not_show(client, two):
    from datetime import date

    from milestones.models import Milestone
    from projects.models import GroupMembership, ProjectGroup, QualityPlan

    plan = QualityPlan.objects.create(municipality=two["b"], name="Bærums kvalitetsplan", start_year=2024,
                                      end_year=2028)
    group = ProjectGroup.objects.create(plan=plan, name="Bærums lesegruppe", kind="project")
    GroupMembership.objects.create(group=group, user=two["person"], start_date=date(2024, 1, 1))
    Milestone.objects.create(plan=plan, title="Bærums milepæl", due_date=date(2026, 12, 20),
                             responsible_group=group)
    client.force_login(two["person"])
    _choose(client, two["a"])
    assert "Bærums milepæl" not in client.get(reverse("milestones:mine")).content.decode()
    assert "Bærums kvalitetsplan" not in client.get(reverse("projects:plan_list")).content.decode()
    _choose(client, two["b"])
    assert "Bærums milepæl" in client.get(reverse("milestones:mine")).content.decode()


def test_the_home_page_names_the_roles_of_the_chosen_municipality(client, two):
    client.force_login(two["person"])
    _choose(client, two["a"])
    page = client.get(reverse("home")).content.decode()
    assert "Rådgiver" in page and "Utdanningsdirektør" not in page


def test_before_choosing_no_group_work_counts(two):
    from datetime import date

    from django.test import RequestFactory

    from laeringslop.tenancy import TenantMiddleware
    from projects.models import GroupMembership, ProjectGroup, QualityPlan
    from projects.permissions import memberships_of

    plan = QualityPlan.objects.create(municipality=two["b"], name="Plan", start_year=2024, end_year=2028)
    group = ProjectGroup.objects.create(plan=plan, name="Gruppe", kind="project")
    GroupMembership.objects.create(group=group, user=two["person"], start_date=date(2024, 1, 1))
    request = RequestFactory().post("/prosjekter/")
    request.user, request.session = two["person"], {}
    TenantMiddleware(lambda r: None)(request)  # several municipalities, none chosen: a POST is not redirected
    assert request.municipality is None
    assert not memberships_of(two["person"]).group_ids
