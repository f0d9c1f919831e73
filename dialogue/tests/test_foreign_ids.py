"""A crafted POST (or filter) that names another municipality's adviser or region is refused with
a form error, and nothing is stored or filtered by it."""
import pytest
from django.urls import reverse

from dialogue.models import FollowUpTask

from .access import YEAR, setup

pytestmark = pytest.mark.django_db

INVALID = "Velg et gyldig valg."
NOT_AN_ADVISER = "Den ansvarlige må være rådgiver i kommunen."
TASK = {"kind": "guidance", "title": "Ny oppgave", "description": "", "due_on": f"{YEAR + 1}-04-01", "version": 0}


def test_a_task_for_an_adviser_of_another_municipality_is_refused(client, world):
    setup(world)
    client.force_login(world.user("director"))
    url = reverse("dialogue:task_create", args=[world.school.pk, YEAR])
    response = client.post(url, {**TASK, "responsible": world.user("other_adviser").pk})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"responsible"} and NOT_AN_ADVISER in errors["responsible"], errors
    assert not FollowUpTask.objects.filter(title="Ny oppgave").exists()
    client.post(url, {**TASK, "responsible": world.user("adviser").pk})  # the municipality's own adviser
    assert FollowUpTask.objects.get(title="Ny oppgave").responsible == world.user("adviser")


def test_a_task_moved_to_an_adviser_of_another_municipality_is_refused(client, world):
    task = setup(world)["tasks"]["school"]
    client.force_login(world.user("director"))
    response = client.post(reverse("dialogue:task_edit", args=[task.pk]), {
        **TASK, "title": task.title, "version": task.version, "responsible": world.user("other_adviser").pk})
    errors = response.context["form"].errors
    assert set(errors) == {"responsible"} and NOT_AN_ADVISER in errors["responsible"], errors
    task.refresh_from_db()
    assert task.responsible == world.user("adviser")


def test_the_follow_up_overview_is_not_filtered_by_an_adviser_of_another_municipality(client, world):
    setup(world)
    client.force_login(world.user("director"))
    response = client.get(reverse("dialogue:followup_overview", args=[YEAR]),
                          {"adviser": world.user("other_adviser").pk})
    form = response.context["form"]
    assert form.errors["adviser"] == ["Velg en rådgiver fra listen."]
    page = response.content.decode()
    assert "Fremmed" not in page and "Veiledning Verden Egen skole" in page


def test_the_dashboard_is_not_filtered_by_a_region_of_another_municipality(client, world):
    setup(world)
    foreign_region = world.foreign_school.region
    client.force_login(world.user("director"))
    response = client.get(reverse("dialogue:dashboard"), {"region": foreign_region.pk})
    form = response.context["form"]
    assert INVALID in form.errors["region"][0]
    page = response.content.decode()
    assert "Fremmed" not in page and "Egen skole" in page
